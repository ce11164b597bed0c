#include "PipedriveFaultInjector.h"

namespace {
struct KindName
{
    PipedriveFaultInjector::Kind kind;
    const char *name;
};

const KindName KindNames[] = {
    {PipedriveFaultInjector::Kind::ServerError, "server_error"},
    {PipedriveFaultInjector::Kind::Hang, "hang"},
    {PipedriveFaultInjector::Kind::Reset, "reset"},
    {PipedriveFaultInjector::Kind::Truncate, "truncate"},
    {PipedriveFaultInjector::Kind::NonJson, "non_json"},
    {PipedriveFaultInjector::Kind::ApplyThenHang, "apply_then_hang"},
    {PipedriveFaultInjector::Kind::ApplyThenReset, "apply_then_reset"},
    {PipedriveFaultInjector::Kind::PaymentRequired, "payment_required"},
    {PipedriveFaultInjector::Kind::FeatureCapping, "feature_capping"},
};
} // namespace

bool PipedriveFaultInjector::kindFromName(const QString &name, Kind *kind)
{
    for (const auto &k : KindNames) {
        if (name == QLatin1String(k.name)) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

QString PipedriveFaultInjector::kindName(Kind kind)
{
    for (const auto &k : KindNames) {
        if (k.kind == kind) {
            return QString::fromLatin1(k.name);
        }
    }
    return {};
}

void PipedriveFaultInjector::add(const Rule &rule)
{
    // Our own conversion: Qt's wildcard syntax stops `*` at a slash, but "/api/v2/deals*" must cover "/deals/7".
    const QString pattern = rule.pathPattern.isEmpty() ? QStringLiteral("*") : rule.pathPattern;
    QString regex = QRegularExpression::escape(pattern);
    regex.replace(QLatin1String("\\*"), QLatin1String(".*"));
    Entry e{rule, QRegularExpression(QLatin1Char('^') + regex + QLatin1Char('$'))};
    m_rules.append(e);
}

std::optional<PipedriveFaultInjector::Rule> PipedriveFaultInjector::match(const QByteArray &method, const QString &path)
{
    for (int i = 0; i < m_rules.size(); ++i) {
        Entry &e = m_rules[i];
        if (e.rule.remaining == 0) {
            continue;
        }
        if (!e.rule.method.isEmpty() && e.rule.method.compare(method, Qt::CaseInsensitive) != 0) {
            continue;
        }
        if (!e.regex.match(path).hasMatch()) {
            continue;
        }
        if (e.rule.probability < 1.0 && m_random.generateDouble() >= e.rule.probability) {
            continue;
        }
        if (e.rule.remaining > 0) {
            --e.rule.remaining;
        }
        return e.rule;
    }
    return std::nullopt;
}

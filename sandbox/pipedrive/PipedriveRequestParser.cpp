#include "PipedriveRequestParser.h"

#include <QJsonDocument>
#include <QRegularExpression>

bool PipedriveRequestParser::parseId(const QString &text, qint64 *id)
{
    static const QRegularExpression re(QStringLiteral("^[1-9][0-9]{0,17}$"));
    if (!re.match(text).hasMatch()) {
        return false;
    }
    *id = text.toLongLong();
    return true;
}

bool PipedriveRequestParser::optionalInt(const QUrlQuery &q, const char *name, qint64 *value, bool *present,
                                         QString *error)
{
    *present = q.hasQueryItem(QLatin1String(name));
    if (!*present) {
        return true;
    }
    if (!parseId(q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded), value)) {
        *error = QStringLiteral("Parameter %1 must be a positive integer").arg(QLatin1String(name));
        return false;
    }
    return true;
}

bool PipedriveRequestParser::parseBool(const QUrlQuery &q, const char *name, bool *value, QString *error)
{
    *value = false;
    if (!q.hasQueryItem(QLatin1String(name))) {
        return true;
    }
    const QString v = q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    if (v != QLatin1String("true") && v != QLatin1String("false")) {
        *error = QStringLiteral("Parameter %1 must be true or false").arg(QLatin1String(name));
        return false;
    }
    *value = v == QLatin1String("true");
    return true;
}

QJsonObject PipedriveRequestParser::parseBody(const SimRequest &request, QString *error)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("The request body must be a JSON object");
        return {};
    }
    return doc.object();
}

#include "OstendoDateParser.h"

#include <QRegularExpression>

namespace {
struct Parsed
{
    QDate date;
    QTime time; // midnight when the text had no time
    int offsetSecs = 0;
    bool hasOffset = false;
};

std::optional<QTime> makeTime(int hour, int minute, int second, int msec)
{
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    return QTime(hour, minute, second, msec);
}

std::optional<Parsed> parseLocale(const QString &text, OstendoDateParser::DateOrder order)
{
    // d/MM/yyyy [h:mm[:ss] [a.m.|p.m.]]: the NZ Windows locale, the only one seen on Ostendo servers.
    static const QRegularExpression re(
        QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})"
                       "(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([ap])\\.?\\s*m\\.?)?)?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    Parsed p;
    const bool dayFirst = order == OstendoDateParser::DateOrder::DayFirst;
    const int day = m.captured(dayFirst ? 1 : 2).toInt();
    const int month = m.captured(dayFirst ? 2 : 1).toInt();
    p.date = QDate(m.captured(3).toInt(), month, day);
    if (!p.date.isValid()) {
        return std::nullopt;
    }
    p.time = QTime(0, 0);
    if (m.hasCaptured(4)) {
        int hour = m.captured(4).toInt();
        const QString marker = m.captured(7).toLower();
        if (!marker.isEmpty()) {
            if (hour < 1 || hour > 12) {
                return std::nullopt;
            }
            hour = hour % 12 + (marker == QLatin1String("p") ? 12 : 0);
        }
        const auto time = makeTime(hour, m.captured(5).toInt(), m.hasCaptured(6) ? m.captured(6).toInt() : 0, 0);
        if (!time) {
            return std::nullopt;
        }
        p.time = *time;
    }
    return p;
}

std::optional<Parsed> parseIso(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})"
                       "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?)?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    Parsed p;
    p.date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!p.date.isValid()) {
        return std::nullopt;
    }
    p.time = QTime(0, 0);
    if (m.hasCaptured(4)) {
        const int msec = m.hasCaptured(7) ? m.captured(7).left(3).leftJustified(3, QLatin1Char('0')).toInt() : 0;
        const auto time =
            makeTime(m.captured(4).toInt(), m.captured(5).toInt(), m.hasCaptured(6) ? m.captured(6).toInt() : 0, msec);
        if (!time) {
            return std::nullopt;
        }
        p.time = *time;
        const QString zone = m.captured(8);
        if (!zone.isEmpty()) {
            p.hasOffset = true;
            if (zone.compare(QLatin1String("Z"), Qt::CaseInsensitive) != 0) {
                QString digits = zone.mid(1);
                digits.remove(QLatin1Char(':'));
                const int hours = digits.left(2).toInt();
                const int minutes = digits.mid(2, 2).toInt();
                // Real offsets stop at +-14:00, and so does QTimeZone: +14:10 must be refused here, or parseDate
                // would accept text that parseTimestamp refuses.
                if (minutes > 59 || hours * 60 + minutes > 14 * 60) {
                    return std::nullopt;
                }
                p.offsetSecs = (zone.startsWith(QLatin1Char('-')) ? -1 : 1) * (hours * 3600 + minutes * 60);
            }
        }
    }
    return p;
}

std::optional<Parsed> parseAny(const QString &raw, OstendoDateParser::DateOrder order)
{
    const QString text = raw.simplified();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    if (auto p = parseIso(text)) {
        return p;
    }
    return parseLocale(text, order);
}
} // namespace

std::optional<QDateTime> OstendoDateParser::parseTimestamp(const QString &text, const QTimeZone &serverZone,
                                                           DateOrder order)
{
    const auto p = parseAny(text, order);
    if (!p) {
        return std::nullopt;
    }
    const QDateTime local =
        p->hasOffset ? QDateTime(p->date, p->time, QTimeZone(p->offsetSecs)) : QDateTime(p->date, p->time, serverZone);
    if (!local.isValid()) {
        return std::nullopt;
    }
    return local.toUTC();
}

std::optional<QDate> OstendoDateParser::parseDate(const QString &text, DateOrder order)
{
    const auto p = parseAny(text, order);
    if (!p) {
        return std::nullopt;
    }
    return p->date;
}

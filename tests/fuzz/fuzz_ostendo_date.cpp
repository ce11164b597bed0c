// Fuzzes OstendoDateParser: whatever it accepts must name one instant (or day) that survives being written back out
// in another accepted form.
#include "FuzzSupport.h"
#include "connectors/OstendoDateParser.h"

#include <QTimeZone>

namespace {
using OstendoDateParser::DateOrder;

const QTimeZone &serverZone(unsigned char selector)
{
    // Auckland has daylight saving (gaps and repeated hours); the fixed offset and UTC have none.
    static const QTimeZone zones[] = {QTimeZone(QByteArrayLiteral("Pacific/Auckland")), QTimeZone(-5 * 3600),
                                      QTimeZone::utc()};
    const QTimeZone &zone = zones[selector % 3];
    return zone.isValid() ? zone : zones[2];
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::install();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    // The first byte picks the server's settings, so the corpus can hold the same text under each of them.
    const unsigned char settings = data[0];
    const DateOrder order = (settings & 1) ? DateOrder::MonthFirst : DateOrder::DayFirst;
    const QTimeZone &zone = serverZone(settings >> 1);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const auto instant = OstendoDateParser::parseTimestamp(text, zone, order);
    const auto day = OstendoDateParser::parseDate(text, order);
    FUZZ_CHECK(!instant || day, QStringLiteral("a timestamp without a day: \"%1\"").arg(text));
    if (!instant) {
        // A wall-clock time inside a daylight-saving gap names no instant and is refused; in UTC nothing is.
        FUZZ_CHECK(!day || OstendoDateParser::parseTimestamp(text, QTimeZone::utc(), order),
                   QStringLiteral("a day that is no timestamp even in UTC: \"%1\"").arg(text));
        return 0;
    }
    FUZZ_CHECK(instant->isValid() && instant->timeSpec() == Qt::UTC, text);
    FUZZ_CHECK(day->isValid(), text);

    // The instant written as ISO with Z must read back as itself, whatever the zone and order. Only years 1..9999
    // have a four-digit form: 01/01/0001 in Auckland (local mean time, +11:39) is an instant in year 0 in UTC.
    if (instant->date().year() < 1 || instant->date().year() > 9999) {
        return 0;
    }
    const QString iso = instant->toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    const auto again = OstendoDateParser::parseTimestamp(iso, zone, order);
    FUZZ_CHECK(
        again && *again == *instant,
        QStringLiteral("\"%1\" -> %2 -> %3").arg(text, iso, again ? again->toString(Qt::ISODateWithMs) : QString()));

    // The day written in ISO and in the server's own locale order must read back as the same day.
    const QString isoDay = day->toString(QStringLiteral("yyyy-MM-dd"));
    const auto isoAgain = OstendoDateParser::parseDate(isoDay, order);
    FUZZ_CHECK(isoAgain && *isoAgain == *day, QStringLiteral("\"%1\" -> %2").arg(text, isoDay));
    const QString localeDay =
        day->toString(order == DateOrder::DayFirst ? QStringLiteral("d/MM/yyyy") : QStringLiteral("M/dd/yyyy"));
    const auto localeAgain = OstendoDateParser::parseDate(localeDay, order);
    FUZZ_CHECK(localeAgain && *localeAgain == *day, QStringLiteral("\"%1\" -> %2").arg(text, localeDay));
    return 0;
}

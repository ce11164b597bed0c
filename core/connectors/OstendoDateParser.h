// Reads the date and timestamp forms Ostendo sends (the server's Windows locale, or ISO) and turns timestamps
// into UTC using the server's time zone. Text in no known form is refused, never read as a zero date.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>
#include <optional>

namespace OstendoDateParser {
// How the server's Windows locale orders a short date: NZ/AU/UK write 19/01/2018, the US 1/19/2018.
enum class DateOrder
{
    DayFirst,
    MonthFirst
};

// Accepted: "19/01/2018 3:43:27 p.m." (also a.m./AM/pm, with or without dots), "19/01/2018 15:43:27",
// "19/01/2018 15:43", "19/01/2018", "2018-01-19T15:43:27[.zzz]", "2018-01-19 15:43:27", "2018-01-19";
// an ISO form with Z or +hh:mm is taken as that offset, every other form as wall-clock time in serverZone.
// Returns the instant in UTC, or nullopt when the text is empty, malformed or names an impossible date.
std::optional<QDateTime> parseTimestamp(const QString &text, const QTimeZone &serverZone,
                                        DateOrder order = DateOrder::DayFirst);

// The calendar date as written (no zone conversion: a due date is a day, not an instant); any form above.
std::optional<QDate> parseDate(const QString &text, DateOrder order = DateOrder::DayFirst);
} // namespace OstendoDateParser

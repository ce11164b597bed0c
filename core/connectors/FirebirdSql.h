// The one place where values become Firebird SQL text: every value sent in /sqlquery text or a condition goes
// through literal(), and every table or column name through identifier().
#pragma once

#include <QString>
#include <QVariant>
#include <optional>

namespace FirebirdSql {
// A value as a Firebird literal: text in single quotes with each quote doubled (Firebird has no backslash
// escapes, so nothing else is special); integers in decimal; doubles in their shortest exact form; QDate as
// 'yyyy-MM-dd'; QDateTime as 'yyyy-MM-dd HH:mm:ss' in its own time zone with the milliseconds dropped (callers
// convert to the server's zone first; dropping rounds down, which keeps ">=" comparisons inclusive);
// bool as 1/0; null, invalid and non-finite values as NULL.
QString literal(const QVariant &value);

// A table or column name from the mapping, upper-cased, when it is a plain Firebird identifier
// (letters, digits, _ and $, starting with a letter); nullopt for anything else, which is a configuration
// error: names are never quoted into SQL.
std::optional<QString> identifier(const QString &name);
} // namespace FirebirdSql

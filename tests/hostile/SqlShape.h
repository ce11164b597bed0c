// Reduces a SQL statement to its shape (string literals and numbers blanked) so two statements can be compared.
#pragma once

#include <QString>

namespace SqlShape {
// "SELECT A FROM T WHERE C = 'O''Brien' ROWS 1 TO 500" -> "SELECT A FROM T WHERE C = '?' ROWS 0 TO 0". An
// unterminated literal gives a shape ending in "'<unterminated>", which never equals a well-formed one.
QString of(const QString &sql);
// How many string literals the statement holds.
int literalCount(const QString &sql);
} // namespace SqlShape

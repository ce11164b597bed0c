#include "SqlShape.h"

namespace {
QString scan(const QString &sql, int *literals)
{
    QString out;
    int count = 0;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == QLatin1Char('\'')) {
            // A literal runs to the next quote that is not doubled: Firebird's only escape inside a literal.
            qsizetype j = i + 1;
            bool closed = false;
            while (j < sql.size()) {
                if (sql.at(j) == QLatin1Char('\'')) {
                    if (j + 1 < sql.size() && sql.at(j + 1) == QLatin1Char('\'')) {
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                ++j;
            }
            if (!closed) {
                out += QLatin1String("'<unterminated>");
                break;
            }
            out += QLatin1String("'?'");
            ++count;
            i = j;
        } else if (c.isDigit() && (out.isEmpty() || !out.back().isLetterOrNumber())) {
            while (i + 1 < sql.size() && (sql.at(i + 1).isDigit() || sql.at(i + 1) == QLatin1Char('.'))) {
                ++i;
            }
            out += QLatin1Char('0');
        } else {
            out += c;
        }
    }
    if (literals) {
        *literals = count;
    }
    return out;
}
} // namespace

QString SqlShape::of(const QString &sql)
{
    return scan(sql, nullptr);
}

int SqlShape::literalCount(const QString &sql)
{
    int count = 0;
    scan(sql, &count);
    return count;
}

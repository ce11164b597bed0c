#include "FirebirdSqlTranslator.h"

#include "OstendoSchema.h"

#include <QRegularExpression>

#include <optional>

namespace {
struct Token
{
    enum class Type
    {
        Word,
        QuotedIdent,
        String,
        Number,
        Symbol
    };
    Type type;
    QString text;
    int pos; // offset in the statement, for Firebird's "line, column"
};

bool isWord(const Token &t, const char *upper)
{
    return t.type == Token::Type::Word && t.text.compare(QLatin1String(upper), Qt::CaseInsensitive) == 0;
}

bool isSymbol(const Token &t, const char *symbol)
{
    return t.type == Token::Type::Symbol && t.text == QLatin1String(symbol);
}

QString position(const QString &sql, int pos)
{
    const int line = QStringView(sql).left(pos).count(QLatin1Char('\n')) + 1;
    const int lineStart = sql.lastIndexOf(QLatin1Char('\n'), pos - 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(pos - lineStart + 1);
}

QString tokenUnknown(const QString &sql, const Token &t)
{
    return FirebirdSqlTranslator::dsqlError(-104, {QStringLiteral("Token unknown - ") + position(sql, t.pos), t.text});
}

// Splits Firebird SQL into tokens; comments vanish. Returns an error message instead when the text is not SQL.
std::optional<QString> tokenize(const QString &sql, QList<Token> &out)
{
    static const QStringList twoCharSymbols = {QStringLiteral("<="), QStringLiteral(">="), QStringLiteral("<>"),
                                               QStringLiteral("!="), QStringLiteral("||"), QStringLiteral("^=")};
    const int n = sql.size();
    int i = 0;
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n')) {
                ++i;
            }
        } else if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const int end = sql.indexOf(QLatin1String("*/"), i + 2);
            if (end < 0) {
                return FirebirdSqlTranslator::dsqlError(
                    -104, {QStringLiteral("Unexpected end of command - ") + position(sql, n)});
            }
            i = end + 2;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            // '' inside a literal (or "" inside an identifier) is the escaped quote, as in Firebird and SQLite.
            const int start = i++;
            bool closed = false;
            while (i < n) {
                if (sql.at(i) == c) {
                    if (i + 1 < n && sql.at(i + 1) == c) {
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                ++i;
            }
            if (!closed) {
                return FirebirdSqlTranslator::dsqlError(
                    -104, {QStringLiteral("Unexpected end of command - ") + position(sql, n)});
            }
            out.append({c == QLatin1Char('\'') ? Token::Type::String : Token::Type::QuotedIdent,
                        sql.mid(start, i - start), start});
        } else if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && sql.at(i + 1).isDigit())) {
            const int start = i;
            while (i < n && (sql.at(i).isDigit() || sql.at(i) == QLatin1Char('.'))) {
                ++i;
            }
            if (i < n && (sql.at(i) == QLatin1Char('e') || sql.at(i) == QLatin1Char('E'))) {
                ++i;
                if (i < n && (sql.at(i) == QLatin1Char('+') || sql.at(i) == QLatin1Char('-'))) {
                    ++i;
                }
                while (i < n && sql.at(i).isDigit()) {
                    ++i;
                }
            }
            out.append({Token::Type::Number, sql.mid(start, i - start), start});
        } else if (c.isLetter() || c == QLatin1Char('_')) {
            const int start = i;
            while (i < n &&
                   (sql.at(i).isLetterOrNumber() || sql.at(i) == QLatin1Char('_') || sql.at(i) == QLatin1Char('$'))) {
                ++i;
            }
            out.append({Token::Type::Word, sql.mid(start, i - start), start});
        } else {
            const QString two = sql.mid(i, 2);
            if (twoCharSymbols.contains(two)) {
                out.append({Token::Type::Symbol, two, i});
                i += 2;
            } else if (QStringLiteral("=<>+-*/(),.").contains(c) || c == QLatin1Char(';')) {
                out.append({Token::Type::Symbol, QString(c), i});
                ++i;
            } else {
                return tokenUnknown(sql, {Token::Type::Symbol, QString(c), i});
            }
        }
    }
    return std::nullopt;
}

// Index of the ')' matching the '(' at open, or -1.
int matchingParen(const QList<Token> &tokens, int open)
{
    int depth = 0;
    for (int i = open; i < tokens.size(); ++i) {
        if (isSymbol(tokens[i], "(")) {
            ++depth;
        } else if (isSymbol(tokens[i], ")")) {
            if (--depth == 0) {
                return i;
            }
        }
    }
    return -1;
}

QString sqlString(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// Reads "n" or "(n)" at i for FIRST/SKIP/ROWS; advances i past it.
std::optional<qint64> readCount(const QList<Token> &tokens, int &i)
{
    bool paren = false;
    if (i < tokens.size() && isSymbol(tokens[i], "(")) {
        paren = true;
        ++i;
    }
    if (i >= tokens.size() || tokens[i].type != Token::Type::Number) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = tokens[i].text.toLongLong(&ok);
    if (!ok || value < 0) {
        return std::nullopt;
    }
    ++i;
    if (paren) {
        if (i >= tokens.size() || !isSymbol(tokens[i], ")")) {
            return std::nullopt;
        }
        ++i;
    }
    return value;
}

// Timestamps are stored as "yyyy-MM-dd HH:mm:ss" text and compared as text, so a literal written another way
// Firebird accepts ("9:05", ".0000") is rewritten to that form. An ISO 'T' separator, which Firebird refuses
// and text comparison would silently get wrong, gives an empty string: a conversion error. Not a timestamp:
// nothing.
std::optional<QString> timestampLiteral(const QString &value)
{
    static const QRegularExpression form(
        QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})([ T])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,4})?)?$"));
    const QRegularExpressionMatch m = form.match(value);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const QDateTime dt(QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()),
                       QTime(m.captured(5).toInt(), m.captured(6).toInt(), m.captured(7).toInt()));
    if (m.captured(4) == QLatin1String("T") || !dt.isValid()) {
        return QString(QLatin1String(""));
    }
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString unquoted(const QString &quoted)
{
    return quoted.mid(1, quoted.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
}

// SQLite accepts text Firebird refuses, and a client mistake that passed here would fail on site: a string in
// double quotes (an identifier in Firebird dialect 3, which SQLite quietly reads as a string when no column has
// that name) and functions only SQLite has (IFNULL, LENGTH, PRINTF, ...). Both are refused as Firebird does.
std::optional<QString> sqliteOnly(const QString &sql, const QList<Token> &tokens)
{
    static const QStringList functions = {
        QStringLiteral("COUNT"),  QStringLiteral("SUM"),       QStringLiteral("MIN"),
        QStringLiteral("MAX"),    QStringLiteral("AVG"),       QStringLiteral("UPPER"),
        QStringLiteral("LOWER"),  QStringLiteral("TRIM"),      QStringLiteral("COALESCE"),
        QStringLiteral("NULLIF"), QStringLiteral("CAST"),      QStringLiteral("EXTRACT"),
        QStringLiteral("ABS"),    QStringLiteral("ROUND"),     QStringLiteral("REPLACE"),
        QStringLiteral("IIF"),    QStringLiteral("SUBSTRING"), QStringLiteral("CHAR_LENGTH"),
        QStringLiteral("LEFT"),   QStringLiteral("RIGHT")};
    // Words a '(' may follow that are not function calls.
    static const QStringList keywords = {
        QStringLiteral("IN"),      QStringLiteral("EXISTS"),   QStringLiteral("VALUES"),    QStringLiteral("AND"),
        QStringLiteral("OR"),      QStringLiteral("NOT"),      QStringLiteral("ON"),        QStringLiteral("WHERE"),
        QStringLiteral("SELECT"),  QStringLiteral("FROM"),     QStringLiteral("SET"),       QStringLiteral("AS"),
        QStringLiteral("BY"),      QStringLiteral("WHEN"),     QStringLiteral("THEN"),      QStringLiteral("ELSE"),
        QStringLiteral("CASE"),    QStringLiteral("ANY"),      QStringLiteral("ALL"),       QStringLiteral("SOME"),
        QStringLiteral("BETWEEN"), QStringLiteral("LIKE"),     QStringLiteral("IS"),        QStringLiteral("HAVING"),
        QStringLiteral("JOIN"),    QStringLiteral("USING"),    QStringLiteral("DISTINCT"),  QStringLiteral("UNION"),
        QStringLiteral("FIRST"),   QStringLiteral("SKIP"),     QStringLiteral("ROWS"),      QStringLiteral("TO"),
        QStringLiteral("VARCHAR"), QStringLiteral("CHAR"),     QStringLiteral("CHARACTER"), QStringLiteral("DECIMAL"),
        QStringLiteral("NUMERIC"), QStringLiteral("RETURNING")};
    QStringList aliases;
    for (int j = 0; j + 1 < tokens.size(); ++j) {
        if (isWord(tokens[j], "AS") && tokens[j + 1].type == Token::Type::QuotedIdent) {
            aliases << unquoted(tokens[j + 1].text);
        }
    }
    for (int j = 0; j < tokens.size(); ++j) {
        const Token &t = tokens[j];
        if (t.type == Token::Type::QuotedIdent) {
            // Quoted names are case-sensitive in Firebird: "customer" is not CUSTOMER.
            const QString name = unquoted(t.text);
            const bool known = name == name.toUpper() && (OstendoSchema::table(name) || OstendoSchema::anyColumn(name));
            if (!known && !aliases.contains(name)) {
                return FirebirdSqlTranslator::dsqlError(
                    -206, {QStringLiteral("Column unknown"), name, QStringLiteral("At ") + position(sql, t.pos)});
            }
        } else if (t.type == Token::Type::Word && j + 1 < tokens.size() && isSymbol(tokens[j + 1], "(")) {
            const QString word = t.text.toUpper();
            if (!functions.contains(word) && !keywords.contains(word) && !OstendoSchema::table(word)) {
                return FirebirdSqlTranslator::dsqlError(
                    -804, {QStringLiteral("Function unknown"), word, QStringLiteral("At ") + position(sql, t.pos)});
            }
        }
    }
    return std::nullopt;
}

QString strftimeFormat(const QString &part)
{
    const QString p = part.toUpper();
    if (p == QLatin1String("YEAR")) {
        return QStringLiteral("%Y");
    }
    if (p == QLatin1String("MONTH")) {
        return QStringLiteral("%m");
    }
    if (p == QLatin1String("DAY")) {
        return QStringLiteral("%d");
    }
    if (p == QLatin1String("HOUR")) {
        return QStringLiteral("%H");
    }
    if (p == QLatin1String("MINUTE")) {
        return QStringLiteral("%M");
    }
    if (p == QLatin1String("SECOND")) {
        return QStringLiteral("%S");
    }
    if (p == QLatin1String("WEEKDAY")) {
        return QStringLiteral("%w");
    }
    if (p == QLatin1String("YEARDAY")) {
        return QStringLiteral("%j");
    }
    return {};
}
} // namespace

FirebirdSqlTranslator::FirebirdSqlTranslator(const FirebirdSqlContext &context)
    : m_context(context)
{}

QString FirebirdSqlTranslator::dsqlError(int code, const QStringList &details)
{
    QStringList lines{QStringLiteral("Dynamic SQL Error"), QStringLiteral("SQL error code = %1").arg(code)};
    lines += details;
    return lines.join(QLatin1Char('\n'));
}

QString FirebirdSqlTranslator::firebirdMessageFor(const QString &sqliteError)
{
    static const QRegularExpression noTable(QStringLiteral("no such table: (?:\\w+\\.)?(\\S+)"));
    static const QRegularExpression noColumn(QStringLiteral("no such column: (\\S+)"));
    static const QRegularExpression near(QStringLiteral("near \"([^\"]*)\": syntax error"));
    QRegularExpressionMatch m = noTable.match(sqliteError);
    if (m.hasMatch()) {
        return dsqlError(-204, {QStringLiteral("Table unknown"), m.captured(1).toUpper()});
    }
    m = noColumn.match(sqliteError);
    if (m.hasMatch()) {
        return dsqlError(-206, {QStringLiteral("Column unknown"), m.captured(1).toUpper()});
    }
    m = near.match(sqliteError);
    if (m.hasMatch()) {
        return dsqlError(-104, {QStringLiteral("Token unknown"), m.captured(1)});
    }
    static const QRegularExpression noFunction(QStringLiteral("no such function: (\\S+)"));
    m = noFunction.match(sqliteError);
    if (m.hasMatch()) {
        return dsqlError(-804, {QStringLiteral("Function unknown"), m.captured(1).toUpper()});
    }
    if (sqliteError.contains(QLatin1String("CHECK constraint failed"))) {
        return QStringLiteral("arithmetic exception, numeric overflow, or string truncation\n"
                              "string right truncation");
    }
    if (sqliteError.contains(QLatin1String("UNIQUE constraint failed"))) {
        return QStringLiteral("violation of PRIMARY or UNIQUE KEY constraint");
    }
    if (sqliteError.contains(QLatin1String("incomplete input"))) {
        return dsqlError(-104, {QStringLiteral("Unexpected end of command")});
    }
    return dsqlError(-104, {sqliteError});
}

FirebirdTranslation FirebirdSqlTranslator::translate(const QString &firebirdSql) const
{
    FirebirdTranslation result;
    const QString &sql = firebirdSql;
    QList<Token> tokens;
    if (const auto error = tokenize(sql, tokens)) {
        result.error = *error;
        return result;
    }
    while (!tokens.isEmpty() && isSymbol(tokens.last(), ";")) {
        tokens.removeLast();
    }
    if (tokens.isEmpty()) {
        result.error = dsqlError(-104, {QStringLiteral("Unexpected end of command - line 1, column 1")});
        return result;
    }
    for (const Token &t : tokens) {
        // One statement per call, as Firebird's DSQL takes it: a second one is where injected SQL would start.
        if (isSymbol(t, ";") || isSymbol(t, "^=")) {
            result.error = tokenUnknown(sql, t);
            return result;
        }
        // The SQLite catalogue is the simulator's machinery, not a table of the simulated server.
        if (t.type == Token::Type::Word && t.text.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive)) {
            result.error = dsqlError(-204, {QStringLiteral("Table unknown"), t.text.toUpper()});
            return result;
        }
    }

    const Token &first = tokens.first();
    if (isWord(first, "SELECT")) {
        result.kind = FirebirdTranslation::Kind::Select;
    } else if (isWord(first, "INSERT")) {
        result.kind = FirebirdTranslation::Kind::Insert;
    } else if (isWord(first, "UPDATE")) {
        result.kind = FirebirdTranslation::Kind::Update;
    } else if (isWord(first, "DELETE")) {
        result.kind = FirebirdTranslation::Kind::Delete;
    } else {
        result.error = tokenUnknown(sql, first);
        return result;
    }
    if (const auto refused = sqliteOnly(sql, tokens)) {
        result.error = *refused;
        return result;
    }

    // Paging: FIRST n SKIP m right after SELECT, or ROWS a [TO b] as the last clause.
    std::optional<qint64> limit;
    std::optional<qint64> offset;
    if (result.kind == FirebirdTranslation::Kind::Select) {
        int i = 1;
        if (i < tokens.size() && isWord(tokens[i], "FIRST")) {
            ++i;
            limit = readCount(tokens, i);
            if (!limit) {
                result.error = tokenUnknown(sql, tokens[qMin(i, int(tokens.size()) - 1)]);
                return result;
            }
        }
        if (i < tokens.size() && isWord(tokens[i], "SKIP")) {
            ++i;
            offset = readCount(tokens, i);
            if (!offset) {
                result.error = tokenUnknown(sql, tokens[qMin(i, int(tokens.size()) - 1)]);
                return result;
            }
        }
        tokens.remove(1, i - 1);

        int depth = 0;
        for (int j = 0; j < tokens.size(); ++j) {
            if (isSymbol(tokens[j], "(")) {
                ++depth;
            } else if (isSymbol(tokens[j], ")")) {
                --depth;
            } else if (depth == 0 && isWord(tokens[j], "ROWS")) {
                if (limit || offset) {
                    result.error = tokenUnknown(sql, tokens[j]);
                    return result;
                }
                int k = j + 1;
                const auto from = readCount(tokens, k);
                std::optional<qint64> to;
                if (from && k < tokens.size() && isWord(tokens[k], "TO")) {
                    ++k;
                    to = readCount(tokens, k);
                    if (!to) {
                        result.error = tokenUnknown(sql, tokens[qMin(k, int(tokens.size()) - 1)]);
                        return result;
                    }
                }
                if (!from || k != tokens.size()) {
                    result.error = tokenUnknown(sql, tokens[qMin(k, int(tokens.size()) - 1)]);
                    return result;
                }
                if (to) {
                    // ROWS a TO b is 1-based and inclusive; ROWS 0 TO b behaves as from the first row.
                    const qint64 start = qMax<qint64>(1, *from);
                    offset = start - 1;
                    limit = qMax<qint64>(0, *to - start + 1);
                } else {
                    limit = *from;
                }
                tokens.remove(j, tokens.size() - j);
                break;
            }
        }
    }

    // The statement's table: after a top-level FROM (not EXTRACT's or a subquery's), INTO or UPDATE.
    for (int j = 0, depth = 0; j + 1 < tokens.size(); ++j) {
        if (isSymbol(tokens[j], "(")) {
            ++depth;
        } else if (isSymbol(tokens[j], ")")) {
            --depth;
        }
        if (depth == 0 &&
            (isWord(tokens[j], "FROM") || isWord(tokens[j], "INTO") || (j == 0 && isWord(tokens[j], "UPDATE"))) &&
            (tokens[j + 1].type == Token::Type::Word || tokens[j + 1].type == Token::Type::QuotedIdent)) {
            result.table = tokens[j + 1].text.toUpper().remove(QLatin1Char('"'));
            break;
        }
    }

    const QString today = m_context.nowLocal.date().toString(QStringLiteral("yyyy-MM-dd"));
    const QString now = m_context.nowLocal.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QStringList out;
    QList<int> extractCloses; // indexes of ')' that end an EXTRACT(...) and need ") AS INTEGER)"
    QList<int> skipped;       // indexes of tokens already consumed by a rewrite
    for (int j = 0; j < tokens.size(); ++j) {
        if (skipped.contains(j)) {
            continue;
        }
        const Token &t = tokens[j];
        const Token *next = j + 1 < tokens.size() ? &tokens[j + 1] : nullptr;
        if (t.type == Token::Type::String) {
            const QString value = t.text.mid(1, t.text.size() - 2).trimmed().toUpper();
            if (value == QLatin1String("NOW")) {
                out << sqlString(now);
            } else if (value == QLatin1String("TODAY")) {
                out << sqlString(today);
            } else if (value == QLatin1String("YESTERDAY")) {
                out << sqlString(m_context.nowLocal.date().addDays(-1).toString(QStringLiteral("yyyy-MM-dd")));
            } else if (value == QLatin1String("TOMORROW")) {
                out << sqlString(m_context.nowLocal.date().addDays(1).toString(QStringLiteral("yyyy-MM-dd")));
            } else if (const auto timestamp = timestampLiteral(value)) {
                if (timestamp->isEmpty()) {
                    result.error = QStringLiteral("conversion error from string \"%1\"").arg(value);
                    return result;
                }
                out << sqlString(*timestamp);
            } else {
                out << t.text;
            }
        } else if (isWord(t, "CURRENT_DATE")) {
            out << sqlString(today);
        } else if (isWord(t, "CURRENT_TIMESTAMP")) {
            out << sqlString(now);
        } else if (isWord(t, "CURRENT_TIME")) {
            out << sqlString(m_context.nowLocal.time().toString(QStringLiteral("HH:mm:ss")));
        } else if ((isWord(t, "DATE") || isWord(t, "TIMESTAMP")) && next && next->type == Token::Type::String) {
            continue; // DATE '2024-05-01' is the literal itself: SQLite keeps dates as ISO text
        } else if (isWord(t, "EXTRACT") && next && isSymbol(*next, "(") && j + 3 < tokens.size() &&
                   isWord(tokens[j + 3], "FROM")) {
            const QString format = strftimeFormat(tokens[j + 2].text);
            const int close = matchingParen(tokens, j + 1);
            if (format.isEmpty() || close < 0) {
                result.error = tokenUnknown(sql, tokens[j + 2]);
                return result;
            }
            out << QStringLiteral("CAST(strftime('%1',").arg(format);
            extractCloses << close;
            skipped << j + 1 << j + 2 << j + 3;
        } else if (isWord(t, "CAST") && next && isSymbol(*next, "(")) {
            const int close = matchingParen(tokens, j + 1);
            if (close > j + 3 && isWord(tokens[close - 2], "AS") &&
                (isWord(tokens[close - 1], "DATE") || isWord(tokens[close - 1], "TIMESTAMP"))) {
                // SQLite's CAST AS DATE would make a number of the text; its date functions keep it ISO text.
                out << (isWord(tokens[close - 1], "DATE") ? QStringLiteral("date(") : QStringLiteral("datetime("));
                skipped << j + 1 << close - 2 << close - 1;
            } else {
                out << t.text;
            }
        } else if (isWord(t, "IN") && next && isSymbol(*next, "(") && j + 2 < tokens.size() &&
                   !isWord(tokens[j + 2], "SELECT")) {
            const int close = matchingParen(tokens, j + 1);
            int members = 1;
            int depth = 0;
            for (int k = j + 1; k < close; ++k) {
                if (isSymbol(tokens[k], "(")) {
                    ++depth;
                } else if (isSymbol(tokens[k], ")")) {
                    --depth;
                } else if (depth == 1 && isSymbol(tokens[k], ",")) {
                    ++members;
                }
            }
            if (members > m_context.maxInListItems) {
                result.error = dsqlError(-901, {QStringLiteral("Too many values (more than %1) in member list to "
                                                               "match against")
                                                    .arg(m_context.maxInListItems)});
                return result;
            }
            out << t.text;
        } else if (extractCloses.contains(j)) {
            out << QStringLiteral(") AS INTEGER)");
        } else {
            out << t.text;
        }
    }

    if (result.kind == FirebirdTranslation::Kind::Update && m_context.touchModified) {
        // Where the SET list ends: the top-level WHERE, or the end of the statement.
        int setEnd = out.size();
        int depth = 0;
        bool setsModified = false;
        bool setsUser = false;
        for (int j = 0; j < out.size(); ++j) {
            if (out[j] == QLatin1String("(")) {
                ++depth;
            } else if (out[j] == QLatin1String(")")) {
                --depth;
            } else if (depth == 0 && out[j].compare(QLatin1String("WHERE"), Qt::CaseInsensitive) == 0) {
                setEnd = j;
                break;
            } else if (depth == 0 && j + 1 < out.size() && out[j + 1] == QLatin1String("=")) {
                setsModified |= out[j].compare(QLatin1String("SYSDATEMODIFIED"), Qt::CaseInsensitive) == 0;
                setsUser |= out[j].compare(QLatin1String("SYSUSERMODIFIED"), Qt::CaseInsensitive) == 0;
            }
        }
        QStringList extra;
        if (!setsModified) {
            extra << QStringLiteral(", SYSDATEMODIFIED = ") + sqlString(now);
        }
        if (!setsUser) {
            extra << QStringLiteral(", SYSUSERMODIFIED = ") + sqlString(m_context.user);
        }
        for (int k = extra.size() - 1; k >= 0; --k) {
            out.insert(setEnd, extra[k]);
        }
    }

    if (limit || offset) {
        out << QStringLiteral("LIMIT %1").arg(limit ? *limit : -1);
        if (offset) {
            out << QStringLiteral("OFFSET %1").arg(*offset);
        }
    }
    result.sql = out.join(QLatin1Char(' '));
    result.ok = true;
    return result;
}

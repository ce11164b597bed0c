// Fuzzes OstendoAnswerParser with JSON and XML bodies: rows it reads must read back the same when written out again
// in either format, and a refusal must never come with rows.
#include "FuzzSupport.h"
#include "connectors/OstendoAnswerParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

namespace {
QString describe(const QList<OstendoAnswer::Row> &rows)
{
    QJsonArray array;
    for (const OstendoAnswer::Row &row : rows) {
        QJsonObject object;
        for (auto it = row.cbegin(); it != row.cend(); ++it) {
            object.insert(it.key(), it.value());
        }
        array.append(object);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QByteArray asJson(const QList<OstendoAnswer::Row> &rows)
{
    return describe(rows).toUtf8();
}

bool isXmlName(const QString &name)
{
    if (name.isEmpty()) {
        return false;
    }
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool letter = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
        const bool other = (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-');
        if (!letter && !(i > 0 && other)) {
            return false;
        }
    }
    return !name.startsWith(QLatin1String("XML"));
}

// Lone surrogates cannot be encoded as UTF-8; any writer turns them into U+FFFD, so they cannot round-trip.
bool isWellFormedUtf16(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            return false;
        }
    }
    return true;
}

bool rowsAreWellFormed(const QList<OstendoAnswer::Row> &rows)
{
    for (const OstendoAnswer::Row &row : rows) {
        for (auto it = row.cbegin(); it != row.cend(); ++it) {
            if (!isWellFormedUtf16(it.key()) || !isWellFormedUtf16(it.value())) {
                return false;
            }
        }
    }
    return true;
}

// Text XML 1.0 can carry at all: the writer cannot express other control characters or lone surrogates.
bool isXmlText(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) {
            return false;
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate()) {
                return false;
            }
            ++i;
        } else if (QChar::isLowSurrogate(c)) {
            return false;
        }
    }
    return true;
}

// Rows in the shape the service sends: <data><customermaster><customer>..</customer>..</customermaster>..</data>.
std::optional<QByteArray> asXml(const QList<OstendoAnswer::Row> &rows)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("data"));
    for (const OstendoAnswer::Row &row : rows) {
        // A row without columns is an empty element, which is a leaf and not a row; XML cannot say "empty row".
        if (row.isEmpty()) {
            return std::nullopt;
        }
        writer.writeStartElement(QStringLiteral("row"));
        for (auto it = row.cbegin(); it != row.cend(); ++it) {
            // CR is normalised to LF by every XML reader; the service's rows never hold one in XML form.
            if (!isXmlName(it.key()) || !isXmlText(it.value()) || it.value().contains(QLatin1Char('\r'))) {
                return std::nullopt;
            }
            writer.writeTextElement(it.key().toLower(), it.value());
        }
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return out;
}

// A STATUS=error column makes an error document only at the top of an answer; inside <data> rows it stays data.
void checkRoundTrip(const QList<OstendoAnswer::Row> &rows, const QByteArray &body, const char *format)
{
    const OstendoAnswer again = OstendoAnswerParser::parse(body);
    FUZZ_CHECK(
        again.kind == OstendoAnswer::Kind::Rows,
        QStringLiteral("%1 rewrite refused: %2 for %3").arg(QLatin1String(format), again.message, describe(rows)));
    FUZZ_CHECK(again.rows == rows, QStringLiteral("%1 rewrite changed rows: %2 became %3")
                                       .arg(QLatin1String(format), describe(rows), describe(again.rows)));
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::install();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const OstendoAnswer answer = OstendoAnswerParser::parse(body);
    if (answer.kind != OstendoAnswer::Kind::Rows) {
        FUZZ_CHECK(answer.rows.isEmpty(), QStringLiteral("a refused answer came with rows"));
        FUZZ_CHECK(answer.kind == OstendoAnswer::Kind::ErrorDocument || !answer.message.isEmpty(),
                   QStringLiteral("a malformed answer says nothing about why"));
        return 0;
    }
    for (const OstendoAnswer::Row &row : answer.rows) {
        for (auto it = row.cbegin(); it != row.cend(); ++it) {
            FUZZ_CHECK(it.key() == it.key().toUpper(), QStringLiteral("column %1 is not upper case").arg(it.key()));
        }
    }
    if (!rowsAreWellFormed(answer.rows)) {
        return 0;
    }
    // Whether rows came as JSON or XML, the same rows written as JSON read back unchanged.
    checkRoundTrip(answer.rows, asJson(answer.rows), "JSON");
    if (const auto xml = asXml(answer.rows)) {
        checkRoundTrip(answer.rows, *xml, "XML");
    }
    return 0;
}

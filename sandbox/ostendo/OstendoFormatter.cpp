#include "OstendoFormatter.h"

#include "OstendoSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

#include <cmath>

namespace {
QString numberText(double value)
{
    // Integral doubles print without a fraction (48213, not 48213.0), as Ostendo's SYSUNIQUEIDs do.
    return QString::number(value, 'g', 15);
}
} // namespace

QString OstendoFormatter::localeTimestamp(const QDateTime &local)
{
    const QTime t = local.time();
    const int hour12 = t.hour() % 12 == 0 ? 12 : t.hour() % 12;
    return QStringLiteral("%1 %2:%3:%4 %5")
        .arg(localeDate(local.date()))
        .arg(hour12)
        .arg(t.minute(), 2, 10, QLatin1Char('0'))
        .arg(t.second(), 2, 10, QLatin1Char('0'))
        .arg(t.hour() < 12 ? QStringLiteral("a.m.") : QStringLiteral("p.m."));
}

QString OstendoFormatter::localeDate(const QDate &date)
{
    return date.toString(QStringLiteral("d/MM/yyyy"));
}

QVariant OstendoFormatter::presentable(const QString &column, const QVariant &value, bool forXml) const
{
    const OstendoColumn *c = OstendoSchema::anyColumn(column);
    if (!c || value.isNull() || value.typeId() != QMetaType::QString) {
        return value;
    }
    const bool locale = forXml || m_jsonDates == JsonDates::Locale;
    if (c->type == OstendoColumn::Type::Timestamp) {
        const QDateTime dt = QDateTime::fromString(value.toString(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (dt.isValid()) {
            return locale ? localeTimestamp(dt) : dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        }
    } else if (c->type == OstendoColumn::Type::Date) {
        const QDate d = QDate::fromString(value.toString(), QStringLiteral("yyyy-MM-dd"));
        if (d.isValid()) {
            return locale ? localeDate(d) : d.toString(QStringLiteral("yyyy-MM-dd"));
        }
    }
    return value;
}

QByteArray OstendoFormatter::json(const OstendoResult &result) const
{
    // Written by hand rather than through QJsonObject, which would sort the keys: Ostendo keeps the column order
    // of the query, and the number style is a setting.
    QByteArray out = "[";
    for (int r = 0; r < result.rows.size(); ++r) {
        out += r ? ",{" : "{";
        const QVariantList &row = result.rows[r];
        for (int i = 0; i < result.columns.size(); ++i) {
            if (i) {
                out += ',';
            }
            out += jsonString(result.columns[i]) + ':';
            const QVariant value = presentable(result.columns[i], row.value(i), false);
            if (value.isNull()) {
                out += "null";
            } else if (value.typeId() == QMetaType::Double || value.typeId() == QMetaType::LongLong ||
                       value.typeId() == QMetaType::Int) {
                out += jsonNumber(value.toDouble());
            } else {
                out += jsonString(value.toString());
            }
        }
        out += '}';
    }
    out += ']';
    return out;
}

QByteArray OstendoFormatter::jsonNumber(double value) const
{
    if (!std::isfinite(value)) {
        return "null";
    }
    QByteArray text = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    if (m_integralWithFraction && std::floor(value) == value && std::fabs(value) < 1e15) {
        text += ".0";
    }
    return text;
}

QByteArray OstendoFormatter::jsonString(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            escaped += QLatin1String("\\\"");
            break;
        case '\\':
            escaped += QLatin1String("\\\\");
            break;
        case '\n':
            escaped += QLatin1String("\\n");
            break;
        case '\r':
            escaped += QLatin1String("\\r");
            break;
        case '\t':
            escaped += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20) {
                escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            } else {
                escaped += c;
            }
        }
    }
    escaped += QLatin1Char('"');
    return escaped.toUtf8();
}

QByteArray OstendoFormatter::xml(const OstendoResult &result, const QString &table) const
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("response"));
    const QString rowName = table.isEmpty() ? QStringLiteral("row") : table.toLower();
    for (const QVariantList &row : result.rows) {
        writer.writeStartElement(rowName);
        for (int i = 0; i < result.columns.size(); ++i) {
            const QVariant value = presentable(result.columns[i], row.value(i), true);
            if (value.isNull()) {
                continue;
            }
            const bool number = value.typeId() == QMetaType::Double || value.typeId() == QMetaType::LongLong ||
                                value.typeId() == QMetaType::Int;
            writer.writeTextElement(result.columns[i].toLower(),
                                    number ? numberText(value.toDouble()) : value.toString());
        }
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return out;
}

QByteArray OstendoFormatter::errorDocument(const QString &message)
{
    return statusDocument(QStringLiteral("error"), message, false);
}

QByteArray OstendoFormatter::statusDocument(const QString &status, const QString &message, bool asJson)
{
    if (asJson) {
        return QJsonDocument(QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("value"), message}})
            .toJson(QJsonDocument::Compact);
    }
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("response"));
    writer.writeTextElement(QStringLiteral("status"), status);
    writer.writeTextElement(QStringLiteral("value"), message);
    writer.writeEndElement();
    writer.writeEndDocument();
    return out;
}

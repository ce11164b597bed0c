// Writes answers the way the Ostendo API Service does: JSON arrays, XML rows, locale dates, the error document.
#pragma once

#include "OstendoResult.h"

#include <QByteArray>
#include <QDateTime>

class OstendoFormatter
{
public:
    enum class JsonDates
    {
        Iso,
        Locale
    };

    void setJsonDates(JsonDates style) { m_jsonDates = style; }
    JsonDates jsonDates() const { return m_jsonDates; }

    // Integral doubles as 48213.0 (as some .NET serialisers print them) instead of 48213. Off by default, as in
    // the reference's example; on, it checks that a client does not read ids as text.
    void setIntegralDoublesWithFraction(bool on) { m_integralWithFraction = on; }
    bool integralDoublesWithFraction() const { return m_integralWithFraction; }

    // A top-level array of flat objects, UPPERCASE keys, numbers as JSON numbers, nulls as null.
    QByteArray json(const OstendoResult &result) const;
    // One element per row named after the table in lower case, lower-case children, null columns left out.
    QByteArray xml(const OstendoResult &result, const QString &table) const;

    // <response><status>error</status><value>message</value></response>, whatever format was asked for.
    static QByteArray errorDocument(const QString &message);
    // The short status answer to a write (never carrying the new row's SYSUNIQUEID).
    static QByteArray statusDocument(const QString &status, const QString &message, bool asJson);

    // NZ Windows locale: "19/01/2018 3:43:27 p.m." and "19/01/2018".
    static QString localeTimestamp(const QDateTime &local);
    static QString localeDate(const QDate &date);

private:
    QByteArray jsonNumber(double value) const;
    static QByteArray jsonString(const QString &text);
    // The stored ISO text of a DATE/TIMESTAMP column as this format prints it; other values unchanged.
    QVariant presentable(const QString &column, const QVariant &value, bool forXml) const;

    JsonDates m_jsonDates = JsonDates::Iso;
    bool m_integralWithFraction = false;
};

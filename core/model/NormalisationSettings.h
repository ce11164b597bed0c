// The policy's settings for treating formatting differences as equal (phone country, how to read dates).
#pragma once

#include <QString>

struct NormalisationSettings
{
    QString defaultCountry = QStringLiteral("NZ"); // ISO 3166 code: local phone numbers get this country's prefix
    QString countryCallingCode = QStringLiteral("64");
    bool dayFirstDates = true; // 01/03/2026 is the 1st of March, as Ostendo shows it in NZ and AU

    // The calling code for the countries TurfDrive knows; empty for an unknown country.
    static QString callingCodeFor(const QString &country);
};

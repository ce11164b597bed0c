// How to reach one Ostendo API Service: address, database, key (memory only), server clock and request limits.
#pragma once

#include "OstendoDateParser.h"

#include <QString>
#include <QTimeZone>
#include <QUrl>

struct OstendoConfig
{
    enum class Format
    {
        Json,
        Xml
    };

    QUrl baseUrl;          // scheme://host:port; resources sit at its root (a path prefix is kept if present)
    int configuration = 0; // "Config 0".."Config 9" of the service
    // The key as the user entered it: raw, or as Ostendo displays it (already percent-encoded, ending in %3D).
    // Never stored in settings; the client registers it with SecretRedactor.
    QString apiKey;
    // SYSDATEMODIFIED and every other Ostendo timestamp are wall-clock times in this zone.
    QTimeZone serverTimeZone = QTimeZone(QByteArrayLiteral("Pacific/Auckland"));
    // How the server's Windows locale writes short dates (19/01/2018 in NZ; 1/19/2018 on a US-configured server).
    OstendoDateParser::DateOrder dateOrder = OstendoDateParser::DateOrder::DayFirst;
    Format format = Format::Json;
    int readTimeoutMs = 60000;
    int writeTimeoutMs = 60000;
    int pageSize = 500;
    // Incremental reads start this far before the watermark, so edits in the same second (or a slightly
    // skewed commit order) are read again rather than missed; duplicates are harmless to the reconciler.
    int overlapSeconds = 120;
    qint64 maxReplyBytes = 64 * 1024 * 1024;
    // How dates are written into <ostendoimport> bodies (REQUIREDDATE, ORDERDATE).
    QString writeDateFormat = QStringLiteral("yyyy-MM-dd");
};

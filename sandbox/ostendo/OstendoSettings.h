// The knobs of the simulated Ostendo server whose real values are unknown or differ per site.
#pragma once

#include <QString>

struct OstendoSettings
{
    int outOfMemoryRows = 2000;              // an unfiltered GET /tabledata of a bigger table answers "Out of memory"
    int maxInListItems = 1500;               // longer IN (...) lists are rejected
    int sqlErrorStatus = 200;                // HTTP status of the error document for SQL and request errors
    int keyErrorStatus = 401;                // HTTP status of the error document for key problems
    bool touchModifiedOnSql = true;          // false: /executesql writes leave SYSDATE*/SYSUSER* alone (reference §12)
    int maxUrlLength = 16384;                // http.sys refuses longer request lines with 400 "Request Too Long"
    QString apiUser = QStringLiteral("API"); // the user the API Service writes SYSUSER* as
};

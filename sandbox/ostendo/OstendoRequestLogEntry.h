// One request the Ostendo simulator answered, as tests and the sandbox inspect it (never holding the key).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

struct OstendoRequestLogEntry
{
    QDateTime atUtc;
    QByteArray method;
    QString path;
    QString endpoint; // OstendoFaultPlan::endpointName(), or empty for an unknown resource
    int configuration = 0;
    QString table;    // tablename parameter, or the SQL statement's table
    QString format;   // "json" or "xml"
    QString sql;      // the condition or the SQL text
    QString keyLabel; // the label of the key used, when it was known
    int status = 0;   // HTTP status sent (0 when the answer was lost)
    QString outcome;  // "ok", the error message, or the fault applied
};

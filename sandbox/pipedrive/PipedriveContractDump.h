// Turns what the simulator received into a contract dump (tests/contract/validate_openapi.py reads it), so the
// request bodies a client sends can be checked against the official OpenAPI spec.
#pragma once

#include "PipedriveRequestLogEntry.h"

#include <QJsonObject>
#include <QList>
#include <QString>

class PipedriveContractDump
{
public:
    // One exchange per logged request: method, path, query, request_body (when there was a body), status and
    // token_cost. Answers are not kept in the log, so only the client's half is in it.
    static QJsonObject fromRequestLog(const QList<PipedriveRequestLogEntry> &log, const QString &producer);
    static bool write(const QString &path, const QJsonObject &dump, QString *error = nullptr);
};

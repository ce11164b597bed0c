// One request as the simulator saw it, kept so tests can assert what a client sent (headers included: a test
// checks that the API token travelled in a header and never in the URL).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

struct PipedriveRequestLogEntry
{
    qint64 atMSecs = 0;
    QByteArray method;
    QString path;
    QString query; // as received, percent-encoded
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString operation; // e.g. "getDeals"; empty when no route matched
    int tokenCost = 0; // charged to the daily budget (0 when refused before charging)
    int status = 0;
    QString fault; // the injected fault, if any
};

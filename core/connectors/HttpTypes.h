// The request and answer of the one HTTP transport seam under both connectors.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    int timeoutMs = 30000;                   // whole transfer; set per kind of request by the connector
    qint64 maxReplyBytes = 64 * 1024 * 1024; // larger answers are cut off and reported as TooLarge
};

struct HttpResponse
{
    enum class TransportError
    {
        None,            // an HTTP answer arrived (any status)
        Timeout,         // no complete answer within the request's timeout
        ConnectionReset, // the connection closed before a complete answer
        ConnectionRefused,
        HostNotFound,
        Tls, // certificate not trusted, or not the pinned one
        TooLarge,
        Cancelled,
        Other,
    };

    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    TransportError error = TransportError::None;
    QString errorString; // for people; never contains a secret

    bool isTransportError() const { return error != TransportError::None; }
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
};

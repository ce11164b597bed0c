// The HTTP transport seam: connectors send through it, so tests can swap real sockets for an in-process simulator.
#pragma once

#include "HttpTypes.h"

#include <QObject>
#include <functional>

class HttpTransport : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResponse &)>;

    explicit HttpTransport(QObject *parent = nullptr)
        : QObject(parent)
    {}

    // Sends the request and calls done exactly once, always later from the event loop (never from inside send),
    // on the thread that owns the transport.
    virtual void send(const HttpRequest &request, Callback done) = 0;

    // Number of requests handed to send() so far, for the run summary.
    quint64 requestCount() const { return m_requestCount; }

protected:
    void countRequest() { ++m_requestCount; }

private:
    quint64 m_requestCount = 0;
};

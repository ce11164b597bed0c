// A transport that hands each request straight to a function (a simulator) in the same process: no sockets.
#pragma once

#include "HttpTransport.h"

class InProcessTransport : public HttpTransport
{
    Q_OBJECT
public:
    // The handler answers synchronously. It reports broken transfers through HttpResponse::error
    // (Timeout for a hang, ConnectionReset for a reset or a truncated body).
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit InProcessTransport(Handler handler, QObject *parent = nullptr);

    void send(const HttpRequest &request, Callback done) override;

private:
    Handler m_handler;
};

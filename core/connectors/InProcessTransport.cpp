#include "InProcessTransport.h"

#include <QTimer>

InProcessTransport::InProcessTransport(Handler handler, QObject *parent)
    : HttpTransport(parent)
    , m_handler(std::move(handler))
{}

void InProcessTransport::send(const HttpRequest &request, Callback done)
{
    countRequest();
    // Answer from the event loop, as the network would, so callers cannot come to rely on re-entrancy.
    QTimer::singleShot(0, this, [this, request, done = std::move(done)]() {
        HttpResponse r = m_handler(request);
        if (r.error == HttpResponse::TransportError::None && r.body.size() > request.maxReplyBytes) {
            r = HttpResponse{};
            r.error = HttpResponse::TransportError::TooLarge;
            r.errorString = tr("The answer was larger than allowed and was cut off.");
        }
        done(r);
    });
}

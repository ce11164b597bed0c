#include "SandboxBridge.h"

#include "common/SimTypes.h"

InProcessTransport::Handler SandboxBridge::handlerFor(SimService *service)
{
    return [service](const HttpRequest &request) {
        SimRequest sim;
        sim.method = request.method;
        sim.path = request.url.path(QUrl::FullyDecoded);
        sim.query = QUrlQuery(request.url);
        sim.headers = request.headers;
        sim.body = request.body;

        const SimResponse answer = service->handle(sim);

        HttpResponse r;
        switch (answer.fault) {
        case SimResponse::Fault::None:
            r.status = answer.status;
            r.headers = answer.headers;
            r.body = answer.body;
            break;
        case SimResponse::Fault::Hang:
            r.error = HttpResponse::TransportError::Timeout;
            r.errorString = QStringLiteral("The server did not answer in time.");
            break;
        case SimResponse::Fault::Reset:
        case SimResponse::Fault::Truncate:
            r.error = HttpResponse::TransportError::ConnectionReset;
            r.errorString = QStringLiteral("The connection closed before the whole answer arrived.");
            break;
        }
        return r;
    };
}

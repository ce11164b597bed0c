#include "SimHttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

namespace {
QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 410:
        return "Gone";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}
} // namespace

SimHttpServer::SimHttpServer(SimService *service, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_service(service)
{}

quint16 SimHttpServer::listenOnLoopback(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

bool SimHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    SimRequest sim;
    sim.method = methodName(request.method());
    sim.path = request.url().path(QUrl::FullyDecoded);
    sim.query = request.query();
    sim.headers = request.headers();
    sim.body = request.body();

    const SimResponse answer = m_service->handle(sim);

    switch (answer.fault) {
    case SimResponse::Fault::Hang:
        return true; // the socket stays open and silent until the client gives up
    case SimResponse::Fault::Reset:
        socket->abort();
        return true;
    case SimResponse::Fault::Truncate: {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status) + "\r\n";
        for (const auto &h : answer.headers) {
            head += h.first + ": " + h.second + "\r\n";
        }
        head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\nConnection: close\r\n\r\n";
        socket->write(head + answer.body.left(answer.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return true;
    }
    case SimResponse::Fault::None:
        break;
    }

    // Written by hand rather than through QHttpServerResponder so that every status code (429, 402, ...) and
    // every header goes out exactly as the simulator chose it.
    QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status) + "\r\n";
    for (const auto &h : answer.headers) {
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n";
    out += answer.body;
    socket->write(out);
    return true;
}

void SimHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
}

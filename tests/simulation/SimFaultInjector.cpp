#include "SimFaultInjector.h"

SimFaultInjector::SimFaultInjector(InProcessTransport::Handler inner, bool ostendo, quint32 seed)
    : m_inner(std::move(inner))
    , m_ostendo(ostendo)
    , m_random(seed)
{}

InProcessTransport::Handler SimFaultInjector::handler()
{
    return [this](const HttpRequest &request) {
        return handle(request);
    };
}

bool SimFaultInjector::isWrite(const HttpRequest &request) const
{
    if (request.method == "GET") {
        return false;
    }
    return !(m_ostendo && request.url.path().endsWith(QLatin1String("sqlquery")));
}

QString SimFaultInjector::faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return QStringLiteral("none");
    case Fault::ServerError:
        return QStringLiteral("server_error");
    case Fault::Timeout:
        return QStringLiteral("timeout");
    case Fault::Reset:
        return QStringLiteral("reset");
    case Fault::RateLimit:
        return QStringLiteral("rate_limit_429");
    case Fault::Malformed:
        return QStringLiteral("malformed");
    case Fault::AppliedLost:
        return QStringLiteral("applied_reply_lost");
    }
    return QString();
}

SimFaultInjector::Fault SimFaultInjector::draw(const HttpRequest &request)
{
    if (m_stormLeft > 0) {
        --m_stormLeft;
        return Fault::RateLimit;
    }
    // Both draws happen for every request, so whether one request is hit never shifts the sequence of the next.
    const double roll = m_random.generateDouble();
    const quint32 kind = m_random.bounded(6u);
    if (m_rate <= 0 || roll >= m_rate) {
        return Fault::None;
    }
    switch (kind) {
    case 0:
        return Fault::ServerError;
    case 1:
        return Fault::Timeout;
    case 2:
        return Fault::Reset;
    case 3:
        m_stormLeft = int(m_random.bounded(1u, 5u)); // this one and up to four more in a row
        return Fault::RateLimit;
    case 4:
        return Fault::Malformed;
    default:
        return isWrite(request) ? Fault::AppliedLost : Fault::Timeout;
    }
}

HttpResponse SimFaultInjector::handle(const HttpRequest &request)
{
    ++m_requests;
    if (isWrite(request)) {
        ++m_writes;
        m_writeLog << QString::fromLatin1(request.method) + QLatin1Char(' ') + request.url.path() + QLatin1Char(' ') +
                          QString::fromUtf8(request.body.left(300));
    }
    const Fault fault = draw(request);
    if (fault == Fault::None) {
        HttpResponse answer = m_inner(request);
        if (m_afterStorm && !answer.isTransportError() && answer.status != 429) {
            ++m_rateLimitRecoveries;
            m_afterStorm = false;
        }
        return answer;
    }
    ++m_counts[faultName(fault)];
    HttpResponse broken;
    switch (fault) {
    case Fault::None:
        break;
    case Fault::ServerError:
        broken.status = 500 + int(m_random.bounded(4u)); // 500..503
        broken.body = "<html><body>Internal Server Error</body></html>";
        broken.headers << qMakePair(QByteArray("Content-Type"), QByteArray("text/html"));
        break;
    case Fault::Timeout:
        broken.error = HttpResponse::TransportError::Timeout;
        broken.errorString = QStringLiteral("simulated timeout");
        break;
    case Fault::Reset:
        broken.error = HttpResponse::TransportError::ConnectionReset;
        broken.errorString = QStringLiteral("simulated connection reset");
        break;
    case Fault::RateLimit:
        m_afterStorm = true;
        broken.status = 429;
        broken.body = m_ostendo ? QByteArray("Too Many Requests")
                                : QByteArray(R"({"success":false,"error":"Request over limit","errorCode":429})");
        // No wait: the harness's clocks only move between runs, and a storm is a handful of answers anyway.
        broken.headers << qMakePair(QByteArray("Retry-After"), QByteArray("0"));
        break;
    case Fault::Malformed:
        broken = m_inner(request);
        broken.status = 200;
        broken.body = m_ostendo ? QByteArray("<?xml version=\"1.0\"?><ostendo><row") : QByteArray("{\"success\":tr");
        break;
    case Fault::AppliedLost: {
        const HttpResponse applied = m_inner(request);
        Q_UNUSED(applied)
        broken = HttpResponse();
        const bool reset = m_random.bounded(2u) == 1;
        broken.error = reset ? HttpResponse::TransportError::ConnectionReset : HttpResponse::TransportError::Timeout;
        broken.errorString = QStringLiteral("simulated lost answer");
        break;
    }
    }
    return broken;
}

#include "CrashNetwork.h"

#include "store/SyncStore.h"

QString CrashNetwork::kindName(Kind kind)
{
    switch (kind) {
    case Kind::StoreWrite:
        return QStringLiteral("store");
    case Kind::BeforeRequest:
        return QStringLiteral("before");
    case Kind::AfterRequest:
        return QStringLiteral("after");
    }
    return QString();
}

bool CrashNetwork::parseKind(const QString &name, Kind *kind)
{
    for (Kind k : {Kind::StoreWrite, Kind::BeforeRequest, Kind::AfterRequest}) {
        if (kindName(k) == name) {
            *kind = k;
            return true;
        }
    }
    return false;
}

CrashNetwork::CrashNetwork(SyncStore *store)
    : m_store(store)
{}

InProcessTransport::Handler CrashNetwork::wrap(InProcessTransport::Handler inner, bool ostendo)
{
    return [this, inner = std::move(inner), ostendo](const HttpRequest &request) {
        return handle(inner, ostendo, request);
    };
}

void CrashNetwork::arm(Kind kind, int step)
{
    m_kind = kind;
    m_step = step;
    m_fired = false;
    m_firedAt.clear();
    m_requests = 0;
    m_writes = 0;
    m_writeLog.clear();
    m_cutOff = nullptr;
}

bool CrashNetwork::dead() const
{
    return m_fired || (m_store && m_store->crashed());
}

void CrashNetwork::die(const HttpRequest &request)
{
    m_fired = true;
    m_firedAt = QString::fromLatin1(request.method) + QLatin1Char(' ') + request.url.path();
    // The process is gone: its next database write never happens, so nothing it learnt from here on is kept.
    m_store->crashAtWrite(1);
}

HttpResponse CrashNetwork::handle(const InProcessTransport::Handler &inner, bool ostendo, const HttpRequest &request)
{
    HttpResponse gone;
    gone.error = HttpResponse::TransportError::ConnectionReset;
    gone.errorString = QStringLiteral("the process crashed");
    if (dead()) {
        return gone; // answered at once, so the dead run ends quickly; nothing reaches a simulator
    }
    ++m_requests;
    const bool armedHere = m_step > 0 && m_requests == m_step && m_kind != Kind::StoreWrite;
    if (armedHere && m_kind == Kind::BeforeRequest) {
        die(request);
        return gone;
    }
    // Ostendo reads with POST /sqlquery; Pipedrive only with GET.
    const bool write = request.method != "GET" && !(ostendo && request.url.path().endsWith(QLatin1String("sqlquery")));
    if (write) {
        ++m_writes;
        m_writeLog << QString::fromLatin1(request.method) + QLatin1Char(' ') + request.url.path() + QLatin1Char(' ') +
                          QString::fromUtf8(request.body.left(200));
    }
    HttpResponse answer = inner(request);
    if (armedHere) {
        die(request); // applied by the simulator, and the answer goes nowhere
        m_cutOff = [inner, request] {
            inner(request);
        };
        return gone;
    }
    return answer;
}

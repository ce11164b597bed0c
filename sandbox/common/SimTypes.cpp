#include "SimTypes.h"

QByteArray SimRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

SimResponse SimResponse::json(int status, const QByteArray &body)
{
    return text(status, QByteArrayLiteral("application/json"), body);
}

SimResponse SimResponse::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    SimResponse r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    r.body = body;
    return r;
}

SimResponse SimResponse::broken(Fault fault)
{
    SimResponse r;
    r.fault = fault;
    return r;
}

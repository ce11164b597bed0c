#include "OstendoTestRequests.h"

#include <QUrl>
#include <QUrlQuery>

namespace OstendoTestRequests {
QString encodedQuery(const Params &params)
{
    QStringList parts;
    for (const auto &p : params) {
        parts << p.first + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(p.second));
    }
    return parts.join(QLatin1Char('&'));
}

SimRequest raw(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body)
{
    const QUrl url(QStringLiteral("http://127.0.0.1:1") + pathAndQuery);
    SimRequest r;
    r.method = method;
    r.path = url.path(QUrl::FullyDecoded);
    r.query = QUrlQuery(url);
    r.body = body;
    return r;
}

SimRequest get(const QString &path, const Params &params)
{
    return raw("GET", path + QLatin1Char('?') + encodedQuery(params));
}

SimRequest post(const QString &path, const Params &params, const QByteArray &body)
{
    return raw("POST", path + QLatin1Char('?') + encodedQuery(params), body);
}
} // namespace OstendoTestRequests

#include "ScriptedPipedrive.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

HttpResponse ScriptedPipedrive::handle(const HttpRequest &request)
{
    const qint64 now = m_clock->nowUtc().toMSecsSinceEpoch();
    if (m_startMs < 0) {
        m_startMs = now;
    }
    m_requests.append(request);
    m_arrivalMs.append(now - m_startMs);

    int inWindow = 0;
    for (qint64 t : m_arrivalMs) {
        if (t > now - m_startMs - 2000) {
            ++inWindow;
        }
    }
    HttpHeaders rateHeaders;
    if (m_burstLimit > 0 && m_rateHeaders) {
        rateHeaders.append(qMakePair(QByteArray("x-ratelimit-limit"), QByteArray::number(m_burstLimit)));
        rateHeaders.append(
            qMakePair(QByteArray("x-ratelimit-remaining"), QByteArray::number(std::max(0, m_burstLimit - inWindow))));
        rateHeaders.append(qMakePair(QByteArray("x-ratelimit-reset"), QByteArray("2")));
    }
    if (m_burstLimit > 0 && inWindow > m_burstLimit) {
        ++m_rateLimited;
        return json(429,
                    QJsonObject{{QStringLiteral("success"), false},
                                {QStringLiteral("error"), QStringLiteral("Request over limit")},
                                {QStringLiteral("errorCode"), 429}},
                    rateHeaders);
    }
    HttpResponse r = m_route ? m_route(request) : json(404, envelope(QJsonValue::Null));
    if (!r.isTransportError()) {
        r.headers += rateHeaders;
    }
    return r;
}

int ScriptedPipedrive::mostInAnyWindow(qint64 fromMs) const
{
    int most = 0;
    for (int i = 0; i < m_arrivalMs.size(); ++i) {
        if (m_arrivalMs.at(i) < fromMs) {
            continue;
        }
        const auto count = std::count_if(m_arrivalMs.cbegin(), m_arrivalMs.cend(), [&](qint64 t) {
            return t >= m_arrivalMs.at(i) && t < m_arrivalMs.at(i) + 2000;
        });
        most = std::max(most, int(count));
    }
    return most;
}

HttpResponse ScriptedPipedrive::json(int status, const QJsonValue &body, const HttpHeaders &headers)
{
    HttpResponse r;
    r.status = status;
    r.headers = headers;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    r.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse ScriptedPipedrive::raw(int status, const QByteArray &body, const HttpHeaders &headers)
{
    HttpResponse r;
    r.status = status;
    r.headers = headers;
    r.body = body;
    return r;
}

HttpResponse ScriptedPipedrive::broken(HttpResponse::TransportError error)
{
    HttpResponse r;
    r.error = error;
    r.errorString = QStringLiteral("simulated transfer failure");
    return r;
}

QJsonObject ScriptedPipedrive::envelope(const QJsonValue &data, const QJsonValue &nextCursor)
{
    return QJsonObject{{QStringLiteral("success"), true},
                       {QStringLiteral("data"), data},
                       {QStringLiteral("additional_data"), QJsonObject{{QStringLiteral("next_cursor"), nextCursor}}}};
}

QString ScriptedPipedrive::queryValue(const HttpRequest &request, const QString &key)
{
    return QUrlQuery(request.url).queryItemValue(key, QUrl::FullyDecoded);
}

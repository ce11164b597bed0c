// A small scripted stand-in for Pipedrive used by the client's unit tests: records every request with the
// (manual) time it arrived, enforces a rolling burst window if asked, and answers through a per-test route.
#pragma once

#include "connectors/HttpTypes.h"
#include "util/Clock.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QUrlQuery>
#include <functional>

class ScriptedPipedrive
{
public:
    using Route = std::function<HttpResponse(const HttpRequest &request)>;

    explicit ScriptedPipedrive(const ManualClock *clock)
        : m_clock(clock)
    {}

    void setRoute(Route route) { m_route = std::move(route); }
    // 0 turns the burst check off; otherwise a request beyond `limit` in any rolling 2 s gets a 429.
    void setBurstLimit(int limit) { m_burstLimit = limit; }
    void setRateHeaders(bool on) { m_rateHeaders = on; }

    HttpResponse handle(const HttpRequest &request);

    const QList<HttpRequest> &requests() const { return m_requests; }
    const QList<qint64> &arrivalMs() const { return m_arrivalMs; } // manual-clock ms since the first request
    int rateLimitedAnswers() const { return m_rateLimited; }
    // The largest number of requests that arrived within any 2 s, counting arrivals from fromMs on.
    int mostInAnyWindow(qint64 fromMs = 0) const;

    static HttpResponse json(int status, const QJsonValue &body, const HttpHeaders &headers = {});
    static HttpResponse raw(int status, const QByteArray &body, const HttpHeaders &headers = {});
    static HttpResponse broken(HttpResponse::TransportError error);
    static QJsonObject envelope(const QJsonValue &data, const QJsonValue &nextCursor = QJsonValue::Null);
    static QUrlQuery queryOf(const HttpRequest &request) { return QUrlQuery(request.url); }
    // The decoded value of a query item, the way a server would read it.
    static QString queryValue(const HttpRequest &request, const QString &key);

private:
    const ManualClock *m_clock;
    Route m_route;
    int m_burstLimit = 0;
    bool m_rateHeaders = false;
    int m_rateLimited = 0;
    qint64 m_startMs = -1;
    QList<HttpRequest> m_requests;
    QList<qint64> m_arrivalMs;
};

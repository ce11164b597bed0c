// The pacing budget of one Pipedrive account: the 2-second burst window and the daily token budget, fed by the
// rate-limit headers, so the client never outruns the limits and the engine can pace and report.
#pragma once

#include "HttpTypes.h"

#include <QDate>
#include <QList>
#include <QObject>
#include <QString>

class Clock;

class PipedriveBudget : public QObject
{
    Q_OBJECT
public:
    // Search endpoints have their own, smaller burst limit (10 per 2 s on every plan) on top of the general one.
    enum class Lane
    {
        General,
        Search
    };

    static constexpr qint64 WindowMs = 2000;
    static constexpr int SearchBurstLimit = 10;
    static constexpr qint64 ProbePollMs = 50; // how often a request held back by the slow start looks again

    // clock: nullptr uses Clock::current() at each call.
    explicit PipedriveBudget(int burstLimit = 20, qint64 dailyTokenBudget = 30000, const Clock *clock = nullptr,
                             QObject *parent = nullptr);

    // The x-token-cost of an endpoint in Pipedrive's v2 spec (path relative to /api/v2, e.g. "/deals/12").
    static int tokenCost(const QByteArray &method, const QString &path);

    // How long to wait before a request on this lane may go out; 0 means now.
    qint64 delayBeforeSendMs(Lane lane) const;
    // Whether the daily token budget cannot pay for a request of this cost (waiting a few seconds won't help).
    bool dailyExhausted(int cost) const;
    qint64 msUntilDailyReset() const;

    void recordSent(Lane lane, int cost);
    // Reads x-ratelimit-limit/-remaining/-reset and the daily token headers when present (all optional).
    void recordResponse(const HttpResponse &response);
    // A 429 arrived: nothing goes out on any lane for waitMs.
    void recordRateLimited(qint64 waitMs);

    int burstLimit() const;
    int burstRemaining() const; // in the current window, by our own count and the server's, whichever is lower
    qint64 tokensUsedToday() const;
    qint64 tokensRemainingToday() const;
    qint64 dailyTokenBudget() const { return m_dailyBudget; }
    qint64 tokensSpent() const { return m_tokensSpent; } // since this budget was made, across days: for run reports
    quint64 requestsSent() const { return m_requestsSent; }
    quint64 rateLimitedCount() const { return m_rateLimited; }
    qint64 longestWindowCount() const { return m_longestWindowCount; } // the most requests we sent in any 2 s

    QString summary() const; // one line for logs and the run report

signals:
    void changed();

private:
    qint64 nowMs() const;
    void rollDay();
    void prune(QList<qint64> &sent, qint64 now) const;

    const Clock *m_clock;
    int m_configuredBurst;
    int m_serverBurstLimit = -1;     // from x-ratelimit-limit
    int m_serverRemaining = -1;      // from x-ratelimit-remaining
    qint64 m_serverWindowEndsMs = 0; // now + x-ratelimit-reset seconds, when remaining reached 0
    qint64 m_blockedUntilMs = 0;     // after a 429
    QList<qint64> m_sentGeneral;     // send times within the window, oldest first
    QList<qint64> m_sentSearch;
    qint64 m_dailyBudget;
    qint64 m_serverDailyRemaining = -1; // x-daily-ratelimit-token-remaining, when Pipedrive sends it
    qint64 m_tokensUsed = 0;
    qint64 m_tokensSpent = 0;
    QDate m_day;
    int m_inFlight = 0;    // sent, answer not yet recorded
    bool m_probed = false; // an answer has arrived since this budget was made
    quint64 m_requestsSent = 0;
    quint64 m_rateLimited = 0;
    qint64 m_longestWindowCount = 0;
};

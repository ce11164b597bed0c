// Pipedrive's token-based rate limits: a rolling 2-second burst window per API token, a separate search window,
// a company-wide daily token budget, and the Cloudflare block for clients that keep calling through 429s.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <deque>

class PipedriveClock;

class PipedriveRateLimiter
{
public:
    enum class Plan
    {
        Lite,
        Growth,
        Premium,
        Ultimate
    };
    enum class Verdict
    {
        Allowed,
        BurstExceeded,
        DailyExceeded,
        Blocked
    };

    struct Decision
    {
        Verdict verdict = Verdict::Allowed;
        QList<QPair<QByteArray, QByteArray>> headers; // the x-ratelimit-* headers for this answer
    };

    explicit PipedriveRateLimiter(const PipedriveClock *clock);

    static int burstLimitFor(Plan plan, bool oauth);
    static int planMultiplier(Plan plan);
    static bool planFromName(const QString &name, Plan *plan);

    // The company's plan and seats set the daily budget (30,000 x multiplier x seats) and the default burst.
    void setPlan(Plan plan, int seats = 1);
    Plan plan() const { return m_plan; }
    // Overrides the plan's burst limit (0 restores it); lets tests reach a 429 in a few requests.
    void setBurstLimit(int limit) { m_burstOverride = limit; }
    void setSearchBurstLimit(int limit) { m_searchBurst = limit; }
    void setDailyBudget(qint64 tokens) { m_dailyOverride = tokens; }
    // How many 429s a token may collect in a row before it gets the 403 HTML page, and for how long.
    void setAbuseThreshold(int consecutive429s) { m_abuseThreshold = consecutive429s; }
    void setBlockSeconds(int seconds) { m_blockSeconds = seconds; }
    // Live Pipedrive sometimes omits the undocumented daily headers; tests can switch them off.
    void setDailyHeadersEnabled(bool on) { m_dailyHeaders = on; }
    // Current docs do not mention Retry-After on a 429 (a 2015 page did); off by default, on to test clients
    // that prefer it.
    void setRetryAfterEnabled(bool on) { m_retryAfter = on; }

    int burstLimit(bool oauth) const;
    qint64 dailyBudget() const;

    // Decides one request of `cost` tokens. An allowed request is counted in the window and charged to the budget.
    Decision admit(const QByteArray &token, bool oauth, bool isSearch, int cost);

    qint64 tokensUsedToday() const;
    void resetCounters();

private:
    struct Window
    {
        std::deque<qint64> stamps; // msecs of admitted requests in the last 2 s
        int consecutive429 = 0;
        qint64 blockedUntil = 0;
    };

    void rollDay();
    void prune(Window &w, qint64 now) const;
    QList<QPair<QByteArray, QByteArray>> headersFor(const Window &w, int limit, qint64 now) const;

    const PipedriveClock *m_clock;
    Plan m_plan = Plan::Growth;
    int m_seats = 1;
    int m_burstOverride = 0;
    int m_searchBurst = 10;
    qint64 m_dailyOverride = 0;
    int m_abuseThreshold = 10;
    int m_blockSeconds = 60;
    bool m_dailyHeaders = true;
    bool m_retryAfter = false;
    qint64 m_day = -1;
    qint64 m_usedToday = 0;
    QHash<QByteArray, Window> m_windows;       // per token
    QHash<QByteArray, Window> m_searchWindows; // per token, search endpoints only
};

#include "PipedriveRateLimiter.h"

#include "PipedriveClock.h"

namespace {
constexpr qint64 WindowMSecs = 2000;
constexpr qint64 DayMSecs = 24 * 3600 * 1000LL;
constexpr qint64 BaseDailyTokens = 30000;
} // namespace

PipedriveRateLimiter::PipedriveRateLimiter(const PipedriveClock *clock)
    : m_clock(clock)
{}

int PipedriveRateLimiter::burstLimitFor(Plan plan, bool oauth)
{
    int limit = 20;
    switch (plan) {
    case Plan::Lite:
        limit = 20;
        break;
    case Plan::Growth:
        limit = 40;
        break;
    case Plan::Premium:
        limit = 100;
        break;
    case Plan::Ultimate:
        limit = 120;
        break;
    }
    return oauth ? limit * 4 : limit;
}

int PipedriveRateLimiter::planMultiplier(Plan plan)
{
    switch (plan) {
    case Plan::Lite:
        return 1;
    case Plan::Growth:
        return 2;
    case Plan::Premium:
        return 5;
    case Plan::Ultimate:
        return 7;
    }
    return 1;
}

bool PipedriveRateLimiter::planFromName(const QString &name, Plan *plan)
{
    const QString n = name.toLower();
    if (n == QLatin1String("lite")) {
        *plan = Plan::Lite;
    } else if (n == QLatin1String("growth")) {
        *plan = Plan::Growth;
    } else if (n == QLatin1String("premium")) {
        *plan = Plan::Premium;
    } else if (n == QLatin1String("ultimate")) {
        *plan = Plan::Ultimate;
    } else {
        return false;
    }
    return true;
}

void PipedriveRateLimiter::setPlan(Plan plan, int seats)
{
    m_plan = plan;
    m_seats = qMax(1, seats);
}

int PipedriveRateLimiter::burstLimit(bool oauth) const
{
    return m_burstOverride > 0 ? m_burstOverride : burstLimitFor(m_plan, oauth);
}

qint64 PipedriveRateLimiter::dailyBudget() const
{
    return m_dailyOverride > 0 ? m_dailyOverride : BaseDailyTokens * planMultiplier(m_plan) * m_seats;
}

void PipedriveRateLimiter::rollDay()
{
    // The budget resets at midnight server time; the simulated server runs on UTC.
    const qint64 day = m_clock->nowMSecs() / DayMSecs;
    if (day != m_day) {
        m_day = day;
        m_usedToday = 0;
    }
}

void PipedriveRateLimiter::prune(Window &w, qint64 now) const
{
    while (!w.stamps.empty() && w.stamps.front() <= now - WindowMSecs) {
        w.stamps.pop_front();
    }
}

QList<QPair<QByteArray, QByteArray>> PipedriveRateLimiter::headersFor(const Window &w, int limit, qint64 now) const
{
    const int remaining = qMax(0, limit - static_cast<int>(w.stamps.size()));
    // Seconds until the oldest counted request leaves the window, rounded up: the documented meaning of reset.
    qint64 resetSecs = 2;
    if (!w.stamps.empty()) {
        const qint64 leftMs = w.stamps.front() + WindowMSecs - now;
        resetSecs = qMax<qint64>(1, (leftMs + 999) / 1000);
    }
    QList<QPair<QByteArray, QByteArray>> h;
    h.append({QByteArrayLiteral("x-ratelimit-limit"), QByteArray::number(limit)});
    h.append({QByteArrayLiteral("x-ratelimit-remaining"), QByteArray::number(remaining)});
    h.append({QByteArrayLiteral("x-ratelimit-reset"), QByteArray::number(resetSecs)});
    if (m_dailyHeaders) {
        h.append({QByteArrayLiteral("x-daily-ratelimit-token-limit"), QByteArray::number(dailyBudget())});
        h.append({QByteArrayLiteral("x-daily-ratelimit-token-remaining"),
                  QByteArray::number(qMax<qint64>(0, dailyBudget() - m_usedToday))});
    }
    return h;
}

PipedriveRateLimiter::Decision PipedriveRateLimiter::admit(const QByteArray &token, bool oauth, bool isSearch, int cost)
{
    rollDay();
    const qint64 now = m_clock->nowMSecs();
    Window &general = m_windows[token];
    Window &search = m_searchWindows[token];
    const int generalLimit = burstLimit(oauth);
    prune(general, now);
    prune(search, now);
    // A search is a request like any other and also counts against the tighter search window; its headers
    // describe that window, the one that binds it.
    Window &shown = isSearch ? search : general;
    const int shownLimit = isSearch ? m_searchBurst : generalLimit;

    Decision d;
    if (general.blockedUntil > now) {
        d.verdict = Verdict::Blocked;
        return d;
    }
    if (m_usedToday + cost > dailyBudget()) {
        d.verdict = Verdict::DailyExceeded;
    } else if (static_cast<int>(general.stamps.size()) >= generalLimit ||
               (isSearch && static_cast<int>(search.stamps.size()) >= m_searchBurst)) {
        d.verdict = Verdict::BurstExceeded;
    }
    if (d.verdict != Verdict::Allowed) {
        // Calling on through 429s is what gets an API-token client the Cloudflare page.
        if (++general.consecutive429 > m_abuseThreshold && !oauth) {
            general.blockedUntil = now + m_blockSeconds * 1000LL;
            general.consecutive429 = 0;
            d.verdict = Verdict::Blocked;
            return d;
        }
        d.headers = headersFor(shown, shownLimit, now);
        if (m_retryAfter) {
            // For a spent daily budget, the wait is until midnight UTC; otherwise the window's reset.
            QByteArray wait = QByteArray::number((DayMSecs - now % DayMSecs + 999) / 1000);
            for (const auto &h : qAsConst(d.headers)) {
                if (h.first == "x-ratelimit-reset" && d.verdict == Verdict::BurstExceeded) {
                    wait = h.second;
                }
            }
            d.headers.append({QByteArrayLiteral("Retry-After"), wait});
        }
        return d;
    }
    general.consecutive429 = 0;
    general.stamps.push_back(now);
    if (isSearch) {
        search.stamps.push_back(now);
    }
    m_usedToday += cost;
    d.headers = headersFor(shown, shownLimit, now);
    return d;
}

qint64 PipedriveRateLimiter::tokensUsedToday() const
{
    const qint64 day = m_clock->nowMSecs() / DayMSecs;
    return day == m_day ? m_usedToday : 0;
}

void PipedriveRateLimiter::resetCounters()
{
    m_windows.clear();
    m_searchWindows.clear();
    m_usedToday = 0;
    m_day = -1;
}

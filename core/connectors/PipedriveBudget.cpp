#include "PipedriveBudget.h"

#include "util/Clock.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace {
// Requests reach the server a little later than we send them; this margin keeps our window at least as strict
// as the server's rolling one.
constexpr qint64 WindowMarginMs = 150;

qint64 headerInt(const HttpResponse &r, const char *name, bool *ok)
{
    const QByteArray v = r.header(name).trimmed();
    bool good = false;
    const double d = v.toDouble(&good);
    *ok = good && std::isfinite(d) && d >= 0 && d < 1e12;
    return *ok ? qint64(std::ceil(d)) : 0;
}
} // namespace

PipedriveBudget::PipedriveBudget(int burstLimit, qint64 dailyTokenBudget, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_configuredBurst(std::max(1, burstLimit))
    , m_dailyBudget(dailyTokenBudget)
{}

int PipedriveBudget::tokenCost(const QByteArray &method, const QString &path)
{
    // From x-token-cost in Pipedrive's OpenAPI v2 spec.
    static const QRegularExpression entityWithId(QStringLiteral("^/(deals|organizations|persons)/\\d+$"));
    static const QRegularExpression fieldsOne(QStringLiteral("^/[a-z]+Fields/[^/]+$"));
    if (path == QLatin1String("/itemSearch") || path == QLatin1String("/itemSearch/field") ||
        path.endsWith(QLatin1String("/search"))) {
        return 20;
    }
    if (path == QLatin1String("/deals/archived")) {
        return 20;
    }
    if (path == QLatin1String("/stages") || path == QLatin1String("/pipelines")) {
        return method == "DELETE" ? 3 : 5;
    }
    if (method == "GET") {
        if (entityWithId.match(path).hasMatch() || fieldsOne.match(path).hasMatch()) {
            return 1;
        }
        return 10; // lists, including the *Fields lists
    }
    if (method == "DELETE") {
        return 3;
    }
    return 5; // POST, PATCH (entities and fields alike)
}

qint64 PipedriveBudget::nowMs() const
{
    const Clock &clock = m_clock ? *m_clock : Clock::current();
    return clock.nowUtc().toMSecsSinceEpoch();
}

void PipedriveBudget::prune(QList<qint64> &sent, qint64 now) const
{
    while (!sent.isEmpty() && sent.first() <= now - (WindowMs + WindowMarginMs)) {
        sent.removeFirst();
    }
}

void PipedriveBudget::rollDay()
{
    const Clock &clock = m_clock ? *m_clock : Clock::current();
    const QDate today = clock.nowUtc().date();
    if (today != m_day) {
        m_day = today;
        m_tokensUsed = 0;
        m_serverDailyRemaining = -1;
    }
}

int PipedriveBudget::burstLimit() const
{
    return m_serverBurstLimit > 0 ? std::min(m_serverBurstLimit, m_configuredBurst) : m_configuredBurst;
}

qint64 PipedriveBudget::delayBeforeSendMs(Lane lane) const
{
    const qint64 now = nowMs();
    qint64 wait = 0;
    if (m_blockedUntilMs > now) {
        wait = m_blockedUntilMs - now;
    }
    if (m_serverRemaining == 0 && m_serverWindowEndsMs > now) {
        wait = std::max(wait, m_serverWindowEndsMs - now);
    }
    if (!m_probed && m_inFlight > 0) {
        // Slow start: until one answer has told us the real limit (or that there are no headers), one request at a
        // time. A burst sized from a wrong setting would collect a row of 429s, and a row of 429s gets the token
        // blocked.
        wait = std::max(wait, ProbePollMs);
    }
    auto windowWait = [&](QList<qint64> sent, int limit) {
        prune(sent, now);
        if (sent.size() < limit) {
            return qint64(0);
        }
        // The request that must leave the window before we may send again.
        const qint64 leaving = sent.at(sent.size() - limit);
        return std::max<qint64>(1, leaving + WindowMs + WindowMarginMs - now);
    };
    wait = std::max(wait, windowWait(m_sentGeneral, burstLimit()));
    if (lane == Lane::Search) {
        wait = std::max(wait, windowWait(m_sentSearch, SearchBurstLimit));
    }
    return wait;
}

bool PipedriveBudget::dailyExhausted(int cost) const
{
    return tokensRemainingToday() < cost;
}

qint64 PipedriveBudget::msUntilDailyReset() const
{
    const Clock &clock = m_clock ? *m_clock : Clock::current();
    const QDateTime now = clock.nowUtc();
    // Pipedrive resets at midnight server time; UTC midnight is our best guess without that setting.
    const QDateTime midnight(now.date().addDays(1), QTime(0, 0), Qt::UTC);
    return now.msecsTo(midnight);
}

void PipedriveBudget::recordSent(Lane lane, int cost)
{
    rollDay();
    const qint64 now = nowMs();
    prune(m_sentGeneral, now);
    m_sentGeneral.append(now);
    if (lane == Lane::Search) {
        prune(m_sentSearch, now);
        m_sentSearch.append(now);
    }
    // The longest-window figure uses the exact 2 s window, without the safety margin.
    const qint64 inWindow =
        std::count_if(m_sentGeneral.cbegin(), m_sentGeneral.cend(), [now](qint64 t) { return t > now - WindowMs; });
    m_longestWindowCount = std::max(m_longestWindowCount, inWindow);
    m_tokensUsed += cost;
    m_tokensSpent += cost;
    if (m_serverDailyRemaining >= 0) {
        m_serverDailyRemaining = std::max<qint64>(0, m_serverDailyRemaining - cost);
    }
    if (m_serverRemaining > 0) {
        --m_serverRemaining;
    }
    ++m_inFlight;
    ++m_requestsSent;
    emit changed();
}

void PipedriveBudget::recordResponse(const HttpResponse &response)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    m_probed = true;
    if (response.isTransportError()) {
        emit changed();
        return;
    }
    rollDay();
    bool ok = false;
    const qint64 limit = headerInt(response, "x-ratelimit-limit", &ok);
    if (ok && limit > 0) {
        m_serverBurstLimit = int(std::min<qint64>(limit, 100000));
    }
    const qint64 remaining = headerInt(response, "x-ratelimit-remaining", &ok);
    const bool haveRemaining = ok;
    const qint64 reset = headerInt(response, "x-ratelimit-reset", &ok);
    if (haveRemaining) {
        // The answer was written before our other requests in flight arrived, so they still come off what it
        // says is left (another client on the same token shows up here too).
        m_serverRemaining = int(std::max<qint64>(0, std::min<qint64>(remaining, 100000) - m_inFlight));
        // Reset counts seconds left in the window (not an epoch); without it assume a whole window.
        m_serverWindowEndsMs = nowMs() + (ok ? std::min<qint64>(reset, 60) * 1000 : WindowMs);
    }
    const qint64 dailyLimit = headerInt(response, "x-daily-ratelimit-token-limit", &ok);
    if (ok && dailyLimit > 0) {
        m_dailyBudget = dailyLimit;
    }
    const qint64 dailyRemaining = headerInt(response, "x-daily-ratelimit-token-remaining", &ok);
    if (ok) {
        m_serverDailyRemaining = dailyRemaining;
    }
    emit changed();
}

void PipedriveBudget::recordRateLimited(qint64 waitMs)
{
    m_blockedUntilMs = std::max(m_blockedUntilMs, nowMs() + std::max<qint64>(0, waitMs));
    ++m_rateLimited;
    emit changed();
}

int PipedriveBudget::burstRemaining() const
{
    QList<qint64> sent = m_sentGeneral;
    prune(sent, nowMs());
    int ours = std::max(0, burstLimit() - int(sent.size()));
    if (m_serverRemaining >= 0) {
        ours = std::min(ours, m_serverRemaining);
    }
    return ours;
}

qint64 PipedriveBudget::tokensUsedToday() const
{
    const Clock &clock = m_clock ? *m_clock : Clock::current();
    return clock.nowUtc().date() == m_day ? m_tokensUsed : 0;
}

qint64 PipedriveBudget::tokensRemainingToday() const
{
    const Clock &clock = m_clock ? *m_clock : Clock::current();
    const bool sameDay = clock.nowUtc().date() == m_day;
    if (sameDay && m_serverDailyRemaining >= 0) {
        return m_serverDailyRemaining;
    }
    return std::max<qint64>(0, m_dailyBudget - tokensUsedToday());
}

QString PipedriveBudget::summary() const
{
    return QStringLiteral("requests %1, tokens used today %2, tokens left %3, burst %4/%5 per 2 s, 429s %6")
        .arg(m_requestsSent)
        .arg(tokensUsedToday())
        .arg(tokensRemainingToday())
        .arg(burstRemaining())
        .arg(burstLimit())
        .arg(m_rateLimited);
}

#include "Scheduler.h"

#include "util/Clock.h"

#include <QLocale>

#include <algorithm>

Scheduler::Scheduler(int intervalMinutes, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_intervalMinutes(std::max(1, intervalMinutes))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::fire);
}

QDateTime Scheduler::now() const
{
    return m_clock ? m_clock->nowUtc() : Clock::current().nowUtc();
}

Scheduler::Plan Scheduler::planInterval(int intervalMinutes, const BudgetSnapshot &budget, qint64 tokensPerRun,
                                        const QDateTime &now)
{
    Plan plan;
    plan.intervalMs = qint64(std::max(1, intervalMinutes)) * 60 * 1000;
    if (budget.dailyLimit <= 0 || tokensPerRun <= 0) {
        return plan;
    }
    const QDateTime reset(now.toUTC().date().addDays(1), QTime(0, 0), Qt::UTC);
    const qint64 msLeft = std::max<qint64>(1, now.msecsTo(reset));
    const qint64 tokensLeft = std::max<qint64>(0, budget.dailyLimit - budget.dailyUsed);
    const qint64 runsWanted = msLeft / plan.intervalMs + 1;
    if (runsWanted * tokensPerRun <= tokensLeft) {
        return plan;
    }
    const QLocale locale = QLocale::c();
    const qint64 runsAffordable = tokensLeft / tokensPerRun;
    if (runsAffordable <= 0) {
        plan.intervalMs = msLeft + 60 * 1000;
        plan.reason = QObject::tr("The Pipedrive token budget for today is used up (%1 of %2); syncing resumes after "
                                  "it resets at midnight UTC.")
                          .arg(locale.toString(budget.dailyUsed), locale.toString(budget.dailyLimit));
        return plan;
    }
    plan.intervalMs = std::max(plan.intervalMs, msLeft / runsAffordable);
    plan.reason = QObject::tr("Syncing every %1 minutes would use about %2 Pipedrive tokens before the daily budget "
                              "resets, and %3 are left; syncing every %4 minutes instead.")
                      .arg(intervalMinutes)
                      .arg(locale.toString(runsWanted * tokensPerRun), locale.toString(tokensLeft))
                      .arg((plan.intervalMs + 59999) / 60000);
    return plan;
}

void Scheduler::setIntervalMinutes(int minutes)
{
    m_intervalMinutes = std::max(1, minutes);
    if (m_started && !m_paused && !m_running) {
        scheduleIn(qint64(m_intervalMinutes) * 60 * 1000, QString());
    }
}

void Scheduler::start()
{
    m_started = true;
    if (!m_paused) {
        scheduleIn(0, QString());
    }
}

void Scheduler::pause()
{
    if (m_paused) {
        return;
    }
    m_paused = true;
    m_timer.stop();
    emit pausedChanged(true);
    emit nextRunChanged(QDateTime(), tr("Paused"));
}

void Scheduler::resume()
{
    if (!m_paused) {
        return;
    }
    m_paused = false;
    emit pausedChanged(false);
    if (m_started && !m_running) {
        const qint64 wait = m_nextRunAt.isValid() ? std::max<qint64>(0, now().msecsTo(m_nextRunAt)) : 0;
        scheduleIn(wait, m_reason);
    }
}

void Scheduler::runStarted()
{
    m_running = true;
    m_timer.stop();
}

void Scheduler::budgetChanged(const BudgetSnapshot &budget)
{
    m_budget = budget;
}

void Scheduler::runFinished(const RunSummary &summary)
{
    m_running = false;
    if (!m_started || m_paused) {
        return;
    }
    const qint64 tokens = qint64(summary.json.value(QStringLiteral("pipedrive_tokens_used")).toDouble());
    const Plan plan = planInterval(m_intervalMinutes, m_budget, tokens, now());
    scheduleIn(plan.intervalMs, plan.reason);
}

void Scheduler::scheduleIn(qint64 ms, const QString &reason)
{
    m_reason = reason;
    m_nextRunAt = now().addMSecs(ms);
    m_timer.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    emit nextRunChanged(m_nextRunAt, reason);
}

void Scheduler::fire()
{
    if (m_paused || m_running) {
        return; // never two at once: the next one is scheduled when this run finishes
    }
    emit syncDue();
}

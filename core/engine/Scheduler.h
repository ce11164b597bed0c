// Runs a sync every sync/interval_minutes, never two at once, and stretches the interval when the Pipedrive daily
// token budget would not last the day at the current rate, saying why.
#pragma once

#include "SyncTypes.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

class Clock;

class Scheduler : public QObject
{
    Q_OBJECT
public:
    struct Plan
    {
        qint64 intervalMs = 0;
        QString reason; // empty when the configured interval stands
    };

    // clock: nullptr uses the process clock.
    explicit Scheduler(int intervalMinutes, const Clock *clock = nullptr, QObject *parent = nullptr);

    // The interval to wait after a run that used tokensPerRun, given what the budget has left before it resets
    // (midnight UTC). Pure, so it is tested by table.
    static Plan planInterval(int intervalMinutes, const BudgetSnapshot &budget, qint64 tokensPerRun,
                             const QDateTime &now);

    void setIntervalMinutes(int minutes);
    int intervalMinutes() const { return m_intervalMinutes; }

    void start(); // the first run is due at once
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_running; }
    QDateTime nextRunAt() const { return m_paused ? QDateTime() : m_nextRunAt; }
    QString reason() const { return m_reason; }

public slots:
    void runStarted();
    void runFinished(const RunSummary &summary);
    void budgetChanged(const BudgetSnapshot &budget);

signals:
    void syncDue();
    void nextRunChanged(const QDateTime &at, const QString &reason);
    void pausedChanged(bool paused);

private:
    void scheduleIn(qint64 ms, const QString &reason);
    void fire();
    QDateTime now() const;

    const Clock *m_clock;
    int m_intervalMinutes;
    QTimer m_timer;
    QDateTime m_nextRunAt;
    QString m_reason;
    bool m_paused = false;
    bool m_running = false;
    bool m_started = false;
    BudgetSnapshot m_budget;
};

// The SyncController the windows use: owns the engine's worker thread and the scheduler, forwards requests as
// queued calls and re-emits the engine's signals on the GUI thread.
#pragma once

#include "SyncController.h"
#include "SyncEngineConfig.h"

#include <QPointer>
#include <QThread>

class Scheduler;
class SyncEngine;

class SyncService : public SyncController
{
    Q_OBJECT
public:
    // The engine is created here, moved to its thread, and builds its connections there on the first run.
    explicit SyncService(const SyncEngineConfig &config, int intervalMinutes, QObject *parent = nullptr);
    ~SyncService() override;

    bool isRunning() const override { return m_running; }
    bool isPaused() const override;
    QDateTime nextRunAt() const override;
    QString nextRunReason() const;

    // Starts the schedule: the first sync at once, then every interval.
    void startSchedule();
    // A one-off run with explicit options (the CLI's --full / --dry-run, a preview in the setup step).
    void syncWith(bool full, bool dryRun);
    const RunSummary &lastSummary() const { return m_lastSummary; }

public slots:
    void syncNow() override;
    void pause() override;
    void resume() override;
    void cancel() override;
    void applyDecisions() override;

private:
    QThread m_thread;
    QPointer<SyncEngine> m_engine;
    Scheduler *m_scheduler;
    bool m_running = false;
    RunSummary m_lastSummary;
};

// A stand-in for the engine in GUI tests: records what the windows ask of it, writes a run into the store the
// way the engine will, and emits the controller's signals so the windows can be driven end to end.
#pragma once

#include "engine/SyncController.h"

class SyncStore;

class FakeSyncController : public SyncController
{
    Q_OBJECT
public:
    explicit FakeSyncController(SyncStore *store, QObject *parent = nullptr);

    bool isRunning() const override { return !m_runId.isEmpty(); }
    bool isPaused() const override { return m_paused; }
    QDateTime nextRunAt() const override { return m_nextRunAt; }

    int syncNowCalls() const { return m_syncNowCalls; }
    int applyDecisionsCalls() const { return m_applyCalls; }
    int cancelCalls() const { return m_cancelCalls; }
    QString currentRunId() const { return m_runId; }

    // Drives a run that syncNow() started.
    void reportProgress(const QString &entity, int done, int total);
    void finishRun(int exitCode, const QString &error = QString());
    void setNextRun(const QDateTime &at);

public slots:
    void syncNow() override;
    void pause() override;
    void resume() override;
    void cancel() override;
    void applyDecisions() override;

private:
    SyncStore *m_store;
    QString m_runId;
    QDateTime m_startedAt;
    QDateTime m_nextRunAt;
    bool m_paused = false;
    int m_runs = 0;
    int m_syncNowCalls = 0;
    int m_applyCalls = 0;
    int m_cancelCalls = 0;
};

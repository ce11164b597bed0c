#include "FakeSyncController.h"

#include "store/SyncStore.h"
#include "util/Clock.h"

FakeSyncController::FakeSyncController(SyncStore *store, QObject *parent)
    : SyncController(parent)
    , m_store(store)
{}

void FakeSyncController::syncNow()
{
    ++m_syncNowCalls;
    if (isRunning()) {
        return;
    }
    m_runId = QStringLiteral("fake-run-%1").arg(++m_runs);
    m_startedAt = Clock::current().nowUtc();
    m_store->beginRun(m_runId, m_startedAt);
    emit runStarted(m_runId);
}

void FakeSyncController::reportProgress(const QString &entity, int done, int total)
{
    SyncProgress p;
    p.entity = entity;
    p.phase = QStringLiteral("writing");
    p.done = done;
    p.total = total;
    emit progressChanged(p);
}

void FakeSyncController::finishRun(int exitCode, const QString &error)
{
    RunSummary summary;
    summary.runId = m_runId;
    summary.startedAt = m_startedAt;
    summary.finishedAt = Clock::current().nowUtc();
    summary.exitCode = exitCode;
    summary.error = error;
    summary.json = {{QStringLiteral("exit_code"), exitCode}};
    if (!error.isEmpty()) {
        summary.json.insert(QStringLiteral("error"), error);
    }
    m_store->finishRun(m_runId, summary.finishedAt, exitCode, summary.json);
    m_runId.clear();
    emit runFinished(summary);
}

void FakeSyncController::setNextRun(const QDateTime &at)
{
    m_nextRunAt = at;
    emit nextRunChanged(at, QStringLiteral("interval"));
}

void FakeSyncController::pause()
{
    m_paused = true;
    emit pausedChanged(true);
}

void FakeSyncController::resume()
{
    m_paused = false;
    emit pausedChanged(false);
}

void FakeSyncController::cancel()
{
    ++m_cancelCalls;
}

void FakeSyncController::applyDecisions()
{
    // What the engine will do once the decision is written to both systems: mark it applied.
    ++m_applyCalls;
    const QList<ConflictRecord> open = m_store->unappliedDecisions();
    for (const ConflictRecord &c : open) {
        m_store->markDecisionApplied(c.id, Clock::current().nowUtc());
    }
    emit conflictsChanged();
}

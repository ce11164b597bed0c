#include "StatusTracker.h"

#include "StoreService.h"
#include "engine/SyncController.h"

StatusTracker::StatusTracker(StoreService *store, SyncController *controller, StatusNotifier *notifier, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_controller(controller)
    , m_notifier(notifier)
{
    connect(m_store, &StoreService::changed, this, &StatusTracker::refresh);
    if (m_controller) {
        m_running = m_controller->isRunning();
        m_nextRunAt = m_controller->nextRunAt();
        connect(m_controller, &SyncController::runStarted, this, [this]() {
            m_running = true;
            m_progress = SyncProgress();
            m_runError.clear();
            emit progressChanged(m_progress);
            push();
        });
        connect(m_controller, &SyncController::progressChanged, this, [this](const SyncProgress &p) {
            m_running = true;
            m_progress = p;
            emit progressChanged(p);
            push();
        });
        connect(m_controller, &SyncController::runFinished, this, [this](const RunSummary &summary) {
            m_running = false;
            m_progress = SyncProgress();
            m_runError = summary.exitCode == 1
                             ? (summary.error.isEmpty() ? tr("The last sync could not finish.") : summary.error)
                             : QString();
            emit progressChanged(m_progress);
            // The store holds the run's outcome; the notifier hears of the end once the fresh counts are in,
            // so its one attention notification reflects the finished run.
            refresh();
        });
        connect(m_controller, &SyncController::conflictsChanged, this, &StatusTracker::refresh);
        connect(m_controller, &SyncController::recordsChanged, this, &StatusTracker::refresh);
        connect(m_controller, &SyncController::pausedChanged, this, [this](bool paused) {
            emit pausedChanged(paused);
            push();
        });
        connect(m_controller, &SyncController::nextRunChanged, this, [this](const QDateTime &at, const QString &why) {
            m_nextRunAt = at;
            m_nextRunReason = why;
            emit nextRunChanged(at, why);
        });
        connect(m_controller, &SyncController::budgetChanged, this, [this](const BudgetSnapshot &b) {
            m_budget = b;
            emit budgetChanged(b);
        });
    }
}

void StatusTracker::refresh()
{
    m_store->run<Counts>(
        this,
        [](SyncStore &store) {
            Counts c;
            c.decisionsWaiting = store.countConflicts(ConflictStatus::PendingReview);
            int blocked = 0;
            for (Entity e : {Entity::Customer, Entity::WorkItem}) {
                const QHash<QString, int> counts = store.linkCountsByStatus(e);
                c.pending += counts.value(StoreText::linkStatus(LinkStatus::Pending));
                c.failed += counts.value(StoreText::linkStatus(LinkStatus::Error));
                blocked += counts.value(StoreText::linkStatus(LinkStatus::Blocked));
            }
            // A blocked record normally has its decision waiting; one without must still never look green.
            if (c.decisionsWaiting == 0) {
                c.failed += blocked;
            }
            const QList<RunRecord> runs = store.recentRuns(20);
            for (const RunRecord &run : runs) {
                if (!run.finishedAt.isValid()) {
                    continue;
                }
                if (run.exitCode == 1) {
                    if (c.lastError.isEmpty() && !c.lastSyncAt.isValid()) {
                        const QString error = run.summary.value(QStringLiteral("error")).toString();
                        c.lastError = error.isEmpty() ? tr("The last sync could not finish.") : error;
                    }
                    continue;
                }
                c.neverSynced = false;
                c.lastSyncAt = run.finishedAt;
                break;
            }
            return c;
        },
        [this](const Counts &c) {
            m_counts = c;
            push();
        });
}

void StatusTracker::push()
{
    StatusNotifier::Inputs in;
    in.running = m_running;
    in.progressDone = m_progress.done;
    in.progressTotal = m_progress.total;
    in.paused = m_controller && m_controller->isPaused();
    in.decisionsWaiting = m_counts.decisionsWaiting;
    in.pendingRecords = m_counts.pending;
    in.failedRecords = m_counts.failed;
    in.lastError = !m_runError.isEmpty() ? m_runError : m_counts.lastError;
    in.lastSyncAt = m_counts.lastSyncAt;
    in.neverSynced = m_counts.neverSynced;
    m_notifier->setInputs(in);
}

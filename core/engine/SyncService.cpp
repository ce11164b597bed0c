#include "SyncService.h"

#include "Scheduler.h"
#include "SyncEngine.h"

SyncService::SyncService(const SyncEngineConfig &config, int intervalMinutes, QObject *parent)
    : SyncController(parent)
    , m_scheduler(new Scheduler(intervalMinutes, config.clock, this))
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<BudgetSnapshot>();
    m_thread.setObjectName(QStringLiteral("turfdrive-sync"));
    auto *engine = new SyncEngine(config);
    engine->moveToThread(&m_thread);
    m_engine = engine;
    connect(&m_thread, &QThread::finished, engine, &QObject::deleteLater);

    // Signals from the worker arrive queued on this (GUI) thread and carry only values.
    connect(engine, &SyncEngine::runStarted, this, [this](const QString &runId) {
        m_running = true;
        m_scheduler->runStarted();
        emit runStarted(runId);
    });
    connect(engine, &SyncEngine::progressChanged, this, &SyncController::progressChanged);
    connect(engine, &SyncEngine::conflictsChanged, this, &SyncController::conflictsChanged);
    connect(engine, &SyncEngine::recordsChanged, this, &SyncController::recordsChanged);
    connect(engine, &SyncEngine::budgetChanged, this, [this](const BudgetSnapshot &budget) {
        m_scheduler->budgetChanged(budget);
        emit budgetChanged(budget);
    });
    connect(engine, &SyncEngine::runFinished, this, [this](const RunSummary &summary) {
        m_running = false;
        m_lastSummary = summary;
        m_scheduler->runFinished(summary);
        emit runFinished(summary);
    });
    connect(m_scheduler, &Scheduler::syncDue, this, &SyncService::syncNow);
    connect(m_scheduler, &Scheduler::pausedChanged, this, &SyncController::pausedChanged);
    connect(m_scheduler, &Scheduler::nextRunChanged, this, &SyncController::nextRunChanged);
    m_thread.start();
}

SyncService::~SyncService()
{
    if (m_engine) {
        // Cancel, then close the store and connections on the engine's own thread before it stops.
        QMetaObject::invokeMethod(m_engine, &SyncEngine::cancel, Qt::QueuedConnection);
        QMetaObject::invokeMethod(m_engine, &SyncEngine::shutDown, Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
}

bool SyncService::isPaused() const
{
    return m_scheduler->isPaused();
}

QDateTime SyncService::nextRunAt() const
{
    return m_scheduler->nextRunAt();
}

QString SyncService::nextRunReason() const
{
    return m_scheduler->reason();
}

void SyncService::startSchedule()
{
    m_scheduler->start();
}

void SyncService::syncNow()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::syncNow, Qt::QueuedConnection);
}

void SyncService::syncWith(bool full, bool dryRun)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, full, dryRun] { engine->syncWith(full, dryRun); }, Qt::QueuedConnection);
}

void SyncService::pause()
{
    m_scheduler->pause();
}

void SyncService::resume()
{
    m_scheduler->resume();
}

void SyncService::cancel()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::cancel, Qt::QueuedConnection);
}

void SyncService::applyDecisions()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::applyDecisions, Qt::QueuedConnection);
}

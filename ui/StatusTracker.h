// Gathers what the StatusNotifier needs (the controller's run state, the store's counts) and hands it over, so
// the header and the tray only render the state the notifier decided. The controller may be null until the
// engine exists; the store counts alone then decide.
#pragma once

#include "engine/StatusNotifier.h"
#include "engine/SyncController.h"
#include "engine/SyncTypes.h"

#include <QObject>
#include <QPointer>

class StoreService;

class StatusTracker : public QObject
{
    Q_OBJECT
public:
    StatusTracker(StoreService *store, SyncController *controller, StatusNotifier *notifier, QObject *parent = nullptr);

    SyncController *controller() const { return m_controller; }
    StatusNotifier *notifier() const { return m_notifier; }
    bool isRunning() const { return m_running; }
    SyncProgress progress() const { return m_progress; }
    QDateTime nextRunAt() const { return m_nextRunAt; }
    QString nextRunReason() const { return m_nextRunReason; }
    BudgetSnapshot budget() const { return m_budget; }

public slots:
    // Asks the store for fresh counts; the notifier is updated when they arrive.
    void refresh();

signals:
    void progressChanged(const SyncProgress &progress);
    void nextRunChanged(const QDateTime &at, const QString &reason);
    void budgetChanged(const BudgetSnapshot &budget);
    void pausedChanged(bool paused);

private:
    struct Counts
    {
        int decisionsWaiting = 0;
        int pending = 0;
        int failed = 0;
        bool neverSynced = true;
        QDateTime lastSyncAt;
        QString lastError;
    };

    void push();

    StoreService *m_store;
    QPointer<SyncController> m_controller;
    StatusNotifier *m_notifier;
    Counts m_counts;
    bool m_running = false;
    SyncProgress m_progress;
    QString m_runError; // the last run of this session that could not sync
    QDateTime m_nextRunAt;
    QString m_nextRunReason;
    BudgetSnapshot m_budget;
};

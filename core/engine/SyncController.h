// What the windows and the tray may ask of the sync and hear from it. The real one runs the engine on its own
// thread; every signal arrives queued on the GUI thread and carries only values.
#pragma once

#include "SyncTypes.h"

#include <QObject>

class SyncController : public QObject
{
    Q_OBJECT
public:
    explicit SyncController(QObject *parent = nullptr)
        : QObject(parent)
    {}

    virtual bool isRunning() const = 0;
    virtual bool isPaused() const = 0;
    virtual QDateTime nextRunAt() const = 0; // invalid while paused or when nothing is scheduled

public slots:
    virtual void syncNow() = 0;
    virtual void pause() = 0;
    virtual void resume() = 0;
    virtual void cancel() = 0;
    // A person recorded decisions in the store: apply them to both systems at once.
    virtual void applyDecisions() = 0;

signals:
    void runStarted(const QString &runId);
    void progressChanged(const SyncProgress &progress);
    void runFinished(const RunSummary &summary);
    void conflictsChanged();
    void recordsChanged();
    void pausedChanged(bool paused);
    void nextRunChanged(const QDateTime &at, const QString &reason);
    void budgetChanged(const BudgetSnapshot &budget);
};

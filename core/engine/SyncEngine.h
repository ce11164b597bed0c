// The sync engine as it lives on its worker thread: builds its own transports, clients and store connection there,
// runs one SyncRun at a time on request, and reports through signals that reach other threads queued.
#pragma once

#include "SyncEngineConfig.h"
#include "SyncRun.h"
#include "SyncTypes.h"

#include <QObject>
#include <QPointer>
#include <memory>

class HttpTransport;
class OstendoClient;
class PipedriveBudget;
class PipedriveClient;
class SyncStore;

class SyncEngine : public QObject
{
    Q_OBJECT
public:
    // Construct anywhere; nothing is opened until the first request, which must arrive on the engine's thread.
    explicit SyncEngine(const SyncEngineConfig &config, QObject *parent = nullptr);
    ~SyncEngine() override;

    bool isRunning() const { return m_run != nullptr; }

public slots:
    // Starts a run unless one is going; a request during a run is remembered and run right after it.
    void syncNow();
    void syncWith(bool full, bool dryRun);
    void cancel();
    // Decisions are applied by a run like any other change: make sure one runs soon.
    void applyDecisions();
    // Closes the store and drops the connections, on this thread, before the thread ends.
    void shutDown();

signals:
    void runStarted(const QString &runId);
    void progressChanged(const SyncProgress &progress);
    void runFinished(const RunSummary &summary);
    void conflictsChanged();
    void recordsChanged();
    void budgetChanged(const BudgetSnapshot &budget);

private:
    void startRun(bool full, bool dryRun);
    void readSecretsThen(std::function<void(const QString &error)> then);
    bool prepare(QString *error);
    void finishWithError(const QString &message);
    void onRunFinished(const RunSummary &summary);

    SyncEngineConfig m_config;
    std::unique_ptr<SyncStore> m_store;
    std::unique_ptr<HttpTransport> m_pipedriveTransport;
    std::unique_ptr<HttpTransport> m_ostendoTransport;
    // One budget for the account across runs: the clients are rebuilt per run, the day's token count is not.
    std::unique_ptr<PipedriveBudget> m_budget;
    std::unique_ptr<PipedriveClient> m_pipedrive;
    std::unique_ptr<OstendoClient> m_ostendo;
    QPointer<SyncRun> m_run;
    bool m_starting = false;
    bool m_again = false;
    bool m_cancelRequested = false;
};

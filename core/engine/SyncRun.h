// One sync run as an asynchronous state machine: settle the journal, then customers and work items, each read,
// reconciled and written in paced batches; ends with one RunSummary. No nested event loop, no sleeping.
#pragma once

#include "DecisionApplier.h"
#include "Reconciler.h"
#include "RecordMapper.h"
#include "SyncRunOptions.h"
#include "SyncTypes.h"
#include "connectors/ConnectorError.h"
#include "model/Policy.h"
#include "store/StoreTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <functional>

class Clock;
class HttpTransport;
class OstendoClient;
class PipedriveClient;
class SyncStore;

class SyncRun : public QObject
{
    Q_OBJECT
public:
    // The clients, the store and the clock are not owned and must outlive the run; all live on this thread.
    SyncRun(PipedriveClient *pipedrive, OstendoClient *ostendo, SyncStore *store, const Policy &policy,
            const SyncRunOptions &options, const Clock &clock, QObject *parent = nullptr);
    ~SyncRun() override;

    // Request counts in the summary come from these transports (what went on the wire, retries included).
    void setTransports(HttpTransport *pipedrive, HttpTransport *ostendo);

    void start();
    // Stops between two records: every write already sent is completed and journalled first.
    void cancel();

    QString runId() const { return m_runId; }
    bool isFinished() const { return m_finished; }
    const RunSummary &summary() const { return m_summary; }

signals:
    void progressChanged(const SyncProgress &progress);
    void recordsChanged();
    void conflictsChanged();
    void finished(const RunSummary &summary);

private:
    struct Item;
    struct Counters
    {
        int created = 0;
        int updated = 0;
        int archived = 0;
    };
    using Next = std::function<void()>;

    // Phases, in order.
    void checkFields();
    void loadStages();
    void settleJournal(QList<JournalEntry> entries);
    void runEntity(EntityKind entity);
    void readPipedrive(EntityKind entity);
    void readOstendo(EntityKind entity);
    void recoverCreatedKeys();
    void collectItems(EntityKind entity);
    void assumeUnchangedSide(Item &item);
    SideRecord fromBase(const Link &link, Side side) const;
    void fetchMissing(EntityKind entity, int index);
    void reconcileItems(EntityKind entity);
    SyncPlan archiveAlone(EntityKind entity, Side side, const SideRecord &record) const;
    void executeFrom(EntityKind entity, int index);
    void finishEntity(EntityKind entity);
    void purgeArchivedLinks();
    void finishRun(int exitCode, const QString &error);
    void fail(const QString &message);

    // One record's writes.
    void executeItem(Item &item, Next done);
    bool ensureLink(Item &item);
    QString customerToWaitFor(const Item &item) const;
    void waitForCustomer(Item &item);
    // Each calls `then` when its side is written (or had nothing to write), `failed` when the record failed.
    void writePipedrive(Item &item, Next then, Next failed);
    void writeOstendo(Item &item, Next then, Next failed);
    void cascadeRename(Item &item, Next then, Next failed);
    static QJsonObject writeDetails(const SideRecord &target, const QJsonObject &values);
    void adoptAssignedStage(Item &item, qint64 stageId);
    void completeItem(Item &item);
    void closeSettledConflicts(const Item &item);
    void failItem(Item &item, const ConnectorError &error);
    // False when a conflict could not be saved.
    bool storeConflicts(const Item &item, bool pendingOnly);
    void findCreatedPipedrive(EntityKind entity, const QString &carried, const QDateTime &since,
                              std::function<void(qint64 id, const ConnectorError &)> done);

    qint64 beginWrite(const Item &item, System system, const QString &operation, const QString &carried,
                      const QJsonObject &payload);
    void endWrite(qint64 journalId, const ConnectorError &error, const QString &remoteId);
    void log(const Item *item, const QString &action, const QString &source, const QString &target,
             const QStringList &fields, qint64 durationMs, const QString &error, const QJsonObject &details = {});

    void registerCustomerLinks();
    QStringList formerOstendoNames(const Link &link, bool conflicts) const;
    bool unchangedSinceBase(EntityKind entity, const Link &link, Side side, const SideRecord &record) const;
    void noteOpenWork();
    ReconcileContext contextFor(const Item &item) const;
    QString expectedCarried(const Item &item, Side side) const;
    void planned(const Item &item, System system, const QString &operation, const QJsonObject &fields);
    void count(EntityKind entity, Side target, SidePlan::Lifecycle lifecycle);
    void emitProgress(EntityKind entity, const QString &phase, int done, int total);
    QJsonObject summaryJson(int exitCode) const;
    bool dry() const { return m_options.dryRun; }

    PipedriveClient *m_pipedrive;
    OstendoClient *m_ostendo;
    SyncStore *m_store;
    Policy m_policy;
    SyncRunOptions m_options;
    const Clock &m_clock;
    Reconciler m_reconciler;
    DecisionApplier m_applier;
    RecordMapper m_mapper;
    QPointer<HttpTransport> m_pipedriveTransport;
    QPointer<HttpTransport> m_ostendoTransport;
    quint64 m_pipedriveRequestsAtStart = 0;
    quint64 m_ostendoRequestsAtStart = 0;
    qint64 m_tokensAtStart = 0;

    QString m_runId;
    QDateTime m_startedAt;
    QElapsedTimer m_elapsed;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
    bool m_fullScan = false;
    RunSummary m_summary;

    // State of the entity being worked on.
    QHash<QString, SideRecord> m_pipedriveRead;
    QHash<QString, SideRecord> m_ostendoRead;
    QHash<QString, PipedriveOrganization> m_organizations; // raw, for the address subfields
    QDateTime m_pipedriveMaxModified;
    QDateTime m_ostendoMaxModified;
    QDateTime m_pipedriveHold; // the earliest modification time of a record that failed: watermarks stop there
    QDateTime m_ostendoHold;
    bool m_pipedriveReadComplete = false;
    bool m_ostendoReadComplete = false;
    QList<PipedriveDeal> m_rawDeals; // read with the customers, mapped once the customer links are known
    QList<OstendoJob> m_rawJobs;
    QList<Item> m_items;
    int m_writeTotal = 0;
    int m_writeDone = 0;

    QHash<qint64, Link> m_links;
    QHash<qint64, qint64> m_linkByPipedrive;
    QHash<QString, qint64> m_linkByOstendo;
    QSet<QString> m_untrustedReads;      // "customer/pipedrive", "work_item/ostendo/KEY": reads with unreadable rows
    QSet<QString> m_pendingConflictKeys; // entity|kind|pipedrive|ostendo of conflicts waiting for a person
    // Conflicts a failed record already stored (same sides, same values) since its last sync: not stored twice.
    QSet<QString> m_storedUnsyncedConflicts;
    QHash<qint64, bool> m_customerHasOpenWork;
    QSet<qint64> m_openWorkOrganizations;
    QSet<QString> m_openWorkCustomerNames;

    // Summary figures.
    QHash<QString, Counters> m_counters; // "customer/to_pipedrive" -> counts
    QHash<QString, int> m_conflictCounts;
    int m_failed = 0;
    QJsonArray m_planned;
};

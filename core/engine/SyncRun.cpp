#include "SyncRun.h"

#include "SyncRunCandidates.h"

#include "Normaliser.h"

#include "connectors/HttpTransport.h"
#include "connectors/OstendoClient.h"
#include "connectors/PipedriveClient.h"
#include "store/SyncStore.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "util/SecretRedactor.h"
#include "util/TimeFormat.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace {
const QString kCreate = QStringLiteral("create");
const QString kUpdate = QStringLiteral("update");
const QString kArchive = QStringLiteral("archive");

QString systemKey(Side side)
{
    return Sides::key(side);
}

System systemOf(Side side)
{
    return side == Side::Pipedrive ? System::Pipedrive : System::Ostendo;
}

QString directionKey(Side target)
{
    return target == Side::Pipedrive ? QStringLiteral("to_pipedrive") : QStringLiteral("to_ostendo");
}

QString conflictKey(const Conflict &c)
{
    return Entities::key(c.entity) + QLatin1Char('|') + Conflict::kindKey(c.kind) + QLatin1Char('|') + c.pipedriveId +
           QLatin1Char('|') + c.ostendoKey;
}

// A conflict with its values: a record that failed after its conflict was stored finds the same one again next run.
QString conflictFingerprint(const Conflict &c)
{
    QString text = conflictKey(c);
    for (const ConflictField &f : c.fields) {
        text += QLatin1Char('|') + f.field + QLatin1Char('=') + f.pipedrive + QLatin1Char('/') + f.ostendo;
    }
    return text;
}

QJsonObject fieldsJson(const FieldValues &values)
{
    QJsonObject o;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        o.insert(it.key(), it.value());
    }
    return o;
}

std::optional<Decision::Kind> decisionKind(const QString &text)
{
    if (text == QLatin1String("keep_pipedrive")) {
        return Decision::Kind::KeepPipedrive;
    }
    if (text == QLatin1String("keep_ostendo")) {
        return Decision::Kind::KeepOstendo;
    }
    if (text == QLatin1String("merge")) {
        return Decision::Kind::Merge;
    }
    if (text == QLatin1String("link")) {
        return Decision::Kind::Link;
    }
    if (text == QLatin1String("keep_separate")) {
        return Decision::Kind::KeepSeparate;
    }
    return std::nullopt;
}

QDateTime earlier(const QDateTime &a, const QDateTime &b)
{
    if (!a.isValid()) {
        return b;
    }
    if (!b.isValid()) {
        return a;
    }
    return std::min(a, b);
}

QDateTime later(const QDateTime &a, const QDateTime &b)
{
    if (!a.isValid()) {
        return b;
    }
    if (!b.isValid()) {
        return a;
    }
    return std::max(a, b);
}
} // namespace

struct SyncRun::Item
{
    EntityKind entity = EntityKind::Customer;
    qint64 linkId = 0;
    SideRecord pipedrive;
    SideRecord ostendo;
    bool fetchPipedrive = false;
    bool fetchOstendo = false;
    std::optional<ConflictRecord> decision;
    // Each side's modification time as read, before this run wrote anything: what a conflict shows people as
    // "changed at" (the record's own time moves when TurfDrive writes to it).
    QDateTime pipedriveReadAt;
    QDateTime ostendoReadAt;
    SyncPlan plan;
    bool act = false; // anything to write or store
    ConnectorError fetchError;
    bool failed = false;
    bool wroteSomething = false;
    // A work item whose customer is not on both sides yet waits for it: nothing written, no conflict.
    QString waitingFor;
};

SyncRun::SyncRun(PipedriveClient *pipedrive, OstendoClient *ostendo, SyncStore *store, const Policy &policy,
                 const SyncRunOptions &options, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_pipedrive(pipedrive)
    , m_ostendo(ostendo)
    , m_store(store)
    , m_policy(policy)
    , m_options(options)
    , m_clock(clock)
    , m_reconciler(policy)
    , m_applier(policy)
    , m_mapper(policy)
    , m_runId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_options.batchSize = std::max(1, m_options.batchSize);
}

SyncRun::~SyncRun() = default;

void SyncRun::setTransports(HttpTransport *pipedrive, HttpTransport *ostendo)
{
    m_pipedriveTransport = pipedrive;
    m_ostendoTransport = ostendo;
}

void SyncRun::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_startedAt = m_clock.nowUtc();
    m_elapsed.start();
    m_summary.runId = m_runId;
    m_summary.startedAt = m_startedAt;
    m_pipedriveRequestsAtStart =
        m_pipedriveTransport ? m_pipedriveTransport->requestCount() : m_pipedrive->requestCount();
    m_ostendoRequestsAtStart = m_ostendoTransport ? m_ostendoTransport->requestCount() : 0;
    m_tokensAtStart = m_pipedrive->budget() ? m_pipedrive->budget()->tokensUsedToday() : 0;

    // The first sync, --full, and a scan older than sync/full_scan_hours compare everything.
    m_fullScan = m_options.full;
    for (EntityKind entity : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (System system : {System::Pipedrive, System::Ostendo}) {
            m_fullScan = m_fullScan || m_store->watermark(entity, system).isEmpty();
        }
    }
    if (!m_fullScan) {
        QDateTime lastFull;
        for (const RunRecord &run : m_store->recentRuns(200)) {
            if (run.summary.value(QStringLiteral("full_scan")).toBool() && run.exitCode != 1 && run.exitCode != -1) {
                lastFull = later(lastFull, run.startedAt);
            }
        }
        m_fullScan = !lastFull.isValid() || lastFull.secsTo(m_startedAt) >= qint64(m_options.fullScanHours) * 3600;
    }

    // Runs that never finished (the process died) since the last one that did: a conflict such a run stored before
    // the record's writes is found again now, and must not be stored twice.
    QDateTime unfinishedSince;
    if (!dry()) {
        for (const RunRecord &run : m_store->recentRuns(50)) {
            if (run.finishedAt.isValid()) {
                break;
            }
            unfinishedSince = run.startedAt;
        }
    }
    if (!dry() && !m_store->beginRun(m_runId, m_startedAt)) {
        QTimer::singleShot(
            0, this, [this] { fail(tr("The state database could not record the run: %1").arg(m_store->lastError())); });
        return;
    }
    for (const ConflictRecord &c :
         m_store->conflicts(ConflictFilter{ConflictStatus::PendingReview, {}, {}, {}, 0, 0})) {
        m_pendingConflictKeys.insert(conflictKey(c.conflict));
    }
    if (unfinishedSince.isValid()) {
        ConflictFilter since{ConflictStatus::AutoResolved, {}, {}, unfinishedSince, 0, 0};
        for (const ConflictRecord &c : m_store->conflicts(since)) {
            m_storedUnsyncedConflicts.insert(conflictFingerprint(c.conflict));
        }
    }
    if (!dry()) {
        for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
            for (const Link &link : m_store->links(kind)) {
                if (link.status == LinkStatus::Synced || link.status == LinkStatus::Blocked) {
                    continue;
                }
                ConflictFilter since{ConflictStatus::AutoResolved, {}, {}, link.lastSyncedAt, link.id, 0};
                for (const ConflictRecord &c : m_store->conflicts(since)) {
                    m_storedUnsyncedConflicts.insert(conflictFingerprint(c.conflict));
                }
            }
        }
    }
    qCInfo(lcEngine) << "sync run" << m_runId << (m_fullScan ? "full scan" : "incremental")
                     << (dry() ? "(dry run)" : "");
    QTimer::singleShot(0, this, [this] { checkFields(); });
}

void SyncRun::cancel()
{
    m_cancelled = true;
}

void SyncRun::fail(const QString &message)
{
    finishRun(1, message);
}

void SyncRun::checkFields()
{
    emitProgress(EntityKind::Customer, QStringLiteral("reading"), 0, 0);
    QPointer<SyncRun> self(this);
    m_pipedrive->discoverFields([self](const PipedriveResult<bool> &result) {
        if (!self) {
            return;
        }
        if (!result.ok()) {
            self->fail(tr("Pipedrive could not be read: %1").arg(result.error.message));
            return;
        }
        const QList<PipedriveFieldSpec> missing = self->m_pipedrive->missingFields();
        if (!missing.isEmpty()) {
            QStringList names;
            for (const PipedriveFieldSpec &spec : missing) {
                names << QStringLiteral("\"%1\" (%2)").arg(spec.name, PipedriveFieldSpec::entityName(spec.entity));
            }
            self->fail(
                tr("Pipedrive lacks the custom field%1 %2; run `turfdrive-cli setup --create-fields`.")
                    .arg(missing.size() > 1 ? QStringLiteral("s") : QString(), names.join(QStringLiteral(", "))));
            return;
        }
        self->loadStages();
    });
}

void SyncRun::loadStages()
{
    QPointer<SyncRun> self(this);
    m_pipedrive->listStages([self](const PipedriveResult<QList<PipedriveStage>> &result) {
        if (!self) {
            return;
        }
        if (!result.ok()) {
            self->fail(tr("Pipedrive's deal stages could not be read: %1").arg(result.error.message));
            return;
        }
        self->m_mapper.setStages(result.value);
        self->settleJournal(self->dry() ? QList<JournalEntry>() : self->m_store->openJournalEntries());
    });
}

// Writes whose outcome was never learnt (a crash, a lost answer) are settled by reading before anything is resent.
void SyncRun::settleJournal(QList<JournalEntry> entries)
{
    if (entries.isEmpty()) {
        runEntity(EntityKind::Customer);
        return;
    }
    const JournalEntry entry = entries.takeFirst();
    QPointer<SyncRun> self(this);
    const auto settled = [self, entry, entries](const QString &remoteId, const ConnectorError &error) {
        if (!self) {
            return;
        }
        if (error.isError()) {
            self->fail(tr("An unfinished write could not be checked: %1").arg(error.message));
            return;
        }
        const QDateTime now = self->m_clock.nowUtc();
        if (!remoteId.isEmpty()) {
            self->m_store->journalComplete(entry.id, JournalState::Done, remoteId, QString(), now);
            if (std::optional<Link> link = self->m_store->link(entry.linkId)) {
                if (entry.system == System::Pipedrive && link->pipedriveId == 0) {
                    link->pipedriveId = remoteId.toLongLong();
                } else if (entry.system == System::Ostendo && link->ostendoKey.isEmpty()) {
                    link->ostendoKey = remoteId;
                }
                link->status = LinkStatus::Pending;
                self->m_store->saveLink(&*link);
            }
        } else {
            self->m_store->journalComplete(entry.id, JournalState::Failed, QString(),
                                           entry.operation == kCreate
                                               ? tr("Not applied: the record was not found by its carried id.")
                                               : tr("Outcome unknown: the record is read again and reconciled."),
                                           now);
        }
        LogEntry row;
        row.at = now;
        row.runId = self->m_runId;
        row.entity = StoreText::entity(entry.entity);
        row.linkId = entry.linkId;
        row.action = QStringLiteral("settle");
        row.source = QStringLiteral("engine");
        row.target = StoreText::system(entry.system);
        row.details = QJsonObject{{QStringLiteral("operation"), entry.operation},
                                  {QStringLiteral("journal_id"), double(entry.id)},
                                  {QStringLiteral("found"), !remoteId.isEmpty()}};
        self->m_store->appendLog(&row);
        self->settleJournal(entries);
    };
    if (entry.operation != kCreate) {
        settled(QString(), ConnectorError{});
        return;
    }
    if (entry.system == System::Pipedrive) {
        findCreatedPipedrive(entry.entity, entry.carriedId, entry.createdAt,
                             [settled](qint64 id, const ConnectorError &error) {
                                 settled(id ? QString::number(id) : QString(), error);
                             });
        return;
    }
    const qint64 carried = entry.carriedId.toLongLong();
    if (entry.entity == EntityKind::Customer) {
        m_ostendo->findCustomersByPipedriveId(carried, [settled](const OstendoReadResult<OstendoCustomer> &r) {
            settled(r.records.isEmpty() ? QString() : r.records.last().key, r.error);
        });
    } else {
        m_ostendo->findJobsByPipedriveId(carried, [settled](const OstendoReadResult<OstendoJob> &r) {
            settled(r.records.isEmpty() ? QString() : r.records.last().key, r.error);
        });
    }
}

// A create whose answer was lost: the lists are consistent, the search index may lag, so the list comes first.
void SyncRun::findCreatedPipedrive(EntityKind entity, const QString &carried, const QDateTime &since,
                                   std::function<void(qint64, const ConnectorError &)> done)
{
    const QString field = m_mapper.carriedIdField(entity);
    PipedriveClient::ListOptions options;
    options.updatedSince = since.addSecs(-m_options.pipedriveOverlapSeconds);
    QPointer<SyncRun> self(this);
    const auto search = [self, entity, field, carried, done] {
        if (!self) {
            return;
        }
        self->m_pipedrive->findByCustomField(entity == EntityKind::Customer ? PipedriveFieldSpec::Entity::Organization
                                                                            : PipedriveFieldSpec::Entity::Deal,
                                             field, carried, [done](const PipedriveResult<QList<qint64>> &r) {
                                                 done(r.ok() && !r.value.isEmpty() ? r.value.last() : 0, r.error);
                                             });
    };
    if (entity == EntityKind::Customer) {
        m_pipedrive->listOrganizations(
            options, [field, carried, done, search](const PipedriveResult<QList<PipedriveOrganization>> &r) {
                if (!r.ok()) {
                    done(0, r.error);
                    return;
                }
                for (const PipedriveOrganization &org : r.value) {
                    if (!org.isDeleted && org.customText(field).trimmed() == carried) {
                        done(org.id, ConnectorError{});
                        return;
                    }
                }
                search();
            });
    } else {
        m_pipedrive->listDeals(options, [field, carried, done, search](const PipedriveResult<QList<PipedriveDeal>> &r) {
            if (!r.ok()) {
                done(0, r.error);
                return;
            }
            for (const PipedriveDeal &deal : r.value) {
                if (!deal.isDeleted && deal.customText(field).trimmed() == carried) {
                    done(deal.id, ConnectorError{});
                    return;
                }
            }
            search();
        });
    }
}

void SyncRun::runEntity(EntityKind entity)
{
    if (m_cancelled) {
        finishRun(1, tr("The sync was cancelled."));
        return;
    }
    m_pipedriveRead.clear();
    m_ostendoRead.clear();
    m_organizations.clear();
    m_items.clear();
    m_pipedriveMaxModified = QDateTime();
    m_ostendoMaxModified = QDateTime();
    m_pipedriveHold = QDateTime();
    m_ostendoHold = QDateTime();
    m_writeTotal = 0;
    m_writeDone = 0;
    if (entity == EntityKind::Customer) {
        m_rawDeals.clear();
        m_rawJobs.clear();
        // What the store knows of each customer's names, before this run reads any: a rename looks up who owns a
        // name, and a customer this run does not read still owns its own.
        registerCustomerLinks();
        // An organization with no link that waits for a person (a possible duplicate) is not read again until it
        // changes; its name is in the case, for telling people which customer a deal waits for.
        ConflictFilter waiting;
        waiting.entity = EntityKind::Customer;
        waiting.status = ConflictStatus::PendingReview;
        for (const ConflictRecord &c : m_store->conflicts(waiting)) {
            const ConflictField *name = c.conflict.field(QStringLiteral("name"));
            const qint64 org = c.conflict.pipedriveId.toLongLong();
            if (name && org && !name->pipedrive.isEmpty() && !m_mapper.customerLinkForOrganization(org)) {
                m_mapper.setOrganizationName(org, name->pipedrive);
            }
        }
        emitProgress(entity, QStringLiteral("reading"), 0, 0);
        readPipedrive(entity); // then Ostendo's customers, then both sides' work items, all before any write
        return;
    }
    // Work items were read with the customers; they are mapped now that every customer link is known.
    registerCustomerLinks();
    for (const PipedriveDeal &deal : std::as_const(m_rawDeals)) {
        const SideRecord record = m_mapper.fromDeal(deal);
        m_pipedriveRead.insert(record.id, record);
        m_pipedriveMaxModified = later(m_pipedriveMaxModified, record.modifiedAt);
    }
    for (const OstendoJob &job : std::as_const(m_rawJobs)) {
        const SideRecord record = m_mapper.fromJob(job);
        m_ostendoRead.insert(record.id, record);
        m_ostendoMaxModified = later(m_ostendoMaxModified, record.modifiedAt);
    }
    m_pipedriveReadComplete = m_fullScan;
    m_ostendoReadComplete = m_fullScan;
    collectItems(entity);
}

void SyncRun::registerCustomerLinks()
{
    const QList<Link> links = m_store->links(EntityKind::Customer);
    for (const Link &link : links) {
        QString name = link.displayName;
        if (name.isEmpty()) {
            name = link.base.value(QStringLiteral("name")).toString();
        }
        m_mapper.setCustomerLink(link.id, link.pipedriveId, link.ostendoKey, name);
    }
    // After every current name: a job still under a customer's former name (its rename is not finished) belongs to
    // that customer, unless the name is another customer's now. The conflicts are only looked up for customers a run
    // left unfinished.
    for (const Link &link : links) {
        if (link.ostendoKey.isEmpty()) {
            continue;
        }
        for (const QString &name : formerOstendoNames(link, link.status != LinkStatus::Synced)) {
            m_mapper.addFormerOstendoName(link.ostendoKey, name);
        }
    }
}

// The names a customer's jobs may still carry besides its current one. A run that renamed it in Ostendo but not all
// its jobs fails the customer (or could not even record that: a failed database write), so its base keeps the name
// agreed before; and, with `conflicts`, each name conflict since it last synced keeps the Ostendo name the rule
// replaced (stored before the rename was written).
QStringList SyncRun::formerOstendoNames(const Link &link, bool conflicts) const
{
    if (link.entity != EntityKind::Customer || !link.id) {
        return {};
    }
    QStringList names;
    const QString base = link.base.value(QStringLiteral("name")).toString();
    if (!base.isEmpty()) {
        names << base;
    }
    if (!conflicts) {
        return names;
    }
    ConflictFilter filter;
    filter.entity = EntityKind::Customer;
    filter.linkId = link.id;
    filter.detectedSince = link.lastSyncedAt;
    for (const ConflictRecord &c : m_store->conflicts(filter)) {
        const ConflictField *f = c.conflict.field(QStringLiteral("name"));
        if (f && !f->ostendo.isEmpty() && !names.contains(f->ostendo)) {
            names << f->ostendo;
        }
    }
    return names;
}

void SyncRun::readPipedrive(EntityKind entity)
{
    PipedriveClient::ListOptions options;
    if (!m_fullScan) {
        const QDateTime mark = TimeFormat::fromStorage(m_store->watermark(entity, System::Pipedrive));
        options.updatedSince = mark.addSecs(-m_options.pipedriveOverlapSeconds);
    }
    m_pipedriveReadComplete = m_fullScan;
    QPointer<SyncRun> self(this);
    const auto recordErrors = [self, entity](const QList<ConnectorError> &errors) {
        if (!errors.isEmpty()) {
            self->m_untrustedReads.insert(Entities::key(entity) + QStringLiteral("/pipedrive"));
        }
        for (const ConnectorError &e : errors) {
            LogEntry row;
            row.at = self->m_clock.nowUtc();
            row.runId = self->m_runId;
            row.entity = Entities::key(entity);
            row.action = QStringLiteral("read");
            row.source = QStringLiteral("pipedrive");
            row.error = e.message;
            if (!self->dry()) {
                self->m_store->appendLog(&row);
            }
        }
    };
    if (entity == EntityKind::Customer) {
        m_pipedrive->listOrganizations(
            options, [self, entity, recordErrors](const PipedriveResult<QList<PipedriveOrganization>> &r) {
                if (!self) {
                    return;
                }
                if (!r.ok()) {
                    self->fail(tr("Pipedrive's organizations could not be read: %1").arg(r.error.message));
                    return;
                }
                recordErrors(r.recordErrors);
                for (const PipedriveOrganization &org : r.value) {
                    const SideRecord record = self->m_mapper.fromOrganization(org);
                    self->m_mapper.setOrganizationName(org.id, org.name);
                    self->m_organizations.insert(record.id, org);
                    self->m_pipedriveRead.insert(record.id, record);
                    self->m_pipedriveMaxModified = later(self->m_pipedriveMaxModified, record.modifiedAt);
                }
                self->readOstendo(entity);
            });
    } else {
        // Deleted deals too: a deal removed in Pipedrive is how a job's counterpart disappears.
        options.dealScope = PipedriveClient::DealScope::ActiveAndDeleted;
        m_pipedrive->listDeals(options, [self, entity, recordErrors](const PipedriveResult<QList<PipedriveDeal>> &r) {
            if (!self) {
                return;
            }
            if (!r.ok()) {
                self->fail(tr("Pipedrive's deals could not be read: %1").arg(r.error.message));
                return;
            }
            recordErrors(r.recordErrors);
            self->m_rawDeals = r.value;
            self->readOstendo(entity);
        });
    }
}

void SyncRun::readOstendo(EntityKind entity)
{
    const QDateTime mark =
        m_fullScan ? QDateTime() : TimeFormat::fromStorage(m_store->watermark(entity, System::Ostendo));
    m_ostendoReadComplete = m_fullScan;
    QPointer<SyncRun> self(this);
    const auto logErrors = [self, entity](const QString &key, const QString &message) {
        // A row that could not be read may have changed: its pair is never assumed unchanged this run.
        self->m_untrustedReads.insert(Entities::key(entity) +
                                      (key.isEmpty() ? QStringLiteral("/ostendo") : QStringLiteral("/ostendo/") + key));
        LogEntry row;
        row.at = self->m_clock.nowUtc();
        row.runId = self->m_runId;
        row.entity = Entities::key(entity);
        row.ostendoKey = key;
        row.action = QStringLiteral("read");
        row.source = QStringLiteral("ostendo");
        row.error = message;
        if (!self->dry()) {
            self->m_store->appendLog(&row);
        }
    };
    if (entity == EntityKind::Customer) {
        auto done = [self, entity, logErrors](const OstendoReadResult<OstendoCustomer> &r) {
            if (!self) {
                return;
            }
            if (r.error.isError()) {
                self->fail(tr("Ostendo's customers could not be read: %1").arg(r.error.message));
                return;
            }
            for (const auto &e : r.recordErrors) {
                logErrors(e.key, e.message);
            }
            for (const OstendoCustomer &customer : r.records) {
                const SideRecord record = self->m_mapper.fromCustomer(customer);
                self->m_mapper.setOstendoCustomerName(customer.key, customer.name);
                self->m_ostendoRead.insert(record.id, record);
                self->m_ostendoMaxModified = later(self->m_ostendoMaxModified, record.modifiedAt);
            }
            self->readPipedrive(EntityKind::WorkItem);
        };
        if (mark.isValid()) {
            m_ostendo->readCustomersModifiedSince(mark, done);
        } else {
            m_ostendo->readAllCustomers(done);
        }
    } else {
        auto done = [self, entity, logErrors](const OstendoReadResult<OstendoJob> &r) {
            if (!self) {
                return;
            }
            if (r.error.isError()) {
                self->fail(tr("Ostendo's jobs could not be read: %1").arg(r.error.message));
                return;
            }
            for (const auto &e : r.recordErrors) {
                logErrors(e.key, e.message);
            }
            self->m_rawJobs = r.records;
            self->noteOpenWork();
            self->collectItems(EntityKind::Customer);
        };
        if (mark.isValid()) {
            m_ostendo->readJobsModifiedSince(mark, done);
        } else {
            m_ostendo->readAllJobs(done);
        }
    }
}

// A linked record read on one side whose mapped values still equal the base needs nothing from the other side.
bool SyncRun::unchangedSinceBase(EntityKind entity, const Link &link, Side side, const SideRecord &record) const
{
    if (link.status != LinkStatus::Synced || !link.lastSyncedAt.isValid()) {
        return false;
    }
    const FieldValues base = FieldValuesJson::fromJson(link.base);
    const bool baseArchived = base.value(Reconciler::ArchivedKey) == QLatin1String("true");
    if ((record.state != SideRecord::State::Present) != baseArchived) {
        return false;
    }
    for (const FieldRule &rule : m_policy.entity(entity).fields) {
        const QString v = record.value(rule.name);
        const QString b = base.value(rule.name);
        if (v != b && m_reconciler.keyOf(rule, side, v) != m_reconciler.keyOf(rule, std::nullopt, b)) {
            return false;
        }
    }
    return true;
}

// A link that lacks one side although its create there was completed: the run that created the record could not
// store its key (a failed database write, a crash). The journal knows the record; without it, the next run would
// take the link for unfinished and create the record a second time (simulation seeds 65514 and 41558, workload 1).
void SyncRun::recoverCreatedKeys()
{
    for (Link &link : m_links) {
        const bool unfinished = link.status == LinkStatus::Pending || link.status == LinkStatus::Error;
        if (!unfinished || (link.pipedriveId != 0) == !link.ostendoKey.isEmpty()) {
            continue; // finished, or both sides known, or neither (nothing was created for it yet)
        }
        const System missing = link.pipedriveId ? System::Ostendo : System::Pipedrive;
        const QString created = m_store->createdRemoteId(link.id, missing);
        if (created.isEmpty()) {
            continue;
        }
        if (missing == System::Ostendo) {
            if (m_linkByOstendo.contains(created)) {
                continue;
            }
            link.ostendoKey = created;
            m_linkByOstendo.insert(created, link.id);
        } else {
            const qint64 id = created.toLongLong();
            if (!id || m_linkByPipedrive.contains(id)) {
                continue;
            }
            link.pipedriveId = id;
            m_linkByPipedrive.insert(id, link.id);
        }
        qCInfo(lcEngine) << "link" << link.id << "gets back the key of the record its create made:" << created;
        if (!dry()) {
            m_store->saveLink(&link);
        }
    }
}

void SyncRun::collectItems(EntityKind entity)
{
    emitProgress(entity, QStringLiteral("reconciling"), 0, 0);
    m_links.clear();
    m_linkByPipedrive.clear();
    m_linkByOstendo.clear();
    for (const Link &link : m_store->links(entity)) {
        m_links.insert(link.id, link);
        if (link.pipedriveId) {
            m_linkByPipedrive.insert(link.pipedriveId, link.id);
        }
        if (!link.ostendoKey.isEmpty()) {
            m_linkByOstendo.insert(link.ostendoKey, link.id);
        }
    }
    recoverCreatedKeys();
    if (entity == EntityKind::Customer) {
        // Open work per customer link, from the work items' bases: archiving such a customer asks a person.
        m_customerHasOpenWork.clear();
        const FieldRule *status = m_policy.entity(EntityKind::WorkItem).field(m_policy.statusField());
        for (const Link &work : m_store->links(EntityKind::WorkItem)) {
            const qint64 customer = work.base.value(QStringLiteral("customer")).toString().toLongLong();
            const QString canonical = work.base.value(m_policy.statusField()).toString();
            if (customer && status &&
                m_policy.statusMap().isOpenWork(Side::Pipedrive,
                                                m_policy.statusMap().valueFor(Side::Pipedrive, canonical))) {
                m_customerHasOpenWork.insert(customer, true);
            }
        }
    }

    QHash<qint64, int> byLink;
    QHash<QString, int> unlinkedPipedrive;
    QHash<QString, int> unlinkedOstendo;
    const auto itemForLink = [&](qint64 linkId) -> Item & {
        auto it = byLink.constFind(linkId);
        if (it != byLink.constEnd()) {
            return m_items[*it];
        }
        Item item;
        item.entity = entity;
        item.linkId = linkId;
        const Link &link = m_links[linkId];
        if (link.pipedriveId) {
            item.pipedrive.id = QString::number(link.pipedriveId);
            item.fetchPipedrive = true;
        }
        if (!link.ostendoKey.isEmpty()) {
            item.ostendo.id = link.ostendoKey;
            item.fetchOstendo = true;
        }
        m_items.append(item);
        byLink.insert(linkId, int(m_items.size()) - 1);
        return m_items.last();
    };

    // Decisions people made, waiting to be written.
    for (const ConflictRecord &decided : m_store->unappliedDecisions()) {
        if (decided.conflict.entity != entity) {
            continue;
        }
        if (decided.linkId && m_links.contains(decided.linkId)) {
            itemForLink(decided.linkId).decision = decided;
            continue;
        }
        const auto addDecided = [&](const QString &pipedriveId, const QString &ostendoKey) {
            Item item;
            item.entity = entity;
            item.decision = decided;
            item.pipedrive.id = pipedriveId;
            item.ostendo.id = ostendoKey;
            item.fetchPipedrive = !item.pipedrive.id.isEmpty();
            item.fetchOstendo = !item.ostendo.id.isEmpty();
            m_items.append(item);
            if (!item.pipedrive.id.isEmpty()) {
                unlinkedPipedrive.insert(item.pipedrive.id, int(m_items.size()) - 1);
            }
            if (!item.ostendo.id.isEmpty()) {
                unlinkedOstendo.insert(item.ostendo.id, int(m_items.size()) - 1);
            }
        };
        const bool bothUnlinked = !decided.conflict.pipedriveId.isEmpty() && !decided.conflict.ostendoKey.isEmpty() &&
                                  !m_linkByPipedrive.contains(decided.conflict.pipedriveId.toLongLong()) &&
                                  !m_linkByOstendo.contains(decided.conflict.ostendoKey);
        if (decided.decision == QLatin1String("keep_separate") && bothUnlinked) {
            // Two different records: each gets a counterpart of its own, in this run, as two items. Otherwise the
            // second would wait until someone happens to edit it.
            addDecided(decided.conflict.pipedriveId, QString());
            addDecided(QString(), decided.conflict.ostendoKey);
            continue;
        }
        addDecided(decided.conflict.pipedriveId, decided.conflict.ostendoKey);
    }

    for (Side side : {Side::Pipedrive, Side::Ostendo}) {
        const QHash<QString, SideRecord> &read = side == Side::Pipedrive ? m_pipedriveRead : m_ostendoRead;
        const QHash<QString, SideRecord> &otherRead = side == Side::Pipedrive ? m_ostendoRead : m_pipedriveRead;
        for (auto it = read.cbegin(); it != read.cend(); ++it) {
            const SideRecord &record = it.value();
            const qint64 linkId = side == Side::Pipedrive ? m_linkByPipedrive.value(record.id.toLongLong())
                                                          : m_linkByOstendo.value(record.id);
            if (linkId) {
                const Link &link = m_links[linkId];
                const QString otherId = side == Side::Pipedrive ? link.ostendoKey : QString::number(link.pipedriveId);
                const bool otherWasRead = !otherId.isEmpty() && otherRead.contains(otherId);
                if (!byLink.contains(linkId) && !otherWasRead && unchangedSinceBase(entity, link, side, record)) {
                    continue;
                }
                Item &item = itemForLink(linkId);
                (side == Side::Pipedrive ? item.pipedrive : item.ostendo) = record;
                (side == Side::Pipedrive ? item.fetchPipedrive : item.fetchOstendo) = false;
                continue;
            }
            // A record that carries the id of a link which lacks its side is that link's record: a run created it
            // and then could not store its key (a failed database write, a crash). Taken for a new record, it would
            // get its counterpart created a second time (simulation seeds 41558, 65514, 98473 of workload 1).
            const qint64 owner = side == Side::Ostendo ? m_linkByPipedrive.value(record.carriedId.toLongLong())
                                 : entity == EntityKind::Customer && !record.carriedId.isEmpty()
                                     ? m_linkByOstendo.value(record.carriedId)
                                     : 0;
            if (owner && !record.carriedId.isEmpty() &&
                (side == Side::Ostendo ? m_links.value(owner).ostendoKey.isEmpty()
                                       : m_links.value(owner).pipedriveId == 0)) {
                Item &item = itemForLink(owner);
                SideRecord &slot = side == Side::Pipedrive ? item.pipedrive : item.ostendo;
                if (slot.id.isEmpty()) {
                    slot = record;
                    (side == Side::Pipedrive ? item.fetchPipedrive : item.fetchOstendo) = false;
                    continue;
                }
            }
            QHash<QString, int> &unlinked = side == Side::Pipedrive ? unlinkedPipedrive : unlinkedOstendo;
            if (unlinked.contains(record.id)) {
                Item &item = m_items[unlinked.value(record.id)];
                (side == Side::Pipedrive ? item.pipedrive : item.ostendo) = record;
                (side == Side::Pipedrive ? item.fetchPipedrive : item.fetchOstendo) = false;
                continue;
            }
            Item item;
            item.entity = entity;
            (side == Side::Pipedrive ? item.pipedrive : item.ostendo) = record;
            m_items.append(item);
            unlinked.insert(record.id, int(m_items.size()) - 1);
        }
    }

    const QDateTime now = m_clock.nowUtc();
    for (const Link &link : std::as_const(m_links)) {
        const bool due = !link.nextAttemptAt.isValid() || link.nextAttemptAt <= now;
        const bool unfinished = link.status == LinkStatus::Pending || link.status == LinkStatus::Error;
        if (unfinished && due) {
            itemForLink(link.id);
            continue;
        }
        if (!m_fullScan || byLink.contains(link.id)) {
            continue;
        }
        // Full scan: a key that is no longer listed was deleted (an archived pair stays as it is).
        const bool archived = link.base.value(Reconciler::ArchivedKey).toString() == QLatin1String("true");
        const bool pipedriveMissing = link.pipedriveId && !m_pipedriveRead.contains(QString::number(link.pipedriveId));
        const bool ostendoMissing = !link.ostendoKey.isEmpty() && !m_ostendoRead.contains(link.ostendoKey);
        if (!archived && (pipedriveMissing || ostendoMissing) && link.status != LinkStatus::Blocked) {
            itemForLink(link.id);
        }
    }

    // What is still to be read one by one: the other side of a changed record, and keys a full list lacked.
    for (Item &item : m_items) {
        if (item.fetchPipedrive) {
            if (m_pipedriveRead.contains(item.pipedrive.id)) {
                item.pipedrive = m_pipedriveRead.value(item.pipedrive.id);
                item.fetchPipedrive = false;
            } else if (m_pipedriveReadComplete && entity == EntityKind::WorkItem) {
                item.pipedrive.state = SideRecord::State::Deleted; // deleted deals are listed too: this one is gone
                item.fetchPipedrive = false;
            }
        }
        if (item.fetchOstendo) {
            if (m_ostendoRead.contains(item.ostendo.id)) {
                item.ostendo = m_ostendoRead.value(item.ostendo.id);
                item.fetchOstendo = false;
            } else if (m_ostendoReadComplete) {
                item.ostendo.state = SideRecord::State::Deleted;
                item.fetchOstendo = false;
            }
        }
        assumeUnchangedSide(item);
    }
    fetchMissing(entity, 0);
}

// An incremental read returns every record changed since the watermark (minus the overlap), TurfDrive's own writes
// included. So a synced pair's record that was not returned has not changed since it last agreed: its values are
// the base's, and reading it one by one would cost a request per changed record for nothing.
void SyncRun::assumeUnchangedSide(Item &item)
{
    if (!item.linkId || item.decision || (!item.fetchPipedrive && !item.fetchOstendo)) {
        return;
    }
    const Link &link = m_links[item.linkId];
    if (link.status != LinkStatus::Synced || !link.lastSyncedAt.isValid() || !link.pipedriveId ||
        link.ostendoKey.isEmpty()) {
        return;
    }
    const QString entityKey = Entities::key(item.entity);
    const bool work = item.entity == EntityKind::WorkItem;
    if (item.fetchPipedrive && !item.fetchOstendo && !m_pipedriveReadComplete &&
        !m_untrustedReads.contains(entityKey + QStringLiteral("/pipedrive"))) {
        item.pipedrive = fromBase(link, Side::Pipedrive);
        item.pipedrive.carriedId = work ? item.ostendo.value(RecordMapper::JobNumberKey) : link.ostendoKey;
        if (work) {
            item.pipedrive.values.insert(RecordMapper::JobNumberKey, item.pipedrive.carriedId);
        }
        item.fetchPipedrive = false;
    }
    if (item.fetchOstendo && !item.fetchPipedrive && !m_ostendoReadComplete &&
        !m_untrustedReads.contains(entityKey + QStringLiteral("/ostendo")) &&
        !m_untrustedReads.contains(entityKey + QStringLiteral("/ostendo/") + link.ostendoKey)) {
        item.ostendo = fromBase(link, Side::Ostendo);
        if (work) {
            item.ostendo.values.insert(RecordMapper::JobNumberKey, item.pipedrive.carriedId);
        }
        item.fetchOstendo = false;
    }
}

SideRecord SyncRun::fromBase(const Link &link, Side side) const
{
    const FieldValues base = FieldValuesJson::fromJson(link.base);
    SideRecord record;
    record.state = base.value(Reconciler::ArchivedKey) == QLatin1String("true") ? SideRecord::State::Archived
                                                                                : SideRecord::State::Present;
    record.id = side == Side::Pipedrive ? QString::number(link.pipedriveId) : link.ostendoKey;
    record.carriedId = side == Side::Ostendo ? QString::number(link.pipedriveId) : QString();
    record.modifiedAt = side == Side::Pipedrive ? link.pipedriveModifiedAt : link.ostendoModifiedAt;
    for (const FieldRule &rule : m_policy.entity(link.entity).fields) {
        const QString value = base.value(rule.name);
        // The base keeps the canonical status; each side shows it in its own words.
        record.values.insert(rule.name,
                             rule.kind == FieldRule::Kind::Status ? m_policy.statusMap().valueFor(side, value) : value);
    }
    return record;
}

void SyncRun::fetchMissing(EntityKind entity, int index)
{
    while (index < m_items.size() && !m_items.at(index).fetchPipedrive && !m_items.at(index).fetchOstendo) {
        ++index;
    }
    if (index >= m_items.size()) {
        reconcileItems(entity);
        return;
    }
    Item &item = m_items[index];
    QPointer<SyncRun> self(this);
    const auto next = [self, entity, index] {
        if (self) {
            self->fetchMissing(entity, index);
        }
    };
    const auto failed = [self, index](const ConnectorError &error) -> bool {
        if (!error.isError()) {
            return false;
        }
        if (error.isFatalForRun()) {
            self->fail(error.message);
            return true;
        }
        self->m_items[index].fetchError = error;
        self->m_items[index].fetchPipedrive = false;
        self->m_items[index].fetchOstendo = false;
        return false;
    };
    if (item.fetchPipedrive) {
        item.fetchPipedrive = false;
        const qint64 id = item.pipedrive.id.toLongLong();
        if (entity == EntityKind::Customer) {
            m_pipedrive->getOrganization(id,
                                         [self, index, next, failed](const PipedriveResult<PipedriveOrganization> &r) {
                                             if (!self) {
                                                 return;
                                             }
                                             Item &it = self->m_items[index];
                                             if (r.error.kind == ConnectorError::Kind::NotFound) {
                                                 it.pipedrive.state = SideRecord::State::Deleted;
                                             } else if (failed(r.error)) {
                                                 return;
                                             } else if (r.ok()) {
                                                 it.pipedrive = self->m_mapper.fromOrganization(r.value);
                                                 self->m_mapper.setOrganizationName(r.value.id, r.value.name);
                                                 self->m_organizations.insert(it.pipedrive.id, r.value);
                                             }
                                             next();
                                         });
        } else {
            m_pipedrive->getDeal(id, [self, index, next, failed](const PipedriveResult<PipedriveDeal> &r) {
                if (!self) {
                    return;
                }
                Item &it = self->m_items[index];
                if (r.error.kind == ConnectorError::Kind::NotFound) {
                    it.pipedrive.state = SideRecord::State::Deleted;
                } else if (failed(r.error)) {
                    return;
                } else if (r.ok()) {
                    it.pipedrive = self->m_mapper.fromDeal(r.value);
                }
                next();
            });
        }
        return;
    }
    item.fetchOstendo = false;
    if (entity == EntityKind::Customer) {
        m_ostendo->fetchCustomer(
            item.ostendo.id, [self, index, next, failed](const OstendoReadResult<OstendoCustomer> &r) {
                if (!self) {
                    return;
                }
                if (failed(r.error)) {
                    return;
                }
                Item &it = self->m_items[index];
                if (!r.error.isError()) {
                    if (r.records.isEmpty()) {
                        it.ostendo.state = SideRecord::State::Deleted;
                    } else {
                        it.ostendo = self->m_mapper.fromCustomer(r.records.first());
                        self->m_mapper.setOstendoCustomerName(r.records.first().key, r.records.first().name);
                    }
                }
                next();
            });
    } else {
        m_ostendo->fetchJob(item.ostendo.id, [self, index, next, failed](const OstendoReadResult<OstendoJob> &r) {
            if (!self) {
                return;
            }
            if (failed(r.error)) {
                return;
            }
            Item &it = self->m_items[index];
            if (!r.error.isError()) {
                if (r.records.isEmpty()) {
                    it.ostendo.state = SideRecord::State::Deleted;
                } else {
                    it.ostendo = self->m_mapper.fromJob(r.records.first());
                }
            }
            next();
        });
    }
}

// Open work seen in this run's deals and jobs, by organization and by the customer name a job carries.
void SyncRun::noteOpenWork()
{
    m_openWorkOrganizations.clear();
    m_openWorkCustomerNames.clear();
    for (const PipedriveDeal &deal : std::as_const(m_rawDeals)) {
        if (deal.orgId && !deal.isDeleted && m_policy.statusMap().isOpenWork(Side::Pipedrive, deal.status)) {
            m_openWorkOrganizations.insert(deal.orgId);
        }
    }
    for (const OstendoJob &job : std::as_const(m_rawJobs)) {
        if (m_policy.statusMap().isOpenWork(Side::Ostendo, job.status)) {
            m_openWorkCustomerNames.insert(job.customerName.simplified().toCaseFolded());
        }
    }
}

ReconcileContext SyncRun::contextFor(const Item &item) const
{
    ReconcileContext context;
    if (item.entity != EntityKind::Customer) {
        return context;
    }
    // Open work known from the links' bases, or seen in the deals and jobs read in this run.
    const QString name = item.ostendo.value(QStringLiteral("name")).simplified().toCaseFolded();
    context.customerHasOpenWork = (item.linkId && m_customerHasOpenWork.value(item.linkId)) ||
                                  m_openWorkOrganizations.contains(item.pipedrive.id.toLongLong()) ||
                                  (!name.isEmpty() && m_openWorkCustomerNames.contains(name));
    return context;
}

// What each side should carry: the Ostendo key (or job number) on Pipedrive, the Pipedrive id on Ostendo.
QString SyncRun::expectedCarried(const Item &item, Side side) const
{
    if (side == Side::Ostendo) {
        return item.pipedrive.exists() ? item.pipedrive.id : QString();
    }
    if (!item.ostendo.exists()) {
        return QString();
    }
    return item.entity == EntityKind::Customer ? item.ostendo.id : item.ostendo.value(RecordMapper::JobNumberKey);
}

// The plan for a record removed on its only side: no write; the base keeps its last values, marked archived.
SyncPlan SyncRun::archiveAlone(EntityKind entity, Side side, const SideRecord &record) const
{
    SyncPlan plan;
    plan.entity = entity;
    FieldValues base;
    for (const FieldRule &rule : m_policy.entity(entity).fields) {
        const QString value = record.value(rule.name);
        base.insert(rule.name, rule.kind == FieldRule::Kind::Status ? m_reconciler.keyOf(rule, side, value) : value);
    }
    base.insert(Reconciler::ArchivedKey, QStringLiteral("true"));
    plan.newBase = base;
    plan.baseChanged = true;
    plan.linkStatus = SyncPlan::LinkStatus::Archived;
    return plan;
}

void SyncRun::reconcileItems(EntityKind entity)
{
    // Other-side candidates for matching unlinked records, and the pairs people said are different.
    QList<SideRecord> pipedriveRecords;
    QList<SideRecord> ostendoRecords;
    for (const SideRecord &r : std::as_const(m_pipedriveRead)) {
        pipedriveRecords << r;
    }
    for (const SideRecord &r : std::as_const(m_ostendoRead)) {
        ostendoRecords << r;
    }
    const SyncRunCandidates pipedriveCandidates(m_policy, entity, pipedriveRecords);
    const SyncRunCandidates ostendoCandidates(m_policy, entity, ostendoRecords);
    QHash<QString, QSet<QString>> keptSeparate; // "p:ID" / "o:KEY" -> other side ids
    ConflictFilter separateFilter;
    separateFilter.status = ConflictStatus::ManuallyResolved;
    separateFilter.entity = entity;
    for (const ConflictRecord &c : m_store->conflicts(separateFilter)) {
        if (c.decision == QLatin1String("keep_separate")) {
            keptSeparate[QStringLiteral("p:") + c.conflict.pipedriveId].insert(c.conflict.ostendoKey);
            keptSeparate[QStringLiteral("o:") + c.conflict.ostendoKey].insert(c.conflict.pipedriveId);
        }
    }
    QSet<QString> consumed; // "p:ID"/"o:KEY" already paired or reported in this run

    for (Item &item : m_items) {
        item.pipedriveReadAt = item.pipedrive.modifiedAt;
        item.ostendoReadAt = item.ostendo.modifiedAt;
        if (item.fetchError.isError()) {
            item.act = true;
            continue;
        }
        const Link *link = item.linkId ? &m_links[item.linkId] : nullptr;
        if (link && !item.decision && link->nextAttemptAt.isValid() && link->nextAttemptAt > m_clock.nowUtc()) {
            // Failed before and not due yet: left alone, and read again once it is.
            m_pipedriveHold = earlier(m_pipedriveHold, item.pipedrive.modifiedAt);
            m_ostendoHold = earlier(m_ostendoHold, item.ostendo.modifiedAt);
            continue;
        }
        const std::optional<FieldValues> base = link && link->lastSyncedAt.isValid()
                                                    ? std::optional<FieldValues>(FieldValuesJson::fromJson(link->base))
                                                    : std::nullopt;
        const bool bothIds = !item.pipedrive.id.isEmpty() && !item.ostendo.id.isEmpty();
        if (item.decision) {
            const std::optional<Decision::Kind> kind = decisionKind(item.decision->decision);
            if (!kind) {
                continue;
            }
            Decision decision;
            decision.kind = *kind;
            decision.decidedBy = item.decision->decidedBy;
            for (auto it = item.decision->decisionValues.begin(); it != item.decision->decisionValues.end(); ++it) {
                decision.mergeValues.insert(it.key(), it.value().toString());
            }
            const Side unlinkedSide = item.pipedrive.id.isEmpty()                                  ? Side::Ostendo
                                      : item.ostendo.id.isEmpty()                                  ? Side::Pipedrive
                                      : m_linkByPipedrive.contains(item.pipedrive.id.toLongLong()) ? Side::Ostendo
                                                                                                   : Side::Pipedrive;
            item.plan = m_applier.apply(item.decision->conflict, decision, base, item.pipedrive, item.ostendo,
                                        contextFor(item), unlinkedSide);
            item.act = true;
            consumed << QStringLiteral("p:") + item.pipedrive.id << QStringLiteral("o:") + item.ostendo.id;
        } else if (bothIds && link) {
            item.plan = m_reconciler.reconcile(entity, base, item.pipedrive, item.ostendo, contextFor(item));
            item.act = !item.plan.isEmpty() || link->status != LinkStatus::Synced ||
                       (!item.plan.isBlocked() && item.plan.linkStatus != SyncPlan::LinkStatus::Archived &&
                        (item.pipedrive.carriedId != expectedCarried(item, Side::Pipedrive) ||
                         item.ostendo.carriedId != expectedCarried(item, Side::Ostendo)));
        } else {
            const Side side = item.pipedrive.exists() ? Side::Pipedrive : Side::Ostendo;
            const SideRecord &record = side == Side::Pipedrive ? item.pipedrive : item.ostendo;
            const QString tag = (side == Side::Pipedrive ? QStringLiteral("p:") : QStringLiteral("o:")) + record.id;
            if (link && record.isGone()) {
                // Removed on its only side before its counterpart existed: nothing is left to sync or to lose, so
                // the link is archived (once) instead of staying pending for ever.
                item.act = link->status != LinkStatus::Synced ||
                           link->base.value(Reconciler::ArchivedKey).toString() != QLatin1String("true");
                item.plan = archiveAlone(entity, side, record);
                continue;
            }
            if (record.state != SideRecord::State::Present || consumed.contains(tag)) {
                continue; // a deleted or archived record with no link is never recreated; a live one may pair with it
            }
            if (m_store->hasTombstone(entity, systemOf(side), record.id)) {
                continue; // archived for good: never recreated
            }
            // A carried id naming a counterpart that was deleted or archived: the pair is linked and reconciled
            // (a deletion case), never answered by creating the record again.
            const SyncRunCandidates &others = side == Side::Pipedrive ? ostendoCandidates : pipedriveCandidates;
            const SideRecord *gone = others.goneCounterpart(record);
            if (gone && (side == Side::Pipedrive ? m_linkByOstendo.contains(gone->id)
                                                 : m_linkByPipedrive.contains(gone->id.toLongLong()))) {
                gone = nullptr; // already paired with something else
            }
            const QString otherTag =
                gone ? (side == Side::Pipedrive ? QStringLiteral("o:") : QStringLiteral("p:")) + gone->id : QString();
            if (gone && !consumed.contains(otherTag)) {
                (side == Side::Pipedrive ? item.ostendo : item.pipedrive) = *gone;
                item.plan =
                    m_reconciler.reconcile(entity, std::nullopt, item.pipedrive, item.ostendo, contextFor(item));
                item.plan.linkPipedriveId = item.pipedrive.id;
                item.plan.linkOstendoKey = item.ostendo.id;
                consumed << otherTag;
            } else {
                item.plan = m_reconciler.reconcileUnlinked(entity, side, record, others.candidatesFor(record),
                                                           keptSeparate.value(tag));
            }
            consumed << tag;
            if (!item.plan.linkPipedriveId.isEmpty() && !item.plan.linkOstendoKey.isEmpty()) {
                // Linked by a carried id: the other record joins this item.
                if (side == Side::Pipedrive) {
                    item.ostendo = m_ostendoRead.value(item.plan.linkOstendoKey);
                    consumed << QStringLiteral("o:") + item.ostendo.id;
                } else {
                    item.pipedrive = m_pipedriveRead.value(item.plan.linkPipedriveId);
                    consumed << QStringLiteral("p:") + item.pipedrive.id;
                }
                if (entity == EntityKind::Customer && !gone) {
                    // Linked by carried id: reconciled again with what is known about its open work.
                    const QString pipedriveId = item.plan.linkPipedriveId;
                    const QString ostendoKey = item.plan.linkOstendoKey;
                    item.plan =
                        m_reconciler.reconcile(entity, std::nullopt, item.pipedrive, item.ostendo, contextFor(item));
                    item.plan.linkPipedriveId = pipedriveId;
                    item.plan.linkOstendoKey = ostendoKey;
                }
            }
            for (const Conflict &c : std::as_const(item.plan.conflicts)) {
                consumed << QStringLiteral("p:") + c.pipedriveId << QStringLiteral("o:") + c.ostendoKey;
            }
            item.act = !item.plan.isEmpty() || item.plan.isBlocked();
        }
        if (entity == EntityKind::WorkItem && item.act && !item.decision) {
            item.waitingFor = customerToWaitFor(item);
            if (!item.waitingFor.isEmpty()) {
                // Written now, the customer would be a reference no write can use, and compared now it would raise a
                // "customer differs" case for a person: the item waits, and is mapped again once its customer is
                // paired (in this run already when the customers phase pairs it).
                item.plan = SyncPlan();
                item.plan.entity = entity;
            }
        }
        if (item.act && !item.plan.writesNothing()) {
            ++m_writeTotal;
        }
    }
    m_items.erase(std::remove_if(m_items.begin(), m_items.end(), [](const Item &i) { return !i.act; }), m_items.end());
    emitProgress(entity, QStringLiteral("writing"), 0, m_writeTotal);
    executeFrom(entity, 0);
}

void SyncRun::executeFrom(EntityKind entity, int index)
{
    if (index >= m_items.size()) {
        finishEntity(entity);
        return;
    }
    if (m_cancelled) {
        finishRun(1, tr("The sync was cancelled; every write sent was completed and journalled."));
        return;
    }
    QPointer<SyncRun> self(this);
    executeItem(m_items[index], [self, entity, index] {
        if (!self || self->m_finished) {
            return;
        }
        const int next = index + 1;
        if (next % self->m_options.batchSize == 0 && next < self->m_items.size()) {
            // End of a batch: report, and let the Pipedrive budget say how long to pause before the next one.
            self->emitProgress(entity, QStringLiteral("writing"), self->m_writeDone, self->m_writeTotal);
            emit self->recordsChanged(); // the record list shows each batch's new states, not only the run's end
            const qint64 pause = self->m_pipedrive->budget()
                                     ? self->m_pipedrive->budget()->delayBeforeSendMs(PipedriveBudget::Lane::General)
                                     : 0;
            QTimer::singleShot(int(std::clamp<qint64>(pause, 0, 60000)), self,
                               [self, entity, next] { self->executeFrom(entity, next); });
            return;
        }
        self->executeFrom(entity, next);
    });
}

void SyncRun::planned(const Item &item, System system, const QString &operation, const QJsonObject &fields)
{
    m_planned.append(QJsonObject{{QStringLiteral("entity"), Entities::key(item.entity)},
                                 {QStringLiteral("system"), StoreText::system(system)},
                                 {QStringLiteral("operation"), operation},
                                 {QStringLiteral("pipedrive_id"), item.pipedrive.id},
                                 {QStringLiteral("ostendo_key"), item.ostendo.id},
                                 {QStringLiteral("fields"), fields}});
}

void SyncRun::count(EntityKind entity, Side target, SidePlan::Lifecycle lifecycle)
{
    Counters &c = m_counters[Entities::key(entity) + QLatin1Char('/') + directionKey(target)];
    switch (lifecycle) {
    case SidePlan::Lifecycle::Create:
        ++c.created;
        break;
    case SidePlan::Lifecycle::Archive:
        ++c.archived;
        break;
    case SidePlan::Lifecycle::Keep:
    case SidePlan::Lifecycle::Unarchive:
        ++c.updated;
        break;
    }
}

// The record's link, made now when it has none; false (the item failed) when the store could not save it.
bool SyncRun::ensureLink(Item &item)
{
    if (item.linkId) {
        return true;
    }
    // A link left half made (a run stopped between a create and its back-write) is completed, not doubled.
    const qint64 pipedriveId = item.pipedrive.exists() ? item.pipedrive.id.toLongLong() : 0;
    const QString ostendoKey = item.ostendo.exists() ? item.ostendo.id : QString();
    for (const qint64 existing : {m_linkByPipedrive.value(pipedriveId), m_linkByOstendo.value(ostendoKey)}) {
        if (!existing || !m_links.contains(existing)) {
            continue;
        }
        const Link candidate = m_links.value(existing);
        if ((candidate.pipedriveId == 0 || candidate.pipedriveId == pipedriveId) &&
            (candidate.ostendoKey.isEmpty() || candidate.ostendoKey == ostendoKey)) {
            item.linkId = existing;
            return true;
        }
    }
    Link link;
    link.entity = item.entity;
    link.pipedriveId = pipedriveId;
    link.ostendoKey = ostendoKey;
    link.displayName = item.entity == EntityKind::Customer
                           ? (item.ostendo.exists() ? item.ostendo.value(QStringLiteral("name"))
                                                    : item.pipedrive.value(QStringLiteral("name")))
                           : (item.pipedrive.exists() ? item.pipedrive.value(QStringLiteral("title"))
                                                      : item.ostendo.value(QStringLiteral("title")));
    link.status = LinkStatus::Pending;
    link.lastSyncAttemptAt = m_clock.nowUtc();
    if (!m_store->saveLink(&link)) {
        ConnectorError error;
        error.kind = ConnectorError::Kind::Validation;
        error.message = m_store->lastError();
        log(&item, QStringLiteral("link"), QStringLiteral("engine"), QString(), {}, 0, error.message);
        failItem(item, error);
        return false;
    }
    item.linkId = link.id;
    m_links.insert(link.id, link);
    return true;
}

// The customer a work item waits for: one of its records names a customer that is not paired on both sides yet
// (blocked as a possible duplicate, failed, or waiting for a person). Empty when there is none to wait for; a
// removed side is left to the deletion rules, which a person may have to see.
QString SyncRun::customerToWaitFor(const Item &item) const
{
    if (item.pipedrive.isGone() || item.ostendo.isGone()) {
        return {};
    }
    for (const SideRecord *record : {&item.pipedrive, &item.ostendo}) {
        if (record->state == SideRecord::State::Present) {
            const QString name = m_mapper.unpairedCustomerName(record->value(QStringLiteral("customer")));
            if (!name.isEmpty()) {
                return name;
            }
        }
    }
    return {};
}

// Nothing is written and no conflict raised; the link stays pending (yellow) with the reason, is read again by every
// run (the watermarks stop at it, as for a failure, but it is not one), and syncs once its customer is paired.
void SyncRun::waitForCustomer(Item &item)
{
    if (item.pipedrive.exists()) {
        m_pipedriveHold = earlier(m_pipedriveHold, item.pipedrive.modifiedAt);
    }
    if (item.ostendo.exists()) {
        m_ostendoHold = earlier(m_ostendoHold, item.ostendo.modifiedAt);
    }
    if (dry() || !ensureLink(item)) {
        return;
    }
    Link link = m_links.value(item.linkId);
    link.status = LinkStatus::Pending;
    link.nextAttemptAt = QDateTime();
    link.lastError = tr("Waiting for its customer %1, which is not in step in both systems yet.").arg(item.waitingFor);
    link.lastSyncAttemptAt = m_clock.nowUtc();
    if (!m_store->saveLink(&link)) {
        qCWarning(lcEngine) << "link not saved:" << m_store->lastError();
    }
    m_links.insert(link.id, link);
    log(&item, QStringLiteral("skip"), QStringLiteral("engine"), QString(), {}, 0, QString(),
        QJsonObject{{QStringLiteral("reason"), QStringLiteral("waiting for its customer")},
                    {QStringLiteral("customer"), item.waitingFor}});
}

void SyncRun::executeItem(Item &item, Next done)
{
    if (item.fetchError.isError()) {
        failItem(item, item.fetchError);
        done();
        return;
    }
    if (!item.waitingFor.isEmpty()) {
        waitForCustomer(item);
        done();
        return;
    }
    if (item.plan.isBlocked()) {
        // A pair known by its carried ids stays paired while it waits for a person: a later run that reads one side
        // alone would otherwise take it for a new record and create its counterpart a second time (seed 1124).
        // A possible duplicate is not a pair until a person says so.
        const bool paired = !item.plan.linkPipedriveId.isEmpty() && !item.plan.linkOstendoKey.isEmpty() &&
                            std::none_of(item.plan.conflicts.cbegin(), item.plan.conflicts.cend(),
                                         [](const Conflict &c) { return c.kind == Conflict::Kind::Duplicate; });
        if (!dry()) {
            storeConflicts(item, true);
            if (paired && !ensureLink(item)) {
                done();
                return;
            }
            if (item.linkId) {
                Link link = m_links.value(item.linkId);
                if (paired) {
                    const qint64 pipedriveId = item.plan.linkPipedriveId.toLongLong();
                    if (link.pipedriveId == 0 && !m_linkByPipedrive.contains(pipedriveId)) {
                        link.pipedriveId = pipedriveId;
                        m_linkByPipedrive.insert(pipedriveId, link.id);
                    }
                    if (link.ostendoKey.isEmpty() && !m_linkByOstendo.contains(item.plan.linkOstendoKey)) {
                        link.ostendoKey = item.plan.linkOstendoKey;
                        m_linkByOstendo.insert(link.ostendoKey, link.id);
                    }
                }
                link.status = LinkStatus::Blocked;
                link.lastError.clear(); // its case says why it waits now, not an earlier failure or wait
                link.lastSyncAttemptAt = m_clock.nowUtc();
                m_store->saveLink(&link);
                m_links.insert(link.id, link);
            }
        } else {
            storeConflicts(item, true);
        }
        done();
        return;
    }
    if (!dry() && !ensureLink(item)) {
        done();
        return;
    }
    // The conflict rows go in before any value is overwritten: if a write then fails half-way, the next run may find
    // both sides equal and no conflict, and the value the rule replaced would be gone without a trace.
    if (!dry() && !storeConflicts(item, false)) {
        ConnectorError error;
        error.kind = ConnectorError::Kind::Validation;
        error.message = tr("The conflict could not be recorded, so nothing was written: %1").arg(m_store->lastError());
        failItem(item, error);
        done();
        return;
    }
    QPointer<SyncRun> self(this);
    const auto finish = [self, &item, done] {
        if (!self) {
            return;
        }
        if (!item.plan.writesNothing()) {
            ++self->m_writeDone;
            const int every = std::max(1, self->m_writeTotal / 200);
            if (self->m_writeDone % every == 0 || self->m_writeDone == self->m_writeTotal) {
                self->emitProgress(item.entity, QStringLiteral("writing"), self->m_writeDone, self->m_writeTotal);
            }
        }
        if (!item.failed) {
            self->completeItem(item);
        }
        done();
    };
    // A create goes first, so that the other side's write can carry the new id.
    if (item.plan.pipedrive.lifecycle == SidePlan::Lifecycle::Create) {
        writePipedrive(
            item,
            [self, &item, finish, done] {
                if (self) {
                    self->writeOstendo(item, finish, done);
                }
            },
            done);
    } else {
        writeOstendo(
            item,
            [self, &item, finish, done] {
                if (!self) {
                    return;
                }
                self->cascadeRename(
                    item,
                    [self, &item, finish, done] {
                        if (self) {
                            self->writePipedrive(item, finish, done);
                        }
                    },
                    done);
            },
            done);
    }
}

// Ostendo keys a job's customer by name and takes one table per call: after renaming a customer, its jobs are
// renamed next, before anything else touches them, each write journalled like any other.
void SyncRun::cascadeRename(Item &item, Next then, Next failed)
{
    if (item.entity != EntityKind::Customer || dry() || item.plan.ostendo.lifecycle == SidePlan::Lifecycle::Create) {
        then();
        return;
    }
    const QString current = item.ostendo.value(QStringLiteral("name"));
    const QString written = item.plan.ostendo.fields.value(QStringLiteral("name"));
    const QString newName = written.isEmpty() ? current : written;
    QStringList fromNames;
    if (!written.isEmpty() && !current.isEmpty()) {
        fromNames << current;
    }
    if (item.linkId) {
        // A run whose job renames did not all go through left the base at the old name: the jobs still under any
        // name the customer had before are renamed now, with the rest.
        fromNames += formerOstendoNames(m_links.value(item.linkId), true);
    }
    const QString newFolded = newName.simplified().toCaseFolded();
    QStringList folded;
    QStringList nameKeys;
    for (const QString &name : std::as_const(fromNames)) {
        const QString f = name.simplified().toCaseFolded();
        // A name that is now another customer's belongs to that customer's jobs.
        const QString owner = m_mapper.ostendoKeyForName(name);
        if (f.isEmpty() || f == newFolded || folded.contains(f) || (!owner.isEmpty() && owner != item.ostendo.id)) {
            continue;
        }
        folded << f;
        const QString key = Normaliser::nameKey(name);
        if (!key.isEmpty()) {
            nameKeys << key; // "X" still names "X Limited" (and "X Ltd" after the rename, skipped below)
        }
    }
    if (newName.isEmpty() || folded.isEmpty()) {
        then();
        return;
    }
    QStringList keys;
    QSet<QString> read;
    for (const OstendoJob &job : std::as_const(m_rawJobs)) {
        read.insert(job.key);
        const QString name = job.customerName.simplified().toCaseFolded();
        if (name != newFolded && (folded.contains(name) || nameKeys.contains(Normaliser::nameKey(job.customerName)))) {
            keys << job.key;
        }
    }
    // A linked job this run did not read is as it was when it last synced, under this customer's former name. One it
    // did read is only renamed if it still carries a former name: otherwise it was moved in Ostendo, or is renamed.
    const QString linkText = QString::number(item.linkId);
    for (const Link &work : m_store->links(EntityKind::WorkItem)) {
        if (!work.ostendoKey.isEmpty() && !read.contains(work.ostendoKey) &&
            work.base.value(QStringLiteral("customer")).toString() == linkText) {
            keys << work.ostendoKey;
        }
    }
    keys.removeDuplicates();
    auto step = std::make_shared<std::function<void(int)>>();
    QPointer<SyncRun> self(this);
    auto lastError = std::make_shared<ConnectorError>();
    *step = [self, keys, newName, then, failed, step, lastError, &item](int index) {
        if (!self) {
            return;
        }
        if (index >= keys.size()) {
            if (lastError->isError()) {
                // A job kept the old name and now matches no customer; the customer record fails so its base keeps
                // the old name and the next run renames what is left.
                self->failItem(item, *lastError);
                failed();
                return;
            }
            then();
            return;
        }
        OstendoJob values;
        values.customerName = newName;
        const QString key = keys.at(index);
        JournalEntry entry;
        entry.runId = self->m_runId;
        entry.entity = EntityKind::WorkItem;
        entry.system = System::Ostendo;
        entry.operation = QStringLiteral("rename_customer");
        entry.remoteId = key;
        entry.payload = QJsonObject{{QStringLiteral("customer"), newName}};
        entry.createdAt = self->m_clock.nowUtc();
        if (!self->m_store->journalIntent(&entry)) {
            // Nothing is sent without its journal entry.
            lastError->kind = ConnectorError::Kind::Validation;
            lastError->message =
                tr("The rename of job %1 could not be journalled: %2").arg(key, self->m_store->lastError());
            (*step)(index + 1);
            return;
        }
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        self->m_ostendo->updateJob(
            key, values, OstendoJob::CustomerName,
            [self, key, newName, entry, timer, step, index, lastError, &item](const ConnectorError &error) {
                if (!self) {
                    return;
                }
                self->endWrite(entry.id, error, key);
                if (!error.isError()) {
                    // The work items are mapped from the jobs as read before this rename: the job is now under the
                    // new name, and mapping the old one would find no customer.
                    for (OstendoJob &job : self->m_rawJobs) {
                        if (job.key == key) {
                            job.customerName = newName;
                        }
                    }
                }
                LogEntry row;
                row.at = self->m_clock.nowUtc();
                row.runId = self->m_runId;
                row.entity = Entities::key(EntityKind::WorkItem);
                row.ostendoKey = key;
                row.action = QStringLiteral("update");
                row.source = QStringLiteral("engine");
                row.target = QStringLiteral("ostendo");
                row.fieldsChanged = QStringList{QStringLiteral("customer")};
                row.durationMs = timer->elapsed();
                row.error = error.message;
                row.details = QJsonObject{{QStringLiteral("reason"), QStringLiteral("the customer was renamed")},
                                          {QStringLiteral("customer_link_id"), double(item.linkId)}};
                self->m_store->appendLog(&row);
                if (error.isError()) {
                    *lastError = error;
                }
                (*step)(index + 1);
            });
    };
    (*step)(0);
}

qint64 SyncRun::beginWrite(const Item &item, System system, const QString &operation, const QString &carried,
                           const QJsonObject &payload)
{
    JournalEntry entry;
    entry.runId = m_runId;
    entry.linkId = item.linkId;
    entry.entity = item.entity;
    entry.system = system;
    entry.operation = operation;
    entry.remoteId = system == System::Pipedrive ? item.pipedrive.id : item.ostendo.id;
    entry.carriedId = carried;
    entry.payload = payload;
    entry.createdAt = m_clock.nowUtc();
    if (!m_store->journalIntent(&entry)) {
        return 0;
    }
    return entry.id;
}

void SyncRun::endWrite(qint64 journalId, const ConnectorError &error, const QString &remoteId)
{
    if (!journalId) {
        return;
    }
    const JournalState state = !error.isError()                                     ? JournalState::Done
                               : error.kind == ConnectorError::Kind::UnknownOutcome ? JournalState::Unknown
                                                                                    : JournalState::Failed;
    m_store->journalComplete(journalId, state, remoteId, error.message, m_clock.nowUtc());
}

void SyncRun::log(const Item *item, const QString &action, const QString &source, const QString &target,
                  const QStringList &fields, qint64 durationMs, const QString &error, const QJsonObject &details)
{
    if (dry()) {
        return;
    }
    LogEntry row;
    row.at = m_clock.nowUtc();
    row.runId = m_runId;
    row.entity = item ? Entities::key(item->entity) : QStringLiteral("run");
    if (item) {
        row.linkId = item->linkId;
        row.pipedriveId = item->pipedrive.id.toLongLong();
        row.ostendoKey = item->ostendo.id;
    }
    row.action = action;
    row.source = source;
    row.target = target;
    row.fieldsChanged = fields;
    row.durationMs = durationMs;
    row.error = SecretRedactor::instance().redact(error);
    row.details = details;
    m_store->appendLog(&row);
}

// What a write changes: the new values and the ones they replace, so an emptied field loses nothing.
QJsonObject SyncRun::writeDetails(const SideRecord &target, const QJsonObject &values)
{
    QJsonObject previous;
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (target.values.contains(it.key())) {
            previous.insert(it.key(), target.value(it.key()));
        }
    }
    return QJsonObject{{QStringLiteral("values"), values}, {QStringLiteral("previous"), previous}};
}

void SyncRun::writePipedrive(Item &item, Next then, Next failed)
{
    const SidePlan &sp = item.plan.pipedrive;
    const bool create = sp.lifecycle == SidePlan::Lifecycle::Create;
    const QString carried = expectedCarried(item, Side::Pipedrive);
    const bool fixCarried = !carried.isEmpty() && item.pipedrive.carriedId != carried &&
                            item.plan.linkStatus != SyncPlan::LinkStatus::Archived;
    QString problem;
    PipedriveOrganizationChanges orgChanges;
    PipedriveDealChanges dealChanges;
    const QString carriedField = m_mapper.carriedIdField(item.entity);
    if (item.entity == EntityKind::Customer) {
        orgChanges = m_mapper.organizationChanges(sp, &problem);
        if (fixCarried && !carriedField.isEmpty()) {
            orgChanges.customFields.insert(carriedField, carried);
        }
    } else {
        dealChanges = m_mapper.dealChanges(sp, &problem);
        if (fixCarried && !carriedField.isEmpty()) {
            dealChanges.customFields.insert(carriedField, carried);
        }
    }
    const bool empty = item.entity == EntityKind::Customer ? orgChanges.isEmpty() : dealChanges.isEmpty();
    // A value that cannot be written fails the record even when it is the only change: the base must not take it.
    if (empty && !create && problem.isEmpty()) {
        then();
        return;
    }
    const QString operation = create ? kCreate : sp.lifecycle == SidePlan::Lifecycle::Archive ? kArchive : kUpdate;
    QJsonObject payload = fieldsJson(sp.fields);
    if (fixCarried) {
        payload.insert(QStringLiteral("carried_id"), carried);
    }
    if (!problem.isEmpty() && dry()) {
        // What a dry run cannot know yet (a customer it would create first) is shown, not counted as a failure.
        payload.insert(QStringLiteral("problem"), problem);
        problem.clear();
    }
    if (!problem.isEmpty()) {
        ConnectorError error;
        error.kind = ConnectorError::Kind::Validation;
        error.message = problem;
        log(&item, operation, systemKey(Side::Ostendo), systemKey(Side::Pipedrive), sp.fields.keys(), 0, problem);
        failItem(item, error);
        failed();
        return;
    }
    if (dry()) {
        planned(item, System::Pipedrive, operation, payload);
        if (!sp.isEmpty()) {
            count(item.entity, Side::Pipedrive, sp.lifecycle);
        }
        if (create) {
            item.pipedrive.id = QStringLiteral("new");
        }
        then();
        return;
    }
    const qint64 journalId = beginWrite(item, System::Pipedrive, operation, carried, payload);
    const QJsonObject details = writeDetails(item.pipedrive, payload);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const QDateTime intentAt = m_clock.nowUtc();
    QPointer<SyncRun> self(this);
    const auto finished = [self, &item, journalId, timer, operation, sp, then, failed, create, carried, intentAt,
                           details](qint64 id, const QDateTime &modified, const ConnectorError &error) {
        if (!self) {
            return;
        }
        if (!error.isError() || (create && id)) {
            if (create) {
                item.pipedrive.id = QString::number(id);
                item.pipedrive.state = SideRecord::State::Present;
            }
            item.pipedrive.carriedId = carried;
            if (modified.isValid()) {
                item.pipedrive.modifiedAt = modified;
            }
            self->endWrite(journalId, ConnectorError{}, item.pipedrive.id);
            if (!sp.isEmpty()) {
                self->count(item.entity, Side::Pipedrive, sp.lifecycle);
            }
            self->log(&item, operation, systemKey(Side::Ostendo), systemKey(Side::Pipedrive), sp.fields.keys(),
                      timer->elapsed(), QString(), details);
            then();
            return;
        }
        self->endWrite(journalId, error, QString());
        self->log(&item, operation, systemKey(Side::Ostendo), systemKey(Side::Pipedrive), sp.fields.keys(),
                  timer->elapsed(), error.message, details);
        if (error.isFatalForRun()) {
            self->fail(error.message);
            return;
        }
        if (error.kind == ConnectorError::Kind::RateLimited && self->m_pipedrive->budget() &&
            self->m_pipedrive->budget()->dailyExhausted(1)) {
            // Nothing more can go to Pipedrive today: stop here instead of failing every record that is left. The
            // record was not sent, so it keeps its retry count; watermarks stay so the rest is read again tomorrow.
            self->finishRun(4, tr("Pipedrive's daily token budget is spent; the remaining records are synced after "
                                  "it resets."));
            return;
        }
        self->failItem(item, error);
        failed();
    };
    // A create whose answer was lost is looked for by its carried id before anything is sent again.
    const auto settleCreate = [self, &item, finished, carried, intentAt](const ConnectorError &error) {
        if (error.kind != ConnectorError::Kind::UnknownOutcome || carried.isEmpty()) {
            finished(0, QDateTime(), error);
            return;
        }
        self->findCreatedPipedrive(
            item.entity, carried, intentAt, [finished, error](qint64 id, const ConnectorError &searchError) {
                finished(id, QDateTime(), id ? ConnectorError{} : (searchError.isError() ? searchError : error));
            });
    };
    if (item.entity == EntityKind::Customer) {
        if (create) {
            m_pipedrive->createOrganization(orgChanges,
                                            [settleCreate, finished](const PipedriveResult<PipedriveOrganization> &r) {
                                                if (r.ok()) {
                                                    finished(r.value.id, r.value.updateTime, ConnectorError{});
                                                } else {
                                                    settleCreate(r.error);
                                                }
                                            });
        } else {
            m_pipedrive->updateOrganization(item.pipedrive.id.toLongLong(), orgChanges,
                                            [finished](const PipedriveResult<PipedriveOrganization> &r) {
                                                finished(r.value.id, r.value.updateTime, r.error);
                                            });
        }
    } else {
        if (create) {
            m_pipedrive->createDeal(dealChanges,
                                    [self, &item, settleCreate, finished](const PipedriveResult<PipedriveDeal> &r) {
                                        if (r.ok()) {
                                            if (self) {
                                                self->adoptAssignedStage(item, r.value.stageId);
                                            }
                                            finished(r.value.id, r.value.updateTime, ConnectorError{});
                                        } else {
                                            settleCreate(r.error);
                                        }
                                    });
        } else {
            m_pipedrive->updateDeal(item.pipedrive.id.toLongLong(), dealChanges,
                                    [finished](const PipedriveResult<PipedriveDeal> &r) {
                                        finished(r.value.id, r.value.updateTime, r.error);
                                    });
        }
    }
}

// A deal created without a stage gets Pipedrive's default one. Stage flows from Pipedrive, so the job takes it in
// this run and the base holds it; otherwise the next run finds it as a change and writes it then, and a second run
// would not give the result of the first.
void SyncRun::adoptAssignedStage(Item &item, qint64 stageId)
{
    const QString stage = QStringLiteral("stage");
    const QString name = m_mapper.stageName(stageId);
    if (name.isEmpty() || !item.plan.newBase || !item.plan.newBase->value(stage).isEmpty()) {
        return;
    }
    item.plan.newBase->insert(stage, name);
    if (item.ostendo.value(stage) != name) {
        item.plan.ostendo.fields.insert(stage, name);
    }
}

void SyncRun::writeOstendo(Item &item, Next then, Next failed)
{
    const SidePlan &sp = item.plan.ostendo;
    const bool create = sp.lifecycle == SidePlan::Lifecycle::Create;
    const QString carried = expectedCarried(item, Side::Ostendo);
    const bool fixCarried = !carried.isEmpty() && item.ostendo.carriedId != carried &&
                            item.plan.linkStatus != SyncPlan::LinkStatus::Archived;
    QString problem;
    RecordMapper::OstendoCustomerWrite customer;
    RecordMapper::OstendoJobWrite job;
    if (item.entity == EntityKind::Customer) {
        const auto org = m_organizations.constFind(item.pipedrive.id);
        customer = m_mapper.customerWrite(sp, org != m_organizations.constEnd() ? &*org : nullptr);
        if (fixCarried || create) {
            customer.values.pipedriveId = carried;
            customer.fields |= OstendoCustomer::PipedriveId;
        }
    } else {
        job = m_mapper.jobWrite(sp, &problem);
        if (fixCarried || create) {
            job.values.pipedriveId = carried;
            job.fields |= OstendoJob::PipedriveId;
        }
    }
    const bool empty = item.entity == EntityKind::Customer ? customer.isEmpty() : job.isEmpty();
    if (empty && !create && problem.isEmpty()) {
        then();
        return;
    }
    const QString operation = create ? kCreate : sp.lifecycle == SidePlan::Lifecycle::Archive ? kArchive : kUpdate;
    QJsonObject payload = fieldsJson(sp.fields);
    if (fixCarried) {
        payload.insert(QStringLiteral("carried_id"), carried);
    }
    if (!problem.isEmpty() && dry()) {
        payload.insert(QStringLiteral("problem"), problem);
        problem.clear();
    }
    if (!problem.isEmpty() || (create && carried.isEmpty() && !dry())) {
        ConnectorError error;
        error.kind = ConnectorError::Kind::Validation;
        error.message =
            problem.isEmpty() ? tr("A record is only created in Ostendo with the Pipedrive id it carries.") : problem;
        log(&item, operation, systemKey(Side::Pipedrive), systemKey(Side::Ostendo), sp.fields.keys(), 0, error.message);
        failItem(item, error);
        failed();
        return;
    }
    if (dry()) {
        planned(item, System::Ostendo, operation, payload);
        if (!sp.isEmpty()) {
            count(item.entity, Side::Ostendo, sp.lifecycle);
        }
        then();
        return;
    }
    const qint64 journalId = beginWrite(item, System::Ostendo, operation, carried, payload);
    const QJsonObject details = writeDetails(item.ostendo, payload);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QPointer<SyncRun> self(this);
    const QString jobNumber = job.values.orderNumber;
    const auto finished = [self, &item, journalId, timer, operation, sp, then, failed, create, carried, jobNumber,
                           details](const QString &key, const ConnectorError &error) {
        if (!self) {
            return;
        }
        if (!error.isError()) {
            if (create) {
                item.ostendo.id = key;
                item.ostendo.state = SideRecord::State::Present;
                if (item.entity == EntityKind::WorkItem) {
                    item.ostendo.values.insert(RecordMapper::JobNumberKey, jobNumber);
                }
            }
            item.ostendo.carriedId = carried;
            self->endWrite(journalId, ConnectorError{}, item.ostendo.id);
            if (!sp.isEmpty()) {
                self->count(item.entity, Side::Ostendo, sp.lifecycle);
            }
            self->log(&item, operation, systemKey(Side::Pipedrive), systemKey(Side::Ostendo), sp.fields.keys(),
                      timer->elapsed(), QString(), details);
            then();
            return;
        }
        self->endWrite(journalId, error, QString());
        self->log(&item, operation, systemKey(Side::Pipedrive), systemKey(Side::Ostendo), sp.fields.keys(),
                  timer->elapsed(), error.message, details);
        if (error.isFatalForRun()) {
            self->fail(error.message);
            return;
        }
        self->failItem(item, error);
        failed();
    };
    // The client finds a new row again by its carried id; when even that fails, look once more before giving up.
    const auto inserted = [self, &item, finished, carried](const QString &key, const ConnectorError &error) {
        if (!self) {
            return;
        }
        if (error.kind != ConnectorError::Kind::UnknownOutcome) {
            finished(key, error);
            return;
        }
        if (item.entity == EntityKind::Customer) {
            self->m_ostendo->findCustomersByPipedriveId(
                carried.toLongLong(), [finished, error](const OstendoReadResult<OstendoCustomer> &r) {
                    finished(r.records.isEmpty() ? QString() : r.records.last().key,
                             r.records.isEmpty() ? error : ConnectorError{});
                });
        } else {
            self->m_ostendo->findJobsByPipedriveId(carried.toLongLong(),
                                                   [finished, error](const OstendoReadResult<OstendoJob> &r) {
                                                       finished(r.records.isEmpty() ? QString() : r.records.last().key,
                                                                r.records.isEmpty() ? error : ConnectorError{});
                                                   });
        }
    };
    if (item.entity == EntityKind::Customer) {
        if (create) {
            m_ostendo->insertCustomer(customer.values, inserted);
        } else {
            const QString key = item.ostendo.id;
            m_ostendo->updateCustomer(key, customer.values, customer.fields,
                                      [finished, key](const ConnectorError &e) { finished(key, e); });
        }
    } else {
        if (create) {
            m_ostendo->insertJob(job.values, inserted);
        } else {
            const QString key = item.ostendo.id;
            m_ostendo->updateJob(key, job.values, job.fields,
                                 [finished, key](const ConnectorError &e) { finished(key, e); });
        }
    }
}

bool SyncRun::storeConflicts(const Item &item, bool pendingOnly)
{
    bool stored = false;
    bool saved = true;
    for (const Conflict &conflict : item.plan.conflicts) {
        if (pendingOnly && conflict.status != Conflict::Status::PendingReview) {
            continue;
        }
        if (conflict.status == Conflict::Status::ManuallyResolved) {
            ++m_conflictCounts[Conflict::statusKey(conflict.status)];
            continue; // the person's decision is already a row; applying it is logged below
        }
        const QString key = conflictKey(conflict);
        if (conflict.status == Conflict::Status::PendingReview && m_pendingConflictKeys.contains(key)) {
            continue; // still waiting for the same person's decision: not a new conflict
        }
        if (conflict.status == Conflict::Status::AutoResolved &&
            m_storedUnsyncedConflicts.contains(conflictFingerprint(conflict))) {
            continue; // stored by a run in which this record failed or that died: the same conflict, found again
        }
        ++m_conflictCounts[Risks::key(conflict.risk)];
        ++m_conflictCounts[Conflict::statusKey(conflict.status)];
        if (conflict.status == Conflict::Status::PendingReview) {
            m_pendingConflictKeys.insert(key);
        }
        if (dry()) {
            continue;
        }
        ConflictRecord record;
        record.linkId = item.linkId;
        record.conflict = conflict;
        record.detectedAt = m_clock.nowUtc();
        record.pipedriveModifiedAt = item.pipedriveReadAt.isValid() ? item.pipedriveReadAt : item.pipedrive.modifiedAt;
        record.ostendoModifiedAt = item.ostendoReadAt.isValid() ? item.ostendoReadAt : item.ostendo.modifiedAt;
        if (!m_store->saveConflict(&record)) {
            saved = false;
            continue;
        }
        if (conflict.status == Conflict::Status::AutoResolved) {
            m_storedUnsyncedConflicts.insert(conflictFingerprint(conflict));
        }
        QStringList fields;
        for (const ConflictField &f : conflict.fields) {
            fields << f.field;
        }
        LogEntry row;
        row.at = record.detectedAt;
        row.runId = m_runId;
        row.entity = Entities::key(item.entity);
        row.linkId = item.linkId;
        row.pipedriveId = conflict.pipedriveId.toLongLong();
        row.ostendoKey = conflict.ostendoKey;
        row.action = QStringLiteral("conflict");
        row.source = QStringLiteral("engine");
        row.fieldsChanged = fields;
        row.conflictDetected = true;
        row.risk = Risks::key(conflict.risk);
        row.details = QJsonObject{{QStringLiteral("conflict_id"), double(record.id)},
                                  {QStringLiteral("status"), Conflict::statusKey(conflict.status)},
                                  {QStringLiteral("rule"), conflict.rule}};
        m_store->appendLog(&row);
        stored = true;
    }
    if (stored) {
        emit conflictsChanged();
    }
    return saved;
}

void SyncRun::completeItem(Item &item)
{
    if (dry()) {
        storeConflicts(item, false);
        return;
    }
    const QDateTime now = m_clock.nowUtc();
    Link link = m_links.value(item.linkId);
    link.entity = item.entity;
    if (item.pipedrive.exists() && !item.pipedrive.id.isEmpty()) {
        link.pipedriveId = item.pipedrive.id.toLongLong();
    }
    if (item.ostendo.exists() && !item.ostendo.id.isEmpty()) {
        link.ostendoKey = item.ostendo.id;
    }
    const bool paired = link.pipedriveId != 0 && !link.ostendoKey.isEmpty();
    const bool archivedAlone = !paired && item.plan.linkStatus == SyncPlan::LinkStatus::Archived;
    if (item.plan.newBase && (paired || archivedAlone)) {
        link.base = FieldValuesJson::toJson(*item.plan.newBase);
        link.lastSyncedAt = now;
    }
    if (item.entity == EntityKind::Customer) {
        const QString name = item.ostendo.exists() ? item.ostendo.value(QStringLiteral("name")) : QString();
        const QString written = item.plan.ostendo.fields.value(QStringLiteral("name"));
        link.displayName = !written.isEmpty() ? written : !name.isEmpty() ? name : link.displayName;
        m_mapper.setCustomerLink(link.id, link.pipedriveId, link.ostendoKey, link.displayName);
        if (!link.ostendoKey.isEmpty() && !link.displayName.isEmpty()) {
            m_mapper.setOstendoCustomerName(link.ostendoKey, link.displayName);
        }
    } else {
        const QString title = item.pipedrive.exists() ? item.pipedrive.value(QStringLiteral("title")) : QString();
        link.displayName = title.isEmpty() ? item.ostendo.value(QStringLiteral("title")) : title;
    }
    link.status = paired || archivedAlone ? LinkStatus::Synced : LinkStatus::Pending;
    link.retryCount = 0;
    link.nextAttemptAt = QDateTime();
    link.lastError.clear();
    link.lastSyncAttemptAt = now;
    link.pipedriveModifiedAt = item.pipedrive.modifiedAt;
    link.ostendoModifiedAt = item.ostendo.modifiedAt;
    if (!m_store->saveLink(&link)) {
        qCWarning(lcEngine) << "link not saved:" << m_store->lastError();
    }
    m_links.insert(link.id, link);
    closeSettledConflicts(item);
    if (archivedAlone) {
        // No tombstone: nothing was mirrored, so a record a person restores is new to the other side, and is created.
        const Side gone = link.pipedriveId ? Side::Pipedrive : Side::Ostendo;
        const SideRecord &record = gone == Side::Pipedrive ? item.pipedrive : item.ostendo;
        log(&item, kArchive, QStringLiteral("engine"), QString(), {}, 0, QString(),
            QJsonObject{{QStringLiteral("reason"),
                         QStringLiteral("%1 in %2 before it reached %3: nothing to sync")
                             .arg(record.state == SideRecord::State::Archived ? QStringLiteral("archived")
                                                                              : QStringLiteral("deleted"),
                                  Sides::displayName(gone), Sides::displayName(Sides::other(gone)))}});
    } else if (item.plan.linkStatus == SyncPlan::LinkStatus::Archived) {
        if (link.pipedriveId) {
            m_store->addTombstone(item.entity, System::Pipedrive, QString::number(link.pipedriveId), now);
        }
        if (!link.ostendoKey.isEmpty()) {
            m_store->addTombstone(item.entity, System::Ostendo, link.ostendoKey, now);
        }
    }
    if (item.decision) {
        m_store->markDecisionApplied(item.decision->id, now);
        log(&item, QStringLiteral("decision"), QStringLiteral("person"), QStringLiteral("both"),
            item.plan.pipedrive.fields.keys() + item.plan.ostendo.fields.keys(), 0, QString(),
            QJsonObject{{QStringLiteral("conflict_id"), double(item.decision->id)},
                        {QStringLiteral("decision"), item.decision->decision},
                        {QStringLiteral("decided_by"), item.decision->decidedBy},
                        {QStringLiteral("decided_at"), TimeFormat::toStorage(item.decision->decidedAt)}});
        emit conflictsChanged();
    }
}

// A case that waited for a person but is no longer there (someone put one side back) stops waiting: otherwise the
// tray would stay red and `sync` would exit 3 for a conflict that no longer exists.
void SyncRun::closeSettledConflicts(const Item &item)
{
    if (!item.linkId || item.plan.isBlocked()) {
        return;
    }
    ConflictFilter filter;
    filter.status = ConflictStatus::PendingReview;
    filter.linkId = item.linkId;
    bool closed = false;
    for (ConflictRecord record : m_store->conflicts(filter)) {
        if (!record.decision.isEmpty() || record.conflict.kind == Conflict::Kind::Duplicate) {
            continue;
        }
        record.conflict.status = Conflict::Status::AutoResolved;
        record.conflict.rule += tr(" (No longer in conflict: both systems agreed again before a person decided.)");
        if (!m_store->saveConflict(&record)) {
            continue;
        }
        m_pendingConflictKeys.remove(conflictKey(record.conflict));
        log(&item, QStringLiteral("conflict_settled"), QStringLiteral("engine"), QString(), {}, 0, QString(),
            QJsonObject{{QStringLiteral("conflict_id"), double(record.id)}});
        closed = true;
    }
    if (closed) {
        emit conflictsChanged();
    }
}

void SyncRun::failItem(Item &item, const ConnectorError &error)
{
    item.failed = true;
    ++m_failed;
    if (item.pipedrive.exists()) {
        m_pipedriveHold = earlier(m_pipedriveHold, item.pipedrive.modifiedAt);
    }
    if (item.ostendo.exists()) {
        m_ostendoHold = earlier(m_ostendoHold, item.ostendo.modifiedAt);
    }
    if (dry() || !item.linkId) {
        return;
    }
    const QDateTime now = m_clock.nowUtc();
    Link link = m_links.value(item.linkId);
    if (item.pipedrive.exists() && link.pipedriveId == 0 && item.pipedrive.id.toLongLong() > 0) {
        link.pipedriveId = item.pipedrive.id.toLongLong();
    }
    if (item.ostendo.exists() && link.ostendoKey.isEmpty() && !item.ostendo.id.isEmpty()) {
        link.ostendoKey = item.ostendo.id;
    }
    link.retryCount += 1;
    // Capped exponential back-off; a record that keeps failing turns red and waits for its longer delay.
    const qint64 delay = std::min(m_options.retryMaxMs, m_options.retryBaseMs << std::min(link.retryCount - 1, 20));
    link.nextAttemptAt = now.addMSecs(delay);
    link.lastError = SecretRedactor::instance().redact(error.message);
    link.lastSyncAttemptAt = now;
    link.status = link.retryCount >= m_options.redAfterFailures ? LinkStatus::Error : LinkStatus::Pending;
    m_store->saveLink(&link);
    m_links.insert(link.id, link);
}

// DESIGN §2 Deletions: the link data of a pair archived on both sides 90 days ago, with no open work and nothing
// waiting for a person, goes; its tombstones stay so neither record is created again. Done here rather than with
// the store's tombstone-based purge, because a pair made active again keeps its old tombstones and must stay.
void SyncRun::purgeArchivedLinks()
{
    const QDateTime now = m_clock.nowUtc();
    const QDateTime cutoff = now.addDays(-90);
    QSet<qint64> customersWithOpenWork;
    for (const Link &work : m_store->links(EntityKind::WorkItem)) {
        const QString canonical = work.base.value(m_policy.statusField()).toString();
        if (work.base.value(Reconciler::ArchivedKey).toString() != QLatin1String("true") &&
            m_policy.statusMap().isOpenWork(Side::Pipedrive,
                                            m_policy.statusMap().valueFor(Side::Pipedrive, canonical))) {
            customersWithOpenWork.insert(work.base.value(QStringLiteral("customer")).toString().toLongLong());
        }
    }
    int purged = 0;
    for (EntityKind entity : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const Link &link : m_store->links(entity)) {
            if (link.base.value(Reconciler::ArchivedKey).toString() != QLatin1String("true") ||
                link.status != LinkStatus::Synced || !link.lastSyncedAt.isValid() || link.lastSyncedAt >= cutoff ||
                (entity == EntityKind::Customer && customersWithOpenWork.contains(link.id))) {
                continue;
            }
            ConflictFilter waiting;
            waiting.status = ConflictStatus::PendingReview;
            waiting.linkId = link.id;
            if (!m_store->conflicts(waiting).isEmpty()) {
                continue;
            }
            if (link.pipedriveId) {
                m_store->addTombstone(entity, System::Pipedrive, QString::number(link.pipedriveId), link.lastSyncedAt);
            }
            if (!link.ostendoKey.isEmpty()) {
                m_store->addTombstone(entity, System::Ostendo, link.ostendoKey, link.lastSyncedAt);
            }
            purged += m_store->deleteLink(link.id) ? 1 : 0;
        }
    }
    if (purged > 0) {
        LogEntry row;
        row.at = now;
        row.runId = m_runId;
        row.entity = QStringLiteral("run");
        row.action = QStringLiteral("purge");
        row.source = QStringLiteral("engine");
        row.details = QJsonObject{{QStringLiteral("links_purged"), purged}};
        m_store->appendLog(&row);
    }
}

void SyncRun::finishEntity(EntityKind entity)
{
    emitProgress(entity, QStringLiteral("writing"), m_writeDone, m_writeTotal);
    if (!dry()) {
        // Each side's own clock; never past a record that failed, so it is read again next time.
        const auto advance = [this, entity](System system, QDateTime candidate, const QDateTime &hold) {
            if (hold.isValid() && hold <= candidate) {
                candidate = hold.addSecs(-1);
            }
            const QDateTime current = TimeFormat::fromStorage(m_store->watermark(entity, system));
            if (candidate.isValid() && (!current.isValid() || candidate > current)) {
                m_store->setWatermark(entity, system, TimeFormat::toStorage(candidate), m_clock.nowUtc());
            } else if (!current.isValid() && m_fullScan) {
                // An empty system still gets a watermark, so the next run is incremental. Not from TurfDrive's clock:
                // a system whose clock is behind would stamp its first records before it, and no incremental read
                // would see them. Anything the system ever stamped is after the start of this epoch, and while it
                // is empty, reading "everything since" costs nothing.
                static const QDateTime beforeAnyRecord(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
                m_store->setWatermark(entity, system, TimeFormat::toStorage(beforeAnyRecord), m_clock.nowUtc());
            }
        };
        advance(System::Pipedrive, m_pipedriveMaxModified, m_pipedriveHold);
        advance(System::Ostendo, m_ostendoMaxModified, m_ostendoHold);
    }
    emit recordsChanged();
    if (entity == EntityKind::Customer) {
        runEntity(EntityKind::WorkItem);
        return;
    }
    if (!dry()) {
        purgeArchivedLinks();
    }
    const int pending = m_store->countConflicts(ConflictStatus::PendingReview) +
                        (dry() ? m_conflictCounts.value(QStringLiteral("pending_review")) : 0);
    finishRun(m_failed > 0 ? 4 : pending > 0 ? 3 : 0, QString());
}

QJsonObject SyncRun::summaryJson(int exitCode) const
{
    QJsonObject json;
    json.insert(QStringLiteral("dry_run"), dry());
    json.insert(QStringLiteral("exit_code"), exitCode);
    json.insert(QStringLiteral("duration_ms"), double(m_elapsed.isValid() ? m_elapsed.elapsed() : 0));
    for (EntityKind entity : {EntityKind::Customer, EntityKind::WorkItem}) {
        QJsonObject directions;
        for (Side target : {Side::Pipedrive, Side::Ostendo}) {
            const Counters c = m_counters.value(Entities::key(entity) + QLatin1Char('/') + directionKey(target));
            directions.insert(directionKey(target), QJsonObject{{QStringLiteral("created"), c.created},
                                                                {QStringLiteral("updated"), c.updated},
                                                                {QStringLiteral("archived"), c.archived}});
        }
        json.insert(entity == EntityKind::Customer ? QStringLiteral("customers") : QStringLiteral("work_items"),
                    directions);
    }
    QJsonObject conflicts;
    for (const char *key : {"low", "medium", "high", "auto_resolved", "pending_review", "manually_resolved"}) {
        conflicts.insert(QLatin1String(key), m_conflictCounts.value(QLatin1String(key)));
    }
    json.insert(QStringLiteral("conflicts"), conflicts);
    json.insert(QStringLiteral("failed"), m_failed);
    const quint64 pipedriveRequests =
        (m_pipedriveTransport ? m_pipedriveTransport->requestCount() : m_pipedrive->requestCount()) -
        m_pipedriveRequestsAtStart;
    const quint64 ostendoRequests =
        m_ostendoTransport ? m_ostendoTransport->requestCount() - m_ostendoRequestsAtStart : 0;
    json.insert(QStringLiteral("requests"), QJsonObject{{QStringLiteral("pipedrive"), double(pipedriveRequests)},
                                                        {QStringLiteral("ostendo"), double(ostendoRequests)}});
    const qint64 tokens = m_pipedrive->budget() ? m_pipedrive->budget()->tokensUsedToday() - m_tokensAtStart : 0;
    json.insert(QStringLiteral("pipedrive_tokens_used"), double(std::max<qint64>(0, tokens)));
    if (dry()) {
        json.insert(QStringLiteral("planned"), m_planned);
    }
    return json;
}

void SyncRun::finishRun(int exitCode, const QString &error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_summary.finishedAt = m_clock.nowUtc();
    m_summary.exitCode = exitCode;
    m_summary.error = SecretRedactor::instance().redact(error);
    m_summary.json = summaryJson(exitCode);
    if (exitCode == 1) {
        m_summary.json.insert(QStringLiteral("error"), m_summary.error); // DESIGN §4: exit 1 says why
    }
    // The stored copy also remembers whether this was a full scan: the next run decides its own from it.
    QJsonObject stored = m_summary.json;
    stored.insert(QStringLiteral("full_scan"), m_fullScan);
    if (!m_summary.error.isEmpty()) {
        stored.insert(QStringLiteral("error"), m_summary.error);
    }
    if (!dry()) {
        LogEntry row;
        row.at = m_summary.finishedAt;
        row.runId = m_runId;
        row.entity = QStringLiteral("run");
        row.action = QStringLiteral("summary");
        row.source = QStringLiteral("engine");
        row.durationMs = m_elapsed.elapsed();
        row.error = m_summary.error;
        row.details = stored;
        m_store->appendLog(&row);
        m_store->finishRun(m_runId, m_summary.finishedAt, exitCode, stored);
    }
    if (exitCode == 1) {
        qCWarning(lcEngine).noquote() << "sync run stopped:" << m_summary.error;
    }
    emit finished(m_summary);
}

void SyncRun::emitProgress(EntityKind entity, const QString &phase, int done, int total)
{
    SyncProgress progress;
    progress.entity = Entities::key(entity);
    progress.phase = phase;
    progress.done = done;
    progress.total = total;
    emit progressChanged(progress);
}

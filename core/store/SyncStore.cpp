#include "SyncStore.h"

#include "util/Logging.h"
#include "util/TimeFormat.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>

namespace {
// Each migration is a list of statements applied in one transaction together with its user_version bump.
// Written in SQL that SQLite and PostgreSQL both accept where that costs little; never edit a shipped step.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        // 1: the first schema.
        {
            QStringLiteral("CREATE TABLE links ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " entity TEXT NOT NULL CHECK (entity IN ('customer','work_item')),"
                           " pipedrive_id INTEGER,"
                           " ostendo_key TEXT,"
                           " base_json TEXT NOT NULL DEFAULT '{}',"
                           " last_synced_at TEXT, last_sync_attempt_at TEXT,"
                           " pipedrive_modified_at TEXT, ostendo_modified_at TEXT,"
                           " status TEXT NOT NULL CHECK (status IN ('synced','pending','error','blocked')),"
                           " retry_count INTEGER NOT NULL DEFAULT 0 CHECK (retry_count >= 0),"
                           " next_attempt_at TEXT, last_error TEXT,"
                           " CHECK (pipedrive_id IS NOT NULL OR ostendo_key IS NOT NULL),"
                           " UNIQUE (entity, pipedrive_id), UNIQUE (entity, ostendo_key))"),
            QStringLiteral(
                "CREATE TABLE conflicts ("
                " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " entity TEXT NOT NULL CHECK (entity IN ('customer','work_item')),"
                " link_id INTEGER REFERENCES links(id) ON DELETE CASCADE,"
                " pipedrive_id INTEGER, ostendo_key TEXT,"
                " kind TEXT NOT NULL CHECK (kind IN ('field','duplicate','deletion','archived_with_open_work')),"
                " risk TEXT NOT NULL CHECK (risk IN ('low','medium','high')),"
                " status TEXT NOT NULL CHECK (status IN ('auto_resolved','pending_review','manually_resolved')),"
                " fields_json TEXT NOT NULL DEFAULT '[]',"
                " rule TEXT NOT NULL,"
                " detected_at TEXT NOT NULL,"
                " pipedrive_modified_at TEXT, ostendo_modified_at TEXT,"
                " decision TEXT CHECK (decision IS NULL OR decision IN"
                "  ('keep_pipedrive','keep_ostendo','merge','link','keep_separate')),"
                " decision_json TEXT, decided_by TEXT, decided_at TEXT, applied_at TEXT)"),
            QStringLiteral("CREATE INDEX conflicts_status ON conflicts (status, detected_at)"),
            QStringLiteral("CREATE INDEX conflicts_link ON conflicts (link_id)"),
            QStringLiteral("CREATE TABLE journal ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " run_id TEXT,"
                           " link_id INTEGER REFERENCES links(id) ON DELETE SET NULL,"
                           " entity TEXT NOT NULL CHECK (entity IN ('customer','work_item')),"
                           " system TEXT NOT NULL CHECK (system IN ('pipedrive','ostendo')),"
                           " operation TEXT NOT NULL,"
                           " remote_id TEXT, carried_id TEXT,"
                           " payload_json TEXT NOT NULL DEFAULT '{}',"
                           " state TEXT NOT NULL CHECK (state IN ('intent','done','failed','unknown')),"
                           " created_at TEXT NOT NULL, completed_at TEXT, error TEXT)"),
            QStringLiteral("CREATE INDEX journal_open ON journal (state)"),
            QStringLiteral("CREATE TABLE sync_log ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " at TEXT NOT NULL, run_id TEXT,"
                           " entity TEXT NOT NULL,"
                           " link_id INTEGER, pipedrive_id INTEGER, ostendo_key TEXT,"
                           " action TEXT NOT NULL, source TEXT, target TEXT,"
                           " fields_changed TEXT NOT NULL DEFAULT '[]',"
                           " conflict_detected INTEGER NOT NULL DEFAULT 0,"
                           " risk TEXT, duration_ms INTEGER NOT NULL DEFAULT 0,"
                           " error TEXT, details_json TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral("CREATE INDEX sync_log_link ON sync_log (link_id)"),
            QStringLiteral("CREATE TABLE watermarks ("
                           " entity TEXT NOT NULL, system TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,"
                           " PRIMARY KEY (entity, system))"),
            QStringLiteral(
                "CREATE TABLE tombstones ("
                " entity TEXT NOT NULL, system TEXT NOT NULL, remote_id TEXT NOT NULL, archived_at TEXT NOT NULL,"
                " PRIMARY KEY (entity, system, remote_id))"),
        },
        // 2: names on links (tables show a customer or a job by name without asking either system), a table of
        // runs (the activity feed groups by run), and a time index on the log (it is filtered by time).
        {
            QStringLiteral("ALTER TABLE links ADD COLUMN display_name TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE TABLE runs ("
                           " id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,"
                           " exit_code INTEGER NOT NULL DEFAULT -1, summary_json TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral("CREATE INDEX sync_log_at ON sync_log (at)"),
        },
    };
    return steps;
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QVariant nullableId(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QVariant timeValue(const QDateTime &t)
{
    return t.isValid() ? QVariant(TimeFormat::toStorage(t)) : QVariant(QMetaType::fromType<QString>());
}

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString jsonText(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QJsonObject objectFrom(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QJsonArray arrayFrom(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).array();
}

QDateTime timeFrom(const QVariant &v)
{
    return TimeFormat::fromStorage(v.toString());
}

bool isBaseValid(const QJsonObject &base, QString *why)
{
    for (auto it = base.begin(); it != base.end(); ++it) {
        if (!it.value().isString() && !it.value().isNull()) {
            *why = QStringLiteral("the base value of field '%1' is not text or null").arg(it.key());
            return false;
        }
    }
    return true;
}

QAtomicInteger<quint64> g_connectionCounter;
} // namespace

SyncStore::SyncStore()
    : m_connectionName(QStringLiteral("turfdrive-store-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{}

SyncStore::~SyncStore()
{
    close();
}

int SyncStore::latestSchemaVersion()
{
    return int(migrations().size());
}

bool SyncStore::fail(const QString &message)
{
    m_lastError = message;
    qCInfo(lcStore).noquote() << message; // the caller reports it; this is for the debug log
    return false;
}

bool SyncStore::checkThread() const
{
    if (m_thread && m_thread != QThread::currentThread()) {
        qCCritical(lcStore) << "SyncStore used from a thread that did not open it";
        return false;
    }
    return true;
}

bool SyncStore::open(const QString &path)
{
    close();
    m_lastError.clear();
    m_path = path;
    m_thread = QThread::currentThread();

    const QFileInfo info(path);
    if (info.exists() && info.isDir()) {
        return fail(QObject::tr("The database path %1 is a folder, not a file.").arg(path));
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs));
    if (!db.open()) {
        const QString why = db.lastError().text();
        db = QSqlDatabase();
        close();
        return fail(QObject::tr("Could not open the database %1: %2").arg(path, why));
    }

    // Reading the schema forces SQLite to read the file header: a file that is not a database fails here,
    // before anything is written to it.
    QSqlQuery probe(db);
    const bool readable = probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && probe.next();
    const QString probeError = probe.lastError().text();
    probe.finish();
    if (!readable) {
        const QString why = probeError;
        db = QSqlDatabase();
        close();
        if (why.contains(QLatin1String("locked"), Qt::CaseInsensitive) ||
            why.contains(QLatin1String("busy"), Qt::CaseInsensitive)) {
            return fail(QObject::tr("The database %1 is locked by another program (is another TurfDrive running?). "
                                    "Nothing was changed.")
                            .arg(path));
        }
        return fail(QObject::tr("The database %1 is damaged or is not a TurfDrive database (%2). It was left as "
                                "it is; move it aside to start afresh.")
                        .arg(path, why));
    }

    const int version = schemaVersion();
    if (version > latestSchemaVersion()) {
        db = QSqlDatabase();
        close();
        return fail(QObject::tr("The database %1 was written by a newer TurfDrive (schema %2; this version knows "
                                "up to %3). It was left as it is.")
                        .arg(path)
                        .arg(version)
                        .arg(latestSchemaVersion()));
    }

    QSqlQuery pragma(db);
    pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    // WAL lets the window's reader connection read while the engine writes. It cannot change inside a
    // transaction, so it is set before migrating; a database in use by another process keeps its mode.
    if (!pragma.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) {
        const QString why = pragma.lastError().text();
        db = QSqlDatabase();
        close();
        return fail(
            QObject::tr("The database %1 is locked by another program (%2). Nothing was changed.").arg(path, why));
    }
    pragma.finish();
    pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    pragma.finish();

    if (!migrate()) {
        const QString why = m_lastError;
        db = QSqlDatabase();
        close();
        m_lastError = why;
        return false;
    }
    return true;
}

void SyncStore::close()
{
    m_statements.clear();
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_transactionDepth = 0;
}

bool SyncStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

int SyncStore::schemaVersion() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    int version = -1;
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next()) {
        version = q.value(0).toInt();
    }
    q.finish();
    return version;
}

bool SyncStore::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const int from = schemaVersion();
    for (int step = from; step < latestSchemaVersion(); ++step) {
        if (!db.transaction()) {
            const QString why = db.lastError().text();
            if (why.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
                return fail(
                    QObject::tr("The database %1 is locked by another program. Nothing was changed.").arg(m_path));
            }
            return fail(QObject::tr("Could not start updating the database %1: %2").arg(m_path, why));
        }
        QSqlQuery q(db);
        bool ok = true;
        QString why;
        for (const QString &statement : migrations().at(step)) {
            if (!q.exec(statement)) {
                ok = false;
                why = q.lastError().text();
                break;
            }
        }
        if (ok && !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step + 1))) {
            ok = false;
            why = q.lastError().text();
        }
        if (!ok || !db.commit()) {
            if (why.isEmpty()) {
                why = db.lastError().text();
            }
            db.rollback();
            if (why.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
                return fail(
                    QObject::tr("The database %1 is locked by another program. Nothing was changed.").arg(m_path));
            }
            return fail(QObject::tr("Could not update the database %1 to schema %2: %3. It was left at schema %4.")
                            .arg(m_path)
                            .arg(step + 1)
                            .arg(why)
                            .arg(step));
        }
        qCInfo(lcStore) << "database migrated to schema" << step + 1;
    }
    return true;
}

QSqlQuery &SyncStore::prepared(const char *name, const char *sql)
{
    auto it = m_statements.find(QByteArray(name));
    if (it == m_statements.end()) {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (!q.prepare(QString::fromUtf8(sql))) {
            qCCritical(lcStore) << "cannot prepare" << name << q.lastError().text();
        }
        it = m_statements.insert(QByteArray(name), q);
    }
    return it.value();
}

bool SyncStore::survives(bool write, const QString &what)
{
    if (!m_crashed && write && ++m_crashWritesSeen == m_crashAt) {
        m_crashed = true;
        m_crashedAt = what.simplified().left(60);
    }
    if (m_crashed && m_transactionDepth > 0) {
        m_transactionFailed = true;
    }
    return !m_crashed;
}

bool SyncStore::exec(QSqlQuery &query)
{
    if (!checkThread()) {
        return fail(QObject::tr("The state store was used from the wrong thread."));
    }
    if (m_crashAt > 0 &&
        !survives(!query.lastQuery().trimmed().startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive),
                  query.lastQuery())) {
        return fail(QObject::tr("A database operation failed: injected crash"));
    }
    if (m_failWriteAt > 0 && !query.lastQuery().trimmed().startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive) &&
        ++m_writesSeen == m_failWriteAt) {
        m_failWriteAt = 0;
        // Run it and undo it, so the statement is left as a real failed exec leaves it (its bindings reset).
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery undo(db);
        undo.exec(QStringLiteral("SAVEPOINT injected_failure"));
        query.exec();
        query.finish();
        undo.exec(QStringLiteral("ROLLBACK TO injected_failure"));
        undo.exec(QStringLiteral("RELEASE injected_failure"));
        if (m_transactionDepth > 0) {
            m_transactionFailed = true;
        }
        return fail(QObject::tr("A database operation failed: injected write failure"));
    }
    if (!query.exec()) {
        const QString why = query.lastError().text();
        query.finish();
        if (m_transactionDepth > 0) {
            m_transactionFailed = true;
        }
        return fail(QObject::tr("A database operation failed: %1").arg(why));
    }
    return true;
}

bool SyncStore::transaction(const std::function<bool()> &fn)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const bool ok = fn();
        --m_transactionDepth;
        if (!ok) {
            m_transactionFailed = true;
        }
        return ok;
    }
    if (m_crashAt > 0 && !survives(false, QString())) {
        return fail(QObject::tr("A database operation failed: injected crash"));
    }
    if (!db.transaction()) {
        return fail(QObject::tr("Could not start a database transaction: %1").arg(db.lastError().text()));
    }
    m_transactionDepth = 1;
    m_transactionFailed = false;
    const bool ok = fn();
    m_transactionDepth = 0;
    // A dead process neither commits nor rolls back: the transaction stays open until the connection closes, and
    // SQLite discards it then.
    if (m_crashAt > 0 && !survives(true, QStringLiteral("COMMIT"))) {
        return fail(QObject::tr("A database operation failed: injected crash"));
    }
    if (!ok || m_transactionFailed) {
        db.rollback();
        if (m_lastError.isEmpty()) {
            m_lastError = QObject::tr("A database operation was refused; nothing of it was kept.");
        }
        return false;
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return fail(QObject::tr("Could not save to the database: %1").arg(why));
    }
    return true;
}

// ---------------------------------------------------------------- links

bool SyncStore::saveLink(Link *link)
{
    if (link->pipedriveId == 0 && link->ostendoKey.isEmpty()) {
        return fail(QObject::tr("A link needs a Pipedrive id or an Ostendo key; neither was given."));
    }
    if (link->pipedriveId < 0) {
        return fail(QObject::tr("A Pipedrive id must be positive, not %1.").arg(link->pipedriveId));
    }
    if (link->retryCount < 0) {
        return fail(QObject::tr("A retry count cannot be negative."));
    }
    QString why;
    if (!isBaseValid(link->base, &why)) {
        return fail(QObject::tr("The link was not saved: %1.").arg(why));
    }

    QSqlQuery *q;
    if (link->id == 0) {
        q = &prepared("insertLink",
                      "INSERT INTO links (entity, pipedrive_id, ostendo_key, display_name, base_json, last_synced_at,"
                      " last_sync_attempt_at, pipedrive_modified_at, ostendo_modified_at, status, retry_count,"
                      " next_attempt_at, last_error) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    } else {
        q = &prepared("updateLink",
                      "UPDATE links SET entity=?, pipedrive_id=?, ostendo_key=?, display_name=?, base_json=?,"
                      " last_synced_at=?, last_sync_attempt_at=?, pipedrive_modified_at=?, ostendo_modified_at=?,"
                      " status=?, retry_count=?, next_attempt_at=?, last_error=? WHERE id=?");
    }
    q->addBindValue(StoreText::entity(link->entity));
    q->addBindValue(nullableId(link->pipedriveId));
    q->addBindValue(nullableText(link->ostendoKey));
    // A null QString binds as SQL NULL; the column is NOT NULL with '' for "no name yet".
    q->addBindValue(link->displayName.isNull() ? QStringLiteral("") : link->displayName);
    q->addBindValue(jsonText(link->base));
    q->addBindValue(timeValue(link->lastSyncedAt));
    q->addBindValue(timeValue(link->lastSyncAttemptAt));
    q->addBindValue(timeValue(link->pipedriveModifiedAt));
    q->addBindValue(timeValue(link->ostendoModifiedAt));
    q->addBindValue(StoreText::linkStatus(link->status));
    q->addBindValue(link->retryCount);
    q->addBindValue(timeValue(link->nextAttemptAt));
    q->addBindValue(nullableText(link->lastError));
    if (link->id != 0) {
        q->addBindValue(link->id);
    }
    if (!exec(*q)) {
        return false;
    }
    if (link->id == 0) {
        link->id = q->lastInsertId().toLongLong();
    } else if (q->numRowsAffected() != 1) {
        return fail(QObject::tr("There is no link %1 to update.").arg(link->id));
    }
    return true;
}

#define LINK_COLUMNS                                                                                                   \
    "id, entity, pipedrive_id, ostendo_key, display_name, base_json, last_synced_at, last_sync_attempt_at,"            \
    " pipedrive_modified_at, ostendo_modified_at, status, retry_count, next_attempt_at, last_error"

Link SyncStore::linkFromQuery(const QSqlQuery &q) const
{
    Link l;
    l.id = q.value(0).toLongLong();
    StoreText::parseEntity(q.value(1).toString(), &l.entity);
    l.pipedriveId = q.value(2).toLongLong();
    l.ostendoKey = q.value(3).toString();
    l.displayName = q.value(4).toString();
    l.base = objectFrom(q.value(5));
    l.lastSyncedAt = timeFrom(q.value(6));
    l.lastSyncAttemptAt = timeFrom(q.value(7));
    l.pipedriveModifiedAt = timeFrom(q.value(8));
    l.ostendoModifiedAt = timeFrom(q.value(9));
    StoreText::parseLinkStatus(q.value(10).toString(), &l.status);
    l.retryCount = q.value(11).toInt();
    l.nextAttemptAt = timeFrom(q.value(12));
    l.lastError = q.value(13).toString();
    return l;
}

std::optional<Link> SyncStore::singleLink(QSqlQuery &q)
{
    if (!exec(q)) {
        return std::nullopt;
    }
    std::optional<Link> result;
    if (q.next()) {
        result = linkFromQuery(q);
    }
    q.finish();
    return result;
}

std::optional<Link> SyncStore::link(qint64 id)
{
    QSqlQuery &q = prepared("linkById", "SELECT " LINK_COLUMNS " FROM links WHERE id=?");
    q.addBindValue(id);
    return singleLink(q);
}

std::optional<Link> SyncStore::linkByPipedriveId(Entity entity, qint64 pipedriveId)
{
    QSqlQuery &q = prepared("linkByPd", "SELECT " LINK_COLUMNS " FROM links WHERE entity=? AND pipedrive_id=?");
    q.addBindValue(StoreText::entity(entity));
    q.addBindValue(pipedriveId);
    return singleLink(q);
}

std::optional<Link> SyncStore::linkByOstendoKey(Entity entity, const QString &ostendoKey)
{
    QSqlQuery &q = prepared("linkByOs", "SELECT " LINK_COLUMNS " FROM links WHERE entity=? AND ostendo_key=?");
    q.addBindValue(StoreText::entity(entity));
    q.addBindValue(ostendoKey);
    return singleLink(q);
}

QList<Link> SyncStore::links(Entity entity)
{
    QSqlQuery &q = prepared("linksByEntity", "SELECT " LINK_COLUMNS " FROM links WHERE entity=? ORDER BY id");
    q.addBindValue(StoreText::entity(entity));
    QList<Link> result;
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        result.append(linkFromQuery(q));
    }
    q.finish();
    return result;
}

QHash<QString, int> SyncStore::linkCountsByStatus(Entity entity)
{
    QSqlQuery &q = prepared("linkCounts", "SELECT status, count(*) FROM links WHERE entity=? GROUP BY status");
    q.addBindValue(StoreText::entity(entity));
    QHash<QString, int> counts;
    if (exec(q)) {
        while (q.next()) {
            counts.insert(q.value(0).toString(), q.value(1).toInt());
        }
        q.finish();
    }
    return counts;
}

bool SyncStore::deleteLink(qint64 id)
{
    QSqlQuery &q = prepared("deleteLink", "DELETE FROM links WHERE id=?");
    q.addBindValue(id);
    if (!exec(q)) {
        return false;
    }
    if (q.numRowsAffected() != 1) {
        return fail(QObject::tr("There is no link %1 to delete.").arg(id));
    }
    return true;
}

// ---------------------------------------------------------------- conflicts

bool SyncStore::saveConflict(ConflictRecord *r)
{
    Conflict *c = &r->conflict;
    if (c->rule.trimmed().isEmpty()) {
        return fail(QObject::tr("A conflict needs the rule that decided it (or why it is blocked)."));
    }
    if (c->kind == ConflictKind::Field && c->fields.isEmpty()) {
        return fail(QObject::tr("A field conflict needs at least one field."));
    }
    if (r->linkId == 0 && c->pipedriveId.isEmpty() && c->ostendoKey.isEmpty()) {
        return fail(QObject::tr("A conflict must name a link or a record on either side."));
    }
    if (!r->detectedAt.isValid()) {
        return fail(QObject::tr("A conflict needs the time it was detected."));
    }
    QJsonArray fields;
    for (const ConflictField &f : std::as_const(c->fields)) {
        if (f.field.isEmpty()) {
            return fail(QObject::tr("A conflict field has no name."));
        }
        fields.append(f.toJson());
    }

    QSqlQuery *q;
    if (r->id == 0) {
        q = &prepared("insertConflict",
                      "INSERT INTO conflicts (entity, link_id, pipedrive_id, ostendo_key, kind, risk, status,"
                      " fields_json, rule, detected_at, pipedrive_modified_at, ostendo_modified_at, decision,"
                      " decision_json, decided_by, decided_at, applied_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    } else {
        q = &prepared("updateConflict",
                      "UPDATE conflicts SET entity=?, link_id=?, pipedrive_id=?, ostendo_key=?, kind=?, risk=?,"
                      " status=?, fields_json=?, rule=?, detected_at=?, pipedrive_modified_at=?,"
                      " ostendo_modified_at=?, decision=?, decision_json=?, decided_by=?, decided_at=?, applied_at=?"
                      " WHERE id=?");
    }
    q->addBindValue(StoreText::entity(c->entity));
    q->addBindValue(nullableId(r->linkId));
    q->addBindValue(c->pipedriveId.isEmpty() ? QVariant(QMetaType::fromType<qint64>())
                                             : QVariant(c->pipedriveId.toLongLong()));
    q->addBindValue(nullableText(c->ostendoKey));
    q->addBindValue(StoreText::conflictKind(c->kind));
    q->addBindValue(StoreText::risk(c->risk));
    q->addBindValue(StoreText::conflictStatus(c->status));
    q->addBindValue(jsonText(fields));
    q->addBindValue(c->rule);
    q->addBindValue(timeValue(r->detectedAt));
    q->addBindValue(timeValue(r->pipedriveModifiedAt));
    q->addBindValue(timeValue(r->ostendoModifiedAt));
    q->addBindValue(nullableText(r->decision));
    q->addBindValue(r->decisionValues.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                : QVariant(jsonText(r->decisionValues)));
    q->addBindValue(nullableText(r->decidedBy));
    q->addBindValue(timeValue(r->decidedAt));
    q->addBindValue(timeValue(r->appliedAt));
    if (r->id != 0) {
        q->addBindValue(r->id);
    }
    if (!exec(*q)) {
        return false;
    }
    if (r->id == 0) {
        r->id = q->lastInsertId().toLongLong();
    } else if (q->numRowsAffected() != 1) {
        return fail(QObject::tr("There is no conflict %1 to update.").arg(r->id));
    }
    return true;
}

#define CONFLICT_COLUMNS                                                                                               \
    "id, entity, link_id, pipedrive_id, ostendo_key, kind, risk, status, fields_json, rule, detected_at,"              \
    " pipedrive_modified_at, ostendo_modified_at, decision, decision_json, decided_by, decided_at, applied_at"

ConflictRecord SyncStore::conflictFromQuery(const QSqlQuery &q) const
{
    ConflictRecord r;
    Conflict &c = r.conflict;
    r.id = q.value(0).toLongLong();
    StoreText::parseEntity(q.value(1).toString(), &c.entity);
    r.linkId = q.value(2).toLongLong();
    c.pipedriveId = q.value(3).isNull() ? QString() : QString::number(q.value(3).toLongLong());
    c.ostendoKey = q.value(4).toString();
    StoreText::parseConflictKind(q.value(5).toString(), &c.kind);
    StoreText::parseRisk(q.value(6).toString(), &c.risk);
    StoreText::parseConflictStatus(q.value(7).toString(), &c.status);
    const QJsonArray fields = arrayFrom(q.value(8));
    for (const QJsonValue &f : fields) {
        c.fields.append(ConflictField::fromJson(f.toObject()));
    }
    c.rule = q.value(9).toString();
    r.detectedAt = timeFrom(q.value(10));
    r.pipedriveModifiedAt = timeFrom(q.value(11));
    r.ostendoModifiedAt = timeFrom(q.value(12));
    r.decision = q.value(13).toString();
    r.decisionValues = objectFrom(q.value(14));
    r.decidedBy = q.value(15).toString();
    r.decidedAt = timeFrom(q.value(16));
    r.appliedAt = timeFrom(q.value(17));
    return r;
}

std::optional<ConflictRecord> SyncStore::conflict(qint64 id)
{
    QSqlQuery &q = prepared("conflictById", "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE id=?");
    q.addBindValue(id);
    if (!exec(q)) {
        return std::nullopt;
    }
    std::optional<ConflictRecord> result;
    if (q.next()) {
        result = conflictFromQuery(q);
    }
    q.finish();
    return result;
}

QList<ConflictRecord> SyncStore::conflicts(const ConflictFilter &filter)
{
    // Every filter is a bound value: only the fixed shape of the statement varies with which filters are set.
    QString sql = QStringLiteral("SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE 1=1");
    QVariantList values;
    if (filter.status) {
        sql += QStringLiteral(" AND status=?");
        values << StoreText::conflictStatus(*filter.status);
    }
    if (filter.risk) {
        sql += QStringLiteral(" AND risk=?");
        values << StoreText::risk(*filter.risk);
    }
    if (filter.entity) {
        sql += QStringLiteral(" AND entity=?");
        values << StoreText::entity(*filter.entity);
    }
    if (filter.detectedSince.isValid()) {
        sql += QStringLiteral(" AND detected_at>=?");
        values << TimeFormat::toStorage(filter.detectedSince);
    }
    if (filter.linkId) {
        sql += QStringLiteral(" AND link_id=?");
        values << filter.linkId;
    }
    // Pending first (they wait for a person), then newest first.
    sql += QStringLiteral(" ORDER BY CASE status WHEN 'pending_review' THEN 0 ELSE 1 END, detected_at DESC, id DESC");
    if (filter.limit > 0) {
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(sql);
    for (const QVariant &v : std::as_const(values)) {
        q.addBindValue(v);
    }
    QList<ConflictRecord> result;
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        result.append(conflictFromQuery(q));
    }
    return result;
}

int SyncStore::countConflicts(ConflictStatus status)
{
    QSqlQuery &q = prepared("countConflicts", "SELECT count(*) FROM conflicts WHERE status=?");
    q.addBindValue(StoreText::conflictStatus(status));
    int n = 0;
    if (exec(q) && q.next()) {
        n = q.value(0).toInt();
    }
    q.finish();
    return n;
}

QList<WeekStats> SyncStore::weeklyConflictStats(const QDateTime &now, int weeks)
{
    QList<WeekStats> result;
    if (weeks <= 0) {
        return result;
    }
    const QDate today = now.toUTC().date();
    const QDate thisMonday = today.addDays(1 - today.dayOfWeek());
    for (int i = weeks - 1; i >= 0; --i) {
        WeekStats w;
        w.weekStart = thisMonday.addDays(-7 * i);
        result.append(w);
    }
    const QDateTime from(result.constFirst().weekStart, QTime(0, 0), Qt::UTC);
    // A conflict counts as needing a person when it was high risk, whatever became of it later.
    QSqlQuery &q = prepared("weekly", "SELECT detected_at, risk FROM conflicts WHERE detected_at>=?");
    q.addBindValue(TimeFormat::toStorage(from));
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        const QDate day = timeFrom(q.value(0)).date();
        const int index = int(result.constFirst().weekStart.daysTo(day) / 7);
        if (index < 0 || index >= result.size()) {
            continue;
        }
        WeekStats &w = result[index];
        ++w.total;
        if (q.value(1).toString() == QLatin1String("high")) {
            ++w.neededPerson;
        } else {
            ++w.autoResolved;
        }
    }
    q.finish();
    return result;
}

bool SyncStore::recordDecision(qint64 conflictId, const QString &decision, const QJsonObject &values, const QString &by,
                               const QDateTime &at)
{
    static const QStringList known{QStringLiteral("keep_pipedrive"), QStringLiteral("keep_ostendo"),
                                   QStringLiteral("merge"), QStringLiteral("link"), QStringLiteral("keep_separate")};
    if (!known.contains(decision)) {
        return fail(
            QObject::tr("'%1' is not a decision; use one of %2.").arg(decision, known.join(QStringLiteral(", "))));
    }
    if (by.trimmed().isEmpty()) {
        return fail(QObject::tr("A decision must say who made it."));
    }
    const std::optional<ConflictRecord> existing = conflict(conflictId);
    if (!existing) {
        return fail(QObject::tr("There is no conflict %1.").arg(conflictId));
    }
    if (existing->conflict.status == ConflictStatus::ManuallyResolved) {
        return fail(QObject::tr("Conflict %1 was already decided by %2.").arg(conflictId).arg(existing->decidedBy));
    }
    const bool duplicateDecision = decision == QLatin1String("link") || decision == QLatin1String("keep_separate");
    if (duplicateDecision != (existing->conflict.kind == ConflictKind::Duplicate)) {
        return fail(duplicateDecision ? QObject::tr("Link and Keep separate are only for a possible duplicate.")
                                      : QObject::tr("A possible duplicate is decided with Link or Keep separate."));
    }
    if (decision == QLatin1String("merge")) {
        if (values.isEmpty()) {
            return fail(QObject::tr("A merge needs a value for at least one field."));
        }
        for (auto it = values.begin(); it != values.end(); ++it) {
            const bool inConflict = std::any_of(existing->conflict.fields.cbegin(), existing->conflict.fields.cend(),
                                                [&](const ConflictField &f) { return f.field == it.key(); });
            if (!inConflict) {
                return fail(QObject::tr("Conflict %1 has no field '%2'.").arg(conflictId).arg(it.key()));
            }
        }
    }
    QSqlQuery &q =
        prepared("decide", "UPDATE conflicts SET status='manually_resolved', decision=?, decision_json=?,"
                           " decided_by=?, decided_at=?, applied_at=NULL WHERE id=? AND status<>'manually_resolved'");
    q.addBindValue(decision);
    q.addBindValue(values.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(jsonText(values)));
    q.addBindValue(by);
    q.addBindValue(timeValue(at));
    q.addBindValue(conflictId);
    if (!exec(q)) {
        return false;
    }
    if (q.numRowsAffected() != 1) {
        return fail(QObject::tr("Conflict %1 was decided by someone else in the meantime.").arg(conflictId));
    }
    return true;
}

QList<ConflictRecord> SyncStore::unappliedDecisions()
{
    QSqlQuery &q = prepared("undecided", "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE status='manually_resolved'"
                                         " AND applied_at IS NULL ORDER BY decided_at, id");
    QList<ConflictRecord> result;
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        result.append(conflictFromQuery(q));
    }
    q.finish();
    return result;
}

bool SyncStore::markDecisionApplied(qint64 conflictId, const QDateTime &at)
{
    QSqlQuery &q = prepared("applied", "UPDATE conflicts SET applied_at=? WHERE id=? AND decision IS NOT NULL");
    q.addBindValue(timeValue(at));
    q.addBindValue(conflictId);
    if (!exec(q)) {
        return false;
    }
    if (q.numRowsAffected() != 1) {
        return fail(QObject::tr("Conflict %1 has no decision to mark as applied.").arg(conflictId));
    }
    return true;
}

// ---------------------------------------------------------------- journal

bool SyncStore::journalIntent(JournalEntry *e)
{
    if (e->operation.isEmpty()) {
        return fail(QObject::tr("A journal entry needs an operation."));
    }
    if (!e->createdAt.isValid()) {
        return fail(QObject::tr("A journal entry needs the time it was made."));
    }
    QSqlQuery &q = prepared("journalIntent",
                            "INSERT INTO journal (run_id, link_id, entity, system, operation, remote_id, carried_id,"
                            " payload_json, state, created_at) VALUES (?,?,?,?,?,?,?,?,'intent',?)");
    q.addBindValue(nullableText(e->runId));
    q.addBindValue(nullableId(e->linkId));
    q.addBindValue(StoreText::entity(e->entity));
    q.addBindValue(StoreText::system(e->system));
    q.addBindValue(e->operation);
    q.addBindValue(nullableText(e->remoteId));
    q.addBindValue(nullableText(e->carriedId));
    q.addBindValue(jsonText(e->payload));
    q.addBindValue(timeValue(e->createdAt));
    if (!exec(q)) {
        return false;
    }
    e->id = q.lastInsertId().toLongLong();
    e->state = JournalState::Intent;
    return true;
}

bool SyncStore::journalComplete(qint64 id, JournalState state, const QString &remoteId, const QString &error,
                                const QDateTime &at)
{
    if (state == JournalState::Intent) {
        return fail(QObject::tr("A journal entry cannot be completed back into an intent."));
    }
    QSqlQuery &q = prepared("journalComplete", "UPDATE journal SET state=?, remote_id=COALESCE(?, remote_id),"
                                               " error=?, completed_at=? WHERE id=?");
    q.addBindValue(StoreText::journalState(state));
    q.addBindValue(nullableText(remoteId));
    q.addBindValue(nullableText(error));
    q.addBindValue(timeValue(at));
    q.addBindValue(id);
    if (!exec(q)) {
        return false;
    }
    if (q.numRowsAffected() != 1) {
        return fail(QObject::tr("There is no journal entry %1.").arg(id));
    }
    return true;
}

#define JOURNAL_COLUMNS                                                                                                \
    "id, run_id, link_id, entity, system, operation, remote_id, carried_id, payload_json, state, created_at,"          \
    " completed_at, error"

JournalEntry SyncStore::journalFromQuery(const QSqlQuery &q) const
{
    JournalEntry e;
    e.id = q.value(0).toLongLong();
    e.runId = q.value(1).toString();
    e.linkId = q.value(2).toLongLong();
    StoreText::parseEntity(q.value(3).toString(), &e.entity);
    StoreText::parseSystem(q.value(4).toString(), &e.system);
    e.operation = q.value(5).toString();
    e.remoteId = q.value(6).toString();
    e.carriedId = q.value(7).toString();
    e.payload = objectFrom(q.value(8));
    StoreText::parseJournalState(q.value(9).toString(), &e.state);
    e.createdAt = timeFrom(q.value(10));
    e.completedAt = timeFrom(q.value(11));
    e.error = q.value(12).toString();
    return e;
}

std::optional<JournalEntry> SyncStore::journalEntry(qint64 id)
{
    QSqlQuery &q = prepared("journalById", "SELECT " JOURNAL_COLUMNS " FROM journal WHERE id=?");
    q.addBindValue(id);
    if (!exec(q)) {
        return std::nullopt;
    }
    std::optional<JournalEntry> result;
    if (q.next()) {
        result = journalFromQuery(q);
    }
    q.finish();
    return result;
}

QList<JournalEntry> SyncStore::openJournalEntries()
{
    QSqlQuery &q = prepared("journalOpen", "SELECT " JOURNAL_COLUMNS " FROM journal WHERE state IN ('intent','unknown')"
                                           " ORDER BY id");
    QList<JournalEntry> result;
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        result.append(journalFromQuery(q));
    }
    q.finish();
    return result;
}

QString SyncStore::createdRemoteId(qint64 linkId, System system)
{
    QSqlQuery &q = prepared("journalCreated", "SELECT remote_id FROM journal WHERE link_id=? AND system=?"
                                              " AND operation='create' AND state='done' AND remote_id IS NOT NULL"
                                              " AND remote_id<>'' ORDER BY id DESC LIMIT 1");
    q.addBindValue(linkId);
    q.addBindValue(StoreText::system(system));
    if (!exec(q)) {
        return {};
    }
    const QString id = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return id;
}

// ---------------------------------------------------------------- log

bool SyncStore::appendLog(LogEntry *e)
{
    if (e->action.isEmpty() || e->entity.isEmpty()) {
        return fail(QObject::tr("A log row needs an entity and an action."));
    }
    if (!e->at.isValid()) {
        return fail(QObject::tr("A log row needs a time."));
    }
    QSqlQuery &q = prepared(
        "appendLog", "INSERT INTO sync_log (at, run_id, entity, link_id, pipedrive_id, ostendo_key, action,"
                     " source, target, fields_changed, conflict_detected, risk, duration_ms, error, details_json)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.addBindValue(timeValue(e->at));
    q.addBindValue(nullableText(e->runId));
    q.addBindValue(e->entity);
    q.addBindValue(nullableId(e->linkId));
    q.addBindValue(nullableId(e->pipedriveId));
    q.addBindValue(nullableText(e->ostendoKey));
    q.addBindValue(e->action);
    q.addBindValue(nullableText(e->source));
    q.addBindValue(nullableText(e->target));
    q.addBindValue(jsonText(QJsonArray::fromStringList(e->fieldsChanged)));
    q.addBindValue(e->conflictDetected ? 1 : 0);
    q.addBindValue(nullableText(e->risk));
    q.addBindValue(e->durationMs);
    q.addBindValue(nullableText(e->error));
    q.addBindValue(jsonText(e->details));
    if (!exec(q)) {
        return false;
    }
    e->id = q.lastInsertId().toLongLong();
    return true;
}

LogEntry SyncStore::logFromQuery(const QSqlQuery &q) const
{
    LogEntry e;
    e.id = q.value(0).toLongLong();
    e.at = timeFrom(q.value(1));
    e.runId = q.value(2).toString();
    e.entity = q.value(3).toString();
    e.linkId = q.value(4).toLongLong();
    e.pipedriveId = q.value(5).toLongLong();
    e.ostendoKey = q.value(6).toString();
    e.action = q.value(7).toString();
    e.source = q.value(8).toString();
    e.target = q.value(9).toString();
    for (const QJsonValue &v : arrayFrom(q.value(10))) {
        e.fieldsChanged << v.toString();
    }
    e.conflictDetected = q.value(11).toInt() != 0;
    e.risk = q.value(12).toString();
    e.durationMs = q.value(13).toLongLong();
    e.error = q.value(14).toString();
    e.details = objectFrom(q.value(15));
    return e;
}

QList<LogEntry> SyncStore::logEntries(const LogFilter &filter)
{
    QString sql = QStringLiteral("SELECT id, at, run_id, entity, link_id, pipedrive_id, ostendo_key, action, source,"
                                 " target, fields_changed, conflict_detected, risk, duration_ms, error, details_json"
                                 " FROM sync_log WHERE 1=1");
    QVariantList values;
    if (filter.since.isValid()) {
        sql += QStringLiteral(" AND at>=?");
        values << TimeFormat::toStorage(filter.since);
    }
    if (!filter.entity.isEmpty()) {
        sql += QStringLiteral(" AND entity=?");
        values << filter.entity;
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action=?");
        values << filter.action;
    }
    if (!filter.runId.isEmpty()) {
        sql += QStringLiteral(" AND run_id=?");
        values << filter.runId;
    }
    if (filter.linkId) {
        sql += QStringLiteral(" AND link_id=?");
        values << filter.linkId;
    }
    if (filter.errorsOnly) {
        sql += QStringLiteral(" AND error IS NOT NULL");
    }
    sql += QStringLiteral(" ORDER BY at, id");
    if (filter.limit > 0) {
        // The newest `limit` rows, still returned oldest first.
        sql = QStringLiteral("SELECT * FROM (") +
              sql.replace(QStringLiteral(" ORDER BY at, id"), QStringLiteral(" ORDER BY at DESC, id DESC")) +
              QStringLiteral(" LIMIT %1) AS newest ORDER BY at, id").arg(filter.limit);
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : std::as_const(values)) {
        q.addBindValue(v);
    }
    QList<LogEntry> result;
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        result.append(logFromQuery(q));
    }
    return result;
}

qint64 SyncStore::exportLogJsonLines(QIODevice *out, const LogFilter &filter)
{
    if (!isOpen()) {
        fail(QObject::tr("The state store is not open."));
        return -1;
    }
    const QList<LogEntry> rows = logEntries(filter);
    qint64 n = 0;
    for (const LogEntry &e : rows) {
        const QByteArray line = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n';
        if (out->write(line) != line.size()) {
            fail(QObject::tr("Could not write the log export: %1").arg(out->errorString()));
            return -1;
        }
        ++n;
    }
    return n;
}

// ---------------------------------------------------------------- watermarks, tombstones, runs

bool SyncStore::setWatermark(Entity entity, System system, const QString &value, const QDateTime &at)
{
    if (value.isEmpty()) {
        return fail(QObject::tr("A watermark cannot be empty."));
    }
    QSqlQuery &q =
        prepared("setWatermark", "INSERT INTO watermarks (entity, system, value, updated_at) VALUES (?,?,?,?)"
                                 " ON CONFLICT (entity, system) DO UPDATE SET value=excluded.value,"
                                 " updated_at=excluded.updated_at");
    q.addBindValue(StoreText::entity(entity));
    q.addBindValue(StoreText::system(system));
    q.addBindValue(value);
    q.addBindValue(timeValue(at));
    return exec(q);
}

QString SyncStore::watermark(Entity entity, System system)
{
    QSqlQuery &q = prepared("watermark", "SELECT value FROM watermarks WHERE entity=? AND system=?");
    q.addBindValue(StoreText::entity(entity));
    q.addBindValue(StoreText::system(system));
    QString value;
    if (exec(q) && q.next()) {
        value = q.value(0).toString();
    }
    q.finish();
    return value;
}

bool SyncStore::addTombstone(Entity entity, System system, const QString &remoteId, const QDateTime &archivedAt)
{
    if (remoteId.isEmpty() || !archivedAt.isValid()) {
        return fail(QObject::tr("A tombstone needs the record's id and the time it was archived."));
    }
    QSqlQuery &q = prepared("addTombstone", "INSERT INTO tombstones (entity, system, remote_id, archived_at)"
                                            " VALUES (?,?,?,?) ON CONFLICT (entity, system, remote_id) DO NOTHING");
    q.addBindValue(StoreText::entity(entity));
    q.addBindValue(StoreText::system(system));
    q.addBindValue(remoteId);
    q.addBindValue(timeValue(archivedAt));
    return exec(q);
}

bool SyncStore::hasTombstone(Entity entity, System system, const QString &remoteId)
{
    QSqlQuery &q = prepared("hasTombstone", "SELECT 1 FROM tombstones WHERE entity=? AND system=? AND remote_id=?");
    q.addBindValue(StoreText::entity(entity));
    q.addBindValue(StoreText::system(system));
    q.addBindValue(remoteId);
    const bool found = exec(q) && q.next();
    q.finish();
    return found;
}

bool SyncStore::beginRun(const QString &runId, const QDateTime &startedAt)
{
    if (runId.isEmpty() || !startedAt.isValid()) {
        return fail(QObject::tr("A run needs an id and a start time."));
    }
    QSqlQuery &q = prepared("beginRun", "INSERT INTO runs (id, started_at) VALUES (?,?)");
    q.addBindValue(runId);
    q.addBindValue(timeValue(startedAt));
    return exec(q);
}

bool SyncStore::finishRun(const QString &runId, const QDateTime &finishedAt, int exitCode, const QJsonObject &summary)
{
    QSqlQuery &q = prepared("finishRun", "UPDATE runs SET finished_at=?, exit_code=?, summary_json=? WHERE id=?");
    q.addBindValue(timeValue(finishedAt));
    q.addBindValue(exitCode);
    q.addBindValue(jsonText(summary));
    q.addBindValue(runId);
    if (!exec(q)) {
        return false;
    }
    if (q.numRowsAffected() != 1) {
        return fail(QObject::tr("There is no run %1 to finish.").arg(runId));
    }
    return true;
}

QList<RunRecord> SyncStore::recentRuns(int limit)
{
    QSqlQuery &q = prepared("recentRuns", "SELECT id, started_at, finished_at, exit_code, summary_json FROM runs"
                                          " ORDER BY started_at DESC, id DESC LIMIT ?");
    q.addBindValue(limit);
    QList<RunRecord> result;
    if (!exec(q)) {
        return result;
    }
    while (q.next()) {
        RunRecord r;
        r.id = q.value(0).toString();
        r.startedAt = timeFrom(q.value(1));
        r.finishedAt = timeFrom(q.value(2));
        r.exitCode = q.value(3).toInt();
        r.summary = objectFrom(q.value(4));
        result.append(r);
    }
    q.finish();
    return result;
}

QStringList SyncStore::checkIntegrity()
{
    QStringList problems;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        return {q.lastError().text()};
    }
    while (q.next()) {
        const QString row = q.value(0).toString();
        if (row != QLatin1String("ok")) {
            problems << row;
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        return problems << q.lastError().text();
    }
    while (q.next()) {
        problems << QStringLiteral("foreign key: table %1 row %2 refers to a missing %3 row")
                        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    }
    return problems;
}

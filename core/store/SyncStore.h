// The local sync state (links and bases, conflicts, write journal, sync log, watermarks, tombstones, runs) in
// SQLite. One object per thread: each owns its own database connection and must be used on the thread that
// opened it. All SQL of TurfDrive lives here; callers speak in links, conflicts and log entries.
#pragma once

#include "StoreTypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

class QIODevice;

class SyncStore
{
public:
    SyncStore();
    ~SyncStore();
    SyncStore(const SyncStore &) = delete;
    SyncStore &operator=(const SyncStore &) = delete;

    // The schema version this build writes (PRAGMA user_version).
    static int latestSchemaVersion();

    // Opens (creating if absent) and migrates the database. A file that is not a TurfDrive database, is damaged,
    // is locked by another process, or comes from a newer TurfDrive gives false and a clear message in
    // lastError(), and is never overwritten.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    int schemaVersion() const;
    // How long to wait for another process's lock before giving up (default 5 s).
    void setBusyTimeoutMs(int ms) { m_busyTimeoutMs = ms; }

    QString lastError() const { return m_lastError; }

    // Runs fn inside one transaction; commits when it returns true, rolls back otherwise (or on a failed
    // commit). Nested calls join the outer transaction.
    bool transaction(const std::function<bool()> &fn);

    // --- links
    // Inserts (id 0) or updates a link; sets link->id on insert. Refuses a link with neither side's id.
    bool saveLink(Link *link);
    std::optional<Link> link(qint64 id);
    std::optional<Link> linkByPipedriveId(Entity entity, qint64 pipedriveId);
    std::optional<Link> linkByOstendoKey(Entity entity, const QString &ostendoKey);
    QList<Link> links(Entity entity);
    QHash<QString, int> linkCountsByStatus(Entity entity);
    bool deleteLink(qint64 id);

    // --- conflicts
    bool saveConflict(ConflictRecord *record);
    std::optional<ConflictRecord> conflict(qint64 id);
    QList<ConflictRecord> conflicts(const ConflictFilter &filter = {});
    int countConflicts(ConflictStatus status);
    // The last `weeks` weeks up to and including the one holding `now`, oldest first, with empty weeks present.
    QList<WeekStats> weeklyConflictStats(const QDateTime &now, int weeks);
    // Records a person's decision. Refuses an unknown conflict or one a person already decided.
    bool recordDecision(qint64 conflictId, const QString &decision, const QJsonObject &values, const QString &by,
                        const QDateTime &at);
    // Decisions recorded but not yet written to the systems by the engine.
    QList<ConflictRecord> unappliedDecisions();
    bool markDecisionApplied(qint64 conflictId, const QDateTime &at);

    // --- journal
    bool journalIntent(JournalEntry *entry);
    bool journalComplete(qint64 id, JournalState state, const QString &remoteId, const QString &error,
                         const QDateTime &at);
    std::optional<JournalEntry> journalEntry(qint64 id);
    // Writes whose outcome is not known yet (intent or unknown): to settle before anything is resent.
    QList<JournalEntry> openJournalEntries();
    // The record the last completed create of this link made in that system, or empty: a link whose key could not
    // be stored after the create (a failed write, a crash) gets it back from here.
    QString createdRemoteId(qint64 linkId, System system);

    // --- log
    bool appendLog(LogEntry *entry);
    QList<LogEntry> logEntries(const LogFilter &filter = {});
    // Writes matching rows as JSON Lines, oldest first. Returns the number written, or -1 on error.
    qint64 exportLogJsonLines(QIODevice *out, const LogFilter &filter = {});

    // --- watermarks (each system's own clock, as that system wrote it)
    bool setWatermark(Entity entity, System system, const QString &value, const QDateTime &at);
    QString watermark(Entity entity, System system);

    // --- tombstones: archived records that must never be recreated
    bool addTombstone(Entity entity, System system, const QString &remoteId, const QDateTime &archivedAt);
    bool hasTombstone(Entity entity, System system, const QString &remoteId);

    // --- runs
    bool beginRun(const QString &runId, const QDateTime &startedAt);
    bool finishRun(const QString &runId, const QDateTime &finishedAt, int exitCode, const QJsonObject &summary);
    QList<RunRecord> recentRuns(int limit);

    // --- maintenance
    // PRAGMA integrity_check and foreign_key_check; empty when healthy, else what is wrong.
    QStringList checkIntegrity();

    // Test seam, off by default: the n-th write statement from now fails as a database error would (0 disarms).
    // The simulation harness uses it to prove a failed local write never loses or duplicates a remote change.
    void failNthWrite(int n)
    {
        m_failWriteAt = n;
        m_writesSeen = 0;
    }
    int writesSeen() const { return m_writesSeen; }

    // Test seam, off by default: the process dies at the n-th write from now (every statement that is not a SELECT
    // counts, and so does the end of each transaction(), its COMMIT). That statement and every later one, reads and
    // commits included, fail without reaching the database, so the file holds exactly what a killed process leaves
    // behind: the writes before it, never an open transaction's. The crash-point harness then destroys the store and
    // opens a new one on the same file. A very large n only counts; 0 disarms.
    void crashAtWrite(int n)
    {
        m_crashAt = n;
        m_crashWritesSeen = 0;
        m_crashed = false;
        m_crashedAt.clear();
    }
    bool crashed() const { return m_crashed; }
    int crashWritesSeen() const { return m_crashWritesSeen; }
    // The start of the statement the process died at, for the harness's report.
    QString crashedAt() const { return m_crashedAt; }

private:
    QSqlQuery &prepared(const char *name, const char *sql);
    bool exec(QSqlQuery &query);
    bool fail(const QString &message);
    // The crash seam's step: false when the statement (`what`, a write or not) must not reach the database.
    bool survives(bool write, const QString &what);
    bool migrate();
    bool checkThread() const;
    Link linkFromQuery(const QSqlQuery &q) const;
    ConflictRecord conflictFromQuery(const QSqlQuery &q) const;
    JournalEntry journalFromQuery(const QSqlQuery &q) const;
    LogEntry logFromQuery(const QSqlQuery &q) const;
    std::optional<Link> singleLink(QSqlQuery &q);

    QString m_connectionName;
    QString m_path;
    QString m_lastError;
    QHash<QByteArray, QSqlQuery> m_statements;
    QThread *m_thread = nullptr;
    int m_busyTimeoutMs = 5000;
    int m_transactionDepth = 0;
    bool m_transactionFailed = false;
    int m_failWriteAt = 0;
    int m_writesSeen = 0;
    int m_crashAt = 0;
    int m_crashWritesSeen = 0;
    bool m_crashed = false;
    QString m_crashedAt;
};

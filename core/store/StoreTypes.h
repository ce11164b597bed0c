// The domain records the state store keeps: links with their base, conflicts, the write journal, the sync log.
#pragma once

#include "model/Conflict.h"
#include "model/EntityKind.h"
#include "model/Risk.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Customers and work items are EntityKind, risks are Risk and conflicts are Conflict (core/model): the store
// keeps what the reconciler decides and adds what only the store knows (ids, times, decisions).
using Entity = EntityKind;
using ConflictStatus = Conflict::Status;
using ConflictKind = Conflict::Kind;

enum class System
{
    Pipedrive,
    Ostendo
};
enum class LinkStatus
{
    Synced,
    Pending,
    Error,
    Blocked
};
enum class JournalState
{
    Intent,
    Done,
    Failed,
    Unknown
};

// Stable text forms: they are stored, exported and scripted against (DESIGN §4), so never renamed.
namespace StoreText {
QString entity(Entity e);
QString system(System s);
QString linkStatus(LinkStatus s);
QString risk(Risk r);
QString conflictStatus(ConflictStatus s);
QString conflictKind(ConflictKind k);
QString journalState(JournalState s);

bool parseEntity(const QString &text, Entity *out);
bool parseSystem(const QString &text, System *out);
bool parseLinkStatus(const QString &text, LinkStatus *out);
bool parseRisk(const QString &text, Risk *out);
bool parseConflictStatus(const QString &text, ConflictStatus *out);
bool parseConflictKind(const QString &text, ConflictKind *out);
bool parseJournalState(const QString &text, JournalState *out);
} // namespace StoreText

// One Pipedrive record joined to one Ostendo record, with the values both sides last agreed on.
struct Link
{
    qint64 id = 0;
    Entity entity = Entity::Customer;
    qint64 pipedriveId = 0; // 0: no Pipedrive record yet
    QString ostendoKey;     // empty: no Ostendo record yet
    QString displayName;    // customer name or work title, for people
    QJsonObject base;       // field name -> agreed value (string or null)
    QDateTime lastSyncedAt;
    QDateTime lastSyncAttemptAt;
    QDateTime pipedriveModifiedAt;
    QDateTime ostendoModifiedAt;
    LinkStatus status = LinkStatus::Pending;
    int retryCount = 0;
    QDateTime nextAttemptAt;
    QString lastError;
};

// A conflict as stored: what the reconciler found, plus the store's id, the times, and a person's decision.
struct ConflictRecord
{
    qint64 id = 0;
    qint64 linkId = 0; // 0 for a possible duplicate between two unlinked records
    Conflict conflict; // entity, kind, risk, status, fields, rule, both sides' ids
    QDateTime detectedAt;
    QDateTime pipedriveModifiedAt;
    QDateTime ostendoModifiedAt;
    QString decision; // keep_pipedrive, keep_ostendo, merge, link, keep_separate; empty until a person decides
    QJsonObject decisionValues; // for merge: field -> chosen value
    QString decidedBy;
    QDateTime decidedAt;
    QDateTime appliedAt; // when the engine wrote the decision to both systems

    // The JSON of `conflicts list --json` (DESIGN §4).
    QJsonObject toJson() const;
};

// A remote write: recorded as an intent before the call and completed after, so an interrupted run can finish.
struct JournalEntry
{
    qint64 id = 0;
    QString runId;
    qint64 linkId = 0;
    Entity entity = Entity::Customer;
    System system = System::Pipedrive;
    QString operation;   // create, update, archive, ...
    QString remoteId;    // the record written (known after a create)
    QString carriedId;   // the other side's id carried in the record, to find a create again
    QJsonObject payload; // the fields sent
    JournalState state = JournalState::Intent;
    QDateTime createdAt;
    QDateTime completedAt;
    QString error;
};

// One row of the structured sync log (DESIGN §2 "Logs and visibility").
struct LogEntry
{
    qint64 id = 0;
    QDateTime at;
    QString runId;
    QString entity; // customer, work_item, or run for a run's summary row
    qint64 linkId = 0;
    qint64 pipedriveId = 0;
    QString ostendoKey;
    QString action; // create, update, archive, conflict, skip, summary, ...
    QString source; // pipedrive, ostendo, person, engine
    QString target;
    QStringList fieldsChanged;
    bool conflictDetected = false;
    QString risk; // empty, low, medium, high
    qint64 durationMs = 0;
    QString error;
    QJsonObject details; // old and new values and anything else worth keeping

    QJsonObject toJson() const;
};

struct RunRecord
{
    QString id;
    QDateTime startedAt;
    QDateTime finishedAt;
    int exitCode = -1; // -1 while running or when it never finished
    QJsonObject summary;
};

struct ConflictFilter
{
    std::optional<ConflictStatus> status;
    std::optional<Risk> risk;
    std::optional<Entity> entity;
    QDateTime detectedSince;
    qint64 linkId = 0;
    int limit = 0; // 0: no limit
};

struct LogFilter
{
    QDateTime since;
    QString entity;
    QString action;
    QString runId;
    qint64 linkId = 0;
    bool errorsOnly = false;
    int limit = 0;
};

// Conflicts of one week, for the dashboard: the figures TurfDrive is judged by.
struct WeekStats
{
    QDate weekStart; // Monday, UTC
    int total = 0;
    int autoResolved = 0; // resolved by the rules (low and medium)
    int neededPerson = 0; // high risk: blocked until a person decided (or still waiting)
    double autoResolutionRate() const { return total ? double(autoResolved) / double(total) : 0.0; }
};

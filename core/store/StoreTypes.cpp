#include "StoreTypes.h"

#include "util/TimeFormat.h"

#include <QJsonArray>
#include <array>

namespace {
template <typename E, size_t N>
bool parseFrom(const QString &text, const std::array<std::pair<E, const char *>, N> &table, E *out)
{
    for (const auto &entry : table) {
        if (text == QLatin1String(entry.second)) {
            *out = entry.first;
            return true;
        }
    }
    return false;
}

template <typename E, size_t N> QString nameFrom(E value, const std::array<std::pair<E, const char *>, N> &table)
{
    for (const auto &entry : table) {
        if (entry.first == value) {
            return QLatin1String(entry.second);
        }
    }
    return {};
}

const std::array<std::pair<Entity, const char *>, 2> kEntities{
    {{Entity::Customer, "customer"}, {Entity::WorkItem, "work_item"}}};
const std::array<std::pair<System, const char *>, 2> kSystems{
    {{System::Pipedrive, "pipedrive"}, {System::Ostendo, "ostendo"}}};
const std::array<std::pair<LinkStatus, const char *>, 4> kLinkStatuses{{{LinkStatus::Synced, "synced"},
                                                                        {LinkStatus::Pending, "pending"},
                                                                        {LinkStatus::Error, "error"},
                                                                        {LinkStatus::Blocked, "blocked"}}};
const std::array<std::pair<Risk, const char *>, 3> kRisks{
    {{Risk::Low, "low"}, {Risk::Medium, "medium"}, {Risk::High, "high"}}};
const std::array<std::pair<ConflictStatus, const char *>, 3> kConflictStatuses{
    {{ConflictStatus::AutoResolved, "auto_resolved"},
     {ConflictStatus::PendingReview, "pending_review"},
     {ConflictStatus::ManuallyResolved, "manually_resolved"}}};
const std::array<std::pair<ConflictKind, const char *>, 4> kConflictKinds{
    {{ConflictKind::Field, "field"},
     {ConflictKind::Duplicate, "duplicate"},
     {ConflictKind::Deletion, "deletion"},
     {ConflictKind::ArchivedWithOpenWork, "archived_with_open_work"}}};
const std::array<std::pair<JournalState, const char *>, 4> kJournalStates{{{JournalState::Intent, "intent"},
                                                                           {JournalState::Done, "done"},
                                                                           {JournalState::Failed, "failed"},
                                                                           {JournalState::Unknown, "unknown"}}};

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(TimeFormat::toStorage(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString StoreText::entity(Entity e)
{
    return nameFrom(e, kEntities);
}
QString StoreText::system(System s)
{
    return nameFrom(s, kSystems);
}
QString StoreText::linkStatus(LinkStatus s)
{
    return nameFrom(s, kLinkStatuses);
}
QString StoreText::risk(Risk r)
{
    return nameFrom(r, kRisks);
}
QString StoreText::conflictStatus(ConflictStatus s)
{
    return nameFrom(s, kConflictStatuses);
}
QString StoreText::conflictKind(ConflictKind k)
{
    return nameFrom(k, kConflictKinds);
}
QString StoreText::journalState(JournalState s)
{
    return nameFrom(s, kJournalStates);
}

bool StoreText::parseEntity(const QString &t, Entity *out)
{
    return parseFrom(t, kEntities, out);
}
bool StoreText::parseSystem(const QString &t, System *out)
{
    return parseFrom(t, kSystems, out);
}
bool StoreText::parseLinkStatus(const QString &t, LinkStatus *out)
{
    return parseFrom(t, kLinkStatuses, out);
}
bool StoreText::parseRisk(const QString &t, Risk *out)
{
    return parseFrom(t, kRisks, out);
}
bool StoreText::parseConflictStatus(const QString &t, ConflictStatus *out)
{
    return parseFrom(t, kConflictStatuses, out);
}
bool StoreText::parseConflictKind(const QString &t, ConflictKind *out)
{
    return parseFrom(t, kConflictKinds, out);
}
bool StoreText::parseJournalState(const QString &t, JournalState *out)
{
    return parseFrom(t, kJournalStates, out);
}

QJsonObject ConflictField::toJson() const
{
    return {{QStringLiteral("field"), field},
            {QStringLiteral("base"), base},
            {QStringLiteral("pipedrive"), pipedrive},
            {QStringLiteral("ostendo"), ostendo},
            {QStringLiteral("result"), result}};
}

ConflictField ConflictField::fromJson(const QJsonObject &o)
{
    ConflictField f;
    f.field = o.value(QStringLiteral("field")).toString();
    f.base = o.value(QStringLiteral("base"));
    f.pipedrive = o.value(QStringLiteral("pipedrive"));
    f.ostendo = o.value(QStringLiteral("ostendo"));
    f.result = o.value(QStringLiteral("result"));
    // An absent key reads as Undefined; store and show it as null.
    for (QJsonValue *v : {&f.base, &f.pipedrive, &f.ostendo, &f.result}) {
        if (v->isUndefined()) {
            *v = QJsonValue(QJsonValue::Null);
        }
    }
    return f;
}

QJsonObject Conflict::toJson() const
{
    QJsonArray fieldArray;
    for (const ConflictField &f : fields) {
        fieldArray.append(f.toJson());
    }
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("entity"), StoreText::entity(entity)},
        {QStringLiteral("link_id"), linkId ? QJsonValue(linkId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("pipedrive_id"), pipedriveId ? QJsonValue(pipedriveId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("ostendo_key"), ostendoKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ostendoKey)},
        {QStringLiteral("risk"), StoreText::risk(risk)},
        {QStringLiteral("status"), StoreText::conflictStatus(status)},
        {QStringLiteral("kind"), StoreText::conflictKind(kind)},
        {QStringLiteral("fields"), fieldArray},
        {QStringLiteral("rule"), rule},
        {QStringLiteral("detected_at"), timeOrNull(detectedAt)},
        {QStringLiteral("pipedrive_modified_at"), timeOrNull(pipedriveModifiedAt)},
        {QStringLiteral("ostendo_modified_at"), timeOrNull(ostendoModifiedAt)},
        {QStringLiteral("decision"), decision.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(decision)},
        {QStringLiteral("decision_values"), decisionValues},
        {QStringLiteral("decided_by"), decidedBy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(decidedBy)},
        {QStringLiteral("decided_at"), timeOrNull(decidedAt)},
        {QStringLiteral("applied_at"), timeOrNull(appliedAt)}};
}

QJsonObject LogEntry::toJson() const
{
    auto nullIfEmpty = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    return {{QStringLiteral("at"), timeOrNull(at)},
            {QStringLiteral("run_id"), nullIfEmpty(runId)},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("link_id"), linkId ? QJsonValue(linkId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("pipedrive_id"), pipedriveId ? QJsonValue(pipedriveId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("ostendo_key"), nullIfEmpty(ostendoKey)},
            {QStringLiteral("action"), action},
            {QStringLiteral("source"), nullIfEmpty(source)},
            {QStringLiteral("target"), nullIfEmpty(target)},
            {QStringLiteral("fields_changed"), QJsonArray::fromStringList(fieldsChanged)},
            {QStringLiteral("conflict_detected"), conflictDetected},
            {QStringLiteral("risk"), nullIfEmpty(risk)},
            {QStringLiteral("duration_ms"), durationMs},
            {QStringLiteral("error"), nullIfEmpty(error)},
            {QStringLiteral("details"), details}};
}

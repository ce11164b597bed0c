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

const std::array<std::pair<System, const char *>, 2> kSystems{
    {{System::Pipedrive, "pipedrive"}, {System::Ostendo, "ostendo"}}};
const std::array<std::pair<LinkStatus, const char *>, 4> kLinkStatuses{{{LinkStatus::Synced, "synced"},
                                                                        {LinkStatus::Pending, "pending"},
                                                                        {LinkStatus::Error, "error"},
                                                                        {LinkStatus::Blocked, "blocked"}}};
const std::array<std::pair<JournalState, const char *>, 4> kJournalStates{{{JournalState::Intent, "intent"},
                                                                           {JournalState::Done, "done"},
                                                                           {JournalState::Failed, "failed"},
                                                                           {JournalState::Unknown, "unknown"}}};

template <typename T> bool assign(const std::optional<T> &value, T *out)
{
    if (value) {
        *out = *value;
    }
    return value.has_value();
}

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(TimeFormat::toStorage(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString StoreText::entity(Entity e)
{
    return Entities::key(e);
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
    return Risks::key(r);
}
QString StoreText::conflictStatus(ConflictStatus s)
{
    return Conflict::statusKey(s);
}
QString StoreText::conflictKind(ConflictKind k)
{
    return Conflict::kindKey(k);
}
QString StoreText::journalState(JournalState s)
{
    return nameFrom(s, kJournalStates);
}

bool StoreText::parseEntity(const QString &t, Entity *out)
{
    return assign(Entities::fromKey(t), out);
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
    return assign(Risks::fromKey(t), out);
}
bool StoreText::parseConflictStatus(const QString &t, ConflictStatus *out)
{
    return assign(Conflict::statusFromKey(t), out);
}
bool StoreText::parseConflictKind(const QString &t, ConflictKind *out)
{
    return assign(Conflict::kindFromKey(t), out);
}
bool StoreText::parseJournalState(const QString &t, JournalState *out)
{
    return parseFrom(t, kJournalStates, out);
}

QJsonObject ConflictRecord::toJson() const
{
    QJsonArray fieldArray;
    for (const ConflictField &f : conflict.fields) {
        fieldArray.append(f.toJson());
    }
    auto idOrNull = [](const QString &text) -> QJsonValue {
        bool numeric = false;
        const qint64 n = text.toLongLong(&numeric);
        if (text.isEmpty()) {
            return QJsonValue::Null;
        }
        return numeric ? QJsonValue(n) : QJsonValue(text);
    };
    auto textOrNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    return {{QStringLiteral("id"), id},
            {QStringLiteral("entity"), StoreText::entity(conflict.entity)},
            {QStringLiteral("link_id"), linkId ? QJsonValue(linkId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("pipedrive_id"), idOrNull(conflict.pipedriveId)},
            {QStringLiteral("ostendo_key"), textOrNull(conflict.ostendoKey)},
            {QStringLiteral("risk"), StoreText::risk(conflict.risk)},
            {QStringLiteral("status"), StoreText::conflictStatus(conflict.status)},
            {QStringLiteral("kind"), StoreText::conflictKind(conflict.kind)},
            {QStringLiteral("fields"), fieldArray},
            {QStringLiteral("rule"), conflict.rule},
            {QStringLiteral("detected_at"), timeOrNull(detectedAt)},
            {QStringLiteral("pipedrive_modified_at"), timeOrNull(pipedriveModifiedAt)},
            {QStringLiteral("ostendo_modified_at"), timeOrNull(ostendoModifiedAt)},
            {QStringLiteral("decision"), textOrNull(decision)},
            {QStringLiteral("decision_values"), decisionValues},
            {QStringLiteral("decided_by"), textOrNull(decidedBy)},
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

#include "Conflict.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace {
const std::array<std::pair<Conflict::Kind, const char *>, 4> kKinds{{
    {Conflict::Kind::Field, "field"},
    {Conflict::Kind::Duplicate, "duplicate"},
    {Conflict::Kind::Deletion, "deletion"},
    {Conflict::Kind::ArchivedWithOpenWork, "archived_with_open_work"},
}};
const std::array<std::pair<Conflict::Status, const char *>, 3> kStatuses{{
    {Conflict::Status::AutoResolved, "auto_resolved"},
    {Conflict::Status::PendingReview, "pending_review"},
    {Conflict::Status::ManuallyResolved, "manually_resolved"},
}};
} // namespace

QString Conflict::kindKey(Kind kind)
{
    for (const auto &entry : kKinds) {
        if (entry.first == kind) {
            return QString::fromLatin1(entry.second);
        }
    }
    return {};
}

std::optional<Conflict::Kind> Conflict::kindFromKey(const QString &key)
{
    for (const auto &entry : kKinds) {
        if (key == QLatin1String(entry.second)) {
            return entry.first;
        }
    }
    return std::nullopt;
}

QString Conflict::statusKey(Status status)
{
    for (const auto &entry : kStatuses) {
        if (entry.first == status) {
            return QString::fromLatin1(entry.second);
        }
    }
    return {};
}

std::optional<Conflict::Status> Conflict::statusFromKey(const QString &key)
{
    for (const auto &entry : kStatuses) {
        if (key == QLatin1String(entry.second)) {
            return entry.first;
        }
    }
    return std::nullopt;
}

QJsonObject Conflict::toJson() const
{
    QJsonArray fieldArray;
    for (const ConflictField &f : fields) {
        fieldArray.append(f.toJson());
    }
    return QJsonObject{{QStringLiteral("entity"), Entities::key(entity)},
                       {QStringLiteral("kind"), kindKey(kind)},
                       {QStringLiteral("risk"), Risks::key(risk)},
                       {QStringLiteral("status"), statusKey(status)},
                       {QStringLiteral("fields"), fieldArray},
                       {QStringLiteral("rule"), rule},
                       {QStringLiteral("pipedrive_id"), pipedriveId},
                       {QStringLiteral("ostendo_key"), ostendoKey}};
}

std::optional<Conflict> Conflict::fromJson(const QJsonObject &object)
{
    const auto entity = Entities::fromKey(object.value(QLatin1String("entity")).toString());
    const auto kind = kindFromKey(object.value(QLatin1String("kind")).toString());
    const auto risk = Risks::fromKey(object.value(QLatin1String("risk")).toString());
    const auto status = statusFromKey(object.value(QLatin1String("status")).toString());
    if (!entity || !kind || !risk || !status) {
        return std::nullopt;
    }
    Conflict conflict;
    conflict.entity = *entity;
    conflict.kind = *kind;
    conflict.risk = *risk;
    conflict.status = *status;
    conflict.rule = object.value(QLatin1String("rule")).toString();
    conflict.pipedriveId = object.value(QLatin1String("pipedrive_id")).toString();
    conflict.ostendoKey = object.value(QLatin1String("ostendo_key")).toString();
    const QJsonArray fieldArray = object.value(QLatin1String("fields")).toArray();
    for (const QJsonValue &value : fieldArray) {
        conflict.fields << ConflictField::fromJson(value.toObject());
    }
    return conflict;
}

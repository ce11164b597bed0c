#include "SyncPlan.h"

#include <QJsonArray>

QString SyncPlan::linkStatusKey(LinkStatus status)
{
    switch (status) {
    case LinkStatus::InStep:
        return QStringLiteral("in_step");
    case LinkStatus::Blocked:
        return QStringLiteral("blocked");
    case LinkStatus::Archived:
        return QStringLiteral("archived");
    case LinkStatus::Unlinked:
        break;
    }
    return QStringLiteral("unlinked");
}

QJsonObject SyncPlan::toJson() const
{
    QJsonArray conflictArray;
    for (const Conflict &conflict : conflicts) {
        conflictArray.append(conflict.toJson());
    }
    QJsonObject object{{QStringLiteral("entity"), Entities::key(entity)},
                       {QStringLiteral("pipedrive"), pipedrive.toJson()},
                       {QStringLiteral("ostendo"), ostendo.toJson()},
                       {QStringLiteral("link_status"), linkStatusKey(linkStatus)},
                       {QStringLiteral("conflicts"), conflictArray}};
    if (newBase) {
        object.insert(QStringLiteral("new_base"), FieldValuesJson::toJson(*newBase));
    }
    if (!linkPipedriveId.isEmpty() || !linkOstendoKey.isEmpty()) {
        object.insert(QStringLiteral("link"), QJsonObject{{QStringLiteral("pipedrive_id"), linkPipedriveId},
                                                          {QStringLiteral("ostendo_key"), linkOstendoKey}});
    }
    return object;
}

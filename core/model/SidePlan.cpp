#include "SidePlan.h"

QString SidePlan::lifecycleKey(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Keep:
        return QStringLiteral("keep");
    case Lifecycle::Create:
        return QStringLiteral("create");
    case Lifecycle::Archive:
        return QStringLiteral("archive");
    case Lifecycle::Unarchive:
        break;
    }
    return QStringLiteral("unarchive");
}

QJsonObject SidePlan::toJson() const
{
    return QJsonObject{{QStringLiteral("action"), lifecycleKey(lifecycle)},
                       {QStringLiteral("fields"), FieldValuesJson::toJson(fields)}};
}

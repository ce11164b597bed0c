// The Pipedrive entity kinds the simulator keeps, with their API names.
#pragma once

#include <QString>

enum class PipedriveEntity
{
    Organization,
    Deal
};

namespace PipedriveEntityNames {
inline QString singular(PipedriveEntity e)
{
    return e == PipedriveEntity::Deal ? QStringLiteral("deal") : QStringLiteral("organization");
}
inline bool fromSingular(const QString &name, PipedriveEntity *e)
{
    if (name == QLatin1String("deal")) {
        *e = PipedriveEntity::Deal;
    } else if (name == QLatin1String("organization")) {
        *e = PipedriveEntity::Organization;
    } else {
        return false;
    }
    return true;
}
} // namespace PipedriveEntityNames

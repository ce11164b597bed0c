#include "StatusMap.h"

QString StatusMap::canonical(Side side, const QString &value) const
{
    const QString trimmed = value.trimmed();
    for (const Group &group : groups) {
        for (const QString &candidate : values(group, side)) {
            // Ostendo and Pipedrive differ in capitalisation habits; a status is never distinguished by case.
            if (candidate.compare(trimmed, Qt::CaseInsensitive) == 0) {
                return group.canonical;
            }
        }
    }
    return trimmed;
}

QString StatusMap::valueFor(Side side, const QString &canonicalStatus) const
{
    for (const Group &group : groups) {
        if (group.canonical == canonicalStatus && !values(group, side).isEmpty()) {
            return values(group, side).first();
        }
    }
    return canonicalStatus;
}

bool StatusMap::isOpenWork(Side side, const QString &value) const
{
    const QStringList &open = side == Side::Pipedrive ? openWorkPipedrive : openWorkOstendo;
    const QString trimmed = value.trimmed();
    for (const QString &candidate : open) {
        if (candidate.compare(trimmed, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

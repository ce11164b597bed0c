// Relates deal statuses to sets of job statuses: a status matches a set, and only the first of a set is ever written.
#pragma once

#include "Side.h"

#include <QList>
#include <QString>
#include <QStringList>

struct StatusMap
{
    // One canonical status (the base stores this name) and the values each side may show for it.
    struct Group
    {
        QString canonical;
        QStringList pipedrive;
        QStringList ostendo;
    };

    QList<Group> groups;
    // Statuses that count as open work (an archived customer with such work raises an alert).
    QStringList openWorkPipedrive;
    QStringList openWorkOstendo;

    // The canonical status a side's value stands for; an unmapped value stands for itself (trimmed).
    QString canonical(Side side, const QString &value) const;
    // What to write on a side for a canonical status: the first value of its set, or the text itself if unmapped.
    QString valueFor(Side side, const QString &canonical) const;
    bool isOpenWork(Side side, const QString &value) const;

    const QStringList &values(const Group &group, Side side) const
    {
        return side == Side::Pipedrive ? group.pipedrive : group.ostendo;
    }
};

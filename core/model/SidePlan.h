// What the reconciler wants done to one system for one record: create, update, archive or restore, and which fields.
#pragma once

#include "FieldValues.h"

#include <QJsonObject>

struct SidePlan
{
    enum class Lifecycle
    {
        Keep,
        Create,
        Archive,
        Unarchive
    };

    Lifecycle lifecycle = Lifecycle::Keep;
    FieldValues fields; // canonical names, values in this side's vocabulary; "" empties a field

    bool isEmpty() const { return lifecycle == Lifecycle::Keep && fields.isEmpty(); }
    QJsonObject toJson() const;

    static QString lifecycleKey(Lifecycle lifecycle);
};

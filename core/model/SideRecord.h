// One system's view of a customer or work item, already mapped to canonical field names, as the reconciler reads it.
#pragma once

#include "FieldValues.h"

#include <QDateTime>
#include <QString>

#include <optional>

struct SideRecord
{
    // Absent: this side has no record (not created yet, or the link is new). Deleted: the user removed it
    // (a soft-deleted deal or organization). Archived: inactive but still there (Ostendo Inactive, or the
    // Pipedrive organization's "Ostendo Status" = Inactive). A Present record whose values hold archived = "true" is
    // read as Archived too, so the engine may map the archive either way.
    enum class State
    {
        Absent,
        Present,
        Archived,
        Deleted
    };

    State state = State::Absent;
    QString id;           // this side's key (organization/deal id, or Ostendo SYSUNIQUEID)
    QString carriedId;    // the other side's key as this record carries it (custom field / ADDITIONALFIELD_1)
    QDateTime modifiedAt; // UTC; each side's own clock converted by the engine
    FieldValues values;   // canonical names; status stays in this side's vocabulary
    bool createdThisCycle = false;

    QString value(const QString &field) const { return values.value(field); }
    bool exists() const { return state != State::Absent; }
    bool isGone() const { return state == State::Archived || state == State::Deleted; }

    static QString stateKey(State state);
    static std::optional<State> stateFromKey(const QString &key);
};

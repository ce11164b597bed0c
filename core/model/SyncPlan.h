// The reconciler's answer for one record: what to write on each side, the new base, the link's status, the conflicts.
#pragma once

#include "Conflict.h"
#include "EntityKind.h"
#include "Side.h"
#include "SidePlan.h"

#include <QJsonObject>
#include <QList>

#include <optional>

struct SyncPlan
{
    // InStep: after the writes both sides agree (green). Blocked: a high-risk case waits for a person and nothing
    // is written. Archived: both sides are archived or deleted. Unlinked: nothing to pair with yet.
    enum class LinkStatus
    {
        InStep,
        Blocked,
        Archived,
        Unlinked
    };

    EntityKind entity = EntityKind::Customer;
    SidePlan pipedrive;
    SidePlan ostendo;
    // The base to store once both sides confirm; nothing when the base must not move (blocked).
    std::optional<FieldValues> newBase;
    bool baseChanged = false; // newBase differs from the base given in
    LinkStatus linkStatus = LinkStatus::InStep;
    // Set when this plan makes a new link (by carried id, a create, or a person's Link decision).
    QString linkPipedriveId;
    QString linkOstendoKey;
    QList<Conflict> conflicts;

    SidePlan &side(Side which) { return which == Side::Pipedrive ? pipedrive : ostendo; }
    const SidePlan &side(Side which) const { return which == Side::Pipedrive ? pipedrive : ostendo; }
    bool isBlocked() const { return linkStatus == LinkStatus::Blocked; }
    bool writesNothing() const { return pipedrive.isEmpty() && ostendo.isEmpty(); }
    // Nothing to write, nothing to store, nothing to report: what reconciling an in-step record gives.
    bool isEmpty() const
    {
        return writesNothing() && !baseChanged && conflicts.isEmpty() && linkPipedriveId.isEmpty() &&
               linkOstendoKey.isEmpty();
    }

    QJsonObject toJson() const; // for dry runs and logs

    static QString linkStatusKey(LinkStatus status);
};

// Test helper: one link's state (base and both records) that can take a plan, as the engine would apply it.
#pragma once

#include "engine/Reconciler.h"

#include <QDateTime>

struct RecordWorld
{
    std::optional<FieldValues> base;
    SideRecord pipedrive;
    SideRecord ostendo;

    SideRecord &record(Side side) { return side == Side::Pipedrive ? pipedrive : ostendo; }

    // What the two systems and the store hold after the engine carried out `plan` and both sides confirmed.
    void apply(const SyncPlan &plan)
    {
        for (Side side : {Side::Pipedrive, Side::Ostendo}) {
            const SidePlan &sidePlan = plan.side(side);
            SideRecord &target = record(side);
            switch (sidePlan.lifecycle) {
            case SidePlan::Lifecycle::Keep:
                break;
            case SidePlan::Lifecycle::Create:
                target.state = SideRecord::State::Present;
                target.id = side == Side::Pipedrive ? QStringLiteral("pd-new") : QStringLiteral("os-new");
                break;
            case SidePlan::Lifecycle::Archive:
                target.state = SideRecord::State::Archived;
                break;
            case SidePlan::Lifecycle::Unarchive:
                target.state = SideRecord::State::Present;
                break;
            }
            for (auto it = sidePlan.fields.cbegin(); it != sidePlan.fields.cend(); ++it) {
                target.values.insert(it.key(), it.value());
            }
        }
        if (plan.newBase) {
            base = plan.newBase;
        }
    }
};

inline SideRecord presentRecord(const QString &id, const FieldValues &values,
                                const QDateTime &modified = QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC))
{
    SideRecord record;
    record.state = SideRecord::State::Present;
    record.id = id;
    record.values = values;
    record.modifiedAt = modified;
    return record;
}

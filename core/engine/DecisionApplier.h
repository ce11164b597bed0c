// Turns a person's decision on a conflict into a plan like any other, so the engine applies it the same way.
#pragma once

#include "Reconciler.h"
#include "model/Conflict.h"
#include "model/Decision.h"

#include <optional>

class DecisionApplier
{
public:
    explicit DecisionApplier(const Policy &policy)
        : m_reconciler(policy)
    {}

    // `pipedrive`/`ostendo` are the records as read now; `base` the link's base (nothing for a duplicate).
    // For KeepSeparate, `unlinkedSide` names the new record whose counterpart is to be created.
    // The plan carries the conflict again, marked manually_resolved with the results filled in.
    SyncPlan apply(const Conflict &conflict, const Decision &decision, const std::optional<FieldValues> &base,
                   const SideRecord &pipedrive, const SideRecord &ostendo, const ReconcileContext &context = {},
                   Side unlinkedSide = Side::Pipedrive) const;

private:
    FieldChoice typedChoice(const QString &field, const QString &value) const;
    SyncPlan applyToFields(const Conflict &conflict, const Decision &decision, const std::optional<FieldValues> &base,
                           const SideRecord &pipedrive, const SideRecord &ostendo,
                           const ReconcileContext &context) const;
    SyncPlan applyToLifecycle(const Conflict &conflict, const Decision &decision,
                              const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                              const SideRecord &ostendo) const;

    Reconciler m_reconciler;
};

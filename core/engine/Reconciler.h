// Decides, for one customer or work item, what each system should become: pure, no I/O, the same answer every time.
#pragma once

#include "FieldChoice.h"
#include "Matcher.h"
#include "Normaliser.h"
#include "ReconcileContext.h"
#include "model/Policy.h"
#include "model/SideRecord.h"
#include "model/SyncPlan.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

class Reconciler
{
public:
    // The base key that remembers whether both sides were archived when they last agreed.
    static const QString ArchivedKey;

    explicit Reconciler(const Policy &policy);

    // A linked record. `base` is what both sides last agreed on; nothing on the first sync, where values that
    // differ count as changed on both sides so that the merge rules decide. A side that is Absent counts as deleted.
    SyncPlan reconcile(EntityKind entity, const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                       const SideRecord &ostendo, const ReconcileContext &context = {}) const;

    // The same, with values a person chose for some fields: those are written to both sides as they are.
    SyncPlan reconcileWithChoices(EntityKind entity, const std::optional<FieldValues> &base,
                                  const SideRecord &pipedrive, const SideRecord &ostendo,
                                  const QHash<QString, FieldChoice> &choices,
                                  const ReconcileContext &context = {}) const;

    // A record with no link, found on `side`: links it when a carried id says where its counterpart is, flags a
    // possible duplicate (high) on any weaker match, or plans the creation of its counterpart.
    SyncPlan reconcileUnlinked(EntityKind entity, Side side, const SideRecord &record,
                               const QList<SideRecord> &otherSide, const QSet<QString> &keptSeparate = {}) const;

    // The plan that creates `record`'s counterpart on the other side (also what "Keep separate" does).
    SyncPlan planCreate(EntityKind entity, Side side, const SideRecord &record) const;

    // What a value from `source` becomes when written to `target` (status translated, cleaned if the policy says).
    QString valueFor(const FieldRule &rule, Side target, Side source, const QString &value) const;
    // The comparison key of a value read on `side`; the base is keyed with no side.
    QString keyOf(const FieldRule &rule, std::optional<Side> side, const QString &value) const;

    const Policy &policy() const { return m_policy; }

private:
    SyncPlan reconcileImpl(EntityKind entity, const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                           const SideRecord &ostendo, const QHash<QString, FieldChoice> *choices,
                           const ReconcileContext &context) const;

    Policy m_policy;
    Normaliser m_normaliser;
    Matcher m_matcher;
};

#include "DecisionApplier.h"

namespace {
QString decisionWords(const Decision &decision)
{
    switch (decision.kind) {
    case Decision::Kind::KeepPipedrive:
        return QStringLiteral("keep Pipedrive");
    case Decision::Kind::KeepOstendo:
        return QStringLiteral("keep Ostendo");
    case Decision::Kind::Merge:
        return QStringLiteral("merge");
    case Decision::Kind::Link:
        return QStringLiteral("link");
    case Decision::Kind::KeepSeparate:
        break;
    }
    return QStringLiteral("keep separate");
}

// The conflict as decided: same case, results filled in, and who decided in the rule's words.
Conflict decided(const Conflict &conflict, const Decision &decision, const SyncPlan &plan)
{
    Conflict result = conflict;
    result.status = Conflict::Status::ManuallyResolved;
    result.rule = conflict.rule + QStringLiteral(" (decided") +
                  (decision.decidedBy.isEmpty() ? QString() : QStringLiteral(" by ") + decision.decidedBy) +
                  QStringLiteral(": ") + decisionWords(decision) + QLatin1Char(')');
    if (plan.newBase) {
        for (ConflictField &field : result.fields) {
            field.result = plan.newBase->value(field.field);
        }
    }
    return result;
}
} // namespace

FieldChoice DecisionApplier::typedChoice(const QString &field, const QString &value) const
{
    // A person may type a status in either system's words ("won" or "In Progress"); read it in the one it belongs to.
    const Policy &policy = m_reconciler.policy();
    if (field == policy.statusField()) {
        for (const StatusMap::Group &group : policy.statusMap().groups) {
            if (group.ostendo.contains(value.trimmed(), Qt::CaseInsensitive) &&
                !group.pipedrive.contains(value.trimmed(), Qt::CaseInsensitive)) {
                return FieldChoice{Side::Ostendo, value};
            }
        }
    }
    return FieldChoice{Side::Pipedrive, value};
}

SyncPlan DecisionApplier::apply(const Conflict &conflict, const Decision &decision,
                                const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                                const SideRecord &ostendo, const ReconcileContext &context, Side unlinkedSide) const
{
    SyncPlan plan;
    switch (conflict.kind) {
    case Conflict::Kind::Duplicate:
        if (decision.kind == Decision::Kind::KeepSeparate) {
            plan = m_reconciler.planCreate(conflict.entity, unlinkedSide,
                                           unlinkedSide == Side::Pipedrive ? pipedrive : ostendo);
        } else {
            // Link (and Keep/Merge, which also mean "these are the same record"): pair them as on a first sync,
            // with the person's values where given.
            QHash<QString, FieldChoice> choices;
            if (decision.kind == Decision::Kind::KeepPipedrive || decision.kind == Decision::Kind::KeepOstendo) {
                // "These are the same, and this side is right": every field takes the kept side's value.
                const Side kept = decision.kind == Decision::Kind::KeepPipedrive ? Side::Pipedrive : Side::Ostendo;
                const SideRecord &keptRecord = kept == Side::Pipedrive ? pipedrive : ostendo;
                for (const FieldRule &rule : m_reconciler.policy().entity(conflict.entity).fields) {
                    choices.insert(rule.name, FieldChoice{kept, keptRecord.value(rule.name)});
                }
            }
            for (auto it = decision.mergeValues.cbegin(); it != decision.mergeValues.cend(); ++it) {
                choices.insert(it.key(), typedChoice(it.key(), it.value()));
            }
            plan =
                m_reconciler.reconcileWithChoices(conflict.entity, std::nullopt, pipedrive, ostendo, choices, context);
            plan.linkPipedriveId = pipedrive.id;
            plan.linkOstendoKey = ostendo.id;
        }
        break;
    case Conflict::Kind::Field:
        plan = applyToFields(conflict, decision, base, pipedrive, ostendo, context);
        break;
    case Conflict::Kind::Deletion:
    case Conflict::Kind::ArchivedWithOpenWork:
        plan = applyToLifecycle(conflict, decision, base, pipedrive, ostendo);
        break;
    }
    // Cases the decision did not cover (another high-risk field) still block; the decided one is reported once.
    plan.conflicts.prepend(decided(conflict, decision, plan));
    return plan;
}

SyncPlan DecisionApplier::applyToFields(const Conflict &conflict, const Decision &decision,
                                        const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                                        const SideRecord &ostendo, const ReconcileContext &context) const
{
    QHash<QString, FieldChoice> choices;
    for (const ConflictField &field : conflict.fields) {
        switch (decision.kind) {
        // Keep means the value the person saw in that column. When the rule had already settled the conflict,
        // that side now holds the other side's value, written by TurfDrive, so its current value is not it.
        case Decision::Kind::KeepPipedrive:
        case Decision::Kind::Link:
            choices.insert(field.field,
                           FieldChoice{Side::Pipedrive,
                                       field.pipedrive.isNull() ? pipedrive.value(field.field) : field.pipedrive});
            break;
        case Decision::Kind::KeepOstendo:
            choices.insert(field.field, FieldChoice{Side::Ostendo, field.ostendo.isNull() ? ostendo.value(field.field)
                                                                                          : field.ostendo});
            break;
        case Decision::Kind::Merge:
        case Decision::Kind::KeepSeparate:
            if (decision.mergeValues.contains(field.field)) {
                choices.insert(field.field, typedChoice(field.field, decision.mergeValues.value(field.field)));
            } else if (!field.result.isNull()) {
                // Prefilled from the rules; the person left it as proposed. Which side's words it is in is unknown,
                // so it is read in the vocabulary of the side that holds it.
                const Side holder = field.result == ostendo.value(field.field) ? Side::Ostendo : Side::Pipedrive;
                choices.insert(field.field, FieldChoice{holder, field.result});
            } else {
                choices.insert(field.field, FieldChoice{Side::Pipedrive, pipedrive.value(field.field)});
            }
            break;
        }
    }
    SyncPlan plan = m_reconciler.reconcileWithChoices(conflict.entity, base, pipedrive, ostendo, choices, context);
    QList<Conflict> others;
    for (const Conflict &found : std::as_const(plan.conflicts)) {
        bool same = false;
        for (const ConflictField &field : conflict.fields) {
            same = same || found.field(field.field);
        }
        if (!same) {
            others << found;
        }
    }
    plan.conflicts = others;
    return plan;
}

SyncPlan DecisionApplier::applyToLifecycle(const Conflict &conflict, const Decision &decision,
                                           const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                                           const SideRecord &ostendo) const
{
    const Policy &policy = m_reconciler.policy();
    const EntityKind entity = conflict.entity;
    SyncPlan plan;
    plan.entity = entity;
    const bool pipedriveGone = pipedrive.state != SideRecord::State::Present;
    const bool ostendoGone = ostendo.state != SideRecord::State::Present;
    Side kept = decision.kind == Decision::Kind::KeepOstendo ? Side::Ostendo : Side::Pipedrive;
    const bool keptIsGone = kept == Side::Pipedrive ? pipedriveGone : ostendoGone;
    FieldValues newBase = base ? *base : FieldValues();

    if (keptIsGone || (pipedriveGone && ostendoGone)) {
        // The removal stands: archive the other side (a job cannot be archived: it is closed as lost instead).
        const Side other = Sides::other(kept);
        const bool otherGone = other == Side::Pipedrive ? pipedriveGone : ostendoGone;
        if (!otherGone) {
            if (entity == EntityKind::Customer) {
                plan.side(other).lifecycle = SidePlan::Lifecycle::Archive;
            } else {
                const QString status = policy.statusField();
                const StatusMap &map = policy.statusMap();
                const QString lost = map.groups.isEmpty() ? QString() : map.groups.last().canonical;
                plan.side(other).fields.insert(status, map.valueFor(other, lost));
                newBase.insert(status, lost);
            }
        }
        newBase.insert(Reconciler::ArchivedKey, QStringLiteral("true"));
        plan.linkStatus = SyncPlan::LinkStatus::Archived;
    } else {
        // The live record stands: the removed side is restored and takes the live side's values.
        const Side gone = Sides::other(kept);
        const SideRecord &live = kept == Side::Pipedrive ? pipedrive : ostendo;
        const SideRecord &removed = kept == Side::Pipedrive ? ostendo : pipedrive;
        plan.side(gone).lifecycle = SidePlan::Lifecycle::Unarchive;
        for (const FieldRule &rule : policy.entity(entity).fields) {
            const QString value = live.value(rule.name);
            const QString target = m_reconciler.valueFor(rule, gone, kept, value);
            if (m_reconciler.keyOf(rule, gone, removed.value(rule.name)) != m_reconciler.keyOf(rule, gone, target)) {
                plan.side(gone).fields.insert(rule.name, target);
            }
            newBase.insert(rule.name,
                           rule.kind == FieldRule::Kind::Status ? m_reconciler.keyOf(rule, kept, value) : value);
        }
        newBase.insert(Reconciler::ArchivedKey, QStringLiteral("false"));
        plan.linkStatus = SyncPlan::LinkStatus::InStep;
    }
    plan.newBase = newBase;
    plan.baseChanged = !base || *base != newBase;
    return plan;
}

#include "Reconciler.h"

#include "PlanBuilder.h"

using PlanText::entityWord;
using PlanText::recordOn;

const QString Reconciler::ArchivedKey = QStringLiteral("archived");

Reconciler::Reconciler(const Policy &policy)
    : m_policy(policy)
    , m_normaliser(policy.normalisation())
    , m_matcher(policy)
{}

QString Reconciler::keyOf(const FieldRule &rule, std::optional<Side> side, const QString &value) const
{
    if (rule.kind == FieldRule::Kind::Status) {
        return side ? m_policy.statusMap().canonical(*side, value) : value.trimmed();
    }
    return m_normaliser.key(rule.kind, value);
}

QString Reconciler::valueFor(const FieldRule &rule, Side target, Side source, const QString &value) const
{
    if (rule.kind == FieldRule::Kind::Status) {
        if (target == source) {
            return value.trimmed(); // already in this system's words: "In Progress" stays, not "Approved"
        }
        return m_policy.statusMap().valueFor(target, m_policy.statusMap().canonical(source, value));
    }
    return rule.writeClean ? m_normaliser.clean(rule.kind, value) : value;
}

SyncPlan Reconciler::reconcile(EntityKind entity, const std::optional<FieldValues> &base, const SideRecord &pipedrive,
                               const SideRecord &ostendo, const ReconcileContext &context) const
{
    return reconcileImpl(entity, base, pipedrive, ostendo, nullptr, context);
}

SyncPlan Reconciler::reconcileWithChoices(EntityKind entity, const std::optional<FieldValues> &base,
                                          const SideRecord &pipedrive, const SideRecord &ostendo,
                                          const QHash<QString, FieldChoice> &choices,
                                          const ReconcileContext &context) const
{
    return reconcileImpl(entity, base, pipedrive, ostendo, &choices, context);
}

SyncPlan Reconciler::reconcileImpl(EntityKind entity, const std::optional<FieldValues> &base,
                                   const SideRecord &pipedrive, const SideRecord &ostendo,
                                   const QHash<QString, FieldChoice> *choices, const ReconcileContext &context) const
{
    // The engine may report an archive as the canonical value archived=true rather than as the record's state.
    const auto archivedByValue = [](const SideRecord &record) {
        return record.state == SideRecord::State::Present && record.value(ArchivedKey) == PlanText::trueText();
    };
    if (archivedByValue(pipedrive) || archivedByValue(ostendo)) {
        SideRecord p = pipedrive;
        SideRecord o = ostendo;
        for (SideRecord *record : {&p, &o}) {
            if (archivedByValue(*record)) {
                record->state = SideRecord::State::Archived;
            }
        }
        return reconcileImpl(entity, base, p, o, choices, context);
    }

    PlanBuilder builder(*this, m_normaliser, entity, base, pipedrive, ostendo);
    const bool baseArchived = base && base->value(ArchivedKey) == PlanText::trueText();
    const bool pipedriveGone = pipedrive.state != SideRecord::State::Present;
    const bool ostendoGone = ostendo.state != SideRecord::State::Present;
    const QString customerOrWork =
        entity == EntityKind::Customer ? QStringLiteral("customer") : QStringLiteral("work item");

    if (!pipedriveGone && !ostendoGone) {
        builder.reconcileFields(choices);
        return builder.finish(SyncPlan::LinkStatus::InStep, false);
    }

    if (pipedriveGone && ostendoGone) {
        if (entity == EntityKind::Customer && context.customerHasOpenWork && !baseArchived) {
            builder.addConflict(Conflict::Kind::ArchivedWithOpenWork, Risk::High,
                                QStringLiteral("The customer is archived on both sides but still has open deals or "
                                               "jobs; a person decides"),
                                {});
        }
        return builder.finish(SyncPlan::LinkStatus::Archived, true);
    }

    const Side gone = pipedriveGone ? Side::Pipedrive : Side::Ostendo;
    const Side live = Sides::other(gone);
    const SideRecord &goneRecord = recordOn(gone, pipedrive, ostendo);
    const QString goneVerb =
        goneRecord.state == SideRecord::State::Archived ? QStringLiteral("archived") : QStringLiteral("deleted");

    if (baseArchived) {
        if (entity == EntityKind::WorkItem) {
            return builder.finish(SyncPlan::LinkStatus::Archived, true); // a job has no archive to undo
        }
        // The live side made an archived customer active again.
        if (goneRecord.state != SideRecord::State::Archived) {
            builder.addConflict(Conflict::Kind::Deletion, Risk::High,
                                QStringLiteral("%1 made the customer active again, but the %2 was deleted in %3; a "
                                               "person decides")
                                    .arg(Sides::displayName(live), entityWord(entity, gone), Sides::displayName(gone)),
                                builder.editedFields(live));
            return builder.finish(SyncPlan::LinkStatus::Blocked, true);
        }
        SideRecord restored = goneRecord;
        restored.state = SideRecord::State::Present;
        SyncPlan plan = reconcileImpl(entity, base, gone == Side::Pipedrive ? restored : pipedrive,
                                      gone == Side::Ostendo ? restored : ostendo, choices, context);
        if (!plan.isBlocked()) {
            plan.side(gone).lifecycle = SidePlan::Lifecycle::Unarchive;
        }
        return plan;
    }

    if (builder.editedSinceBase(live)) {
        builder.addConflict(Conflict::Kind::Deletion, Risk::High,
                            QStringLiteral("The %1 was %2 in %3 while it was edited in %4; a person decides")
                                .arg(customerOrWork, goneVerb, Sides::displayName(gone), Sides::displayName(live)),
                            builder.editedFields(live));
        return builder.finish(SyncPlan::LinkStatus::Blocked, false);
    }

    if (entity == EntityKind::Customer) {
        if (context.customerHasOpenWork) {
            builder.addConflict(Conflict::Kind::ArchivedWithOpenWork, Risk::High,
                                QStringLiteral("The customer was %1 in %2 but still has open deals or jobs; a person "
                                               "decides")
                                    .arg(goneVerb, Sides::displayName(gone)),
                                {});
            return builder.finish(SyncPlan::LinkStatus::Blocked, false);
        }
        builder.side(live).lifecycle = SidePlan::Lifecycle::Archive;
        return builder.finish(SyncPlan::LinkStatus::Archived, true);
    }

    const QString status = recordOn(live, pipedrive, ostendo).value(m_policy.statusField());
    if (m_policy.statusMap().isOpenWork(live, status)) {
        builder.addConflict(
            Conflict::Kind::Deletion, Risk::High,
            QStringLiteral("The %1 was %2 in %3 but its %4 is still live (%5); a person decides: "
                           "close the %4, or restore the %1")
                .arg(entityWord(entity, gone), goneVerb, Sides::displayName(gone), entityWord(entity, live), status),
            {});
        return builder.finish(SyncPlan::LinkStatus::Blocked, false);
    }
    return builder.finish(SyncPlan::LinkStatus::Archived, true);
}

SyncPlan Reconciler::planCreate(EntityKind entity, Side side, const SideRecord &record) const
{
    const Side target = Sides::other(side);
    SyncPlan plan;
    plan.entity = entity;
    plan.side(target).lifecycle = SidePlan::Lifecycle::Create;
    FieldValues base;
    for (const FieldRule &rule : m_policy.entity(entity).fields) {
        const QString value = record.value(rule.name);
        if (rule.kind == FieldRule::Kind::Status && value.trimmed().isEmpty() &&
            !m_policy.statusMap().groups.isEmpty()) {
            // A job needs a status: a deal without one is treated as the first group (open -> Quoted).
            const QString canonical = m_policy.statusMap().groups.first().canonical;
            plan.side(target).fields.insert(rule.name, m_policy.statusMap().valueFor(target, canonical));
            base.insert(rule.name, canonical);
            continue;
        }
        if (value.isEmpty()) {
            continue;
        }
        plan.side(target).fields.insert(rule.name, valueFor(rule, target, side, value));
        base.insert(rule.name, rule.kind == FieldRule::Kind::Status
                                   ? keyOf(rule, side, value)
                                   : (rule.writeClean ? m_normaliser.clean(rule.kind, value) : value));
    }
    if (entity == EntityKind::WorkItem) {
        // A job created for a deal gets its number from the policy; a deal created for a job carries the number.
        const QString jobNumber =
            side == Side::Pipedrive ? m_policy.jobNumberFor(record.id) : record.value(QStringLiteral("job_number"));
        if (!jobNumber.isEmpty()) {
            plan.side(target).fields.insert(QStringLiteral("job_number"), jobNumber);
        }
    }
    base.insert(ArchivedKey, PlanText::falseText());
    plan.newBase = base;
    plan.baseChanged = true;
    plan.linkStatus = SyncPlan::LinkStatus::InStep;
    (side == Side::Pipedrive ? plan.linkPipedriveId : plan.linkOstendoKey) = record.id;
    return plan;
}

SyncPlan Reconciler::reconcileUnlinked(EntityKind entity, Side side, const SideRecord &record,
                                       const QList<SideRecord> &otherSide, const QSet<QString> &keptSeparate) const
{
    SyncPlan plan;
    plan.entity = entity;
    if (record.state != SideRecord::State::Present) {
        plan.linkStatus = SyncPlan::LinkStatus::Unlinked; // never recreate what was archived or deleted
        return plan;
    }
    const QList<Matcher::Match> matches = m_matcher.find(entity, record, otherSide, keptSeparate);
    if (!matches.isEmpty() && matches.first().confident) {
        const SideRecord &other = otherSide.at(matches.first().index);
        plan = reconcile(entity, std::nullopt, side == Side::Pipedrive ? record : other,
                         side == Side::Pipedrive ? other : record);
        plan.linkPipedriveId = side == Side::Pipedrive ? record.id : other.id;
        plan.linkOstendoKey = side == Side::Pipedrive ? other.id : record.id;
        return plan;
    }
    if (matches.isEmpty()) {
        return planCreate(entity, side, record);
    }
    const QStringList shown =
        entity == EntityKind::Customer
            ? QStringList{QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("phone")}
            : QStringList{QStringLiteral("title"), QStringLiteral("customer")};
    for (const Matcher::Match &match : matches) {
        const SideRecord &other = otherSide.at(match.index);
        const SideRecord &pipedrive = side == Side::Pipedrive ? record : other;
        const SideRecord &ostendo = side == Side::Pipedrive ? other : record;
        Conflict conflict;
        conflict.entity = entity;
        conflict.kind = Conflict::Kind::Duplicate;
        conflict.risk = Risk::High;
        conflict.status = Conflict::Status::PendingReview;
        conflict.pipedriveId = pipedrive.id;
        conflict.ostendoKey = ostendo.id;
        const QString how = match.how == Matcher::How::CarriedId
                                ? QStringLiteral("an id that another record also claims")
                                : QStringLiteral("the same ") + Matcher::howKey(match.how);
        conflict.rule = QStringLiteral("Possible duplicate: the new %1 in %2 has %3 as a %4 in %5; a person decides "
                                       "whether to link them or keep them separate")
                            .arg(entityWord(entity, side), Sides::displayName(side), how,
                                 entityWord(entity, Sides::other(side)), Sides::displayName(Sides::other(side)));
        for (const QString &name : shown) {
            conflict.fields << ConflictField{name, QString(), pipedrive.value(name), ostendo.value(name), QString()};
        }
        plan.conflicts << conflict;
    }
    plan.linkStatus = SyncPlan::LinkStatus::Blocked;
    return plan;
}

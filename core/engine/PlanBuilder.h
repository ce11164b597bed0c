// Builds the reconciler's plan for one linked pair, field by field: the rules of DESIGN §2 applied to one record.
#pragma once

#include "FieldChoice.h"
#include "Normaliser.h"
#include "NotesMerger.h"
#include "Reconciler.h"

// Words and small look-ups shared by the plan builder and the reconciler.
namespace PlanText {
inline QString trueText()
{
    return QStringLiteral("true");
}

inline QString falseText()
{
    return QStringLiteral("false");
}

inline QString label(const FieldRule &rule)
{
    if (rule.name == QLatin1String("dates")) {
        return QStringLiteral("date");
    }
    return QString(rule.name).replace(QLatin1Char('_'), QLatin1Char(' '));
}

inline QString entityWord(EntityKind entity, Side side)
{
    if (entity == EntityKind::Customer) {
        return side == Side::Pipedrive ? QStringLiteral("organization") : QStringLiteral("customer");
    }
    return side == Side::Pipedrive ? QStringLiteral("deal") : QStringLiteral("job");
}

inline QString possessive(Side side)
{
    return Sides::displayName(side) + QStringLiteral("'s");
}

inline const SideRecord &recordOn(Side side, const SideRecord &pipedrive, const SideRecord &ostendo)
{
    return side == Side::Pipedrive ? pipedrive : ostendo;
}
} // namespace PlanText

class PlanBuilder
{
public:
    PlanBuilder(const Reconciler &reconciler, const Normaliser &normaliser, EntityKind entity,
                const std::optional<FieldValues> &base, const SideRecord &pipedrive, const SideRecord &ostendo)
        : m_reconciler(reconciler)
        , m_normaliser(normaliser)
        , m_entity(entity)
        , m_base(base)
        , m_pipedrive(pipedrive)
        , m_ostendo(ostendo)
    {
        m_plan.entity = entity;
        m_newBase = base ? *base : FieldValues();
    }

    void reconcileFields(const QHash<QString, FieldChoice> *choices)
    {
        const EntityPolicy &entityPolicy = m_reconciler.policy().entity(m_entity);
        for (const FieldRule &rule : entityPolicy.fields) {
            if (choices) {
                const auto choice = choices->constFind(rule.name);
                if (choice != choices->constEnd()) {
                    applyChoice(rule, *choice);
                    continue;
                }
            }
            reconcileField(rule);
        }
    }

    // Did `side` edit any mapped field since the base? Without a base nothing can be called an edit.
    bool editedSinceBase(Side side) const
    {
        if (!m_base) {
            return false;
        }
        const SideRecord &record = PlanText::recordOn(side, m_pipedrive, m_ostendo);
        for (const FieldRule &rule : m_reconciler.policy().entity(m_entity).fields) {
            const QString b = m_base->value(rule.name);
            const QString v = record.value(rule.name);
            if (v != b && m_reconciler.keyOf(rule, side, v) != m_reconciler.keyOf(rule, std::nullopt, b)) {
                return true;
            }
        }
        return false;
    }

    QList<ConflictField> editedFields(Side side) const
    {
        QList<ConflictField> fields;
        for (const FieldRule &rule : m_reconciler.policy().entity(m_entity).fields) {
            const QString b = m_base ? m_base->value(rule.name) : QString();
            const QString v = PlanText::recordOn(side, m_pipedrive, m_ostendo).value(rule.name);
            if (!m_base || m_reconciler.keyOf(rule, side, v) != m_reconciler.keyOf(rule, std::nullopt, b)) {
                fields << conflictField(rule, QString());
            }
        }
        return fields;
    }

    void addConflict(Conflict::Kind kind, Risk risk, const QString &rule, const QList<ConflictField> &fields)
    {
        Conflict conflict;
        conflict.entity = m_entity;
        conflict.kind = kind;
        conflict.risk = risk;
        conflict.status = risk == Risk::High ? Conflict::Status::PendingReview : Conflict::Status::AutoResolved;
        conflict.rule = rule;
        conflict.fields = fields;
        conflict.pipedriveId = m_pipedrive.id;
        conflict.ostendoKey = m_ostendo.id;
        m_plan.conflicts << conflict;
    }

    ConflictField conflictField(const FieldRule &rule, const QString &result) const
    {
        ConflictField f;
        f.field = rule.name;
        f.base = m_base ? m_base->value(rule.name) : QString();
        f.pipedrive = m_pipedrive.exists() ? m_pipedrive.value(rule.name) : QString();
        f.ostendo = m_ostendo.exists() ? m_ostendo.value(rule.name) : QString();
        f.result = result;
        return f;
    }

    SidePlan &side(Side which) { return m_plan.side(which); }
    FieldValues &newBase() { return m_newBase; }
    bool hasBase() const { return m_base.has_value(); }

    // Blocked records write nothing and keep their base; only the cases a person must see are reported.
    SyncPlan finish(SyncPlan::LinkStatus status, bool archived)
    {
        bool blocked = false;
        for (const Conflict &conflict : std::as_const(m_plan.conflicts)) {
            blocked = blocked || conflict.risk == Risk::High;
        }
        if (blocked) {
            QList<Conflict> high;
            for (const Conflict &conflict : std::as_const(m_plan.conflicts)) {
                if (conflict.risk == Risk::High) {
                    high << conflict;
                }
            }
            m_plan.conflicts = high;
            m_plan.pipedrive = SidePlan();
            m_plan.ostendo = SidePlan();
            m_plan.newBase.reset();
            m_plan.baseChanged = false;
            m_plan.linkStatus = SyncPlan::LinkStatus::Blocked;
            return m_plan;
        }
        m_newBase.insert(Reconciler::ArchivedKey, archived ? PlanText::trueText() : PlanText::falseText());
        m_plan.newBase = m_newBase;
        m_plan.baseChanged = !m_base || *m_base != m_newBase;
        m_plan.linkStatus = status;
        return m_plan;
    }

private:
    void write(Side target, const FieldRule &rule, const QString &value)
    {
        m_plan.side(target).fields.insert(rule.name, value.isNull() ? QStringLiteral("") : value);
    }

    QString baseValue(const FieldRule &rule, Side source, const QString &value) const
    {
        if (rule.kind == FieldRule::Kind::Status) {
            return m_reconciler.keyOf(rule, source, value);
        }
        return rule.writeClean ? m_normaliser.clean(rule.kind, value) : value;
    }

    void reconcileField(const FieldRule &rule)
    {
        const QString &f = rule.name;
        const QString b = m_base ? m_base->value(f) : QString();
        const QString p = m_pipedrive.value(f);
        const QString o = m_ostendo.value(f);
        // Most fields of most records did not move: skip the normalisation when the texts are identical.
        if (m_base && p == b && o == b && rule.kind != FieldRule::Kind::Status) {
            return;
        }
        const QString kp = m_reconciler.keyOf(rule, Side::Pipedrive, p);
        const QString ko = m_reconciler.keyOf(rule, Side::Ostendo, o);
        const QString kb = m_base ? m_reconciler.keyOf(rule, std::nullopt, b) : QString();
        const bool pChanged = !m_base || kp != kb;
        const bool oChanged = !m_base || ko != kb;
        if (!pChanged && !oChanged) {
            return; // touched but equal: not a change
        }
        if (kp == ko) {
            converged(rule, p, o);
        } else if (pChanged && !oChanged) {
            changedOnOneSide(rule, Side::Pipedrive, p, o);
        } else if (oChanged && !pChanged) {
            changedOnOneSide(rule, Side::Ostendo, o, p);
        } else {
            changedOnBothSides(rule, p, o, kp.isEmpty(), ko.isEmpty());
        }
    }

    // Both sides hold the same value once normalised; only its formatting may differ.
    void converged(const FieldRule &rule, const QString &p, const QString &o)
    {
        const Side first = rule.firstInOrder();
        const QString &chosen = first == Side::Pipedrive ? p : o;
        if (rule.kind == FieldRule::Kind::Status || p == o) {
            m_newBase.insert(rule.name, baseValue(rule, first, chosen));
            return;
        }
        QString result = chosen;
        if (rule.writeClean) {
            result = m_normaliser.clean(rule.kind, chosen);
            if (p != result) {
                write(Side::Pipedrive, rule, result);
            }
            if (o != result) {
                write(Side::Ostendo, rule, result);
            }
        }
        m_newBase.insert(rule.name, result);
        addConflict(Conflict::Kind::Field, Risk::Low,
                    QStringLiteral("The %1 differs only in formatting; treated as the same%2")
                        .arg(PlanText::label(rule),
                             rule.writeClean ? QStringLiteral(" and the tidy form written to both") : QString()),
                    {conflictField(rule, result)});
    }

    void changedOnOneSide(const FieldRule &rule, Side source, const QString &sourceValue, const QString &targetValue)
    {
        const Side target = Sides::other(source);
        if (rule.flowsTo(target)) {
            write(target, rule, m_reconciler.valueFor(rule, target, source, sourceValue));
            m_newBase.insert(rule.name, baseValue(rule, source, sourceValue));
            return;
        }
        if (rule.risk == Risk::High) {
            addConflict(Conflict::Kind::Field, Risk::High,
                        QStringLiteral("Only %1 may change the %2; it was changed in %3 alone, so a person decides")
                            .arg(Sides::displayName(target), PlanText::label(rule), Sides::displayName(source)),
                        {conflictField(rule, QString())});
            return;
        }
        // A one-way field edited on the side that does not own it: the owner's value goes back, and the person
        // whose edit was undone can see why.
        write(source, rule, m_reconciler.valueFor(rule, source, target, targetValue));
        m_newBase.insert(rule.name, baseValue(rule, target, targetValue));
        addConflict(Conflict::Kind::Field, Risk::Medium,
                    QStringLiteral("Only %1 changes the %2; the edit made in %3 was undone and %4 value put back")
                        .arg(Sides::displayName(target), PlanText::label(rule), Sides::displayName(source),
                             PlanText::possessive(target)),
                    {conflictField(rule, targetValue)});
    }

    void changedOnBothSides(const FieldRule &rule, const QString &p, const QString &o, bool pEmpty, bool oEmpty)
    {
        const QString prefix = m_base ? QStringLiteral("Both changed the %1").arg(PlanText::label(rule))
                                      : QStringLiteral("First sync: the %1 differs").arg(PlanText::label(rule));
        const bool oneEmpty = pEmpty != oEmpty;
        const Side nonEmpty = pEmpty ? Side::Ostendo : Side::Pipedrive;
        if (rule.merge == FieldRule::Merge::Block) {
            if (!m_base && oneEmpty && rule.flowsTo(Sides::other(nonEmpty))) {
                // First sync, one side empty and the filled one may flow to it: empty against filled is low risk
                // (DESIGN §2), not a mismatch of a critical field.
                const Side empty = Sides::other(nonEmpty);
                const QString &filled = nonEmpty == Side::Pipedrive ? p : o;
                write(empty, rule, m_reconciler.valueFor(rule, empty, nonEmpty, filled));
                m_newBase.insert(rule.name, baseValue(rule, nonEmpty, filled));
                addConflict(Conflict::Kind::Field, Risk::Low,
                            prefix +
                                QStringLiteral("; only %1 has one, so it is copied").arg(Sides::displayName(nonEmpty)),
                            {conflictField(rule, filled)});
                return;
            }
            addConflict(Conflict::Kind::Field, Risk::High, prefix + QStringLiteral("; a person decides"),
                        {conflictField(rule, QString())});
            return;
        }
        Side winner = rule.firstInOrder();
        Risk risk = rule.risk;
        QString why;
        if (rule.isOneWay()) {
            winner = *rule.owner;
            why = QStringLiteral("%1 owns it, so %2 value wins")
                      .arg(Sides::displayName(winner), PlanText::possessive(winner));
        } else if (!m_base && oneEmpty) {
            winner = nonEmpty;
            risk = Risk::Low;
            why = QStringLiteral("only %1 has one, so it is copied").arg(Sides::displayName(winner));
        } else {
            switch (rule.merge) {
            case FieldRule::Merge::Owner:
                winner = rule.owner.value_or(rule.firstInOrder());
                why = QStringLiteral("%1 value wins").arg(PlanText::possessive(winner));
                break;
            case FieldRule::Merge::PreferNonEmpty:
                if (oneEmpty) {
                    winner = nonEmpty;
                    why = QStringLiteral("the filled-in value (%1) wins").arg(PlanText::possessive(winner));
                } else {
                    winner = rule.firstInOrder();
                    why = QStringLiteral("%1 value wins when both are filled in").arg(PlanText::possessive(winner));
                }
                break;
            case FieldRule::Merge::MostRecent: {
                const QDateTime pt = m_pipedrive.modifiedAt.toUTC();
                const QDateTime ot = m_ostendo.modifiedAt.toUTC();
                if (pt.isValid() && ot.isValid() && pt != ot) {
                    winner = pt > ot ? Side::Pipedrive : Side::Ostendo;
                    why = QStringLiteral("%1 record was changed most recently, so its value wins")
                              .arg(PlanText::possessive(winner));
                } else {
                    winner = rule.firstInOrder();
                    why = QStringLiteral("both records changed at the same time, so %1 value wins")
                              .arg(PlanText::possessive(winner));
                }
                break;
            }
            case FieldRule::Merge::Concatenate:
                concatenate(rule, p, o, prefix);
                return;
            case FieldRule::Merge::Block:
                break;
            }
        }
        if (oneEmpty) {
            risk = Risk::Low; // empty against filled in: nothing is lost, the log keeps the old value
        }
        const Side loser = Sides::other(winner);
        const QString &winning = winner == Side::Pipedrive ? p : o;
        write(loser, rule, m_reconciler.valueFor(rule, loser, winner, winning));
        m_newBase.insert(rule.name, baseValue(rule, winner, winning));
        addConflict(Conflict::Kind::Field, risk, prefix + QStringLiteral("; ") + why, {conflictField(rule, winning)});
    }

    void concatenate(const FieldRule &rule, const QString &p, const QString &o, const QString &prefix)
    {
        const Side first = rule.firstInOrder();
        const QString merged = NotesMerger::merge(first == Side::Pipedrive ? p : o, first == Side::Pipedrive ? o : p);
        const QString mergedKey = m_reconciler.keyOf(rule, std::nullopt, merged);
        if (m_reconciler.keyOf(rule, Side::Pipedrive, p) != mergedKey) {
            write(Side::Pipedrive, rule, merged);
        }
        if (m_reconciler.keyOf(rule, Side::Ostendo, o) != mergedKey) {
            write(Side::Ostendo, rule, merged);
        }
        m_newBase.insert(rule.name, merged);
        addConflict(Conflict::Kind::Field, rule.risk,
                    prefix + QStringLiteral("; both texts are kept, %1 first, no paragraph repeated")
                                 .arg(PlanText::possessive(first)),
                    {conflictField(rule, merged)});
    }

    void applyChoice(const FieldRule &rule, const FieldChoice &choice)
    {
        for (Side side : {Side::Pipedrive, Side::Ostendo}) {
            const QString target = m_reconciler.valueFor(rule, side, choice.vocabulary, choice.value);
            const QString current = PlanText::recordOn(side, m_pipedrive, m_ostendo).value(rule.name);
            if (m_reconciler.keyOf(rule, side, current) != m_reconciler.keyOf(rule, side, target)) {
                write(side, rule, target);
            }
        }
        m_newBase.insert(rule.name, baseValue(rule, choice.vocabulary, choice.value));
    }

    const Reconciler &m_reconciler;
    const Normaliser &m_normaliser;
    EntityKind m_entity;
    const std::optional<FieldValues> &m_base;
    const SideRecord &m_pipedrive;
    const SideRecord &m_ostendo;
    SyncPlan m_plan;
    FieldValues m_newBase;
};

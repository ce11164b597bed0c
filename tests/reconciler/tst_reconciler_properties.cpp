// Properties over thousands of random (base, Pipedrive, Ostendo) triples from a fixed seed: idempotent, loses
// nothing silently, and treats the two systems alike.
#include "RecordWorld.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

namespace {
constexpr int kTriplesPerEntity = 4000;
constexpr quint32 kSeed = 20261127;

// Small pools so that sides often agree, differ only in formatting, or clash.
QStringList pool(EntityKind entity, const QString &field, std::optional<Side> side)
{
    if (entity == EntityKind::Customer) {
        if (field == QLatin1String("name")) {
            return {"Acme Turf Ltd", " Acme  Turf Ltd", "Bravo Lawns", "", "Charlie's Gardens"};
        }
        if (field == QLatin1String("phone")) {
            return {"09 555 0100", "+64 9 555 0100", "021 444 555", "", "(09) 555-0199"};
        }
        if (field == QLatin1String("email")) {
            return {"ops@acme.co.nz", "OPS@acme.co.nz ", "hi@bravo.nz", ""};
        }
        if (field == QLatin1String("address")) {
            return {"1 Queen St, Auckland 1010", "1 queen st,Auckland  1010", "9 Ponsonby Rd, Auckland", ""};
        }
        return {"Gate code 1234",
                "Dog on site",
                "Gate code 1234\n\nDog on site",
                "",
                "Call first",
                "Dog  on\nsite\n\nCall first"};
    }
    if (field == QLatin1String("status")) {
        if (!side) {
            return {"open", "won", "lost"};
        }
        return *side == Side::Pipedrive
                   ? QStringList{"open", "won", "lost"}
                   : QStringList{"Quoted", "Approved", "In Progress", "Completed", "Closed", "Cancelled"};
    }
    if (field == QLatin1String("title")) {
        return {"Lawn renovation", "Lawn  renovation ", "Irrigation", ""};
    }
    if (field == QLatin1String("stage")) {
        return {"Qualified", "Proposal", ""};
    }
    if (field == QLatin1String("value")) {
        return {"1200", "1200.00", "1500", "", "$1,500.0"};
    }
    if (field == QLatin1String("customer")) {
        return {"c1", "c2", ""};
    }
    if (field == QLatin1String("project_type")) {
        return {"Renovation", "Maintenance", ""};
    }
    return {"2026-03-01", "1/03/2026", "2026-04-01", ""};
}

struct Triple
{
    EntityKind entity;
    RecordWorld world;
    ReconcileContext context;
};

SideRecord::State randomState(QRandomGenerator &random)
{
    const int roll = int(random.bounded(100));
    if (roll < 82) {
        return SideRecord::State::Present;
    }
    if (roll < 90) {
        return SideRecord::State::Archived;
    }
    return roll < 96 ? SideRecord::State::Deleted : SideRecord::State::Absent;
}

Triple randomTriple(QRandomGenerator &random, EntityKind entity, const Policy &policy)
{
    Triple t;
    t.entity = entity;
    const bool hasBase = random.bounded(100) >= 15;
    if (hasBase) {
        t.world.base = FieldValues();
        t.world.base->insert(Reconciler::ArchivedKey,
                             random.bounded(100) < 10 ? QStringLiteral("true") : QStringLiteral("false"));
    }
    const QDateTime start(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);
    for (Side side : {Side::Pipedrive, Side::Ostendo}) {
        SideRecord &record = t.world.record(side);
        record.state = randomState(random);
        record.id = side == Side::Pipedrive ? QStringLiteral("101") : QStringLiteral("48213");
        record.modifiedAt = start.addSecs(random.bounded(3));
    }
    for (const FieldRule &rule : policy.entity(entity).fields) {
        const QStringList basePool = pool(entity, rule.name, std::nullopt);
        const QString baseValue = basePool.at(int(random.bounded(basePool.size())));
        if (hasBase) {
            t.world.base->insert(rule.name, baseValue);
        }
        for (Side side : {Side::Pipedrive, Side::Ostendo}) {
            const QStringList sidePool = pool(entity, rule.name, side);
            const int roll = int(random.bounded(100));
            QString value = sidePool.at(int(random.bounded(sidePool.size())));
            if (roll < 55 && hasBase) {
                value = rule.kind == FieldRule::Kind::Status ? policy.statusMap().valueFor(side, baseValue) : baseValue;
            }
            t.world.record(side).values.insert(rule.name, value);
        }
    }
    t.context.customerHasOpenWork = entity == EntityKind::Customer && random.bounded(100) < 15;
    return t;
}

QString dump(const Triple &t, const SyncPlan &plan)
{
    QJsonObject object{{QStringLiteral("pipedrive"), FieldValuesJson::toJson(t.world.pipedrive.values)},
                       {QStringLiteral("pipedrive_state"), SideRecord::stateKey(t.world.pipedrive.state)},
                       {QStringLiteral("ostendo"), FieldValuesJson::toJson(t.world.ostendo.values)},
                       {QStringLiteral("ostendo_state"), SideRecord::stateKey(t.world.ostendo.state)},
                       {QStringLiteral("plan"), plan.toJson()}};
    if (t.world.base) {
        object.insert(QStringLiteral("base"), FieldValuesJson::toJson(*t.world.base));
    }
    return QString::fromUtf8(QJsonDocument(object).toJson());
}

SyncPlan swapSides(const SyncPlan &plan)
{
    SyncPlan swapped = plan;
    std::swap(swapped.pipedrive, swapped.ostendo);
    std::swap(swapped.linkPipedriveId, swapped.linkOstendoKey);
    for (Conflict &conflict : swapped.conflicts) {
        std::swap(conflict.pipedriveId, conflict.ostendoKey);
        conflict.rule.clear(); // the words name the systems; the decision itself must mirror
        for (ConflictField &field : conflict.fields) {
            std::swap(field.pipedrive, field.ostendo);
        }
    }
    return swapped;
}
} // namespace

class TestReconcilerProperties : public QObject
{
    Q_OBJECT
private slots:
    void entities_data()
    {
        QTest::addColumn<int>("entity");
        QTest::newRow("customers") << int(EntityKind::Customer);
        QTest::newRow("work items") << int(EntityKind::WorkItem);
    }

    // Reconciling the state a plan produces gives an empty plan; a blocked record gives the same plan again.
    void idempotent_data() { entities_data(); }
    void idempotent()
    {
        QFETCH(int, entity);
        const Policy policy = Policy::defaultPolicy();
        const Reconciler reconciler(policy);
        QRandomGenerator random(kSeed + quint32(entity));
        int applied = 0;
        int blocked = 0;
        for (int i = 0; i < kTriplesPerEntity; ++i) {
            Triple t = randomTriple(random, EntityKind(entity), policy);
            const SyncPlan plan =
                reconciler.reconcile(t.entity, t.world.base, t.world.pipedrive, t.world.ostendo, t.context);
            if (plan.isBlocked()) {
                ++blocked;
                const SyncPlan again =
                    reconciler.reconcile(t.entity, t.world.base, t.world.pipedrive, t.world.ostendo, t.context);
                QVERIFY2(again.toJson() == plan.toJson(), qPrintable(dump(t, plan)));
                continue;
            }
            ++applied;
            const Triple before = t;
            t.world.apply(plan);
            const SyncPlan again =
                reconciler.reconcile(t.entity, t.world.base, t.world.pipedrive, t.world.ostendo, t.context);
            QVERIFY2(again.isEmpty(), qPrintable(dump(before, plan) + QStringLiteral("\nthen\n") + dump(t, again)));
        }
        // Both paths must have been exercised for the property to mean anything.
        QVERIFY(applied > kTriplesPerEntity / 4);
        QVERIFY(blocked > kTriplesPerEntity / 50);
    }

    // A value present on either side survives on some side, or was the agreed base an edit replaced, or a
    // conflict row records it next to the rule that chose the other value.
    void nothingLostSilently_data() { entities_data(); }
    void nothingLostSilently()
    {
        QFETCH(int, entity);
        const Policy policy = Policy::defaultPolicy();
        const Reconciler reconciler(policy);
        QRandomGenerator random(kSeed + 100 + quint32(entity));
        for (int i = 0; i < kTriplesPerEntity; ++i) {
            Triple t = randomTriple(random, EntityKind(entity), policy);
            const Triple before = t;
            const SyncPlan plan =
                reconciler.reconcile(t.entity, t.world.base, t.world.pipedrive, t.world.ostendo, t.context);
            t.world.apply(plan);
            for (const FieldRule &rule : policy.entity(t.entity).fields) {
                for (Side side : {Side::Pipedrive, Side::Ostendo}) {
                    const QString old =
                        before.world.pipedrive.state == SideRecord::State::Absent && side == Side::Pipedrive
                            ? QString()
                            : (side == Side::Pipedrive ? before.world.pipedrive : before.world.ostendo)
                                  .value(rule.name);
                    const QString key = reconciler.keyOf(rule, side, old);
                    if (key.isEmpty()) {
                        continue;
                    }
                    const bool kept =
                        reconciler.keyOf(rule, Side::Pipedrive, t.world.pipedrive.value(rule.name)) == key ||
                        reconciler.keyOf(rule, Side::Ostendo, t.world.ostendo.value(rule.name)) == key;
                    bool keptAsParagraphs = false;
                    if (rule.kind == FieldRule::Kind::Notes) {
                        keptAsParagraphs = true;
                        for (const QString &paragraph : key.split(QStringLiteral("\n\n"))) {
                            keptAsParagraphs =
                                keptAsParagraphs &&
                                (reconciler.keyOf(rule, side, t.world.pipedrive.value(rule.name)).contains(paragraph) ||
                                 reconciler.keyOf(rule, side, t.world.ostendo.value(rule.name)).contains(paragraph));
                        }
                    }
                    const bool wasBase =
                        before.world.base &&
                        reconciler.keyOf(rule, std::nullopt, before.world.base->value(rule.name)) == key;
                    bool logged = false;
                    for (const Conflict &conflict : plan.conflicts) {
                        const ConflictField *field = conflict.field(rule.name);
                        // Concatenation never chooses between texts, so for notes a log row excuses nothing.
                        logged = logged || (field && rule.merge != FieldRule::Merge::Concatenate &&
                                            (side == Side::Pipedrive ? field->pipedrive : field->ostendo) == old);
                    }
                    QVERIFY2(kept || keptAsParagraphs || wasBase || logged,
                             qPrintable(rule.name + QStringLiteral(" lost ") + old + QLatin1Char('\n') +
                                        dump(before, plan)));
                }
            }
        }
    }

    // Swapping the sides with a mirrored policy gives the mirrored plan.
    void mirrored_data() { entities_data(); }
    void mirrored()
    {
        QFETCH(int, entity);
        const Policy policy = Policy::defaultPolicy();
        const Reconciler reconciler(policy);
        const Reconciler mirroredReconciler(policy.mirrored());
        QRandomGenerator random(kSeed + 200 + quint32(entity));
        for (int i = 0; i < kTriplesPerEntity; ++i) {
            const Triple t = randomTriple(random, EntityKind(entity), policy);
            const SyncPlan plan =
                reconciler.reconcile(t.entity, t.world.base, t.world.pipedrive, t.world.ostendo, t.context);
            const SyncPlan mirror =
                mirroredReconciler.reconcile(t.entity, t.world.base, t.world.ostendo, t.world.pipedrive, t.context);
            // Swapping the mirror's sides back must give the original plan (rule words aside).
            const QJsonObject expected = swapSides(swapSides(plan)).toJson();
            const QJsonObject actual = swapSides(mirror).toJson();
            QVERIFY2(actual == expected, qPrintable(dump(t, plan) + QStringLiteral("\nmirror\n") +
                                                    QString::fromUtf8(QJsonDocument(mirror.toJson()).toJson())));
        }
    }
};

QTEST_GUILESS_MAIN(TestReconcilerProperties)
#include "tst_reconciler_properties.moc"

// A person's decision (Keep Pipedrive, Keep Ostendo, Merge, Link, Keep separate) becomes a plan like any other.
#include "RecordWorld.h"
#include "engine/DecisionApplier.h"

#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(Decision::Kind)
Q_DECLARE_METATYPE(SidePlan::Lifecycle)
Q_DECLARE_METATYPE(SyncPlan::LinkStatus)

namespace {
FieldValues customerValues()
{
    return {{QStringLiteral("name"), QStringLiteral("Acme Turf Ltd")},
            {QStringLiteral("phone"), QStringLiteral("09 555 0100")},
            {QStringLiteral("email"), QStringLiteral("ops@acme.co.nz")},
            {QStringLiteral("address"), QStringLiteral("1 Queen St, Auckland 1010")},
            {QStringLiteral("notes"), QStringLiteral("Gate code 1234")}};
}

FieldValues workValues(Side side)
{
    return {{QStringLiteral("title"), QStringLiteral("Lawn renovation")},
            {QStringLiteral("status"), side == Side::Pipedrive ? QStringLiteral("won") : QStringLiteral("Approved")},
            {QStringLiteral("stage"), QStringLiteral("Qualified")},
            {QStringLiteral("value"), QStringLiteral("1200")},
            {QStringLiteral("customer"), QStringLiteral("c1")},
            {QStringLiteral("project_type"), QStringLiteral("Renovation")},
            {QStringLiteral("dates"), QStringLiteral("2026-03-01")}};
}

struct Scenario
{
    EntityKind entity = EntityKind::Customer;
    RecordWorld world;
    ReconcileContext context;
};

// Each scenario is a state the reconciler reports as a conflict; the test takes that conflict to the applier.
Scenario scenario(const QString &name)
{
    Scenario s;
    const bool work = name.startsWith(QLatin1String("work"));
    s.entity = work ? EntityKind::WorkItem : EntityKind::Customer;
    const FieldValues pd = work ? workValues(Side::Pipedrive) : customerValues();
    const FieldValues os = work ? workValues(Side::Ostendo) : customerValues();
    FieldValues base = work ? workValues(Side::Pipedrive) : customerValues();
    base.insert(Reconciler::ArchivedKey, QStringLiteral("false"));
    s.world.base = base;
    s.world.pipedrive = presentRecord(QStringLiteral("101"), pd);
    s.world.ostendo = presentRecord(QStringLiteral("48213"), os);
    if (name == QLatin1String("work: project type changed on both sides")) {
        s.world.pipedrive.values.insert(QStringLiteral("project_type"), QStringLiteral("Maintenance"));
        s.world.ostendo.values.insert(QStringLiteral("project_type"), QStringLiteral("New lawn"));
    } else if (name == QLatin1String("work: status changed on both sides")) {
        s.world.pipedrive.values.insert(QStringLiteral("status"), QStringLiteral("open"));
        s.world.ostendo.values.insert(QStringLiteral("status"), QStringLiteral("Cancelled"));
    } else if (name == QLatin1String("customer: phone changed on both sides")) {
        s.world.pipedrive.values.insert(QStringLiteral("phone"), QStringLiteral("09 111 1111"));
        s.world.ostendo.values.insert(QStringLiteral("phone"), QStringLiteral("09 222 2222"));
    } else if (name == QLatin1String("customer: archived in Ostendo, edited in Pipedrive")) {
        s.world.ostendo.state = SideRecord::State::Archived;
        s.world.pipedrive.values.insert(QStringLiteral("name"), QStringLiteral("Acme Turf (NZ) Ltd"));
    } else if (name == QLatin1String("customer: archived in Ostendo with open work")) {
        s.world.ostendo.state = SideRecord::State::Archived;
        s.context.customerHasOpenWork = true;
    } else if (name == QLatin1String("work: deal deleted, job live")) {
        s.world.pipedrive.state = SideRecord::State::Deleted;
        s.world.ostendo.values.insert(QStringLiteral("status"), QStringLiteral("In Progress"));
    } else if (name == QLatin1String("customer: possible duplicate")) {
        s.world.base.reset();
        s.world.ostendo.values.insert(QStringLiteral("name"), QStringLiteral("ACME Turf Limited"));
        s.world.ostendo.values.insert(QStringLiteral("phone"), QStringLiteral("021 444 555"));
    }
    return s;
}
} // namespace

class TestDecisions : public QObject
{
    Q_OBJECT
private slots:
    void decisionBecomesAPlan_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Decision::Kind>("kind");
        QTest::addColumn<QString>("mergeField");
        QTest::addColumn<QString>("mergeValue");
        QTest::addColumn<SidePlan::Lifecycle>("pipedriveAction");
        QTest::addColumn<SidePlan::Lifecycle>("ostendoAction");
        QTest::addColumn<QString>("writePipedrive"); // "field=value", or empty when nothing is written there
        QTest::addColumn<QString>("writeOstendo");
        QTest::addColumn<SyncPlan::LinkStatus>("linkStatus");

        using D = Decision::Kind;
        using L = SidePlan::Lifecycle;
        using K = SyncPlan::LinkStatus;
        const QString critical = QStringLiteral("work: project type changed on both sides");
        QTest::newRow("critical field, Keep Pipedrive") << critical << D::KeepPipedrive << ""
                                                        << "" << L::Keep << L::Keep << ""
                                                        << "project_type=Maintenance" << K::InStep;
        QTest::newRow("critical field, Keep Ostendo") << critical << D::KeepOstendo << ""
                                                      << "" << L::Keep << L::Keep << "project_type=New lawn"
                                                      << "" << K::InStep;
        QTest::newRow("critical field, Merge with a typed value")
            << critical << D::Merge << "project_type"
            << "Irrigation" << L::Keep << L::Keep << "project_type=Irrigation"
            << "project_type=Irrigation" << K::InStep;
        QTest::newRow("status, Merge in Pipedrive's words is written in each system's words")
            << "work: status changed on both sides" << D::Merge << "status"
            << "lost" << L::Keep << L::Keep << "status=lost"
            << "" << K::InStep;
        QTest::newRow("status, Merge typed in Ostendo's words is understood")
            << "work: status changed on both sides" << D::Merge << "status"
            << "In Progress" << L::Keep << L::Keep << "status=won"
            << "status=In Progress" << K::InStep;
        QTest::newRow("an auto-resolved medium conflict overridden: Keep Pipedrive")
            << "customer: phone changed on both sides" << D::KeepPipedrive << ""
            << "" << L::Keep << L::Keep << ""
            << "phone=09 111 1111" << K::InStep;
        QTest::newRow("deletion conflict, keep the edited side: restored with its values")
            << "customer: archived in Ostendo, edited in Pipedrive" << D::KeepPipedrive << ""
            << "" << L::Keep << L::Unarchive << ""
            << "name=Acme Turf (NZ) Ltd" << K::InStep;
        QTest::newRow("deletion conflict, keep the archive: mirrored")
            << "customer: archived in Ostendo, edited in Pipedrive" << D::KeepOstendo << ""
            << "" << L::Archive << L::Keep << ""
            << "" << K::Archived;
        QTest::newRow("archived with open work, archive anyway")
            << "customer: archived in Ostendo with open work" << D::KeepOstendo << ""
            << "" << L::Archive << L::Keep << ""
            << "" << K::Archived;
        QTest::newRow("archived with open work, make it active again")
            << "customer: archived in Ostendo with open work" << D::KeepPipedrive << ""
            << "" << L::Keep << L::Unarchive << ""
            << "" << K::InStep;
        QTest::newRow("deal deleted, job live: keep the deletion cancels the job")
            << "work: deal deleted, job live" << D::KeepPipedrive << ""
            << "" << L::Keep << L::Keep << ""
            << "status=Cancelled" << K::Archived;
        QTest::newRow("deal deleted, job live: keep the job restores the deal")
            << "work: deal deleted, job live" << D::KeepOstendo << ""
            << "" << L::Unarchive << L::Keep << ""
            << "" << K::InStep;
        QTest::newRow("possible duplicate, Link") << "customer: possible duplicate" << D::Link << ""
                                                  << "" << L::Keep << L::Keep << "phone=021 444 555"
                                                  << "name=Acme Turf Ltd" << K::InStep;
        QTest::newRow("possible duplicate, Keep Ostendo: linked, Ostendo's values everywhere")
            << "customer: possible duplicate" << D::KeepOstendo << ""
            << "" << L::Keep << L::Keep << "name=ACME Turf Limited"
            << "" << K::InStep;
        QTest::newRow("possible duplicate, Keep separate") << "customer: possible duplicate" << D::KeepSeparate << ""
                                                           << "" << L::Keep << L::Create << ""
                                                           << "name=Acme Turf Ltd" << K::InStep;
    }

    void decisionBecomesAPlan()
    {
        QFETCH(QString, name);
        QFETCH(Decision::Kind, kind);
        QFETCH(QString, mergeField);
        QFETCH(QString, mergeValue);
        QFETCH(SidePlan::Lifecycle, pipedriveAction);
        QFETCH(SidePlan::Lifecycle, ostendoAction);
        QFETCH(QString, writePipedrive);
        QFETCH(QString, writeOstendo);
        QFETCH(SyncPlan::LinkStatus, linkStatus);

        Scenario s = scenario(name);
        const Policy policy = Policy::defaultPolicy();
        const Reconciler reconciler(policy);
        const bool duplicate = name.contains(QLatin1String("duplicate"));
        const SyncPlan found =
            duplicate ? reconciler.reconcileUnlinked(s.entity, Side::Pipedrive, s.world.pipedrive, {s.world.ostendo})
                      : reconciler.reconcile(s.entity, s.world.base, s.world.pipedrive, s.world.ostendo, s.context);
        QVERIFY2(!found.conflicts.isEmpty(), QJsonDocument(found.toJson()).toJson().constData());
        const Conflict conflict = found.conflicts.first();

        Decision decision;
        decision.kind = kind;
        decision.decidedBy = QStringLiteral("sam");
        if (!mergeField.isEmpty()) {
            decision.mergeValues.insert(mergeField, mergeValue);
        }
        const DecisionApplier applier(policy);
        const SyncPlan plan =
            applier.apply(conflict, decision, s.world.base, s.world.pipedrive, s.world.ostendo, s.context);
        const QByteArray shown = QJsonDocument(plan.toJson()).toJson();

        QCOMPARE(plan.pipedrive.lifecycle, pipedriveAction);
        QCOMPARE(plan.ostendo.lifecycle, ostendoAction);
        QCOMPARE(plan.linkStatus, linkStatus);
        for (const auto &[expected, side] :
             {std::pair{writePipedrive, &plan.pipedrive}, {writeOstendo, &plan.ostendo}}) {
            if (expected.isEmpty()) {
                if (side->lifecycle != SidePlan::Lifecycle::Unarchive) {
                    QVERIFY2(side->fields.isEmpty() || side->lifecycle == SidePlan::Lifecycle::Create,
                             shown.constData());
                }
                continue;
            }
            const QString field = expected.section(QLatin1Char('='), 0, 0);
            QVERIFY2(side->fields.contains(field), shown.constData());
            QCOMPARE(side->fields.value(field), expected.section(QLatin1Char('='), 1));
        }
        QVERIFY(!plan.conflicts.isEmpty());
        QCOMPARE(plan.conflicts.first().status, Conflict::Status::ManuallyResolved);
        QCOMPARE(plan.conflicts.first().kind, conflict.kind);
        QVERIFY(plan.conflicts.first().rule.contains(QLatin1String("by sam")));
        for (const Conflict &other : plan.conflicts.mid(1)) {
            QVERIFY2(other.risk != Risk::High, shown.constData()); // the decision settled what blocked
        }
        QVERIFY(plan.newBase);
        if (kind == Decision::Kind::Link) {
            QCOMPARE(plan.linkPipedriveId, QStringLiteral("101"));
            QCOMPARE(plan.linkOstendoKey, QStringLiteral("48213"));
        }

        // Carried out, the decision leaves the record in step: reconciling again gives nothing.
        if (kind == Decision::Kind::KeepSeparate) {
            s.world.ostendo = SideRecord(); // the counterpart is a new record, not the look-alike
        }
        s.world.apply(plan);
        const SyncPlan again =
            reconciler.reconcile(s.entity, s.world.base, s.world.pipedrive, s.world.ostendo, s.context);
        QVERIFY2(again.isEmpty(), QJsonDocument(again.toJson()).toJson().constData());
    }
};

QTEST_GUILESS_MAIN(TestDecisions)
#include "tst_decisions.moc"

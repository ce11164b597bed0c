// The reconciler against DESIGN §2: one row per rule of the ownership table, per risk example, per deletion case.
#include "RecordWorld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

Q_DECLARE_METATYPE(EntityKind)
Q_DECLARE_METATYPE(SideRecord::State)
Q_DECLARE_METATYPE(SidePlan::Lifecycle)
Q_DECLARE_METATYPE(SyncPlan::LinkStatus)
Q_DECLARE_METATYPE(Conflict::Kind)

namespace {
const QString None; // a null string: "nothing written", "no conflict", "no base"

FieldValues customerBase()
{
    return {{QStringLiteral("name"), QStringLiteral("Acme Turf Ltd")},
            {QStringLiteral("phone"), QStringLiteral("09 555 0100")},
            {QStringLiteral("email"), QStringLiteral("ops@acme.co.nz")},
            {QStringLiteral("address"), QStringLiteral("1 Queen St, Auckland 1010")},
            {QStringLiteral("notes"), QStringLiteral("Gate code 1234")}};
}

// Work items keep the status in each system's words: the base holds the canonical "open".
FieldValues workBase()
{
    return {{QStringLiteral("title"), QStringLiteral("Lawn renovation")},
            {QStringLiteral("status"), QStringLiteral("open")},
            {QStringLiteral("stage"), QStringLiteral("Qualified")},
            {QStringLiteral("value"), QStringLiteral("1200")},
            {QStringLiteral("customer"), QStringLiteral("c1")},
            {QStringLiteral("project_type"), QStringLiteral("Renovation")},
            {QStringLiteral("dates"), QStringLiteral("2026-03-01")}};
}

FieldValues baseFor(EntityKind entity)
{
    return entity == EntityKind::Customer ? customerBase() : workBase();
}

FieldValues sideValues(EntityKind entity, Side side)
{
    FieldValues values = baseFor(entity);
    if (entity == EntityKind::WorkItem && side == Side::Ostendo) {
        values.insert(QStringLiteral("status"), QStringLiteral("Quoted"));
    }
    return values;
}

RecordWorld world(EntityKind entity, bool withBase)
{
    RecordWorld w;
    if (withBase) {
        w.base = baseFor(entity);
        w.base->insert(Reconciler::ArchivedKey, QStringLiteral("false"));
    }
    const QDateTime t(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);
    w.pipedrive = presentRecord(QStringLiteral("101"), sideValues(entity, Side::Pipedrive), t);
    w.ostendo = presentRecord(QStringLiteral("48213"), sideValues(entity, Side::Ostendo), t);
    return w;
}

const QString kRecentPd = QStringLiteral("pd");
const QString kRecentOs = QStringLiteral("os");
} // namespace

class TestReconciler : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(Policy::defaultPolicy().entity(EntityKind::Customer).fields.size() == 5); }

    // One field moves; every other field stays as the base says. `newer` says whose record changed last.
    void fieldRules_data()
    {
        QTest::addColumn<EntityKind>("entity");
        QTest::addColumn<bool>("hasBase");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("pipedrive");
        QTest::addColumn<QString>("ostendo");
        QTest::addColumn<QString>("newer");
        QTest::addColumn<QString>("writePipedrive");
        QTest::addColumn<QString>("writeOstendo");
        QTest::addColumn<QString>("risk");
        QTest::addColumn<QString>("newBase");

        const EntityKind C = EntityKind::Customer;
        const EntityKind W = EntityKind::WorkItem;
        // --- DESIGN §2 ownership table, "when both changed" column ---
        QTest::newRow("customer.name both changed: Pipedrive's value")
            << C << true << "name"
            << "Acme Turf Ltd"
            << "Acme Turf & Garden Ltd"
            << "Acme Lawns Ltd" << kRecentOs << None << "Acme Turf & Garden Ltd"
            << "medium"
            << "Acme Turf & Garden Ltd";
        QTest::newRow("customer.phone both changed, one emptied: the non-empty one")
            << C << true << "phone"
            << "09 555 0100"
            << ""
            << "021 555 777" << kRecentPd << "021 555 777" << None << "low"
            << "021 555 777";
        QTest::newRow("customer.phone both changed, both filled: Ostendo's")
            << C << true << "phone"
            << "09 555 0100"
            << "09 111 1111"
            << "09 222 2222" << kRecentPd << "09 222 2222" << None << "medium"
            << "09 222 2222";
        QTest::newRow("customer.email both changed, one emptied: the non-empty one")
            << C << true << "email"
            << "ops@acme.co.nz"
            << "new@acme.co.nz"
            << "" << kRecentOs << None << "new@acme.co.nz"
            << "low"
            << "new@acme.co.nz";
        QTest::newRow("customer.email both changed, both filled: Pipedrive's")
            << C << true << "email"
            << "ops@acme.co.nz"
            << "Sales@Acme.co.nz"
            << "accounts@acme.co.nz" << kRecentOs << None << "sales@acme.co.nz"
            << "medium"
            << "sales@acme.co.nz";
        QTest::newRow("customer.address both changed: Pipedrive modified last")
            << C << true << "address"
            << "1 Queen St, Auckland 1010"
            << "5 King St, Auckland 1011"
            << "9 Ponsonby Rd, Auckland 1011" << kRecentPd << None << "5 King St, Auckland 1011"
            << "medium"
            << "5 King St, Auckland 1011";
        QTest::newRow("customer.address both changed: Ostendo modified last")
            << C << true << "address"
            << "1 Queen St, Auckland 1010"
            << "5 King St, Auckland 1011"
            << "9 Ponsonby Rd, Auckland 1011" << kRecentOs << "9 Ponsonby Rd, Auckland 1011" << None << "medium"
            << "9 Ponsonby Rd, Auckland 1011";
        QTest::newRow("customer.address both changed at the same second: the policy's order (Pipedrive)")
            << C << true << "address"
            << "1 Queen St, Auckland 1010"
            << "5 King St, Auckland 1011"
            << "9 Ponsonby Rd, Auckland 1011" << QString() << None << "5 King St, Auckland 1011"
            << "medium"
            << "5 King St, Auckland 1011";
        QTest::newRow("customer.notes both changed: concatenated, Ostendo first, blank line between")
            << C << true << "notes"
            << "Gate code 1234"
            << "Gate code 1234\n\nCall before visiting"
            << "Gate code 1234\n\nDog on site" << kRecentPd << "Gate code 1234\n\nDog on site\n\nCall before visiting"
            << "Gate code 1234\n\nDog on site\n\nCall before visiting"
            << "low"
            << "Gate code 1234\n\nDog on site\n\nCall before visiting";
        QTest::newRow("customer.notes both changed: a paragraph already present is not repeated")
            << C << true << "notes"
            << "Gate code 1234"
            << "Dog   on site\n\nGate code 1234"
            << "Gate code 1234\n\nDog on site" << kRecentPd << "Gate code 1234\n\nDog on site" << None << "low"
            << "Gate code 1234\n\nDog on site";
        QTest::newRow("work.status both changed: Pipedrive's, first of the won set")
            << W << true << "status"
            << "open"
            << "won"
            << "Cancelled" << kRecentOs << None << "Approved"
            << "medium"
            << "won";
        QTest::newRow("work.stage both changed: Pipedrive's") << W << true << "stage"
                                                              << "Qualified"
                                                              << "Proposal"
                                                              << "Site visit" << kRecentOs << None << "Proposal"
                                                              << "medium"
                                                              << "Proposal";
        QTest::newRow("work.value both changed: Pipedrive's (medium)") << W << true << "value"
                                                                       << "1200"
                                                                       << "1500"
                                                                       << "1800.00" << kRecentOs << None << "1500"
                                                                       << "medium"
                                                                       << "1500";
        QTest::newRow("work.title both changed: Pipedrive's")
            << W << true << "title"
            << "Lawn renovation"
            << "Lawn renovation stage 2"
            << "Lawn reno" << kRecentOs << None << "Lawn renovation stage 2"
            << "medium"
            << "Lawn renovation stage 2";
        QTest::newRow("work.customer both changed: blocked") << W << true << "customer"
                                                             << "c1"
                                                             << "c2"
                                                             << "c3" << kRecentOs << None << None << "high" << None;
        QTest::newRow("work.project_type both changed: blocked")
            << W << true << "project_type"
            << "Renovation"
            << "Maintenance"
            << "New lawn" << kRecentOs << None << None << "high" << None;
        QTest::newRow("work.dates both changed: Ostendo's (medium)")
            << W << true << "dates"
            << "2026-03-01"
            << "2026-04-01"
            << "1/05/2026" << kRecentPd << "2026-05-01" << None << "medium"
            << "2026-05-01";

        // --- "flows" column: one side changed ---
        QTest::newRow("customer.name changed in Pipedrive flows to Ostendo")
            << C << true << "name"
            << "Acme Turf Ltd"
            << "Acme Turf (NZ) Ltd"
            << "Acme Turf Ltd" << kRecentPd << None << "Acme Turf (NZ) Ltd"
            << ""
            << "Acme Turf (NZ) Ltd";
        QTest::newRow("customer.name changed in Ostendo flows to Pipedrive")
            << C << true << "name"
            << "Acme Turf Ltd"
            << "Acme Turf Ltd"
            << "Acme Turf (NZ) Ltd" << kRecentOs << "Acme Turf (NZ) Ltd" << None << ""
            << "Acme Turf (NZ) Ltd";
        QTest::newRow("customer.phone emptied in Pipedrive: emptying flows") << C << true << "phone"
                                                                             << "09 555 0100"
                                                                             << ""
                                                                             << "09 555 0100" << kRecentPd << None << ""
                                                                             << ""
                                                                             << "";
        QTest::newRow("customer.notes changed in Ostendo flows as it is")
            << C << true << "notes"
            << "Gate code 1234"
            << "Gate code 1234"
            << "Gate code 4321" << kRecentOs << "Gate code 4321" << None << ""
            << "Gate code 4321";
        QTest::newRow("work.status open->won in Pipedrive writes the first of the won set")
            << W << true << "status"
            << "open"
            << "won"
            << "Quoted" << kRecentPd << None << "Approved"
            << ""
            << "won";
        QTest::newRow("work.status moved inside the won set in Ostendo is no change")
            << W << true << "status"
            << "won"
            << "won"
            << "In Progress" << kRecentOs << None << None << ""
            << "won";
        QTest::newRow("work.status: a won deal whose job is Cancelled is a mismatch, Pipedrive's put back")
            << W << true << "status"
            << "won"
            << "won"
            << "Cancelled" << kRecentOs << None << "Approved"
            << "medium"
            << "won";
        QTest::newRow("work.status changed in Ostendo only (one-way): put back, medium")
            << W << true << "status"
            << "open"
            << "open"
            << "Approved" << kRecentOs << None << "Quoted"
            << "medium"
            << "open";
        QTest::newRow("work.stage changed in Ostendo only (one-way): put back, medium")
            << W << true << "stage"
            << "Qualified"
            << "Qualified"
            << "Won on site" << kRecentOs << None << "Qualified"
            << "medium"
            << "Qualified";
        QTest::newRow("work.value changed in Ostendo flows to Pipedrive")
            << W << true << "value"
            << "1200"
            << "1200"
            << "1350.50" << kRecentOs << "1350.5" << None << ""
            << "1350.5";
        QTest::newRow("work.title changed in Pipedrive flows to Ostendo")
            << W << true << "title"
            << "Lawn renovation"
            << "Lawn renovation + irrigation"
            << "Lawn renovation" << kRecentPd << None << "Lawn renovation + irrigation"
            << ""
            << "Lawn renovation + irrigation";
        QTest::newRow("work.customer changed in Ostendo (owner) flows") << W << true << "customer"
                                                                        << "c1"
                                                                        << "c1"
                                                                        << "c9" << kRecentOs << "c9" << None << ""
                                                                        << "c9";
        QTest::newRow("work.customer changed in Pipedrive alone: critical, blocked")
            << W << true << "customer"
            << "c1"
            << "c9"
            << "c1" << kRecentPd << None << None << "high" << None;
        QTest::newRow("work.project_type changed in Ostendo (owner) flows")
            << W << true << "project_type"
            << "Renovation"
            << "Renovation"
            << "Maintenance" << kRecentOs << "Maintenance" << None << ""
            << "Maintenance";
        QTest::newRow("work.project_type changed in Pipedrive alone: critical, blocked")
            << W << true << "project_type"
            << "Renovation"
            << "Maintenance"
            << "Renovation" << kRecentPd << None << None << "high" << None;
        QTest::newRow("work.dates changed in Ostendo flows, in ISO form")
            << W << true << "dates"
            << "2026-03-01"
            << "2026-03-01"
            << "15/03/2026 12:00:00 a.m." << kRecentOs << "2026-03-15" << None << ""
            << "2026-03-15";
        QTest::newRow("work.dates changed in Pipedrive alone (one-way): put back, medium")
            << W << true << "dates"
            << "2026-03-01"
            << "2026-04-01"
            << "2026-03-01" << kRecentPd << "2026-03-01" << None << "medium"
            << "2026-03-01";

        // --- low risk: formatting only ---
        QTest::newRow("phone punctuation and country prefix edited on one side: touched but equal, nothing")
            << C << true << "phone"
            << "09 555 0100"
            << "09 555 0100"
            << "+64 9 555-0100" << kRecentOs << None << None << ""
            << "09 555 0100";
        QTest::newRow("email case edited on one side: touched but equal, nothing")
            << C << true << "email"
            << "ops@acme.co.nz"
            << "OPS@Acme.co.nz"
            << "ops@acme.co.nz" << kRecentPd << None << None << ""
            << "ops@acme.co.nz";
        QTest::newRow("both changed to the same phone, formatted differently: low, no write (write_clean off)")
            << C << true << "phone"
            << "09 555 0100"
            << "021 444 555"
            << "+64 21 444-555" << kRecentOs << None << None << "low"
            << "+64 21 444-555";
        QTest::newRow("first sync, name with extra spaces: low, the tidy form written to both")
            << C << false << "name" << None << "Acme  Turf Ltd"
            << " Acme Turf Ltd " << kRecentOs << "Acme Turf Ltd"
            << "Acme Turf Ltd"
            << "low"
            << "Acme Turf Ltd";
        QTest::newRow("first sync, email case: low, lower case written where it differs")
            << C << false << "email" << None << "Ops@Acme.co.nz"
            << "ops@acme.co.nz" << kRecentOs << "ops@acme.co.nz" << None << "low"
            << "ops@acme.co.nz";
        QTest::newRow("first sync, value trailing zeros: low") << W << false << "value" << None << "1200"
                                                               << "1200.00" << kRecentOs << None << "1200"
                                                               << "low"
                                                               << "1200";
        QTest::newRow("first sync, date formats: low") << W << false << "dates" << None << "2026-03-01"
                                                       << "1/03/2026 3:43:27 p.m." << kRecentOs << None << "2026-03-01"
                                                       << "low"
                                                       << "2026-03-01";
        QTest::newRow("first sync, address spacing and case: low, the tidy form written")
            << C << false << "address" << None << "1 Queen St, Auckland 1010"
            << "1 QUEEN ST ,  Auckland 1010" << kRecentOs << None << "1 Queen St, Auckland 1010"
            << "low"
            << "1 Queen St, Auckland 1010";

        // --- first sync (no base): values that differ count as changed on both sides ---
        QTest::newRow("first sync, names differ: the merge rule decides (Pipedrive's), logged")
            << C << false << "name" << None << "Acme Turf Ltd"
            << "Acme Turf Limited" << kRecentOs << None << "Acme Turf Ltd"
            << "medium"
            << "Acme Turf Ltd";
        QTest::newRow("first sync, only Ostendo has a phone: copied, low")
            << C << false << "phone" << None << ""
            << "09 555 0100" << kRecentPd << "09 555 0100" << None << "low"
            << "09 555 0100";
        QTest::newRow("first sync, only Pipedrive has a name: copied, never emptied by the owner rule")
            << C << false << "name" << None << "Acme Turf Ltd"
            << "" << kRecentOs << None << "Acme Turf Ltd"
            << "low"
            << "Acme Turf Ltd";
        QTest::newRow("first sync, notes differ: both kept")
            << C << false << "notes" << None << "Call first"
            << "Dog on site" << kRecentOs << "Dog on site\n\nCall first"
            << "Dog on site\n\nCall first"
            << "low"
            << "Dog on site\n\nCall first";
        QTest::newRow("first sync, project types differ: blocked")
            << W << false << "project_type" << None << "Maintenance"
            << "Renovation" << kRecentOs << None << None << "high" << None;
        // Empty against filled is low (DESIGN §2) for a critical field too, when the filled value may flow.
        QTest::newRow("first sync, only Ostendo (the owner) has a project type: copied")
            << W << false << "project_type" << None << ""
            << "Installation" << kRecentPd << "Installation" << None << "low"
            << "Installation";
        QTest::newRow("first sync, only Pipedrive has a project type: Ostendo owns it, so a person decides")
            << W << false << "project_type" << None << "Installation"
            << "" << kRecentPd << None << None << "high" << None;
        QTest::newRow("first sync, statuses map to each other: nothing")
            << W << false << "status" << None << "won"
            << "Completed" << kRecentOs << None << None << ""
            << "won";
    }

    void fieldRules()
    {
        QFETCH(EntityKind, entity);
        QFETCH(bool, hasBase);
        QFETCH(QString, field);
        QFETCH(QString, base);
        QFETCH(QString, pipedrive);
        QFETCH(QString, ostendo);
        QFETCH(QString, newer);
        QFETCH(QString, writePipedrive);
        QFETCH(QString, writeOstendo);
        QFETCH(QString, risk);
        QFETCH(QString, newBase);

        RecordWorld w = world(entity, hasBase);
        if (hasBase) {
            w.base->insert(field, base);
        }
        w.pipedrive.values.insert(field, pipedrive);
        w.ostendo.values.insert(field, ostendo);
        if (newer == kRecentPd) {
            w.pipedrive.modifiedAt = w.pipedrive.modifiedAt.addSecs(60);
        } else if (newer == kRecentOs) {
            // Ostendo's clock is local: 22:01 in Auckland in November (UTC+13) is 09:01 UTC, a minute after
            // Pipedrive's 09:00 UTC, although the local hour looks far later or (a day before) far earlier.
            w.ostendo.modifiedAt =
                QDateTime(QDate(2026, 11, 1), QTime(22, 1), QTimeZone(QByteArrayLiteral("Pacific/Auckland")));
        }

        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcile(entity, w.base, w.pipedrive, w.ostendo);

        QCOMPARE(plan.pipedrive.fields.contains(field), !writePipedrive.isNull());
        QCOMPARE(plan.ostendo.fields.contains(field), !writeOstendo.isNull());
        if (!writePipedrive.isNull()) {
            QCOMPARE(plan.pipedrive.fields.value(field), writePipedrive);
        }
        if (!writeOstendo.isNull()) {
            QCOMPARE(plan.ostendo.fields.value(field), writeOstendo);
        }
        // No other field is touched: every other field agrees with the base.
        QVERIFY2(plan.pipedrive.fields.size() <= 1 && plan.ostendo.fields.size() <= 1,
                 QJsonDocument(plan.toJson()).toJson().constData());

        if (risk.isEmpty()) {
            QVERIFY2(plan.conflicts.isEmpty(), QJsonDocument(plan.toJson()).toJson().constData());
        } else {
            QCOMPARE(plan.conflicts.size(), 1);
            const Conflict &conflict = plan.conflicts.first();
            QCOMPARE(Risks::key(conflict.risk), risk);
            QCOMPARE(conflict.kind, Conflict::Kind::Field);
            QVERIFY(conflict.field(field));
            QCOMPARE(conflict.field(field)->pipedrive, pipedrive);
            QCOMPARE(conflict.field(field)->ostendo, ostendo);
            QVERIFY(!conflict.rule.isEmpty());
            QCOMPARE(conflict.status,
                     risk == QLatin1String("high") ? Conflict::Status::PendingReview : Conflict::Status::AutoResolved);
        }
        if (risk == QLatin1String("high")) {
            QVERIFY(plan.isBlocked());
            QVERIFY(plan.writesNothing());
            QVERIFY(!plan.newBase);
            return;
        }
        QVERIFY(plan.newBase);
        QCOMPARE(plan.newBase->value(field), newBase);

        // Stable and idempotent: the state the plan produces reconciles to nothing.
        w.apply(plan);
        const SyncPlan again = reconciler.reconcile(entity, w.base, w.pipedrive, w.ostendo);
        QVERIFY2(again.isEmpty(), QJsonDocument(again.toJson()).toJson().constData());
    }

    void differentFieldsEditedOnEachSideBothFlow()
    {
        RecordWorld w = world(EntityKind::Customer, true);
        w.pipedrive.values.insert(QStringLiteral("name"), QStringLiteral("Acme Turf (NZ) Ltd"));
        w.ostendo.values.insert(QStringLiteral("phone"), QStringLiteral("09 555 0199"));
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcile(EntityKind::Customer, w.base, w.pipedrive, w.ostendo);
        QVERIFY(plan.conflicts.isEmpty());
        QCOMPARE(plan.ostendo.fields, (FieldValues{{QStringLiteral("name"), QStringLiteral("Acme Turf (NZ) Ltd")}}));
        QCOMPARE(plan.pipedrive.fields, (FieldValues{{QStringLiteral("phone"), QStringLiteral("09 555 0199")}}));
        QCOMPARE(plan.linkStatus, SyncPlan::LinkStatus::InStep);
    }

    void touchedButEqualIsNothing()
    {
        RecordWorld w = world(EntityKind::Customer, true);
        w.pipedrive.modifiedAt = w.pipedrive.modifiedAt.addDays(3);
        w.ostendo.values.insert(QStringLiteral("email"), QStringLiteral("  OPS@acme.co.nz"));
        const Reconciler reconciler(Policy::defaultPolicy());
        QVERIFY(reconciler.reconcile(EntityKind::Customer, w.base, w.pipedrive, w.ostendo).isEmpty());
    }

    void aHighFieldBlocksTheWholeRecord()
    {
        RecordWorld w = world(EntityKind::WorkItem, true);
        w.pipedrive.values.insert(QStringLiteral("title"), QStringLiteral("New title"));   // would flow
        w.pipedrive.values.insert(QStringLiteral("customer"), QStringLiteral("c7"));       // critical, wrong side
        w.ostendo.values.insert(QStringLiteral("stage"), QStringLiteral("Not the owner")); // would be medium
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcile(EntityKind::WorkItem, w.base, w.pipedrive, w.ostendo);
        QVERIFY(plan.isBlocked());
        QVERIFY(plan.writesNothing());
        QVERIFY(!plan.newBase);
        QCOMPARE(plan.conflicts.size(), 1);
        QCOMPARE(plan.conflicts.first().risk, Risk::High);
        QCOMPARE(plan.conflicts.first().fields.first().field, QStringLiteral("customer"));
        // Blocked stays blocked, the same way, until a person decides.
        const SyncPlan again = reconciler.reconcile(EntityKind::WorkItem, w.base, w.pipedrive, w.ostendo);
        QCOMPARE(again.toJson(), plan.toJson());
    }

    void conflictJsonRoundTrips()
    {
        RecordWorld w = world(EntityKind::Customer, true);
        w.pipedrive.values.insert(QStringLiteral("phone"), QStringLiteral("09 111 1111"));
        w.ostendo.values.insert(QStringLiteral("phone"), QStringLiteral("09 222 2222"));
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcile(EntityKind::Customer, w.base, w.pipedrive, w.ostendo);
        QCOMPARE(plan.conflicts.size(), 1);
        const QJsonObject json = plan.conflicts.first().toJson();
        QCOMPARE(json.value(QLatin1String("entity")).toString(), QStringLiteral("customer"));
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("field"));
        QCOMPARE(json.value(QLatin1String("risk")).toString(), QStringLiteral("medium"));
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("auto_resolved"));
        const QJsonObject field = json.value(QLatin1String("fields")).toArray().first().toObject();
        QCOMPARE(field.value(QLatin1String("field")).toString(), QStringLiteral("phone"));
        QCOMPARE(field.value(QLatin1String("base")).toString(), QStringLiteral("09 555 0100"));
        QCOMPARE(field.value(QLatin1String("result")).toString(), QStringLiteral("09 222 2222"));
        QVERIFY(json.value(QLatin1String("rule")).toString().contains(QLatin1String("Ostendo's value wins")));
        const auto back = Conflict::fromJson(json);
        QVERIFY(back);
        QCOMPARE(back->toJson(), json);
        QVERIFY(!Conflict::fromJson(QJsonObject{{QStringLiteral("entity"), QStringLiteral("customer")}}));
    }

    // --- deletions and archives ---
    void lifecycle_data()
    {
        QTest::addColumn<EntityKind>("entity");
        QTest::addColumn<SideRecord::State>("pipedriveState");
        QTest::addColumn<SideRecord::State>("ostendoState");
        QTest::addColumn<bool>("hasBase");
        QTest::addColumn<bool>("baseArchived");
        QTest::addColumn<QString>("editedField"); // edited on the live side since the base
        QTest::addColumn<bool>("openWork");
        QTest::addColumn<QString>("jobStatus");
        QTest::addColumn<SidePlan::Lifecycle>("pipedriveAction");
        QTest::addColumn<SidePlan::Lifecycle>("ostendoAction");
        QTest::addColumn<SyncPlan::LinkStatus>("linkStatus");
        QTest::addColumn<QString>("conflictKind"); // empty: none

        using S = SideRecord::State;
        using L = SidePlan::Lifecycle;
        using K = SyncPlan::LinkStatus;
        const EntityKind C = EntityKind::Customer;
        const EntityKind W = EntityKind::WorkItem;
        QTest::newRow("customer archived in Ostendo is mirrored as archived in Pipedrive")
            << C << S::Present << S::Archived << true << false << "" << false << "" << L::Archive << L::Keep
            << K::Archived << "";
        QTest::newRow("organization deleted in Pipedrive archives the Ostendo customer")
            << C << S::Deleted << S::Present << true << false << "" << false << "" << L::Keep << L::Archive
            << K::Archived << "";
        QTest::newRow("organization gone from a full scan counts as deleted")
            << C << S::Absent << S::Present << true << false << "" << false << "" << L::Keep << L::Archive
            << K::Archived << "";
        QTest::newRow("first sync, archived on one side: mirrored")
            << C << S::Present << S::Archived << false << false << "" << false << "" << L::Archive << L::Keep
            << K::Archived << "";
        QTest::newRow("archived in Ostendo while edited in Pipedrive: deletion conflict")
            << C << S::Present << S::Archived << true << false << "name" << false << "" << L::Keep << L::Keep
            << K::Blocked << "deletion";
        QTest::newRow("deleted in Pipedrive while edited in Ostendo: deletion conflict")
            << C << S::Deleted << S::Present << true << false << "notes" << false << "" << L::Keep << L::Keep
            << K::Blocked << "deletion";
        QTest::newRow("archived customer with open work: high alert, nothing written")
            << C << S::Present << S::Archived << true << false << "" << true << "" << L::Keep << L::Keep << K::Blocked
            << "archived_with_open_work";
        QTest::newRow("archived on both sides but open work remains: high alert")
            << C << S::Archived << S::Archived << true << false << "" << true << "" << L::Keep << L::Keep << K::Blocked
            << "archived_with_open_work";
        QTest::newRow("archived on both sides, already agreed: nothing")
            << C << S::Archived << S::Archived << true << true << "" << false << "" << L::Keep << L::Keep << K::Archived
            << "";
        QTest::newRow("made Active again in Ostendo: Pipedrive made Active too")
            << C << S::Archived << S::Present << true << true << "" << false << "" << L::Unarchive << L::Keep
            << K::InStep << "";
        QTest::newRow("made Active again in Ostendo but the organization was deleted: deletion conflict")
            << C << S::Deleted << S::Present << true << true << "" << false << "" << L::Keep << L::Keep << K::Blocked
            << "deletion";
        QTest::newRow("deal deleted, job still live: high case, job left as it is")
            << W << S::Deleted << S::Present << true << false << "" << false << "Approved" << L::Keep << L::Keep
            << K::Blocked << "deletion";
        QTest::newRow("deal deleted, job already completed: archived link, nothing written")
            << W << S::Deleted << S::Present << true << false << "" << false << "Completed" << L::Keep << L::Keep
            << K::Archived << "";
        QTest::newRow("deal deleted while its job was edited: deletion conflict")
            << W << S::Deleted << S::Present << true << false << "title" << false << "Closed" << L::Keep << L::Keep
            << K::Blocked << "deletion";
        QTest::newRow("job gone, deal still open: high case")
            << W << S::Present << S::Absent << true << false << "" << false << "" << L::Keep << L::Keep << K::Blocked
            << "deletion";
    }

    void lifecycle()
    {
        QFETCH(EntityKind, entity);
        QFETCH(SideRecord::State, pipedriveState);
        QFETCH(SideRecord::State, ostendoState);
        QFETCH(bool, hasBase);
        QFETCH(bool, baseArchived);
        QFETCH(QString, editedField);
        QFETCH(bool, openWork);
        QFETCH(QString, jobStatus);
        QFETCH(SidePlan::Lifecycle, pipedriveAction);
        QFETCH(SidePlan::Lifecycle, ostendoAction);
        QFETCH(SyncPlan::LinkStatus, linkStatus);
        QFETCH(QString, conflictKind);

        RecordWorld w = world(entity, hasBase);
        if (baseArchived) {
            w.base->insert(Reconciler::ArchivedKey, QStringLiteral("true"));
        }
        w.pipedrive.state = pipedriveState;
        w.ostendo.state = ostendoState;
        if (!jobStatus.isEmpty()) {
            w.ostendo.values.insert(QStringLiteral("status"), jobStatus);
            w.base->insert(QStringLiteral("status"), QStringLiteral("won"));
            w.pipedrive.values.insert(QStringLiteral("status"), QStringLiteral("won"));
        }
        if (!editedField.isEmpty()) {
            SideRecord &live = pipedriveState == SideRecord::State::Present ? w.pipedrive : w.ostendo;
            live.values.insert(editedField, live.value(editedField) + QStringLiteral(" (edited)"));
        }
        ReconcileContext context;
        context.customerHasOpenWork = openWork;
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcile(entity, w.base, w.pipedrive, w.ostendo, context);

        QCOMPARE(plan.pipedrive.lifecycle, pipedriveAction);
        QCOMPARE(plan.ostendo.lifecycle, ostendoAction);
        QCOMPARE(plan.linkStatus, linkStatus);
        if (conflictKind.isEmpty()) {
            QVERIFY2(plan.conflicts.isEmpty(), QJsonDocument(plan.toJson()).toJson().constData());
        } else {
            QCOMPARE(plan.conflicts.size(), 1);
            QCOMPARE(Conflict::kindKey(plan.conflicts.first().kind), conflictKind);
            QCOMPARE(plan.conflicts.first().risk, Risk::High);
            QVERIFY(plan.writesNothing());
            if (!editedField.isEmpty()) {
                QVERIFY(plan.conflicts.first().field(editedField));
            }
        }
        if (!plan.isBlocked()) {
            w.apply(plan);
            const SyncPlan again = reconciler.reconcile(entity, w.base, w.pipedrive, w.ostendo, context);
            QVERIFY2(again.isEmpty(), QJsonDocument(again.toJson()).toJson().constData());
        }
    }

    void archiveMayArriveAsAValue()
    {
        RecordWorld w = world(EntityKind::Customer, true);
        w.ostendo.values.insert(Reconciler::ArchivedKey, QStringLiteral("true"));
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcile(EntityKind::Customer, w.base, w.pipedrive, w.ostendo);
        QCOMPARE(plan.pipedrive.lifecycle, SidePlan::Lifecycle::Archive);
        QCOMPARE(plan.linkStatus, SyncPlan::LinkStatus::Archived);
    }

    // --- records with no link ---
    void unlinked_data()
    {
        QTest::addColumn<EntityKind>("entity");
        QTest::addColumn<FieldValues>("newValues"); // the new Pipedrive record
        QTest::addColumn<QString>("newCarriedId");
        QTest::addColumn<FieldValues>("otherValues"); // one Ostendo record
        QTest::addColumn<QString>("otherCarriedId");
        QTest::addColumn<bool>("otherIsNew");
        QTest::addColumn<QString>("expected"); // link | duplicate | create

        const FieldValues acme = customerBase();
        FieldValues other{{QStringLiteral("name"), QStringLiteral("Bravo Lawns")},
                          {QStringLiteral("email"), QStringLiteral("hi@bravo.nz")},
                          {QStringLiteral("phone"), QStringLiteral("07 838 1111")}};
        FieldValues sameEmail = other;
        sameEmail.insert(QStringLiteral("email"), QStringLiteral(" OPS@ACME.CO.NZ"));
        FieldValues samePhone = other;
        samePhone.insert(QStringLiteral("phone"), QStringLiteral("+64 9 555-0100"));
        FieldValues sameName = other;
        sameName.insert(QStringLiteral("name"), QStringLiteral("ACME turf limited"));
        const EntityKind C = EntityKind::Customer;
        QTest::newRow("carried id on the new record: linked") << C << acme << "48213" << other << "" << false << "link";
        QTest::newRow("the other record carries our id: linked")
            << C << acme << "" << other << "101" << false << "link";
        QTest::newRow("carried id contradicted by the other's own: duplicate")
            << C << acme << "48213" << other << "999" << false << "duplicate";
        QTest::newRow("same email: possible duplicate") << C << acme << "" << sameEmail << "" << false << "duplicate";
        QTest::newRow("same phone: possible duplicate") << C << acme << "" << samePhone << "" << false << "duplicate";
        QTest::newRow("same normalised name: possible duplicate")
            << C << acme << "" << sameName << "" << false << "duplicate";
        QTest::newRow("created on both sides in the same cycle and matching: duplicate")
            << C << acme << "" << sameEmail << "" << true << "duplicate";
        QTest::newRow("no match: counterpart created") << C << acme << "" << other << "" << false << "create";

        const EntityKind W = EntityKind::WorkItem;
        FieldValues job = workBase();
        job.insert(QStringLiteral("status"), QStringLiteral("Quoted"));
        FieldValues otherCustomerJob = job;
        otherCustomerJob.insert(QStringLiteral("customer"), QStringLiteral("c2"));
        QTest::newRow("deal carrying the job number: linked")
            << W << workBase() << "PD101" << job << "" << false << "link";
        QTest::newRow("job with the same title and customer: duplicate")
            << W << workBase() << "" << job << "" << false << "duplicate";
        QTest::newRow("job with the same title for another customer: created")
            << W << workBase() << "" << otherCustomerJob << "" << false << "create";
    }

    void unlinked()
    {
        QFETCH(EntityKind, entity);
        QFETCH(FieldValues, newValues);
        QFETCH(QString, newCarriedId);
        QFETCH(FieldValues, otherValues);
        QFETCH(QString, otherCarriedId);
        QFETCH(bool, otherIsNew);
        QFETCH(QString, expected);

        SideRecord record = presentRecord(QStringLiteral("101"), newValues);
        record.carriedId = newCarriedId;
        record.createdThisCycle = true;
        SideRecord other = presentRecord(QStringLiteral("48213"), otherValues);
        other.carriedId = otherCarriedId;
        other.createdThisCycle = otherIsNew;
        other.values.insert(QStringLiteral("job_number"), QStringLiteral("PD101"));
        const SideRecord unrelated =
            presentRecord(QStringLiteral("5"), {{QStringLiteral("name"), QStringLiteral("Zed")}});

        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan =
            reconciler.reconcileUnlinked(entity, Side::Pipedrive, record, {unrelated, other, unrelated});
        if (expected == QLatin1String("link")) {
            QCOMPARE(plan.linkPipedriveId, QStringLiteral("101"));
            QCOMPARE(plan.linkOstendoKey, QStringLiteral("48213"));
            QVERIFY(!plan.isBlocked() || !plan.conflicts.isEmpty());
            for (const Conflict &conflict : plan.conflicts) {
                QVERIFY(conflict.kind != Conflict::Kind::Duplicate);
            }
        } else if (expected == QLatin1String("duplicate")) {
            QVERIFY(plan.isBlocked());
            QVERIFY(plan.writesNothing());
            QCOMPARE(plan.conflicts.size(), 1);
            QCOMPARE(plan.conflicts.first().kind, Conflict::Kind::Duplicate);
            QCOMPARE(plan.conflicts.first().risk, Risk::High);
            QCOMPARE(plan.conflicts.first().ostendoKey, QStringLiteral("48213"));
            QVERIFY(plan.conflicts.first().rule.contains(QLatin1String("duplicate")));
        } else {
            QVERIFY(plan.conflicts.isEmpty());
            QCOMPARE(plan.ostendo.lifecycle, SidePlan::Lifecycle::Create);
            QVERIFY(plan.pipedrive.isEmpty());
            QCOMPARE(plan.linkPipedriveId, QStringLiteral("101"));
            const QString titleField =
                entity == EntityKind::Customer ? QStringLiteral("name") : QStringLiteral("title");
            QCOMPARE(plan.ostendo.fields.value(titleField), newValues.value(titleField));
        }
    }

    void keptSeparateIsNotOfferedAgain()
    {
        SideRecord record = presentRecord(QStringLiteral("101"), customerBase());
        SideRecord twin = presentRecord(QStringLiteral("48213"), customerBase());
        const Reconciler reconciler(Policy::defaultPolicy());
        QVERIFY(reconciler.reconcileUnlinked(EntityKind::Customer, Side::Pipedrive, record, {twin}).isBlocked());
        const SyncPlan plan = reconciler.reconcileUnlinked(EntityKind::Customer, Side::Pipedrive, record, {twin},
                                                           {QStringLiteral("48213")});
        QCOMPARE(plan.ostendo.lifecycle, SidePlan::Lifecycle::Create);
    }

    void creationFollowsDesign_data()
    {
        QTest::addColumn<int>("sideIndex");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("createdStatus");
        QTest::addColumn<QString>("jobNumber");
        QTest::newRow("open deal -> Quoted job numbered PD{deal_id}") << 0 << "open"
                                                                      << "Quoted"
                                                                      << "PD101";
        QTest::newRow("lost deal -> Cancelled job") << 0 << "lost"
                                                    << "Cancelled"
                                                    << "PD101";
        QTest::newRow("Quoted job -> open deal carrying the job number") << 1 << "Quoted"
                                                                         << "open"
                                                                         << "J-7";
        QTest::newRow("In Progress job -> won deal") << 1 << "In Progress"
                                                     << "won"
                                                     << "J-7";
        QTest::newRow("Cancelled job -> lost deal") << 1 << "Cancelled"
                                                    << "lost"
                                                    << "J-7";
    }

    void creationFollowsDesign()
    {
        QFETCH(int, sideIndex);
        QFETCH(QString, status);
        QFETCH(QString, createdStatus);
        QFETCH(QString, jobNumber);
        const Side side = sideIndex == 0 ? Side::Pipedrive : Side::Ostendo;
        FieldValues values = workBase();
        values.insert(QStringLiteral("status"), status);
        values.insert(QStringLiteral("job_number"), QStringLiteral("J-7"));
        values.insert(QStringLiteral("value"), QStringLiteral("1200.00"));
        const SideRecord record = presentRecord(QStringLiteral("101"), values);
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcileUnlinked(EntityKind::WorkItem, side, record, {});
        const SidePlan &created = plan.side(Sides::other(side));
        QCOMPARE(created.lifecycle, SidePlan::Lifecycle::Create);
        QCOMPARE(created.fields.value(QStringLiteral("status")), createdStatus);
        QCOMPARE(created.fields.value(QStringLiteral("job_number")), jobNumber);
        QCOMPARE(created.fields.value(QStringLiteral("value")), QStringLiteral("1200"));
        QVERIFY(plan.newBase);

        // Once the counterpart exists and is linked, the pair reconciles to nothing.
        RecordWorld w;
        w.record(side) = record;
        w.apply(plan);
        const SyncPlan again = reconciler.reconcile(EntityKind::WorkItem, w.base, w.pipedrive, w.ostendo);
        QVERIFY2(again.isEmpty(), QJsonDocument(again.toJson()).toJson().constData());
    }

    void archivedUnlinkedRecordIsNeverRecreated()
    {
        SideRecord record = presentRecord(QStringLiteral("101"), customerBase());
        record.state = SideRecord::State::Archived;
        const Reconciler reconciler(Policy::defaultPolicy());
        const SyncPlan plan = reconciler.reconcileUnlinked(EntityKind::Customer, Side::Ostendo, record, {});
        QVERIFY(plan.isEmpty());
        QCOMPARE(plan.linkStatus, SyncPlan::LinkStatus::Unlinked);
    }
};

QTEST_GUILESS_MAIN(TestReconciler)
#include "tst_reconciler.moc"

// Focused regression tests for the engine bugs the deterministic simulation found; each names the seed that found it
// (tests/simulation/regressions.txt keeps the seeds themselves).
#include "EngineRig.h"

#include "bridge/SandboxBridge.h"
#include "connectors/InProcessTransport.h"

#include <QLoggingCategory>
#include <QTest>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The one conflict row about `field` of this customer that holds both values, if there is one.
bool conflictHolds(EngineRig &rig, qint64 org, const QString &field, const QString &pipedrive, const QString &ostendo)
{
    for (const ConflictRecord &c : rig.store.conflicts()) {
        const ConflictField *f = c.conflict.field(field);
        if (c.conflict.pipedriveId == QString::number(org) && f && f->pipedrive == pipedrive && f->ostendo == ostendo) {
            return true;
        }
    }
    return false;
}
} // namespace

class TestSimRegressions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=false")); }

    // Seed 14: the Ostendo half of a both-sides email edit was applied but its answer lost. The record failed, the
    // conflict was never stored, and the next run found both sides equal: Ostendo's value was gone without a trace.
    void aSameFieldConflictIsKeptWhenTheWriteAnswerIsLost_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("pipedriveField");
        QTest::addColumn<QString>("ostendoColumn");
        QTest::newRow("email") << s("email") << s("Email") << s("CUSTOMEREMAIL");
        QTest::newRow("name") << s("name") << s("name") << s("CUSTOMER");
    }
    void aSameFieldConflictIsKeptWhenTheWriteAnswerIsLost()
    {
        QFETCH(QString, field);
        QFETCH(QString, pipedriveField);
        QFETCH(QString, ostendoColumn);
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Kauri Lawns"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 key =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
        QVERIFY(key);

        rig.advance(300);
        // Pipedrive's value wins both rows, so the record's Ostendo write is the one whose answer is lost.
        const QString pdValue = s("pd-%1@kauri.example").arg(field);
        const QString osValue = s("os-%1@kauri.example").arg(field);
        rig.editOrganization(org, QJsonObject{{pipedriveField, pdValue}});
        rig.editCustomer(key, {{ostendoColumn, osValue}});
        rig.advance(10);
        // The simulator's own fault: the next import is applied and its answer lost; reads are left alone.
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::TableDataPost;
        fault.kind = OstendoFault::Kind::AppliedThenLost;
        fault.lostAs = SimResponse::Fault::Reset;
        fault.times = 1;
        rig.ostendo.addFault(fault);
        const RunSummary failed = rig.sync();
        QCOMPARE(failed.exitCode, 4);

        rig.advance(4000);
        const RunSummary next = rig.sync();
        QVERIFY2(next.exitCode == 0, qPrintable(next.error));
        QVERIFY2(conflictHolds(rig, org, field, pdValue, osValue), "no conflict row holds both values");
        // Stored once, not again by the run that finished the record.
        int rows = 0;
        for (const ConflictRecord &c : rig.store.conflicts()) {
            rows += c.conflict.field(field) != nullptr;
        }
        QCOMPARE(rows, 1);
    }

    // Seed 340: the n-th database write of a run failed on the conflict row itself; the values were written anyway and
    // the row was lost. For every n, a run with a failing write and then a clean one must leave the row.
    void aFailedDatabaseWriteNeverLosesAConflictRow_data()
    {
        QTest::addColumn<int>("failingWrite");
        for (int n = 1; n <= 24; ++n) {
            QTest::addRow("write %d fails", n) << n;
        }
    }
    void aFailedDatabaseWriteNeverLosesAConflictRow()
    {
        QFETCH(int, failingWrite);
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Totara Turf"}, {"Phone", "09 555 0100"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 key =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"Phone", "09 555 0101"}});
        rig.editCustomer(key, {{"CUSTOMERPHONE", "09 555 0202"}});
        rig.advance(10);
        rig.store.failNthWrite(failingWrite);
        rig.sync();
        const bool fired = rig.store.writesSeen() >= failingWrite;
        rig.store.failNthWrite(0);
        for (int i = 0; i < 3; ++i) {
            rig.advance(4000);
            rig.sync();
        }
        QVERIFY2(conflictHolds(rig, org, s("phone"), s("09 555 0101"), s("09 555 0202")),
                 fired ? "the failed write lost the conflict row" : "no conflict row (the write never failed)");
        // The rule (both filled in: Ostendo's) reached both sides.
        QCOMPARE(rig.orgCustom(org, s("Phone")), s("09 555 0202"));
        QCOMPARE(rig.customer(key).value("CUSTOMERPHONE").toString(), s("09 555 0202"));
        QVERIFY(rig.store.checkIntegrity().isEmpty());
    }

    // Seeds 28 and 41: a deal created for an Ostendo job gets Pipedrive's default stage; the job only took it one run
    // later, so the run after an in-step run still wrote.
    void aDealCreatedForAJobBringsItsStageBackInTheSameRun()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "Rimu Sports Club"}});
        Q_UNUSED(customer)
        const qint64 job = rig.addQuotedJob(QStringLiteral("J7001"), QStringLiteral("Rimu Sports Club"),
                                            QStringLiteral("Sportsfield renovation"), 5400);
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 deal = rig.job(job).value("ADDITIONALFIELD_1").toLongLong();
        QVERIFY(deal);
        QVERIFY(rig.deal(deal).value("stage_id").toDouble() > 0);
        QVERIFY(!rig.job(job).value("ADDITIONALFIELD_2").toString().isEmpty());

        rig.advance(300);
        const RunSummary second = rig.sync();
        QCOMPARE(second.exitCode, 0);
        const QJsonObject work = second.json.value("work_items").toObject();
        for (const char *direction : {"to_pipedrive", "to_ostendo"}) {
            QCOMPARE(work.value(QLatin1String(direction)).toObject().value("updated").toInt(), 0);
        }
    }

    // Seeds 361 and 1590: a customer renamed in Pipedrive was renamed in Ostendo, but the write moving its job to the
    // new name failed. The customer's base took the new name, so no later run renamed the job, which then matched no
    // customer and never synced again.
    void aJobWhoseRenameFailedIsRenamedByTheNextRun()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        bool breakJobRename = false;
        const InProcessTransport::Handler inner = SandboxBridge::handlerFor(&rig.ostendo);
        rig.ostendoTransport = std::make_unique<InProcessTransport>([&](const HttpRequest &request) {
            if (breakJobRename && request.body.contains("<jobheader>") && request.body.contains("<customer>")) {
                breakJobRename = false;
                HttpResponse reset;
                reset.error = HttpResponse::TransportError::ConnectionReset;
                return reset; // nothing applied
            }
            return inner(request);
        });
        rig.rebuildClients();
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "Matai Bowls Club"}});
        const qint64 job = rig.addQuotedJob(QStringLiteral("J7002"), QStringLiteral("Matai Bowls Club"),
                                            QStringLiteral("Green renovation"), 2100);
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 org = rig.organizationsCarrying(QString::number(customer)).value(0);
        QVERIFY(org);

        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"name", "Matai Bowls & Croquet Club"}});
        breakJobRename = true;
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 4);
        QVERIFY(!breakJobRename); // the job's rename was the write that failed
        QCOMPARE(rig.customer(customer).value("CUSTOMER").toString(), s("Matai Bowls & Croquet Club"));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Matai Bowls Club"));

        rig.advance(4000);
        const RunSummary next = rig.sync();
        QVERIFY2(next.exitCode == 0, qPrintable(next.error));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Matai Bowls & Croquet Club"));
        for (const Link &link : rig.store.links(EntityKind::Customer) + rig.store.links(EntityKind::WorkItem)) {
            QCOMPARE(link.status, LinkStatus::Synced);
        }
        rig.advance(300);
        const RunSummary quiet = rig.sync();
        QCOMPARE(quiet.exitCode, 0);
        for (const char *entity : {"customers", "work_items"}) {
            for (const char *direction : {"to_pipedrive", "to_ostendo"}) {
                QCOMPARE(quiet.json.value(QLatin1String(entity))
                             .toObject()
                             .value(QLatin1String(direction))
                             .toObject()
                             .value("updated")
                             .toInt(),
                         0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSimRegressions)
#include "tst_simregressions.moc"

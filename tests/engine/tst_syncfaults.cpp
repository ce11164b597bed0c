// The sync engine when writes fail: a 500 then recovery, a create whose answer is lost, failure state and back-off,
// a journal left open by a crash, and a 429 storm. Each case runs in process and over real loopback HTTP.
#include "EngineRig.h"
#include "demo/DemoScenario.h"

#include "util/TimeFormat.h"
#include <QJsonArray>
#include <QLoggingCategory>
#include <QTest>

Q_DECLARE_METATYPE(EngineRig::Mode)

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

qint64 ostendoKeyCarrying(const EngineRig &rig, qint64 org)
{
    return rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
}
} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

    static void addModes()
    {
        QTest::addColumn<EngineRig::Mode>("mode");
        QTest::newRow("in-process") << EngineRig::Mode::InProcess;
        QTest::newRow("loopback") << EngineRig::Mode::Loopback;
    }

private slots:
    void initTestCase()
    {
        // The clients log every request at debug level: thousands of lines that would drown the figures.
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
    }

    void aServerErrorLeavesTheRecordPendingAndTheNextRunFinishesIt_data() { addModes(); }
    void aServerErrorLeavesTheRecordPendingAndTheNextRunFinishesIt()
    {
        QFETCH(EngineRig::Mode, mode);
        EngineRig rig(mode);
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Rangitoto Lawn Care"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 key = ostendoKeyCarrying(rig, org);
        QVERIFY(key);
        const Link before = *rig.store.linkByPipedriveId(EntityKind::Customer, org);

        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"Phone", "09 555 0123"}, {"Email", "new@rangitoto.example"}});
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::TableDataPost;
        fault.kind = OstendoFault::Kind::ServerError;
        fault.status = 500;
        fault.times = 1;
        rig.ostendo.addFault(fault);
        rig.advance(10);
        const RunSummary failed = rig.sync();
        QCOMPARE(failed.exitCode, 4);
        QCOMPARE(failed.json.value("failed").toInt(), 1);
        QVERIFY(rig.customer(key).value("CUSTOMERPHONE").toString().isEmpty());
        Link pending = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(pending.status, LinkStatus::Pending);
        QCOMPARE(pending.retryCount, 1);
        QVERIFY(!pending.lastError.isEmpty());
        QVERIFY(pending.nextAttemptAt > rig.clock.nowUtc());
        QCOMPARE(pending.base, before.base); // the base did not move
        // The watermark did not pass the record that failed.
        QVERIFY(TimeFormat::fromStorage(rig.store.watermark(EntityKind::Customer, System::Pipedrive)) <
                QDateTime::fromString(rig.organization(org).value("update_time").toString(), Qt::ISODate));
        LogFilter errors;
        errors.errorsOnly = true;
        errors.action = s("update");
        QCOMPARE(rig.store.logEntries(errors).size(), 1);

        rig.advance(pending.nextAttemptAt.toSecsSinceEpoch() - rig.clock.nowUtc().toSecsSinceEpoch() + 1);
        const RunSummary recovered = rig.sync();
        QCOMPARE(recovered.exitCode, 0);
        QCOMPARE(rig.customer(key).value("CUSTOMERPHONE").toString(), s("09 555 0123"));
        QCOMPARE(rig.customer(key).value("CUSTOMEREMAIL").toString(), s("new@rangitoto.example"));
        const Link done = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(done.status, LinkStatus::Synced);
        QCOMPARE(done.retryCount, 0);
        QVERIFY(done.lastError.isEmpty());
        QCOMPARE(done.base.value(s("phone")).toString(), s("09 555 0123"));
        QVERIFY(rig.store.openJournalEntries().isEmpty());
    }

    void aHalfAppliedRecordStaysPendingAndIsFinishedByTheNextRun_data() { addModes(); }
    void aHalfAppliedRecordStaysPendingAndIsFinishedByTheNextRun()
    {
        QFETCH(EngineRig::Mode, mode);
        EngineRig rig(mode);
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Ferndale Medical Centre"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 key = ostendoKeyCarrying(rig, org);
        const Link before = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"Phone", "09 555 0144"}});
        rig.editCustomer(key, {{"CUSTOMEREMAIL", "reception@ferndale.example"}});
        // Ostendo takes its half; Pipedrive's half fails once.
        PipedriveFaultInjector::Rule rule;
        rule.method = "PATCH";
        rule.pathPattern = s("/api/v2/organizations/*");
        rule.kind = PipedriveFaultInjector::Kind::ServerError;
        rule.status = 500;
        rule.remaining = 1;
        rig.pipedrive.addFault(rule);
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 4);
        QCOMPARE(rig.customer(key).value("CUSTOMERPHONE").toString(), s("09 555 0144"));
        QVERIFY(rig.orgCustom(org, s("Email")).isEmpty());
        const Link half = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(half.status, LinkStatus::Pending);
        QCOMPARE(half.base, before.base); // the base waits for both sides

        rig.advance(half.nextAttemptAt.toSecsSinceEpoch() - rig.clock.nowUtc().toSecsSinceEpoch() + 1);
        QCOMPARE(rig.sync().exitCode, 0);
        QCOMPARE(rig.orgCustom(org, s("Email")), s("reception@ferndale.example"));
        const Link done = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(done.status, LinkStatus::Synced);
        QCOMPARE(done.base.value(s("phone")).toString(), s("09 555 0144"));
        QCOMPARE(done.base.value(s("email")).toString(), s("reception@ferndale.example"));
        ConflictFilter medium;
        medium.risk = Risk::Medium;
        QVERIFY(rig.store.conflicts(medium).isEmpty()); // finishing the job is not a conflict
    }

    void aCreateWhoseAnswerIsLostExistsExactlyOnce_data()
    {
        QTest::addColumn<EngineRig::Mode>("mode");
        QTest::addColumn<bool>("ostendoSide");
        QTest::addColumn<bool>("reset"); // the connection drops (true) or the answer never comes (false)
        for (EngineRig::Mode mode : {EngineRig::Mode::InProcess, EngineRig::Mode::Loopback}) {
            const char *where = mode == EngineRig::Mode::InProcess ? "in-process" : "loopback";
            for (bool ostendoSide : {true, false}) {
                for (bool reset : {false, true}) {
                    QTest::addRow("%s, %s, %s", where, ostendoSide ? "Ostendo insert" : "Pipedrive create",
                                  reset ? "reset" : "hang")
                        << mode << ostendoSide << reset;
                }
            }
        }
    }
    void aCreateWhoseAnswerIsLostExistsExactlyOnce()
    {
        QFETCH(EngineRig::Mode, mode);
        QFETCH(bool, ostendoSide);
        QFETCH(bool, reset);
        EngineRig rig(mode);
        rig.prepareEmptyCompany();
        qint64 org = 0;
        qint64 customer = 0;
        if (ostendoSide) {
            org = rig.addOrganization(QJsonObject{{"name", "Silver Fern Gardens"}});
            OstendoFault fault;
            fault.endpoint = OstendoFault::Endpoint::TableDataPost;
            fault.kind = OstendoFault::Kind::AppliedThenLost;
            fault.lostAs = reset ? SimResponse::Fault::Reset : SimResponse::Fault::Hang;
            fault.times = 1;
            rig.ostendo.addFault(fault);
        } else {
            customer = rig.addCustomer({{"CUSTOMER", "D'Arcy Homes"}});
            PipedriveFaultInjector::Rule rule;
            rule.method = "POST";
            rule.pathPattern = s("/api/v2/organizations");
            rule.kind =
                reset ? PipedriveFaultInjector::Kind::ApplyThenReset : PipedriveFaultInjector::Kind::ApplyThenHang;
            rule.remaining = 1;
            rig.pipedrive.addFault(rule);
        }
        // Settled at the next step, in the same run, by reading: no failure, nothing sent twice.
        const RunSummary first = rig.sync();
        QVERIFY2(first.exitCode == 0, qPrintable(first.error));
        rig.advance(3600);
        const RunSummary second = rig.sync();
        QVERIFY2(second.exitCode == 0, qPrintable(second.error));
        if (ostendoSide) {
            QCOMPARE(rig.customers().size(), 1);
            QCOMPARE(rig.customers().first().value("ADDITIONALFIELD_1").toString(), QString::number(org));
            QCOMPARE(rig.orgCustom(org, s("Ostendo Customer ID")),
                     rig.customers().first().value("SYSUNIQUEID").toString());
        } else {
            QCOMPARE(rig.liveOrganizationCount(), 1);
            QCOMPARE(rig.organizationsCarrying(QString::number(customer)).size(), 1);
        }
        QCOMPARE(rig.store.links(EntityKind::Customer).size(), 1);
        QCOMPARE(rig.store.links(EntityKind::Customer).first().status, LinkStatus::Synced);
        QVERIFY(rig.store.openJournalEntries().isEmpty());
    }

    void aRecordThatKeepsFailingTurnsRedAndWaits()
    {
        EngineRig rig;
        rig.options.redAfterFailures = 2;
        rig.options.retryBaseMs = 60000;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Harbour Turf"}});
        QCOMPARE(rig.sync().exitCode, 0);
        rig.advance(60);
        rig.editOrganization(org, QJsonObject{{"Phone", "09 555 0177"}});
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::TableDataPost;
        fault.kind = OstendoFault::Kind::ServerError;
        fault.status = 503;
        fault.times = -1;
        rig.ostendo.addFault(fault);
        rig.advance(1);
        QCOMPARE(rig.sync().exitCode, 4);
        QCOMPARE(rig.store.linkByPipedriveId(EntityKind::Customer, org)->status, LinkStatus::Pending);
        rig.advance(61);
        QCOMPARE(rig.sync().exitCode, 4);
        Link red = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(red.status, LinkStatus::Error);
        QCOMPARE(red.retryCount, 2);
        // Back-off doubled: the next attempt is two minutes away, and a run before then leaves it alone.
        QCOMPARE(rig.clock.nowUtc().secsTo(red.nextAttemptAt), 120);
        rig.ostendo.clearRequestLog();
        rig.advance(30);
        rig.sync();
        for (const auto &entry : rig.ostendo.requestLog()) {
            const bool write = entry.method == "POST" && entry.path.contains(s("tabledata"), Qt::CaseInsensitive);
            QVERIFY2(!write, qPrintable(entry.path));
        }
        QCOMPARE(rig.store.linkByPipedriveId(EntityKind::Customer, org)->retryCount, 2);
        rig.ostendo.faults().clear();
        rig.advance(200);
        QCOMPARE(rig.sync().exitCode, 0);
        QCOMPARE(rig.store.linkByPipedriveId(EntityKind::Customer, org)->status, LinkStatus::Synced);
    }

    void aCreateJournalledBeforeACrashIsFoundNotResent()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Kiwi Motor Lodge"}});
        // As a crashed run leaves it: a link with one side, an open intent, and the row Ostendo did insert.
        Link half;
        half.entity = EntityKind::Customer;
        half.pipedriveId = org;
        half.status = LinkStatus::Pending;
        QVERIFY(rig.store.saveLink(&half));
        JournalEntry intent;
        intent.runId = s("crashed-run");
        intent.linkId = half.id;
        intent.entity = EntityKind::Customer;
        intent.system = System::Ostendo;
        intent.operation = s("create");
        intent.carriedId = QString::number(org);
        intent.createdAt = rig.clock.nowUtc();
        QVERIFY(rig.store.journalIntent(&intent));
        const qint64 inserted =
            rig.addCustomer({{"CUSTOMER", "Kiwi Motor Lodge"}, {"ADDITIONALFIELD_1", QString::number(org)}});
        rig.advance(30);
        const RunSummary summary = rig.sync();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error));
        QCOMPARE(rig.customers().size(), 1);
        QCOMPARE(rig.store.journalEntry(intent.id)->state, JournalState::Done);
        const Link link = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(link.ostendoKey, QString::number(inserted));
        QCOMPARE(link.status, LinkStatus::Synced);
        QCOMPARE(rig.orgCustom(org, s("Ostendo Customer ID")), QString::number(inserted));
    }

    void aRefusedTokenOrAnUnreachableSystemStopsTheRunAndChangesNothing_data()
    {
        QTest::addColumn<bool>("badToken");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("Pipedrive refuses the token") << true << "Pipedrive";
        QTest::newRow("Ostendo unreachable") << false << "Ostendo";
    }
    void aRefusedTokenOrAnUnreachableSystemStopsTheRunAndChangesNothing()
    {
        QFETCH(bool, badToken);
        QFETCH(QString, mentions);
        EngineRig rig(EngineRig::Mode::Loopback);
        rig.prepareEmptyCompany();
        rig.addOrganization(QJsonObject{{"name", "Summit Holdings"}});
        rig.addCustomer({{"CUSTOMER", "Bayside Apartments"}});
        if (badToken) {
            rig.pipedriveConfig.apiToken = s("not-the-right-token-123");
        } else {
            rig.ostendoServer.reset(); // nothing listens on that port any more
        }
        rig.rebuildClients();
        const QJsonArray orgsBefore = rig.pipedrive.allOrganizations();
        const RunSummary summary = rig.sync();
        QCOMPARE(summary.exitCode, 1);
        QVERIFY2(summary.error.contains(mentions), qPrintable(summary.error));
        QVERIFY(!summary.error.contains(s("not-the-right-token-123")));
        QCOMPARE(summary.json.value("exit_code").toInt(), 1);
        QCOMPARE(summary.json.value("error").toString(), summary.error);
        QCOMPARE(rig.pipedrive.allOrganizations(), orgsBefore);
        QCOMPARE(rig.customers().size(), 1);
        QVERIFY(rig.store.links(EntityKind::Customer).isEmpty());
        QVERIFY(rig.store.watermark(EntityKind::Customer, System::Pipedrive).isEmpty());
    }

    void aFullDemoRunOverLoopbackGivesTheInProcessResult()
    {
        QJsonObject results[2];
        int index = 0;
        for (EngineRig::Mode mode : {EngineRig::Mode::InProcess, EngineRig::Mode::Loopback}) {
            EngineRig rig(mode);
            DemoScenario::Options options;
            options.bulkImportCustomers = 60;
            DemoScenario::seed(rig.pipedrive, rig.ostendo, options);
            rig.advance(60);
            const RunSummary summary = rig.sync();
            QCOMPARE(summary.exitCode, 3);
            QJsonObject figures = summary.json;
            for (const char *volatileKey : {"duration_ms", "requests", "pipedrive_tokens_used"}) {
                figures.remove(QLatin1String(volatileKey));
            }
            results[index++] = figures;
            rig.advance(600);
            QCOMPARE(rig.sync().json.value("failed").toInt(), 0);
        }
        QCOMPARE(results[1], results[0]);
    }

    void aSpentDailyBudgetStopsTheRunAndTheNextDayFinishesIt()
    {
        EngineRig rig;
        rig.pipedrive.rateLimiter().setDailyBudget(150); // the company's budget: reads and a handful of creates
        rig.prepareEmptyCompany();
        const int customers = 40;
        for (int i = 0; i < customers; ++i) {
            rig.addCustomer({{"CUSTOMER", QStringLiteral("Budget Customer %1").arg(i)}});
        }
        const RunSummary spent = rig.sync();
        QCOMPARE(spent.exitCode, 4);
        QVERIFY2(spent.error.contains(s("budget")), qPrintable(spent.error));
        const int created = rig.liveOrganizationCount();
        QVERIFY(created > 0 && created < customers);
        // Not one failure per record left: the records that were never sent keep a clean slate.
        int withRetries = 0;
        for (const Link &link : rig.store.links(EntityKind::Customer)) {
            withRetries += link.retryCount > 0 ? 1 : 0;
        }
        QCOMPARE(withRetries, 0);
        QVERIFY(rig.store.openJournalEntries().isEmpty());
        // A new day (a fresh budget): the rest is created, each once.
        rig.pipedrive.rateLimiter().setDailyBudget(1000000000);
        rig.rebuildClients();
        rig.advance(3600);
        QCOMPARE(rig.sync().exitCode, 0);
        QCOMPARE(rig.liveOrganizationCount(), customers);
        for (const QVariantMap &row : rig.customers()) {
            QCOMPARE(rig.organizationsCarrying(row.value("SYSUNIQUEID").toString()).size(), 1);
        }
    }

    void aRateLimitStormFinishesWithoutTrippingTheBlock()
    {
        EngineRig rig(EngineRig::Mode::Loopback);
        rig.pipedrive.clock().followSystemTime();
        rig.pipedrive.rateLimiter().setBurstLimit(8);
        rig.pipedrive.rateLimiter().setAbuseThreshold(4);
        rig.pipedriveConfig.burstLimit = 100; // the client believes its plan allows more than the server grants
        rig.rebuildClients();
        rig.prepareEmptyCompany();
        // On top of the real limit, a storm of 429s from anywhere on the API.
        PipedriveFaultInjector::Rule storm;
        storm.pathPattern = s("/api/v2/*");
        storm.kind = PipedriveFaultInjector::Kind::ServerError;
        storm.status = 429;
        storm.remaining = 12;
        storm.probability = 0.5;
        rig.pipedrive.addFault(storm);
        const int customers = 24;
        for (int i = 0; i < customers; ++i) {
            rig.addCustomer({{"CUSTOMER", QStringLiteral("Storm Customer %1").arg(i)}});
        }
        const RunSummary summary = rig.sync();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error));
        QCOMPARE(rig.liveOrganizationCount(), customers);
        int refused = 0;
        int blocked = 0;
        QList<qint64> admitted;
        for (const auto &entry : rig.pipedrive.requestLog()) {
            refused += entry.status == 429 ? 1 : 0;
            blocked += entry.status == 403 ? 1 : 0;
            if (entry.status != 429 && entry.status != 403) {
                admitted << entry.atMSecs;
            }
        }
        QCOMPARE(blocked, 0);
        QVERIFY(refused > 0);
        // Admitted requests never exceed the burst limit in any two-second window.
        for (int i = 0; i < admitted.size(); ++i) {
            int inWindow = 0;
            for (int j = i; j < admitted.size() && admitted.at(j) - admitted.at(i) < 2000; ++j) {
                ++inWindow;
            }
            QVERIFY2(inWindow <= 8, qPrintable(QString::number(inWindow)));
        }
        qInfo("429 answers during the storm: %d", refused);
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"

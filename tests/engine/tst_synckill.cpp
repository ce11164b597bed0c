// The engine's process killed with SIGKILL in the middle of a batch, then started again: no duplicate in either
// system, nothing lost, and everything converges (every link synced, the journal settled).
#include "EngineRig.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QSet>
#include <QTest>

class TestSyncKill : public QObject
{
    Q_OBJECT

    int runChild(EngineRig &rig, QProcess &child)
    {
        child.setProgram(QStringLiteral(ENGINE_CRASH_CHILD));
        child.setArguments({QString::number(rig.pipedriveServer->port()), QString::number(rig.ostendoServer->port()),
                            rig.dir.filePath(QStringLiteral("state.db"))});
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TURFDRIVE_PIPEDRIVE_TOKEN"), QString::fromLatin1(EngineRig::PipedriveToken));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        return child.waitForStarted(10000) ? 0 : -1;
    }

    static int organizationCreates(const EngineRig &rig)
    {
        int n = 0;
        for (const auto &entry : rig.pipedrive.requestLog()) {
            n += entry.method == "POST" && entry.path == QLatin1String("/api/v2/organizations") ? 1 : 0;
        }
        return n;
    }

    static int ostendoWrites(const EngineRig &rig)
    {
        int n = 0;
        for (const auto &entry : rig.ostendo.requestLog()) {
            n += entry.method == "POST" && entry.path.contains(QLatin1String("tabledata"), Qt::CaseInsensitive) ? 1 : 0;
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
    }

    void killedMidBatchThenRestartedConverges_data()
    {
        QTest::addColumn<int>("killAfterCreates");
        QTest::newRow("early in the first batch") << 3;
        QTest::newRow("in a later batch") << 60;
    }
    void killedMidBatchThenRestartedConverges()
    {
        QFETCH(int, killAfterCreates);
        const int customers = 150;
        EngineRig rig(EngineRig::Mode::Loopback);
        rig.prepareEmptyCompany();
        QList<qint64> keys;
        for (int i = 0; i < customers; ++i) {
            keys << rig.addCustomer({{"CUSTOMER", QStringLiteral("Kill Test Customer %1").arg(i)},
                                     {"CUSTOMERPHONE", QStringLiteral("09 555 %1").arg(1000 + i)}});
        }
        // Ostendo answers writes a little slowly, so the kill can land while a write is in flight.
        OstendoFault slow;
        slow.endpoint = OstendoFault::Endpoint::TableDataPost;
        slow.kind = OstendoFault::Kind::Slow;
        slow.delayMs = 5;
        slow.times = -1;
        rig.ostendo.addFault(slow);

        QProcess first;
        QCOMPARE(runChild(rig, first), 0);
        QTRY_VERIFY_WITH_TIMEOUT(organizationCreates(rig) >= killAfterCreates || first.state() == QProcess::NotRunning,
                                 60000);
        QVERIFY2(first.state() == QProcess::Running, "the sync finished before it could be killed");
        first.kill(); // SIGKILL: no clean-up of any kind
        QVERIFY(first.waitForFinished(10000));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        QVERIFY(rig.liveOrganizationCount() < customers);

        rig.ostendo.faults().clear();
        QProcess second;
        QCOMPARE(runChild(rig, second), 0);
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 120000);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        if (second.exitCode() != 0) {
            LogFilter errors;
            errors.errorsOnly = true;
            for (const LogEntry &row : rig.store.logEntries(errors)) {
                qWarning("%s %s %s: %s", qPrintable(row.entity), qPrintable(row.action), qPrintable(row.target),
                         qPrintable(row.error));
            }
        }
        QCOMPARE(second.exitCode(), 0);

        // No duplicate and nothing lost: one organization per customer, each pair carrying the other's id.
        QCOMPARE(rig.liveOrganizationCount(), customers);
        QSet<qint64> orgs;
        for (qint64 key : std::as_const(keys)) {
            const QList<qint64> carrying = rig.organizationsCarrying(QString::number(key));
            QCOMPARE(carrying.size(), 1);
            orgs.insert(carrying.first());
            QCOMPARE(rig.customer(key).value("ADDITIONALFIELD_1").toString(), QString::number(carrying.first()));
        }
        QCOMPARE(orgs.size(), customers);
        QCOMPARE(rig.customers().size(), customers);
        // Converged: every link synced, the journal settled, and one more run writes nothing.
        SyncStore store;
        QVERIFY(store.open(rig.dir.filePath(QStringLiteral("state.db"))));
        const QList<Link> links = store.links(EntityKind::Customer);
        QCOMPARE(links.size(), customers);
        for (const Link &link : links) {
            QCOMPARE(link.status, LinkStatus::Synced);
        }
        QVERIFY(store.openJournalEntries().isEmpty());
        store.close();
        rig.pipedrive.clearRequestLog();
        QProcess third;
        QCOMPARE(runChild(rig, third), 0);
        QTRY_VERIFY_WITH_TIMEOUT(third.state() == QProcess::NotRunning, 60000);
        QCOMPARE(third.exitCode(), 0);
        for (const auto &entry : rig.pipedrive.requestLog()) {
            QVERIFY2(entry.method == "GET", qPrintable(entry.path));
        }
    }

    // The other direction: organizations become Ostendo customers, whose inserts are found again by carried id.
    void killedDuringOstendoInsertsThenRestartedConverges()
    {
        const int organizations = 120;
        EngineRig rig(EngineRig::Mode::Loopback);
        rig.prepareEmptyCompany();
        QList<qint64> orgs;
        for (int i = 0; i < organizations; ++i) {
            orgs << rig.addOrganization(QJsonObject{{"name", QStringLiteral("Kill Test Organization %1").arg(i)}});
        }
        OstendoFault slow;
        slow.endpoint = OstendoFault::Endpoint::TableDataPost;
        slow.kind = OstendoFault::Kind::Slow;
        slow.delayMs = 5;
        slow.times = -1;
        rig.ostendo.addFault(slow);
        QProcess first;
        QCOMPARE(runChild(rig, first), 0);
        QTRY_VERIFY_WITH_TIMEOUT(ostendoWrites(rig) >= 41 || first.state() == QProcess::NotRunning, 60000);
        QVERIFY2(first.state() == QProcess::Running, "the sync finished before it could be killed");
        first.kill();
        QVERIFY(first.waitForFinished(10000));
        rig.ostendo.faults().clear();
        QProcess second;
        QCOMPARE(runChild(rig, second), 0);
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 120000);
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(rig.customers().size(), organizations);
        QSet<QString> keys;
        for (qint64 org : std::as_const(orgs)) {
            const QList<qint64> carrying = rig.ostendo.findIds(
                0, EngineRig::OstendoTable, QStringLiteral("ADDITIONALFIELD_1"), QString::number(org));
            QCOMPARE(carrying.size(), 1);
            QCOMPARE(rig.orgCustom(org, QStringLiteral("Ostendo Customer ID")), QString::number(carrying.first()));
            keys.insert(QString::number(carrying.first()));
        }
        QCOMPARE(keys.size(), organizations);
        SyncStore store;
        QVERIFY(store.open(rig.dir.filePath(QStringLiteral("state.db"))));
        QCOMPARE(store.links(EntityKind::Customer).size(), organizations);
        QVERIFY(store.openJournalEntries().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSyncKill)
#include "tst_synckill.moc"

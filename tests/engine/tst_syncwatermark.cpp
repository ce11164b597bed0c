// Watermarks are each system's own clock. A system with nothing in it yet must not get a watermark from TurfDrive's
// clock: when the system's clock is behind, what it creates next would look older than the watermark and no
// incremental run would ever read it (found by the crash-point harness).
#include "EngineRig.h"

#include <QLoggingCategory>
#include <QTest>

class TestSyncWatermark : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
    }

    // Both systems empty at the first run, each system's clock behind TurfDrive's by a different amount; then records
    // appear on both sides. The next run (incremental) must see them.
    void emptySystemThenRecordsBehindOurClock_data()
    {
        QTest::addColumn<qint64>("behindSeconds");
        QTest::newRow("in step") << qint64(0);
        QTest::newRow("a minute behind") << qint64(60);
        QTest::newRow("an hour behind") << qint64(3600);
    }
    void emptySystemThenRecordsBehindOurClock()
    {
        QFETCH(qint64, behindSeconds);
        EngineRig rig;
        rig.prepareEmptyCompany();
        rig.clock.advanceMs(behindSeconds * 1000); // TurfDrive's clock ahead of both systems'
        const RunSummary first = rig.sync();
        QCOMPARE(first.exitCode, 0);

        rig.advance(5); // a few seconds later, by every clock
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Late Arrival Landscapes"}});
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "Early Bird Gardens"}});
        QVERIFY(org > 0 && customer > 0);
        rig.advance(5);

        const RunSummary second = rig.sync();
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(rig.liveOrganizationCount(), 2);
        QCOMPARE(rig.customers().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSyncWatermark)
#include "tst_syncwatermark.moc"

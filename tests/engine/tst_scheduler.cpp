// Scheduler: the interval stretched to the Pipedrive token budget (by table), pause and resume, never two runs.
#include "engine/Scheduler.h"
#include "util/Clock.h"

#include <QSignalSpy>
#include <QTest>

class TestScheduler : public QObject
{
    Q_OBJECT

private slots:
    void intervalFollowsTheTokenBudget_data()
    {
        QTest::addColumn<int>("minutes");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<qint64>("used");
        QTest::addColumn<qint64>("perRun");
        QTest::addColumn<QTime>("at");
        QTest::addColumn<qint64>("expectedMinutes");
        QTest::addColumn<bool>("explained");
        // 12 hours left at 15 minutes = 49 runs.
        QTest::newRow("plenty") << 15 << qint64(30000) << qint64(1000) << qint64(100) << QTime(12, 0) << qint64(15)
                                << false;
        QTest::newRow("no figures yet") << 15 << qint64(0) << qint64(0) << qint64(0) << QTime(12, 0) << qint64(15)
                                        << false;
        // 49 runs x 1000 = 49,000 wanted, 20,000 left: 20 runs in 720 minutes = every 36 minutes.
        QTest::newRow("stretched") << 15 << qint64(30000) << qint64(10000) << qint64(1000) << QTime(12, 0) << qint64(36)
                                   << true;
        // Nothing left: wait for the reset at midnight UTC (plus a minute).
        QTest::newRow("used up") << 15 << qint64(30000) << qint64(29990) << qint64(100) << QTime(23, 0) << qint64(61)
                                 << true;
    }
    void intervalFollowsTheTokenBudget()
    {
        QFETCH(int, minutes);
        QFETCH(qint64, limit);
        QFETCH(qint64, used);
        QFETCH(qint64, perRun);
        QFETCH(QTime, at);
        QFETCH(qint64, expectedMinutes);
        QFETCH(bool, explained);
        BudgetSnapshot budget;
        budget.dailyLimit = limit;
        budget.dailyUsed = used;
        const Scheduler::Plan plan =
            Scheduler::planInterval(minutes, budget, perRun, QDateTime(QDate(2026, 3, 2), at, Qt::UTC));
        QCOMPARE((plan.intervalMs + 59999) / 60000, expectedMinutes);
        QCOMPARE(!plan.reason.isEmpty(), explained);
    }

    void runsAreNeverStackedAndPauseStopsTheSchedule()
    {
        ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
        Scheduler scheduler(1, &clock);
        QSignalSpy due(&scheduler, &Scheduler::syncDue);
        QSignalSpy next(&scheduler, &Scheduler::nextRunChanged);
        scheduler.start();
        QVERIFY(due.wait(2000)); // the first run is due at once
        scheduler.runStarted();
        QVERIFY(!scheduler.nextRunAt().isValid() || scheduler.isRunning());
        RunSummary summary;
        summary.json.insert(QStringLiteral("pipedrive_tokens_used"), 10);
        scheduler.runFinished(summary);
        QCOMPARE(scheduler.nextRunAt(), clock.nowUtc().addSecs(60));
        scheduler.pause();
        QVERIFY(scheduler.isPaused());
        QVERIFY(!scheduler.nextRunAt().isValid());
        scheduler.resume();
        QCOMPARE(scheduler.nextRunAt(), clock.nowUtc().addSecs(60));
        QVERIFY(next.count() >= 3);

        // While a run is going, a due timer does not start a second one.
        Scheduler busy(1, &clock);
        QSignalSpy busyDue(&busy, &Scheduler::syncDue);
        busy.start();
        busy.runStarted();
        QTest::qWait(50);
        QCOMPARE(busyDue.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"

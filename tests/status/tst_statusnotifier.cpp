#include "engine/StatusNotifier.h"

#include <QSignalSpy>
#include <QTest>

using Level = StatusNotifier::Level;
Q_DECLARE_METATYPE(StatusNotifier::Inputs)

class TestStatusNotifier : public QObject
{
    Q_OBJECT
private:
    static StatusNotifier::Inputs synced()
    {
        StatusNotifier::Inputs in;
        in.neverSynced = false;
        in.lastSyncAt = QDateTime(QDate(2026, 11, 23), QTime(7, 45), Qt::UTC);
        return in;
    }

private slots:
    void worstStateWins_data()
    {
        QTest::addColumn<StatusNotifier::Inputs>("inputs");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("headlinePart");

        QTest::newRow("all synced") << synced() << int(Level::Green) << "Synced";
        auto in = synced();
        in.running = true;
        in.progressDone = 120;
        in.progressTotal = 450;
        QTest::newRow("syncing with progress") << in << int(Level::Yellow) << "120 of 450";
        in = synced();
        in.running = true;
        QTest::newRow("syncing, size unknown") << in << int(Level::Yellow) << "Syncing";
        in = synced();
        in.pendingRecords = 3;
        QTest::newRow("records pending") << in << int(Level::Yellow) << "3 record(s) pending";
        in = synced();
        in.paused = true;
        QTest::newRow("paused") << in << int(Level::Yellow) << "Paused";
        QTest::newRow("never synced") << StatusNotifier::Inputs() << int(Level::Yellow) << "Not synced yet";
        in = synced();
        in.decisionsWaiting = 2;
        QTest::newRow("two decisions waiting") << in << int(Level::Red) << "2 decision(s) waiting";
        in.running = true; // a run in progress never hides a waiting decision
        QTest::newRow("decisions while syncing") << in << int(Level::Red) << "2 decision(s) waiting";
        in = synced();
        in.failedRecords = 1;
        in.pendingRecords = 5;
        QTest::newRow("failing beats pending") << in << int(Level::Red) << "1 record(s) failing";
        in = synced();
        in.lastError = QStringLiteral("Pipedrive refused the API token.");
        in.decisionsWaiting = 4;
        QTest::newRow("error beats everything") << in << int(Level::Red) << "Sync failed";
    }

    void worstStateWins()
    {
        QFETCH(StatusNotifier::Inputs, inputs);
        QFETCH(int, level);
        QFETCH(QString, headlinePart);
        const StatusNotifier::Status s = StatusNotifier::evaluate(inputs);
        QCOMPARE(int(s.level), level);
        QVERIFY2(s.headline.contains(headlinePart), qPrintable(s.headline));
        QCOMPARE(s.decisionsWaiting, inputs.decisionsWaiting);
        if (!inputs.lastError.isEmpty()) {
            QCOMPARE(s.detail, inputs.lastError);
        }
    }

    void signalsOnlyOnChangeAndOneAttentionPerRun()
    {
        StatusNotifier notifier;
        QSignalSpy changed(&notifier, &StatusNotifier::statusChanged);
        QSignalSpy attention(&notifier, &StatusNotifier::attentionNeeded);

        auto in = synced();
        notifier.setInputs(in);
        QCOMPARE(changed.count(), 1);
        notifier.setInputs(in);
        QCOMPARE(changed.count(), 1); // same state: no signal

        in.running = true;
        notifier.setInputs(in);
        in.decisionsWaiting = 7; // seven conflicts found during the run
        notifier.setInputs(in);
        QCOMPARE(attention.count(), 0); // not while running, and never per conflict
        in.running = false;
        notifier.setInputs(in);
        QCOMPARE(attention.count(), 1);
        QVERIFY(attention.first().at(1).toString().contains(QStringLiteral("7 decision(s) waiting")));

        // The next run ends still red: one more notification, one per run.
        in.running = true;
        notifier.setInputs(in);
        in.running = false;
        notifier.setInputs(in);
        QCOMPARE(attention.count(), 2);

        // A run that ends green notifies nothing.
        in.decisionsWaiting = 0;
        in.running = true;
        notifier.setInputs(in);
        in.running = false;
        notifier.setInputs(in);
        QCOMPARE(attention.count(), 2);
        QCOMPARE(notifier.status().level, Level::Green);
    }
};

QTEST_GUILESS_MAIN(TestStatusNotifier)
#include "tst_statusnotifier.moc"

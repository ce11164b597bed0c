// The store's crash seam: from the chosen write on nothing reaches the database, reads included, and a new store on
// the same file finds exactly what a killed process would have left: earlier writes, no part of an open transaction.
#include "store/SyncStore.h"

#include "TestSupport.h"
#include <QLoggingCategory>
#include <QTest>
#include <limits>

namespace {
const QDateTime kT0(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

Link customerLink(qint64 pipedriveId)
{
    Link link;
    link.entity = EntityKind::Customer;
    link.pipedriveId = pipedriveId;
    link.ostendoKey = QString::number(10000 + pipedriveId);
    link.status = LinkStatus::Synced;
    return link;
}
} // namespace

class TestCrashSeam : public QObject
{
    Q_OBJECT

    TestSupport::ScratchDir m_dir;
    int m_file = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("seam-%1.db").arg(++m_file)); }

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=false")); }

    void writesBeforeTheCrashStayAndNothingAfterIt()
    {
        const QString path = freshPath();
        {
            SyncStore store;
            QVERIFY(store.open(path));
            store.crashAtWrite(3);
            Link a = customerLink(1);
            Link b = customerLink(2);
            Link c = customerLink(3);
            QVERIFY(store.saveLink(&a));
            QCOMPARE(store.links(EntityKind::Customer).size(), 1); // reads before the crash are served and not counted
            QVERIFY(store.saveLink(&b));
            QVERIFY(!store.crashed());
            QVERIFY(!store.saveLink(&c));
            QVERIFY(store.crashed());
            QVERIFY(store.crashedAt().startsWith(QLatin1String("INSERT INTO links")));
            // Dead: reads fail too, and later writes never land.
            QVERIFY(store.links(EntityKind::Customer).isEmpty());
            QVERIFY(!store.link(a.id));
            QVERIFY(!store.setWatermark(Entity::Customer, System::Pipedrive, QStringLiteral("x"), kT0));
            QCOMPARE(store.crashWritesSeen(), 3);
        }
        SyncStore reopened;
        QVERIFY(reopened.open(path));
        const QList<Link> links = reopened.links(EntityKind::Customer);
        QCOMPARE(links.size(), 2);
        QVERIFY(reopened.watermark(Entity::Customer, System::Pipedrive).isEmpty());
    }

    void aTransactionNeverCommitsAfterTheCrash_data()
    {
        QTest::addColumn<int>("crashAt");
        QTest::newRow("at a write inside it") << 2;
        QTest::newRow("at its commit") << 3;
    }
    void aTransactionNeverCommitsAfterTheCrash()
    {
        QFETCH(int, crashAt);
        const QString path = freshPath();
        {
            SyncStore store;
            QVERIFY(store.open(path));
            store.crashAtWrite(crashAt);
            Link a = customerLink(1);
            Link b = customerLink(2);
            QVERIFY(!store.transaction([&] { return store.saveLink(&a) && store.saveLink(&b); }));
            QVERIFY(store.crashed());
            if (crashAt == 3) {
                QCOMPARE(store.crashedAt(), QStringLiteral("COMMIT"));
            }
        } // the connection closes with the transaction still open: SQLite discards it
        SyncStore reopened;
        QVERIFY(reopened.open(path));
        QVERIFY(reopened.links(EntityKind::Customer).isEmpty());
        QVERIFY(reopened.checkIntegrity().isEmpty());
    }

    void aLargeStepOnlyCountsWritesAndZeroIsOff()
    {
        SyncStore store;
        QVERIFY(store.open(freshPath()));
        store.crashAtWrite(std::numeric_limits<int>::max());
        Link a = customerLink(1);
        QVERIFY(store.saveLink(&a));
        QVERIFY(store.link(a.id));
        QVERIFY(store.transaction([&] {
            return store.setWatermark(Entity::Customer, System::Ostendo, QStringLiteral("2026-03-02 09:00:00"), kT0);
        }));
        QCOMPARE(store.crashWritesSeen(), 3); // the insert, the watermark and the commit; reads are not steps
        QVERIFY(!store.crashed());
        store.crashAtWrite(0);
        Link b = customerLink(2);
        QVERIFY(store.saveLink(&b));
        QCOMPARE(store.crashWritesSeen(), 0);
        QCOMPARE(store.links(EntityKind::Customer).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCrashSeam)
#include "tst_crashseam.moc"

// SyncRunCandidates: the index hands the Matcher every record that shares a key with an unlinked one, and only
// those; a deleted or archived counterpart named by a carried id is found for the deletion rules.
#include "engine/RecordMapper.h"
#include "engine/SyncRunCandidates.h"

#include <QTest>

namespace {
SideRecord record(const QString &id, const QString &carried, const FieldValues &values,
                  SideRecord::State state = SideRecord::State::Present)
{
    SideRecord r;
    r.state = state;
    r.id = id;
    r.carriedId = carried;
    r.values = values;
    return r;
}
} // namespace

class TestSyncRunCandidates : public QObject
{
    Q_OBJECT

private slots:
    void findsRecordsSharingAKey_data()
    {
        QTest::addColumn<QString>("myId");
        QTest::addColumn<QString>("carried");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QStringList>("expected");
        // clang-format off
        QTest::newRow("carried id names the key")     << "99" << "10001" << "Nobody" << "" << "" << QStringList{"10001"};
        QTest::newRow("other carries my id")          << "77" << "" << "Nobody" << "" << "" << QStringList{"10002"};
        QTest::newRow("email, case and spaces aside") << "99" << "" << "Nobody" << " Office@Kauri.example " << ""
                                                      << QStringList{"10003"};
        QTest::newRow("phone, punctuation aside")     << "99" << "" << "Nobody" << "" << "(09) 555-0100"
                                                      << QStringList{"10004"};
        QTest::newRow("name without Ltd")             << "99" << "" << "Totara Gardens Ltd" << "" << ""
                                                      << QStringList{"10005"};
        QTest::newRow("several keys, original order") << "99" << "10005" << "Nobody" << "office@kauri.example" << ""
                                                      << QStringList{"10003", "10005"};
        QTest::newRow("nothing shared")               << "99" << "" << "Nobody" << "" << "" << QStringList{};
        // clang-format on
    }
    void findsRecordsSharingAKey()
    {
        QFETCH(QString, myId);
        QFETCH(QString, carried);
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, phone);
        QFETCH(QStringList, expected);
        const QList<SideRecord> ostendo{
            record("10001", "", {{"name", "Alpha"}}),
            record("10002", "77", {{"name", "Beta"}}),
            record("10003", "", {{"name", "Gamma"}, {"email", "office@kauri.example"}}),
            record("10004", "", {{"name", "Delta"}, {"phone", "09 555 0100"}}),
            record("10005", "", {{"name", "Totara Gardens"}}),
        };
        const SyncRunCandidates candidates(Policy::defaultPolicy(), EntityKind::Customer, ostendo);
        const SideRecord mine = record(myId, carried, {{"name", name}, {"email", email}, {"phone", phone}});
        QStringList found;
        for (const SideRecord &r : candidates.candidatesFor(mine)) {
            found << r.id;
        }
        QCOMPARE(found, expected);
    }

    void findsAGoneCounterpartByCarriedIdOrJobNumber()
    {
        const QList<SideRecord> deals{
            record("5", "", {{"title", "Old deal"}, {RecordMapper::JobNumberKey, "J-1"}}, SideRecord::State::Deleted),
            record("6", "", {{"title", "Live deal"}, {RecordMapper::JobNumberKey, "J-2"}}),
        };
        const SyncRunCandidates candidates(Policy::defaultPolicy(), EntityKind::WorkItem, deals);
        const SideRecord *gone = candidates.goneCounterpart(record("20001", "5", {{"title", "Job"}}));
        QVERIFY(gone);
        QCOMPARE(gone->id, QStringLiteral("5"));
        QVERIFY(!candidates.goneCounterpart(record("20002", "6", {{"title", "Job"}})));
        QVERIFY(!candidates.goneCounterpart(record("20003", "", {{"title", "Job"}})));
    }
};

QTEST_GUILESS_MAIN(TestSyncRunCandidates)
#include "tst_syncruncandidates.moc"

// A job and a deal that carry each other's ids are one pair, even while a person has to decide something about
// them. Found by the simulation (seed 1124, workload 2): the link lost its Ostendo key to a failed database write,
// the next run paired the job again by its carried deal id but blocked the pair without storing the key, and a
// later run that read the job alone took it for a new job and created a second deal for it.
#include "EngineRig.h"

#include <QLoggingCategory>
#include <QTest>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}
} // namespace

class TestSyncPairing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
    }

    void aBlockedPairFoundByCarriedIdsStaysOnePair()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Kowhai Sports Club"}});
        const qint64 deal = rig.addDeal(
            QJsonObject{{"title", "Cricket wicket renovation"}, {"org_id", double(org)}, {"Project Type", "Design"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const QList<qint64> jobs =
            rig.ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(deal));
        QCOMPARE(jobs.size(), 1);
        const QString job = QString::number(jobs.first());

        // The state a failed database write leaves: the link knows the deal only, and no agreed values.
        std::optional<Link> link = rig.store.linkByPipedriveId(EntityKind::WorkItem, deal);
        QVERIFY(link);
        link->ostendoKey.clear();
        link->base = {};
        link->lastSyncedAt = {};
        link->status = LinkStatus::Pending;
        QVERIFY(rig.store.saveLink(&*link));

        // Both sides now hold a different project type: with no agreed value, a person decides.
        rig.advance(60);
        rig.editJob(jobs.first(), {{"JOBTYPE", "Installation"}});
        rig.advance(60);
        QCOMPARE(rig.sync().exitCode, 3);
        link = rig.store.link(link->id);
        QCOMPARE(link->status, LinkStatus::Blocked);
        QCOMPARE(link->ostendoKey, job); // the pair is remembered while it waits

        // Only the job changes now: it is still the deal's job, never a new one.
        rig.advance(60);
        rig.editJob(jobs.first(), {{"DESCRIPTION", "Cricket wicket renovation, stage 2"}});
        rig.advance(60);
        QCOMPARE(rig.sync().exitCode, 3);
        rig.advance(60);
        QCOMPARE(rig.sync(false, true).exitCode, 3); // a full scan too
        QCOMPARE(rig.liveDealCount(), 1);
        QCOMPARE(rig.store.links(EntityKind::WorkItem).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncPairing)
#include "tst_syncpairing.moc"

// The cross-system demo data: linked as a previous run would leave it, every DESIGN §2 case present, deterministic.
#include "demo/DemoScenario.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace {
const QDateTime kNow(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC);

struct World
{
    PipedriveSimulator pd;
    OstendoSimulator os;
    DemoScenario::Cases cases;

    explicit World(quint32 seed)
    {
        pd.setNow(kNow);
        os.clock().setNow(kNow);
        DemoScenario::Options options;
        options.seed = seed;
        cases = DemoScenario::seed(pd, os, options);
    }

    QString customField(const QJsonObject &record, const QString &name, bool deal = false) const
    {
        const QString key = pd.customFieldKey(deal ? PipedriveEntity::Deal : PipedriveEntity::Organization, name);
        return record.value(QStringLiteral("custom_fields")).toObject().value(key).toVariant().toString();
    }
};
} // namespace

class TestDemoScenario : public QObject
{
    Q_OBJECT
private slots:
    void everyCaseIsPresent()
    {
        World w(1);
        const auto descriptions = DemoScenario::caseDescriptions();
        for (auto it = descriptions.begin(); it != descriptions.end(); ++it) {
            QVERIFY2(w.cases.pipedrive.contains(it.key()) || w.cases.ostendo.contains(it.key()), qPrintable(it.key()));
        }
    }

    void linkedPairsCarryEachOthersKeys()
    {
        World w(1);
        int linked = 0;
        for (const QJsonValue &v : w.pd.allOrganizations()) {
            const QJsonObject org = v.toObject();
            const QString carried = w.customField(org, QStringLiteral("Ostendo Customer ID"));
            if (carried.isEmpty()) {
                continue;
            }
            const QVariantMap row = w.os.row(0, QStringLiteral("CUSTOMERMASTER"), carried.toLongLong());
            QVERIFY2(!row.isEmpty(), qPrintable(carried));
            QCOMPARE(row.value(QStringLiteral("ADDITIONALFIELD_1")).toString(),
                     QString::number(org.value(QStringLiteral("id")).toInteger()));
            ++linked;
        }
        QVERIFY(linked >= 24);
        int linkedDeals = 0;
        for (const QJsonValue &v : w.pd.allDeals()) {
            const QJsonObject deal = v.toObject();
            const QString number = w.customField(deal, QStringLiteral("Ostendo Job Number"), true);
            if (number.isEmpty()) {
                continue;
            }
            QCOMPARE(number, QStringLiteral("PD%1").arg(deal.value(QStringLiteral("id")).toInteger()));
            const QList<qint64> jobs =
                w.os.findIds(0, QStringLiteral("JOBHEADER"), QStringLiteral("ORDERNUMBER"), number);
            QCOMPARE(jobs.size(), 1);
            ++linkedDeals;
        }
        QVERIFY(linkedDeals >= 30);
    }

    void theCoordinatorsAddressCase()
    {
        World w(1);
        const qint64 orgId = w.cases.pipedrive.value(QStringLiteral("address_both_changed"));
        const qint64 customerId = w.cases.ostendo.value(QStringLiteral("address_both_changed"));
        const QJsonObject org = w.pd.organization(orgId);
        QVERIFY(org.value(QStringLiteral("address"))
                    .toObject()
                    .value(QStringLiteral("value"))
                    .toString()
                    .contains(QStringLiteral("Suite 5")));
        const QVariantMap row = w.os.row(0, QStringLiteral("CUSTOMERMASTER"), customerId);
        QCOMPARE(row.value(QStringLiteral("DELIVERYADDRESS1")).toString(), QStringLiteral("40 Rimu Street"));
        // Ostendo's edit is the later one, so "most recently modified" has a clear answer.
        const QDateTime pdTime =
            QDateTime::fromString(org.value(QStringLiteral("update_time")).toString(), Qt::ISODate);
        QVERIFY(pdTime.isValid());
        QVERIFY(pdTime < kNow.addDays(-1).addSecs(-60));
    }

    void unlinkedRecordsAndBulkImport()
    {
        World w(1);
        // The deal without a job and the job without a deal carry no key of the other side.
        const QJsonObject deal = w.pd.deal(w.cases.pipedrive.value(QStringLiteral("deal_without_job")));
        QVERIFY(w.customField(deal, QStringLiteral("Ostendo Job Number"), true).isEmpty());
        const QVariantMap job =
            w.os.row(0, QStringLiteral("JOBHEADER"), w.cases.ostendo.value(QStringLiteral("job_without_deal")));
        QVERIFY(job.value(QStringLiteral("ADDITIONALFIELD_1")).toString().isEmpty());
        int imported = 0;
        for (const QVariantMap &row : w.os.rows(0, QStringLiteral("CUSTOMERMASTER"))) {
            if (row.value(QStringLiteral("CUSTOMER")).toString().startsWith(QStringLiteral("Import "))) {
                QVERIFY(row.value(QStringLiteral("ADDITIONALFIELD_1")).toString().isEmpty());
                ++imported;
            }
        }
        QCOMPARE(imported, 120);
        // The deleted deal is soft-deleted, its job still in progress.
        const QJsonObject deleted = w.pd.deal(w.cases.pipedrive.value(QStringLiteral("deleted_deal_live_job")));
        QCOMPARE(deleted.value(QStringLiteral("is_deleted")).toBool(), true);
        QCOMPARE(
            w.os.row(0, QStringLiteral("JOBHEADER"), w.cases.ostendo.value(QStringLiteral("deleted_deal_live_job")))
                .value(QStringLiteral("ORDERSTATUS"))
                .toString(),
            QStringLiteral("In Progress"));
    }

    void sameSeedSameData()
    {
        World a(7);
        World b(7);
        QCOMPARE(a.pd.allOrganizations(), b.pd.allOrganizations());
        QCOMPARE(a.pd.allDeals(), b.pd.allDeals());
        QCOMPARE(a.os.rows(0, QStringLiteral("CUSTOMERMASTER")), b.os.rows(0, QStringLiteral("CUSTOMERMASTER")));
        World c(8);
        QVERIFY(a.pd.allOrganizations() != c.pd.allOrganizations());
    }
};

QTEST_GUILESS_MAIN(TestDemoScenario)
#include "tst_demoscenario.moc"

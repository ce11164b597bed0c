// RecordMapper: API records to canonical values and plans back to API writes, by table.
#include "engine/RecordMapper.h"

#include <QTest>

class TestRecordMapper : public QObject
{
    Q_OBJECT

private slots:
    void ostendoAddressColumnsFormOneLine_data()
    {
        QTest::addColumn<QString>("a1");
        QTest::addColumn<QString>("a2");
        QTest::addColumn<QString>("city");
        QTest::addColumn<QString>("postcode");
        QTest::addColumn<QString>("line");
        QTest::newRow("all four") << "12 Queen Street"
                                  << "Level 2"
                                  << "Auckland"
                                  << "1010"
                                  << "12 Queen Street, Level 2, Auckland 1010";
        QTest::newRow("no second line") << "7 Cuba Street"
                                        << ""
                                        << "Wellington"
                                        << "6011"
                                        << "7 Cuba Street, Wellington 6011";
        QTest::newRow("city only") << ""
                                   << ""
                                   << "Petone"
                                   << ""
                                   << "Petone";
        QTest::newRow("postcode only") << "1 Beach Road"
                                       << ""
                                       << ""
                                       << "5012"
                                       << "1 Beach Road, 5012";
        QTest::newRow("blank parts ignored") << "  "
                                             << " "
                                             << ""
                                             << ""
                                             << "";
    }
    void ostendoAddressColumnsFormOneLine()
    {
        QFETCH(QString, a1);
        QFETCH(QString, a2);
        QFETCH(QString, city);
        QFETCH(QString, postcode);
        QFETCH(QString, line);
        RecordMapper mapper(Policy::defaultPolicy());
        OstendoCustomer c;
        c.key = QStringLiteral("10001");
        c.address1 = a1;
        c.address2 = a2;
        c.city = city;
        c.postcode = postcode;
        QCOMPARE(mapper.fromCustomer(c).value(QStringLiteral("address")), line);
    }

    void addressWritesUseStructuredPartsOnlyForTheSameLine_data()
    {
        QTest::addColumn<QString>("planned");
        QTest::addColumn<QString>("a1");
        QTest::addColumn<QString>("city");
        QTest::newRow("same line: subfields") << "12 Queen Street, Auckland 1010"
                                              << "12 Queen Street"
                                              << "Auckland";
        QTest::newRow("other line: whole line to ADDRESS1") << "99 Other Road, Hamilton"
                                                            << "99 Other Road, Hamilton"
                                                            << "";
    }
    void addressWritesUseStructuredPartsOnlyForTheSameLine()
    {
        QFETCH(QString, planned);
        QFETCH(QString, a1);
        QFETCH(QString, city);
        RecordMapper mapper(Policy::defaultPolicy());
        PipedriveOrganization org;
        org.hasAddress = true;
        org.address.value = QStringLiteral("12 Queen Street, Auckland 1010");
        org.address.streetNumber = QStringLiteral("12");
        org.address.route = QStringLiteral("Queen Street");
        org.address.locality = QStringLiteral("Auckland");
        org.address.postalCode = QStringLiteral("1010");
        SidePlan plan;
        plan.fields.insert(QStringLiteral("address"), planned);
        const auto write = mapper.customerWrite(plan, &org);
        QVERIFY(write.fields.testFlag(OstendoCustomer::Address));
        QCOMPARE(write.values.address1, a1);
        QCOMPARE(write.values.city, city);
        QCOMPARE(write.values.address2, QString());
    }

    void archivedStateComesFromEachSidesMarker_data()
    {
        QTest::addColumn<QString>("ostendoStatus");
        QTest::addColumn<QString>("pipedriveStatus");
        QTest::addColumn<bool>("pipedriveDeleted");
        QTest::addColumn<int>("ostendoState");
        QTest::addColumn<int>("pipedriveState");
        using S = SideRecord::State;
        QTest::newRow("both active") << "Active"
                                     << "Active" << false << int(S::Present) << int(S::Present);
        QTest::newRow("inactive") << "Inactive"
                                  << "Inactive" << false << int(S::Archived) << int(S::Archived);
        QTest::newRow("case") << "INACTIVE"
                              << "inactive" << false << int(S::Archived) << int(S::Archived);
        QTest::newRow("deleted org") << "Active"
                                     << "" << true << int(S::Present) << int(S::Deleted);
    }
    void archivedStateComesFromEachSidesMarker()
    {
        QFETCH(QString, ostendoStatus);
        QFETCH(QString, pipedriveStatus);
        QFETCH(bool, pipedriveDeleted);
        QFETCH(int, ostendoState);
        QFETCH(int, pipedriveState);
        RecordMapper mapper(Policy::defaultPolicy());
        OstendoCustomer c;
        c.key = QStringLiteral("1");
        c.status = ostendoStatus;
        PipedriveOrganization o;
        o.id = 2;
        o.isDeleted = pipedriveDeleted;
        o.customFields.insert(QStringLiteral("Ostendo Status"), pipedriveStatus);
        QCOMPARE(int(mapper.fromCustomer(c).state), ostendoState);
        QCOMPARE(int(mapper.fromOrganization(o).state), pipedriveState);
    }

    void workCustomerIsTheCustomerLinkOnBothSides()
    {
        RecordMapper mapper(Policy::defaultPolicy());
        mapper.setCustomerLink(42, 700, QStringLiteral("10005"), QStringLiteral("Rimu School"));
        PipedriveDeal deal;
        deal.id = 9;
        deal.orgId = 700;
        OstendoJob job;
        job.key = QStringLiteral("20001");
        job.customerName = QStringLiteral("  rimu school ");
        QCOMPARE(mapper.fromDeal(deal).value(QStringLiteral("customer")), QStringLiteral("42"));
        QCOMPARE(mapper.fromJob(job).value(QStringLiteral("customer")), QStringLiteral("42"));
        deal.orgId = 701; // not linked yet: never equal to a link id
        QCOMPARE(mapper.fromDeal(deal).value(QStringLiteral("customer")), QStringLiteral("pipedrive:701"));

        SidePlan plan;
        plan.fields.insert(QStringLiteral("customer"), QStringLiteral("42"));
        QString problem;
        QCOMPARE(mapper.dealChanges(plan, &problem).orgId.value_or(-1), 700);
        QCOMPARE(mapper.jobWrite(plan, &problem).values.customerName, QStringLiteral("Rimu School"));
        QVERIFY(problem.isEmpty());
        plan.fields.insert(QStringLiteral("customer"), QStringLiteral("43"));
        mapper.jobWrite(plan, &problem);
        QVERIFY(!problem.isEmpty());
    }

    void moneyAndDatesAreComparableText_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("whole") << 1200.0 << "1200";
        QTest::newRow("cents") << 880.5 << "880.50";
        QTest::newRow("zero") << 0.0 << "0";
    }
    void moneyAndDatesAreComparableText()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(RecordMapper::moneyText(value), text);
    }
};

QTEST_GUILESS_MAIN(TestRecordMapper)
#include "tst_recordmapper.moc"

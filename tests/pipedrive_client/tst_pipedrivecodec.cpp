// Strict reading of Pipedrive v2 records and exact v2 write bodies.
#include "connectors/PipedriveBudget.h"
#include "connectors/PipedriveCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

namespace {
const QString PhoneKey = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
const QString CarriedKey = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString TypeKey = QStringLiteral("fedcba9876543210fedcba9876543210fedcba98");
const QString NotesKey = QStringLiteral("1111111111222222222233333333334444444444");

PipedriveCodec::FieldsByName orgFields()
{
    PipedriveCodec::FieldsByName f;
    f.insert(QStringLiteral("Phone"),
             PipedriveFieldDefinition{PhoneKey, QStringLiteral("Phone"), QStringLiteral("phone"), true, {}});
    f.insert(QStringLiteral("Ostendo Customer ID"),
             PipedriveFieldDefinition{
                 CarriedKey, QStringLiteral("Ostendo Customer ID"), QStringLiteral("varchar"), true, {}});
    f.insert(QStringLiteral("Notes"),
             PipedriveFieldDefinition{NotesKey, QStringLiteral("Notes"), QStringLiteral("text"), true, {}});
    return f;
}

PipedriveCodec::FieldsByName dealFields()
{
    PipedriveCodec::FieldsByName f;
    f.insert(QStringLiteral("Project Type"),
             PipedriveFieldDefinition{TypeKey,
                                      QStringLiteral("Project Type"),
                                      QStringLiteral("enum"),
                                      true,
                                      {{11, QStringLiteral("Landscaping")}, {12, QStringLiteral("Irrigation")}}});
    return f;
}

QJsonObject goodOrganization()
{
    return QJsonDocument::fromJson(R"({"id":7,"name":"Acme Oy","update_time":"2024-07-01T05:46:33Z",
        "is_deleted":false,"address":{"value":"Mannerheimintie 1, Helsinki","locality":"Helsinki",
        "route":"Mannerheimintie","street_number":"1","postal_code":"00100","country":null},
        "custom_fields":{"a1b2c3d4e5f60718293a4b5c6d7e8f9012345678":"+64 9 555 0101",
        "0123456789abcdef0123456789abcdef01234567":"C-48213","ffffffffffffffffffffffffffffffffffffffff":"x"}})")
        .object();
}

QJsonObject goodDeal()
{
    return QJsonDocument::fromJson(R"({"id":12,"title":"Lawn","value":2300.5,"currency":"NZD","status":"won",
        "stage_id":3,"org_id":7,"expected_close_date":"2024-08-01","update_time":"2024-07-01T11:29:32.000Z",
        "is_deleted":false,"is_archived":false,
        "custom_fields":{"fedcba9876543210fedcba9876543210fedcba98":12}})")
        .object();
}
} // namespace

class TestPipedriveCodec : public QObject
{
    Q_OBJECT
private slots:
    void readsAnOrganization()
    {
        QString problem;
        const auto org = PipedriveCodec::parseOrganization(goodOrganization(), orgFields(), &problem);
        QVERIFY2(org, qPrintable(problem));
        QCOMPARE(org->id, 7);
        QCOMPARE(org->name, QStringLiteral("Acme Oy"));
        QVERIFY(org->hasAddress);
        QCOMPARE(org->address.locality, QStringLiteral("Helsinki"));
        QCOMPARE(org->address.streetNumber, QStringLiteral("1"));
        QCOMPARE(org->customText(QStringLiteral("Phone")), QStringLiteral("+64 9 555 0101"));
        QCOMPARE(org->customText(QStringLiteral("Ostendo Customer ID")), QStringLiteral("C-48213"));
        QVERIFY(!org->customFields.contains(QStringLiteral("Notes"))); // absent stays absent
        QCOMPARE(org->customFields.size(), 2);                         // unmapped keys are ignored
        QCOMPARE(org->updateTime, QDateTime(QDate(2024, 7, 1), QTime(5, 46, 33), Qt::UTC));
    }

    void readsADealWithAnEnumLabel()
    {
        QString problem;
        const auto deal = PipedriveCodec::parseDeal(goodDeal(), dealFields(), &problem);
        QVERIFY2(deal, qPrintable(problem));
        QCOMPARE(deal->value, 2300.5);
        QCOMPARE(deal->status, QStringLiteral("won"));
        QCOMPARE(deal->stageId, 3);
        QCOMPARE(deal->orgId, 7);
        QCOMPARE(deal->expectedCloseDate, QDate(2024, 8, 1));
        QCOMPARE(deal->customText(QStringLiteral("Project Type")), QStringLiteral("Irrigation"));
    }

    void refusesHostileOrganizations_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("id as text") << "id" << QJsonValue(QStringLiteral("7"));
        QTest::newRow("id fractional") << "id" << QJsonValue(7.5);
        QTest::newRow("id negative") << "id" << QJsonValue(-3);
        QTest::newRow("id huge") << "id" << QJsonValue(1e300);
        QTest::newRow("name number") << "name" << QJsonValue(5);
        QTest::newRow("name null") << "name" << QJsonValue(QJsonValue::Null);
        QTest::newRow("address text") << "address" << QJsonValue(QStringLiteral("Main St"));
        QTest::newRow("address value number") << "address" << QJsonValue(QJsonObject{{"value", 3}});
        QTest::newRow("update_time v1 format") << "update_time" << QJsonValue(QStringLiteral("2024-07-01 05:46:33"));
        QTest::newRow("update_time no zone") << "update_time" << QJsonValue(QStringLiteral("2024-07-01T05:46:33"));
        QTest::newRow("update_time garbage") << "update_time" << QJsonValue(QStringLiteral("yesterday"));
        QTest::newRow("is_deleted 0/1") << "is_deleted" << QJsonValue(1);
        QTest::newRow("custom_fields array") << "custom_fields" << QJsonValue(QJsonArray{1, 2});
        QTest::newRow("phone as number") << "custom_fields" << QJsonValue(QJsonObject{{PhoneKey, 5550101}});
    }

    void refusesHostileOrganizations()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject o = goodOrganization();
        o.insert(key, value);
        QString problem;
        QVERIFY(!PipedriveCodec::parseOrganization(o, orgFields(), &problem));
        QVERIFY(!problem.isEmpty());
        QVERIFY2(problem.size() < 200, qPrintable(problem));
    }

    void refusesHostileDeals_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("value as text") << "value" << QJsonValue(QStringLiteral("2300"));
        QTest::newRow("status unknown") << "status" << QJsonValue(QStringLiteral("pending"));
        QTest::newRow("stage_id object") << "stage_id" << QJsonValue(QJsonObject{{"id", 3}});
        QTest::newRow("org_id text") << "org_id" << QJsonValue(QStringLiteral("7"));
        QTest::newRow("close date time") << "expected_close_date" << QJsonValue(QStringLiteral("2024-08-01T00:00:00Z"));
        QTest::newRow("close date bad") << "expected_close_date" << QJsonValue(QStringLiteral("2024-13-45"));
        QTest::newRow("is_archived text") << "is_archived" << QJsonValue(QStringLiteral("false"));
        QTest::newRow("enum unknown option") << "custom_fields" << QJsonValue(QJsonObject{{TypeKey, 99}});
        QTest::newRow("title missing") << "title" << QJsonValue(QJsonValue::Undefined);
    }

    void refusesHostileDeals()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject o = goodDeal();
        if (value.isUndefined()) {
            o.remove(key);
        } else {
            o.insert(key, value);
        }
        QString problem;
        QVERIFY(!PipedriveCodec::parseDeal(o, dealFields(), &problem));
        QVERIFY(!problem.isEmpty());
    }

    void nullsAreEmptyNotErrors()
    {
        QJsonObject d = goodDeal();
        d.insert(QStringLiteral("value"), QJsonValue::Null);
        d.insert(QStringLiteral("org_id"), QJsonValue::Null);
        d.insert(QStringLiteral("expected_close_date"), QJsonValue::Null);
        d.insert(QStringLiteral("custom_fields"), QJsonObject{{TypeKey, QJsonValue::Null}});
        QString problem;
        const auto deal = PipedriveCodec::parseDeal(d, dealFields(), &problem);
        QVERIFY2(deal, qPrintable(problem));
        QCOMPARE(deal->orgId, 0);
        QVERIFY(!deal->expectedCloseDate.isValid());
        QVERIFY(deal->customFields.value(QStringLiteral("Project Type")).isNull());
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(2024, 7, 1), QTime(5, 46, 33), Qt::UTC);
        QTest::newRow("Z") << "2024-07-01T05:46:33Z" << t;
        QTest::newRow("millis") << "2024-07-01T05:46:33.000Z" << t;
        QTest::newRow("micros") << "2024-07-01T05:46:33.250999Z" << t.addMSecs(250);
        QTest::newRow("offset") << "2024-07-01T17:46:33+12:00" << t;
        QTest::newRow("no zone") << "2024-07-01T05:46:33" << QDateTime();
        QTest::newRow("v1 style") << "2024-07-01 05:46:33" << QDateTime();
        QTest::newRow("empty") << "" << QDateTime();
    }

    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(PipedriveCodec::parseTimestamp(text), expected);
    }

    void formatsUpdatedSinceInWholeUtcSeconds()
    {
        const QDateTime local(QDate(2024, 7, 1), QTime(17, 46, 33, 900), QTimeZone(12 * 3600));
        QCOMPARE(PipedriveCodec::formatTimestamp(local), QStringLiteral("2024-07-01T05:46:33Z"));
    }

    void writesAnOrganizationBody()
    {
        PipedriveOrganizationChanges c;
        c.name = QStringLiteral("O'Brien & Sons");
        PipedriveAddress a;
        a.value = QStringLiteral("1 Queen St, Auckland 1010");
        a.locality = QStringLiteral("Auckland");
        a.postalCode = QStringLiteral("1010");
        c.address = a;
        c.customFields.insert(QStringLiteral("Ostendo Customer ID"), 48213.0); // a number goes to text as "48213"
        c.customFields.insert(QStringLiteral("Phone"), QStringLiteral("+64 9 555 0101"));
        c.customFields.insert(QStringLiteral("Notes"), QJsonValue(QJsonValue::Null));
        QString problem;
        const QJsonObject body = PipedriveCodec::organizationBody(c, orgFields(), true, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // (No raw string here: moc's tokenizer trips over an apostrophe inside one.)
        const QJsonObject expected =
            QJsonDocument::fromJson("{\"name\":\"O'Brien & Sons\","
                                    "\"address\":{\"value\":\"1 Queen St, Auckland 1010\",\"locality\":\"Auckland\","
                                    "\"postal_code\":\"1010\"},"
                                    "\"custom_fields\":{\"0123456789abcdef0123456789abcdef01234567\":\"48213\","
                                    "\"a1b2c3d4e5f60718293a4b5c6d7e8f9012345678\":\"+64 9 555 0101\","
                                    "\"1111111111222222222233333333334444444444\":null}}")
                .object();
        QCOMPARE(body, expected);
    }

    void writesADealBody()
    {
        PipedriveDealChanges c;
        c.title = QStringLiteral("Lawn");
        c.value = 1200;
        c.currency = QStringLiteral("NZD");
        c.status = QStringLiteral("open");
        c.stageId = 3;
        c.orgId = 0; // clears
        c.expectedCloseDate = QDate(2024, 8, 1);
        c.customFields.insert(QStringLiteral("Project Type"), QStringLiteral(" irrigation "));
        QString problem;
        const QJsonObject body = PipedriveCodec::dealBody(c, dealFields(), true, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(body.value(QStringLiteral("value")).isDouble());
        QVERIFY(body.value(QStringLiteral("stage_id")).isDouble());
        QVERIFY(body.value(QStringLiteral("org_id")).isNull());
        QCOMPARE(body.value(QStringLiteral("expected_close_date")).toString(), QStringLiteral("2024-08-01"));
        QCOMPARE(body.value(QStringLiteral("custom_fields")).toObject().value(TypeKey), QJsonValue(12));
        QCOMPARE(QJsonDocument(body).toJson(QJsonDocument::Compact).contains("\"value\":1200"), true);
    }

    void acceptsAKnownOptionIdForAnEnum()
    {
        PipedriveDealChanges c;
        c.customFields.insert(QStringLiteral("Project Type"), 11.0);
        QString problem;
        const QJsonObject body = PipedriveCodec::dealBody(c, dealFields(), false, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(body.value(QStringLiteral("custom_fields")).toObject().value(TypeKey), QJsonValue(11));
    }

    void refusesBodiesThatCannotBeSent_data()
    {
        QTest::addColumn<bool>("forCreate");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("projectType");
        QTest::newRow("create without title") << true << QString() << QString() << QString();
        QTest::newRow("blank title") << false << QStringLiteral("  ") << QString() << QString();
        QTest::newRow("status deleted") << false << QStringLiteral("T") << QStringLiteral("deleted") << QString();
        QTest::newRow("unknown option label") << false << QStringLiteral("T") << QString() << QStringLiteral("Paving");
        QTest::newRow("unknown option id") << false << QStringLiteral("T") << QString() << QStringLiteral("#99");
    }

    void refusesBodiesThatCannotBeSent()
    {
        QFETCH(bool, forCreate);
        QFETCH(QString, title);
        QFETCH(QString, status);
        QFETCH(QString, projectType);
        PipedriveDealChanges c;
        if (!title.isNull()) {
            c.title = title;
        }
        if (!status.isEmpty()) {
            c.status = status;
        }
        if (projectType.startsWith(QLatin1Char('#'))) {
            c.customFields.insert(QStringLiteral("Project Type"), projectType.mid(1).toDouble());
        } else if (!projectType.isEmpty()) {
            c.customFields.insert(QStringLiteral("Project Type"), projectType);
        }
        QString problem;
        PipedriveCodec::dealBody(c, dealFields(), forCreate, &problem);
        QVERIFY(!problem.isEmpty());
    }

    void tokenCosts_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("cost");
        QTest::newRow("list deals") << QByteArray("GET") << "/deals" << 10;
        QTest::newRow("archived deals") << QByteArray("GET") << "/deals/archived" << 20;
        QTest::newRow("get deal") << QByteArray("GET") << "/deals/12" << 1;
        QTest::newRow("create org") << QByteArray("POST") << "/organizations" << 5;
        QTest::newRow("patch org") << QByteArray("PATCH") << "/organizations/3" << 5;
        QTest::newRow("delete deal") << QByteArray("DELETE") << "/deals/12" << 3;
        QTest::newRow("item search field") << QByteArray("GET") << "/itemSearch/field" << 20;
        QTest::newRow("org search") << QByteArray("GET") << "/organizations/search" << 20;
        QTest::newRow("stages") << QByteArray("GET") << "/stages" << 5;
        QTest::newRow("deal fields") << QByteArray("GET") << "/dealFields" << 10;
        QTest::newRow("create org field") << QByteArray("POST") << "/organizationFields" << 5;
    }

    void tokenCosts()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, cost);
        QCOMPARE(PipedriveBudget::tokenCost(method, path), cost);
    }
};

QTEST_GUILESS_MAIN(TestPipedriveCodec)
#include "tst_pipedrivecodec.moc"

// The policy file: the shipped default says what DESIGN §2 says, and a broken file is refused with its line.
#include "model/Policy.h"
#include "model/PolicyLoader.h"

#include "TestSupport.h"
#include <QSignalSpy>
#include <QTest>

namespace {
int lineOf(const QByteArray &text, int offset)
{
    return int(text.left(offset).count('\n')) + 1;
}
} // namespace

class TestPolicy : public QObject
{
    Q_OBJECT
private slots:
    void defaultFollowsDesign_data()
    {
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("pipedrive");
        QTest::addColumn<bool>("custom");
        QTest::addColumn<QString>("ostendo");
        QTest::addColumn<QString>("flows");
        QTest::addColumn<QString>("merge");
        QTest::addColumn<QString>("firstInOrder");
        QTest::addColumn<QString>("risk");

        QTest::newRow("customer.name") << "customer"
                                       << "name"
                                       << "name" << false << "CUSTOMER"
                                       << "both"
                                       << "owner"
                                       << "pipedrive"
                                       << "medium";
        QTest::newRow("customer.phone") << "customer"
                                        << "phone"
                                        << "Phone" << true << "CUSTOMERPHONE"
                                        << "both"
                                        << "prefer_non_empty"
                                        << "ostendo"
                                        << "medium";
        QTest::newRow("customer.email") << "customer"
                                        << "email"
                                        << "Email" << true << "CUSTOMEREMAIL"
                                        << "both"
                                        << "prefer_non_empty"
                                        << "pipedrive"
                                        << "medium";
        QTest::newRow("customer.address")
            << "customer"
            << "address"
            << "address" << false << "DELIVERYADDRESS1,DELIVERYADDRESS2,DELIVERYCITY,DELIVERYPOSTALCODE"
            << "both"
            << "most_recent"
            << "pipedrive"
            << "medium";
        QTest::newRow("customer.notes") << "customer"
                                        << "notes"
                                        << "Notes" << true << "CUSTOMERNOTES"
                                        << "both"
                                        << "concatenate"
                                        << "ostendo"
                                        << "low";
        QTest::newRow("work.status") << "work_item"
                                     << "status"
                                     << "status" << false << "ORDERSTATUS"
                                     << "pipedrive_to_ostendo"
                                     << "owner"
                                     << "pipedrive"
                                     << "medium";
        QTest::newRow("work.stage") << "work_item"
                                    << "stage"
                                    << "stage_id" << false << "ADDITIONALFIELD_2"
                                    << "pipedrive_to_ostendo"
                                    << "owner"
                                    << "pipedrive"
                                    << "medium";
        QTest::newRow("work.value") << "work_item"
                                    << "value"
                                    << "value" << false << "ORDERVALUE"
                                    << "both"
                                    << "owner"
                                    << "pipedrive"
                                    << "medium";
        QTest::newRow("work.title") << "work_item"
                                    << "title"
                                    << "title" << false << "DESCRIPTION"
                                    << "both"
                                    << "owner"
                                    << "pipedrive"
                                    << "medium";
        QTest::newRow("work.customer") << "work_item"
                                       << "customer"
                                       << "org_id" << false << "CUSTOMER"
                                       << "ostendo_to_pipedrive"
                                       << "block"
                                       << "ostendo"
                                       << "high";
        QTest::newRow("work.project_type") << "work_item"
                                           << "project_type"
                                           << "Project Type" << true << "JOBTYPE"
                                           << "ostendo_to_pipedrive"
                                           << "block"
                                           << "ostendo"
                                           << "high";
        QTest::newRow("work.dates") << "work_item"
                                    << "dates"
                                    << "expected_close_date" << false << "REQUIREDDATE"
                                    << "ostendo_to_pipedrive"
                                    << "owner"
                                    << "ostendo"
                                    << "medium";
    }

    void defaultFollowsDesign()
    {
        QFETCH(QString, entity);
        QFETCH(QString, field);
        QFETCH(QString, pipedrive);
        QFETCH(bool, custom);
        QFETCH(QString, ostendo);
        QFETCH(QString, flows);
        QFETCH(QString, merge);
        QFETCH(QString, firstInOrder);
        QFETCH(QString, risk);
        const Policy policy = Policy::defaultPolicy();
        const FieldRule *rule = policy.entity(*Entities::fromKey(entity)).field(field);
        QVERIFY(rule);
        QCOMPARE(rule->pipedriveName, pipedrive);
        QCOMPARE(rule->pipedriveCustom, custom);
        QCOMPARE(rule->ostendoColumns.join(QLatin1Char(',')), ostendo);
        QCOMPARE(FieldRule::flowKey(rule->flow), flows);
        QCOMPARE(FieldRule::mergeKey(rule->merge), merge);
        QCOMPARE(Sides::key(rule->firstInOrder()), firstInOrder);
        QCOMPARE(Risks::key(rule->risk), risk);
    }

    void defaultCarriesMappingAndSettings()
    {
        const Policy policy = Policy::defaultPolicy();
        const QStringList orgFields = policy.entity(EntityKind::Customer).pipedriveCustomFields();
        for (const char *name : {"Phone", "Email", "Notes", "Ostendo Customer ID", "Ostendo Status"}) {
            QVERIFY2(orgFields.contains(QLatin1String(name)), name);
        }
        const QStringList dealFields = policy.entity(EntityKind::WorkItem).pipedriveCustomFields();
        QVERIFY(dealFields.contains(QStringLiteral("Ostendo Job Number")));
        QVERIFY(dealFields.contains(QStringLiteral("Project Type")));
        QCOMPARE(policy.entity(EntityKind::Customer).ostendo.value(QStringLiteral("table")),
                 QStringLiteral("CUSTOMERMASTER"));
        QCOMPARE(policy.entity(EntityKind::Customer).ostendo.value(QStringLiteral("carried_id")),
                 QStringLiteral("ADDITIONALFIELD_1"));
        QCOMPARE(policy.entity(EntityKind::WorkItem).ostendo.value(QStringLiteral("table")),
                 QStringLiteral("JOBHEADER"));
        QCOMPARE(policy.entity(EntityKind::WorkItem).ostendo.value(QStringLiteral("job_number")),
                 QStringLiteral("ORDERNUMBER"));
        QCOMPARE(policy.entity(EntityKind::Customer).inactiveValue, QStringLiteral("Inactive"));
        QCOMPARE(policy.jobNumberFormat(), QStringLiteral("PD{deal_id}"));
        QCOMPARE(policy.jobNumberFor(QStringLiteral("48213")), QStringLiteral("PD48213"));
        QCOMPARE(policy.normalisation().defaultCountry, QStringLiteral("NZ"));
        QCOMPARE(policy.normalisation().countryCallingCode, QStringLiteral("64"));
        const StatusMap &map = policy.statusMap();
        QCOMPARE(map.canonical(Side::Ostendo, QStringLiteral("In Progress")), QStringLiteral("won"));
        QCOMPARE(map.canonical(Side::Ostendo, QStringLiteral("closed")), QStringLiteral("won"));
        QCOMPARE(map.canonical(Side::Ostendo, QStringLiteral("Cancelled")), QStringLiteral("lost"));
        QCOMPARE(map.valueFor(Side::Ostendo, QStringLiteral("won")), QStringLiteral("Approved"));
        QCOMPARE(map.valueFor(Side::Ostendo, QStringLiteral("open")), QStringLiteral("Quoted"));
        QVERIFY(map.isOpenWork(Side::Ostendo, QStringLiteral("In Progress")));
        QVERIFY(!map.isOpenWork(Side::Ostendo, QStringLiteral("Completed")));
        QVERIFY(!map.isOpenWork(Side::Pipedrive, QStringLiteral("won")));
    }

    // Each row edits the shipped file once; the message must name the problem and the line of the edit.
    void refusedWithLineAndReason_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("reason");
        QTest::newRow("syntax error: missing comma") << "\"version\": 1,"
                                                     << "\"version\": 1"
                                                     << "";
        QTest::newRow("unknown field") << "\"name\": \"notes\""
                                       << "\"name\": \"fax\""
                                       << "unknown field \"fax\"";
        QTest::newRow("unknown rule") << "\"merge\": \"most_recent\""
                                      << "\"merge\": \"newest\""
                                      << "unknown rule \"newest\"";
        QTest::newRow("missing owner") << "\"merge\": \"owner\", \"owner\": \"ostendo\", "
                                       << "\"merge\": \"owner\", "
                                       << "missing owner";
        QTest::newRow("owner that is not the source of a one-way field")
            << "\"flows\": \"pipedrive_to_ostendo\", \"merge\": \"owner\", \"owner\": \"pipedrive\", \"risk\": "
               "\"medium\",\n                  \"normalise\": \"status\""
            << "\"flows\": \"pipedrive_to_ostendo\", \"merge\": \"owner\", \"owner\": \"ostendo\", \"risk\": "
               "\"medium\",\n                  \"normalise\": \"status\""
            << "the owner must be the side it flows from";
        QTest::newRow("unknown risk") << "\"risk\": \"low\""
                                      << "\"risk\": \"severe\""
                                      << "unknown risk \"severe\"";
        QTest::newRow("unknown direction") << "\"flows\": \"ostendo_to_pipedrive\", \"merge\": \"block\""
                                           << "\"flows\": \"sideways\", \"merge\": \"block\""
                                           << "unknown direction \"sideways\"";
        QTest::newRow("unknown setting in a field") << "\"name\": \"email\","
                                                    << "\"name\": \"email\", \"colour\": 1,"
                                                    << "unknown setting \"colour\"";
        QTest::newRow("missing risk") << "\"order\": [\"ostendo\", \"pipedrive\"], \"risk\": \"low\","
                                      << "\"order\": [\"ostendo\", \"pipedrive\"],"
                                      << "missing \"risk\"";
        QTest::newRow("unknown country") << "\"default_country\": \"NZ\""
                                         << "\"default_country\": \"XX\""
                                         << "unknown country \"XX\"";
        QTest::newRow("job number format without the deal id") << "\"PD{deal_id}\""
                                                               << "\"PD\""
                                                               << "must contain {deal_id}";
        QTest::newRow("prefer_non_empty without an order")
            << "\"merge\": \"prefer_non_empty\", \"order\": [\"ostendo\", \"pipedrive\"],"
            << "\"merge\": \"prefer_non_empty\","
            << "needs an \"order\"";
        QTest::newRow("a status in two groups") << "\"pipedrive\": [\"lost\"]"
                                                << "\"pipedrive\": [\"won\"]"
                                                << "\"won\" is in two groups";
    }

    void refusedWithLineAndReason()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, reason);
        QByteArray json = Policy::defaultPolicyJson();
        const int at = int(json.indexOf(from.toUtf8()));
        QVERIFY2(at >= 0, qPrintable(from));
        json.replace(at, from.toUtf8().size(), to.toUtf8());

        QString error;
        QVERIFY(!Policy::fromJson(json, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("^line (\\d+), column \\d+: .+")).match(error);
        QVERIFY2(match.hasMatch(), qPrintable(error));
        const int line = match.captured(1).toInt();
        // A missing setting has no line of its own: the message points at the field it is missing from.
        const bool missing = reason.contains(QLatin1String("missing")) || reason.contains(QLatin1String("needs"));
        const int expected = lineOf(json, missing ? int(json.lastIndexOf('{', at)) : at);
        // A missing comma is noticed at the next token, which may sit on the following line.
        QVERIFY2(line == expected || (reason.isEmpty() && line == expected + 1),
                 qPrintable(QStringLiteral("expected line %1: %2").arg(expected).arg(error)));
    }

    void loaderKeepsThePreviousPolicyWhenRefused()
    {
        TestSupport::ScratchDir dir;
        QVERIFY(dir.isValid());
        PolicyLoader loader;
        QSignalSpy changed(&loader, &PolicyLoader::policyChanged);
        QSignalSpy refused(&loader, &PolicyLoader::policyRefused);
        QCOMPARE(loader.current().normalisation().defaultCountry, QStringLiteral("NZ"));

        QByteArray australian = Policy::defaultPolicyJson();
        australian.replace("\"default_country\": \"NZ\"", "\"default_country\": \"AU\"");
        const QString userFile = dir.filePath(QStringLiteral("policy.json"));
        QFile file(userFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(australian);
        file.close();
        QVERIFY(loader.loadFile(userFile));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(loader.current().normalisation().countryCallingCode, QStringLiteral("61"));
        QCOMPARE(loader.currentSource(), userFile);

        QByteArray broken = australian;
        broken.replace("\"merge\": \"concatenate\"", "\"merge\": \"append\"");
        QVERIFY(!loader.loadJson(broken, QStringLiteral("edited.json")));
        QCOMPARE(refused.count(), 1);
        QVERIFY(loader.lastError().startsWith(QStringLiteral("edited.json, line ")));
        QVERIFY(loader.lastError().contains(QStringLiteral("unknown rule \"append\"")));
        QCOMPARE(loader.current().normalisation().countryCallingCode, QStringLiteral("61"));
        QCOMPARE(loader.currentSource(), userFile);

        QVERIFY(!loader.loadFile(dir.filePath(QStringLiteral("missing.json"))));
        QCOMPARE(refused.count(), 2);
        QCOMPARE(loader.current().normalisation().countryCallingCode, QStringLiteral("61"));

        QVERIFY(loader.loadFile(QString())); // an empty sync/policy_file setting means the default
        QCOMPARE(loader.current().normalisation().countryCallingCode, QStringLiteral("64"));
    }

    void mirroredSwapsEveryRole()
    {
        const Policy policy = Policy::defaultPolicy();
        const Policy mirror = policy.mirrored();
        const FieldRule *status = mirror.entity(EntityKind::WorkItem).field(QStringLiteral("status"));
        QCOMPARE(status->flow, FieldRule::Flow::OstendoToPipedrive);
        QCOMPARE(*status->owner, Side::Ostendo);
        QCOMPARE(mirror.statusMap().valueFor(Side::Pipedrive, QStringLiteral("won")), QStringLiteral("Approved"));
        QCOMPARE(mirror.entity(EntityKind::Customer).field(QStringLiteral("phone"))->firstInOrder(), Side::Pipedrive);
        const Policy back = mirror.mirrored();
        for (EntityKind entity : {EntityKind::Customer, EntityKind::WorkItem}) {
            for (const FieldRule &rule : policy.entity(entity).fields) {
                const FieldRule *again = back.entity(entity).field(rule.name);
                QCOMPARE(again->flow, rule.flow);
                QCOMPARE(again->owner, rule.owner);
                QCOMPARE(again->order, rule.order);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"

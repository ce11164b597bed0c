// The real sync engine against both simulators in process: creation both ways, updates both ways, conflicts, the
// base and the log, idempotence, dry runs and the journal, customers first and then work items.
#include "EngineRig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTest>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

int writesIn(const RunSummary &summary)
{
    int n = 0;
    for (const char *entity : {"customers", "work_items"}) {
        const QJsonObject e = summary.json.value(QLatin1String(entity)).toObject();
        for (const char *dir : {"to_pipedrive", "to_ostendo"}) {
            const QJsonObject d = e.value(QLatin1String(dir)).toObject();
            n += d.value(QStringLiteral("created")).toInt() + d.value(QStringLiteral("updated")).toInt() +
                 d.value(QStringLiteral("archived")).toInt();
        }
    }
    return n;
}

int count(const RunSummary &summary, const char *entity, const char *dir, const char *what)
{
    return summary.json.value(QLatin1String(entity))
        .toObject()
        .value(QLatin1String(dir))
        .toObject()
        .value(QLatin1String(what))
        .toInt();
}

// The requests a run sent that change something (creates, updates), from each simulator's request log.
int pipedriveWrites(const EngineRig &rig)
{
    int n = 0;
    for (const auto &entry : rig.pipedrive.requestLog()) {
        n += entry.method != "GET" ? 1 : 0;
    }
    return n;
}
} // namespace

class TestSyncRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The clients log every request at debug level: thousands of lines that would drown the figures.
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
    }

    void newCustomersAreCreatedOnBothSidesCarryingEachOthersIds()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Kauri Lawn Care"},
                                                           {"Phone", "09 555 0100"},
                                                           {"Email", "office@kauri.example"},
                                                           {"address", "12 Queen Street, Auckland 1010"}});
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "O'Brien Gardens"},
                                                 {"CUSTOMERPHONE", "04 555 0199"},
                                                 {"CUSTOMEREMAIL", "hello@obrien.example"},
                                                 {"DELIVERYADDRESS1", "7 Cuba Street"},
                                                 {"DELIVERYCITY", "Wellington"},
                                                 {"DELIVERYPOSTALCODE", "6011"}});

        const RunSummary summary = rig.sync();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error + QJsonDocument(summary.json).toJson()));
        QCOMPARE(count(summary, "customers", "to_ostendo", "created"), 1);
        QCOMPARE(count(summary, "customers", "to_pipedrive", "created"), 1);

        // Ostendo now holds the organization, carrying its Pipedrive id as a plain integer.
        const QList<qint64> carriedOrg =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org));
        QCOMPARE(carriedOrg.size(), 1);
        const QVariantMap created = rig.customer(carriedOrg.first());
        QCOMPARE(created.value("CUSTOMER").toString(), s("Kauri Lawn Care"));
        QCOMPARE(created.value("CUSTOMEREMAIL").toString(), s("office@kauri.example"));
        QCOMPARE(created.value("CUSTOMERSTATUS").toString(), s("Active"));
        // Pipedrive holds the customer, carrying the Ostendo key.
        const QList<qint64> carriedCustomer = rig.organizationsCarrying(QString::number(customer));
        QCOMPARE(carriedCustomer.size(), 1);
        const QJsonObject newOrg = rig.organization(carriedCustomer.first());
        QCOMPARE(newOrg.value("name").toString(), s("O'Brien Gardens"));
        QCOMPARE(newOrg.value("address").toObject().value("value").toString(), s("7 Cuba Street, Wellington 6011"));
        QCOMPARE(rig.orgCustom(carriedCustomer.first(), s("Email")), s("hello@obrien.example"));
        // And each original now carries the other's id.
        QCOMPARE(rig.orgCustom(org, s("Ostendo Customer ID")), QString::number(carriedOrg.first()));
        QCOMPARE(rig.customer(customer).value("ADDITIONALFIELD_1").toString(),
                 QString::number(carriedCustomer.first()));

        // Two synced links with a base, create rows in the log, the journal closed.
        const QList<Link> links = rig.store.links(EntityKind::Customer);
        QCOMPARE(links.size(), 2);
        for (const Link &link : links) {
            QCOMPARE(link.status, LinkStatus::Synced);
            QVERIFY(link.lastSyncedAt.isValid());
            QVERIFY(!link.base.value(s("name")).toString().isEmpty());
        }
        QVERIFY(rig.store.openJournalEntries().isEmpty());
        LogFilter creates;
        creates.action = s("create");
        QCOMPARE(rig.store.logEntries(creates).size(), 2);
        LogFilter summaryRows;
        summaryRows.action = s("summary");
        QCOMPARE(rig.store.logEntries(summaryRows).size(), 1);
    }

    void aSecondRunWritesNothing()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        rig.addOrganization(QJsonObject{{"name", "Tui Grounds Maintenance"}, {"Phone", "+64 9 555 0101"}});
        rig.addCustomer({{"CUSTOMER", "Harbour Homes"}, {"CUSTOMERNOTES", "Gate code 1234"}});
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Rimu School"}});
        rig.addDeal(QJsonObject{{"title", "Field renovation"}, {"org_id", double(org)}, {"value", 1200}});
        QCOMPARE(rig.sync().exitCode, 0);
        rig.advance(600);
        const int writesBefore = pipedriveWrites(rig);
        const int ostendoRowsBefore = rig.customers().size() + rig.jobs().size();
        const RunSummary second = rig.sync();
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(writesIn(second), 0);
        QCOMPARE(pipedriveWrites(rig), writesBefore);
        QCOMPARE(rig.customers().size() + rig.jobs().size(), ostendoRowsBefore);
        rig.advance(600);
        const RunSummary third = rig.sync(false, true); // a full scan finds nothing to do either
        QCOMPARE(writesIn(third), 0);
    }

    void aFullScanRunsFirstThenEveryFullScanHours()
    {
        EngineRig rig;
        rig.options.fullScanHours = 24;
        rig.prepareEmptyCompany();
        rig.addOrganization(QJsonObject{{"name", "Hillcrest Vineyard"}});
        // Whether a run was a full scan is kept with the stored run (the printed summary is DESIGN §4's, exactly).
        const auto wasFull = [&rig](const RunSummary &run) {
            for (const RunRecord &record : rig.store.recentRuns(20)) {
                if (record.id == run.runId) {
                    return record.summary.value("full_scan").toBool();
                }
            }
            qFatal("run not stored");
            return false;
        };
        QCOMPARE(wasFull(rig.sync()), true); // the first sync
        rig.advance(3600);
        QCOMPARE(wasFull(rig.sync()), false);
        rig.advance(3600);
        QCOMPARE(wasFull(rig.sync(false, true)), true); // --full
        rig.advance(23 * 3600);
        QCOMPARE(wasFull(rig.sync()), false); // 23 h after the last full scan
        rig.advance(3600 + 60);
        QCOMPARE(wasFull(rig.sync()), true); // 24 h after it
    }

    void theSummaryIsDesignsObjectExactly()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        rig.addCustomer({{"CUSTOMER", "Westgate Apartments"}});
        const RunSummary summary = rig.sync();
        QStringList keys = summary.json.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{"conflicts", "customers", "dry_run", "duration_ms", "exit_code", "failed",
                                    "pipedrive_tokens_used", "requests", "work_items"}));
        for (const char *entity : {"customers", "work_items"}) {
            const QJsonObject e = summary.json.value(QLatin1String(entity)).toObject();
            QCOMPARE(e.keys(), (QStringList{"to_ostendo", "to_pipedrive"}));
            QCOMPARE(e.value("to_pipedrive").toObject().keys(), (QStringList{"archived", "created", "updated"}));
        }
        QCOMPARE(summary.json.value("conflicts").toObject().keys(),
                 (QStringList{"auto_resolved", "high", "low", "manually_resolved", "medium", "pending_review"}));
        QCOMPARE(summary.json.value("requests").toObject().keys(), (QStringList{"ostendo", "pipedrive"}));
        QVERIFY(summary.json.value("requests").toObject().value("pipedrive").toInt() > 0);
        QVERIFY(summary.json.value("requests").toObject().value("ostendo").toInt() > 0);
        QVERIFY(summary.json.value("pipedrive_tokens_used").toInt() > 0);
    }

    void editsOfDifferentFieldsFlowBothWays()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Totara Gardens"}, {"Phone", "09 555 0102"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 key =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
        QVERIFY(key);
        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"Phone", "09 555 0999"}});
        rig.editCustomer(key, {{"CUSTOMEREMAIL", "accounts@totara.example"}});
        rig.advance(60);
        const RunSummary summary = rig.sync();
        QCOMPARE(summary.exitCode, 0);
        QCOMPARE(rig.customer(key).value("CUSTOMERPHONE").toString(), s("09 555 0999"));
        QCOMPARE(rig.orgCustom(org, s("Email")), s("accounts@totara.example"));
        QCOMPARE(count(summary, "customers", "to_ostendo", "updated"), 1);
        QCOMPARE(count(summary, "customers", "to_pipedrive", "updated"), 1);
        // Not a conflict: different fields.
        QCOMPARE(summary.json.value("conflicts").toObject().value("medium").toInt(), 0);
        const Link link = *rig.store.linkByPipedriveId(EntityKind::Customer, org);
        QCOMPARE(link.base.value(s("email")).toString(), s("accounts@totara.example"));
        // The log row keeps the value a write replaced.
        LogFilter updates;
        updates.action = s("update");
        updates.linkId = link.id;
        bool sawPhone = false;
        for (const LogEntry &row : rig.store.logEntries(updates)) {
            if (row.target == s("ostendo") && row.fieldsChanged.contains(s("phone"))) {
                sawPhone = true;
                QCOMPARE(row.details.value("values").toObject().value("phone").toString(), s("09 555 0999"));
                QCOMPARE(row.details.value("previous").toObject().value("phone").toString(), s("09 555 0102"));
            }
        }
        QVERIFY(sawPhone);
    }

    void aNameChangedOnBothSidesIsAMediumConflictPipedriveWins()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Matai Homes"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 key =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"name", "Matai Homes Ltd"}});
        rig.editCustomer(key, {{"CUSTOMER", "Matai Property Group"}});
        rig.advance(60);
        const RunSummary summary = rig.sync();
        QCOMPARE(summary.exitCode, 0); // medium conflicts are auto_resolved: exit 0
        QCOMPARE(rig.customer(key).value("CUSTOMER").toString(), s("Matai Homes Ltd"));
        QCOMPARE(summary.json.value("conflicts").toObject().value("medium").toInt(), 1);
        ConflictFilter filter;
        filter.risk = Risk::Medium;
        const QList<ConflictRecord> conflicts = rig.store.conflicts(filter);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().conflict.status, Conflict::Status::AutoResolved);
        QCOMPARE(conflicts.first().conflict.fields.first().field, s("name"));
        LogFilter conflictRows;
        conflictRows.action = s("conflict");
        const QList<LogEntry> rows = rig.store.logEntries(conflictRows);
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.first().conflictDetected);
        QCOMPARE(rows.first().risk, s("medium"));
    }

    void aNewDealCreatesItsJobAfterItsCustomer()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Kowhai Sports Club"}});
        const qint64 dealId = rig.addDeal(QJsonObject{{"title", "Cricket wicket renovation"},
                                                      {"org_id", double(org)},
                                                      {"value", 4500},
                                                      {"Project Type", "Renovation"}});
        const RunSummary summary = rig.sync();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error));
        const QList<qint64> jobs =
            rig.ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(dealId));
        QCOMPARE(jobs.size(), 1);
        const QVariantMap job = rig.job(jobs.first());
        QCOMPARE(job.value("ORDERNUMBER").toString(), QStringLiteral("PD%1").arg(dealId));
        QCOMPARE(job.value("ORDERSTATUS").toString(), s("Quoted"));
        QCOMPARE(job.value("CUSTOMER").toString(), s("Kowhai Sports Club"));
        QCOMPARE(job.value("DESCRIPTION").toString(), s("Cricket wicket renovation"));
        QCOMPARE(rig.dealCustom(dealId, s("Ostendo Job Number")), QStringLiteral("PD%1").arg(dealId));
        QCOMPARE(count(summary, "work_items", "to_ostendo", "created"), 1);
        // Customers first: the customer's create is logged before the job's.
        const QList<LogEntry> rows = rig.store.logEntries(LogFilter{});
        int customerCreate = -1;
        int jobCreate = -1;
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i).action == s("create") && rows.at(i).target == s("ostendo")) {
                (rows.at(i).entity == s("customer") ? customerCreate : jobCreate) = i;
            }
        }
        QVERIFY(customerCreate >= 0 && jobCreate >= 0);
        QVERIFY(customerCreate < jobCreate);
    }

    void renamingACustomerRenamesItsJobsInOstendo()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Summit Dental"}});
        const qint64 dealId = rig.addDeal(QJsonObject{{"title", "Courtyard planting"}, {"org_id", double(org)}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 job =
            rig.ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(dealId)).value(0);
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Summit Dental"));
        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"name", "Summit Dental Group"}});
        rig.advance(10);
        const RunSummary renamed = rig.sync();
        QCOMPARE(renamed.exitCode, 0);
        const qint64 key =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
        QCOMPARE(rig.customer(key).value("CUSTOMER").toString(), s("Summit Dental Group"));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Summit Dental Group"));
        // The job's rename is journalled and logged like any write, after the customer's.
        LogFilter updates;
        updates.action = s("update");
        QStringList order;
        for (const LogEntry &row : rig.store.logEntries(updates)) {
            if (row.target == s("ostendo")) {
                order << row.entity;
            }
        }
        QCOMPARE(order, (QStringList{s("customer"), s("work_item")}));
        QVERIFY(rig.store.openJournalEntries().isEmpty());
        QCOMPARE(renamed.json.value("conflicts").toObject().value("high").toInt(), 0);
        rig.advance(300);
        QCOMPARE(writesIn(rig.sync()), 0);
    }

    void aCaseThatSettlesItselfStopsWaitingForAPerson()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Tui Vineyard"}});
        const qint64 dealId = rig.addDeal(
            QJsonObject{{"title", "Irrigation upgrade"}, {"org_id", double(org)}, {"Project Type", "Irrigation"}});
        QCOMPARE(rig.sync().exitCode, 0);
        rig.advance(300);
        rig.editDeal(dealId, QJsonObject{{"Project Type", "Hardscaping"}}); // Ostendo owns it: a person decides
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 3);
        QCOMPARE(rig.store.countConflicts(ConflictStatus::PendingReview), 1);
        rig.advance(300);
        rig.editDeal(dealId, QJsonObject{{"Project Type", "Irrigation"}}); // put back before anyone decided
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 0);
        QCOMPARE(rig.store.countConflicts(ConflictStatus::PendingReview), 0);
        QCOMPARE(rig.store.linkByPipedriveId(EntityKind::WorkItem, dealId)->status, LinkStatus::Synced);
    }

    void aChangeOnOneSideNeedsNoReadOfTheOther()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Rimu Apartments"}, {"Notes", "Gate code 1"}});
        const qint64 dealId = rig.addDeal(QJsonObject{{"title", "Lawn care"}, {"org_id", double(org)}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 job =
            rig.ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(dealId)).value(0);
        rig.advance(300);
        // Won in Pipedrive, then operations move the job along their own lifecycle.
        rig.editDeal(dealId, QJsonObject{{"status", "won"}});
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 0);
        QCOMPARE(rig.job(job).value("ORDERSTATUS").toString(), s("Approved"));
        rig.advance(300);
        rig.editJob(job, {{"ORDERSTATUS", "In Progress"}});
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 0);
        rig.advance(3600);

        // Now only Pipedrive changes: the notes and the deal's title.
        rig.editOrganization(org, QJsonObject{{"Notes", "Gate code 2"}});
        rig.editDeal(dealId, QJsonObject{{"title", "Lawn care and hedges"}});
        rig.advance(10);
        rig.ostendo.clearRequestLog();
        const RunSummary summary = rig.sync();
        QCOMPARE(summary.exitCode, 0);
        int singleReads = 0;
        for (const auto &entry : rig.ostendo.requestLog()) {
            singleReads += entry.method == "GET" ? 1 : 0;
        }
        QCOMPARE(singleReads, 0); // the unchanged Ostendo rows were not read one by one
        QCOMPARE(rig.customers().first().value("CUSTOMERNOTES").toString(), s("Gate code 2"));
        QCOMPARE(rig.job(job).value("DESCRIPTION").toString(), s("Lawn care and hedges"));
        QCOMPARE(rig.job(job).value("ORDERSTATUS").toString(), s("In Progress")); // still in the won set: untouched
        QCOMPARE(summary.json.value("conflicts").toObject().value("medium").toInt(), 0);
        rig.advance(300);
        QCOMPARE(writesIn(rig.sync()), 0);
    }

    void aOneWayFieldEditedOnTheWrongSideIsPutBack_data()
    {
        QTest::addColumn<bool>("editInOstendo");
        QTest::addColumn<QString>("field");
        QTest::newRow("stage edited in Ostendo (Pipedrive owns it)") << true << "stage";
        QTest::newRow("date edited in Pipedrive (Ostendo owns it)") << false << "dates";
    }
    void aOneWayFieldEditedOnTheWrongSideIsPutBack()
    {
        QFETCH(bool, editInOstendo);
        QFETCH(QString, field);
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Bayside Homes"}});
        const qint64 dealId = rig.addDeal(QJsonObject{{"title", "Retaining wall"},
                                                      {"org_id", double(org)},
                                                      {"stage_id", double(rig.pipedrive.stageId(s("Site visit")))},
                                                      {"expected_close_date", "2026-04-10"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 job =
            rig.ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(dealId)).value(0);
        QCOMPARE(rig.job(job).value("ADDITIONALFIELD_2").toString(), s("Site visit"));
        rig.advance(300);
        if (editInOstendo) {
            rig.editJob(job, {{"ADDITIONALFIELD_2", "Negotiation"}});
        } else {
            rig.editDeal(dealId, QJsonObject{{"expected_close_date", "2026-05-01"}});
        }
        rig.advance(10);
        const RunSummary summary = rig.sync();
        QCOMPARE(summary.exitCode, 0);
        if (editInOstendo) {
            QCOMPARE(rig.job(job).value("ADDITIONALFIELD_2").toString(), s("Site visit"));
        } else {
            QCOMPARE(rig.deal(dealId).value("expected_close_date").toString(), s("2026-04-10"));
        }
        ConflictFilter medium;
        medium.risk = Risk::Medium;
        const QList<ConflictRecord> conflicts = rig.store.conflicts(medium);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().conflict.fields.first().field, field);
        QCOMPARE(conflicts.first().conflict.status, Conflict::Status::AutoResolved);
    }

    void aNewJobCreatesADealForItsCustomer()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "Fernleaf Motor Lodge"}});
        const qint64 job = rig.addJob({{"ORDERNUMBER", "J1001"},
                                       {"ORDERSTATUS", "In Progress"},
                                       {"DESCRIPTION", "Hedge trimming"},
                                       {"CUSTOMER", "Fernleaf Motor Lodge"},
                                       {"ORDERVALUE", 880.5},
                                       {"JOBTYPE", "Maintenance"}});
        const RunSummary summary = rig.sync();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error));
        const qint64 org = rig.organizationsCarrying(QString::number(customer)).value(0);
        QVERIFY(org);
        const qint64 dealId = rig.job(job).value("ADDITIONALFIELD_1").toLongLong();
        QVERIFY(dealId);
        const QJsonObject deal = rig.deal(dealId);
        QCOMPARE(deal.value("title").toString(), s("Hedge trimming"));
        QCOMPARE(deal.value("status").toString(), s("won"));
        QCOMPARE(qint64(deal.value("org_id").toDouble()), org);
        QCOMPARE(rig.dealCustom(dealId, s("Ostendo Job Number")), s("J1001"));
        QCOMPARE(rig.dealCustom(dealId, s("Project Type")), s("Maintenance"));
    }

    void archivingAndDeletionAreMirroredAndAFullScanFindsDeletions()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        const qint64 archivedInOstendo = rig.addOrganization(QJsonObject{{"name", "Westgate Cafe"}});
        const qint64 deletedInPipedrive = rig.addOrganization(QJsonObject{{"name", "Riverside Dental"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 cafe =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(archivedInOstendo))
                .value(0);
        const qint64 dental =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(deletedInPipedrive))
                .value(0);
        rig.advance(300);
        rig.editCustomer(cafe, {{"CUSTOMERSTATUS", "Inactive"}});
        QVERIFY(rig.pipedrive.deleteOrganization(deletedInPipedrive));
        rig.advance(60);
        const RunSummary incremental = rig.sync();
        QCOMPARE(incremental.exitCode, 0);
        QCOMPARE(rig.orgCustom(archivedInOstendo, s("Ostendo Status")), s("Inactive"));
        QCOMPARE(count(incremental, "customers", "to_pipedrive", "archived"), 1);
        // A deleted organization is not in an incremental list: the full scan finds it by comparing keys.
        QCOMPARE(rig.customer(dental).value("CUSTOMERSTATUS").toString(), s("Active"));
        rig.advance(60);
        const RunSummary full = rig.sync(false, true);
        QCOMPARE(full.exitCode, 0);
        QCOMPARE(rig.customer(dental).value("CUSTOMERSTATUS").toString(), s("Inactive"));
        QCOMPARE(count(full, "customers", "to_ostendo", "archived"), 1);
        QVERIFY(rig.store.hasTombstone(EntityKind::Customer, System::Pipedrive, QString::number(deletedInPipedrive)));
        // Active again in Ostendo: Active again in Pipedrive.
        rig.advance(60);
        rig.editCustomer(cafe, {{"CUSTOMERSTATUS", "Active"}});
        rig.advance(60);
        QCOMPARE(rig.sync().exitCode, 0);
        QCOMPARE(rig.orgCustom(archivedInOstendo, s("Ostendo Status")), s("Active"));
        // 90 days after archiving, the archived pair's link data goes; its tombstone keeps it from coming back.
        // The pair made active again stays linked, although it was archived once.
        const int organizations = rig.liveOrganizationCount();
        const int customers = rig.customers().size();
        rig.advance(91 * 24 * 3600);
        QCOMPARE(rig.sync(false, true).exitCode, 0);
        QVERIFY(!rig.store.linkByOstendoKey(EntityKind::Customer, QString::number(dental)));
        QVERIFY(rig.store.hasTombstone(EntityKind::Customer, System::Ostendo, QString::number(dental)));
        QVERIFY(rig.store.linkByPipedriveId(EntityKind::Customer, archivedInOstendo));
        rig.advance(600);
        QCOMPARE(rig.sync(false, true).exitCode, 0);
        QCOMPARE(rig.liveOrganizationCount(), organizations);
        QCOMPARE(rig.customers().size(), customers);
        LogFilter purges;
        purges.action = s("purge");
        QCOMPARE(rig.store.logEntries(purges).size(), 1);
    }

    void aMissingCustomFieldStopsTheRunAndIsNamed()
    {
        EngineRig rig; // an empty company: none of TurfDrive's custom fields exist yet
        rig.addOrganization(QJsonObject{{"name", "Kauri Holdings"}});
        const RunSummary summary = rig.sync();
        QCOMPARE(summary.exitCode, 1);
        QVERIFY2(summary.error.contains(s("\"Ostendo Customer ID\"")), qPrintable(summary.error));
        QVERIFY(summary.error.contains(s("setup --create-fields")));
        QVERIFY(rig.customers().isEmpty());
        QVERIFY(rig.store.links(EntityKind::Customer).isEmpty());
    }

    void aDryRunPlansEverythingAndWritesNothing()
    {
        EngineRig rig;
        rig.prepareEmptyCompany();
        rig.addOrganization(QJsonObject{{"name", "Pohutukawa Retirement Village"}});
        rig.addCustomer({{"CUSTOMER", "Greenway Body Corporate"}});
        const QJsonArray orgsBefore = rig.pipedrive.allOrganizations();
        const QList<QVariantMap> customersBefore = rig.customers();
        const RunSummary summary = rig.sync(true);
        QCOMPARE(summary.json.value("dry_run").toBool(), true);
        QCOMPARE(summary.json.value("planned").toArray().size(), 2 + 0);
        QCOMPARE(count(summary, "customers", "to_ostendo", "created"), 1);
        QCOMPARE(rig.pipedrive.allOrganizations(), orgsBefore);
        QCOMPARE(rig.customers(), customersBefore);
        QVERIFY(rig.store.links(EntityKind::Customer).isEmpty());
        QVERIFY(rig.store.logEntries(LogFilter{}).isEmpty());
        QVERIFY(rig.store.recentRuns(10).isEmpty());
        QVERIFY(rig.store.watermark(EntityKind::Customer, System::Pipedrive).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSyncRun)
#include "tst_syncrun.moc"

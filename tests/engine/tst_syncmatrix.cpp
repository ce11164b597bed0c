// DESIGN §2 row by row, end to end: the real engine against both simulators seeded with the demo scenario (every
// case of the contract waiting in it). For each case: what each system holds afterwards, which conflicts exist with
// which risk and status, and which log rows were written. Then the second run writes nothing.
#include "EngineRig.h"
#include "demo/DemoScenario.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QTest>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}
} // namespace

class TestSyncMatrix : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineRig> m_rig;
    DemoScenario::Cases m_cases;
    RunSummary m_first;

    qint64 pd(const char *name) const { return m_cases.pipedrive.value(QLatin1String(name)); }
    qint64 os(const char *name) const { return m_cases.ostendo.value(QLatin1String(name)); }

    // Conflicts stored for one case, found by either side's id.
    QList<ConflictRecord> conflictsOf(const char *name) const
    {
        QList<ConflictRecord> found;
        const QString p = QString::number(pd(name));
        const QString o = QString::number(os(name));
        for (const ConflictRecord &r : m_rig->store.conflicts()) {
            if ((pd(name) && r.conflict.pipedriveId == p) || (os(name) && r.conflict.ostendoKey == o)) {
                found << r;
            }
        }
        return found;
    }

    std::optional<ConflictRecord> conflictOn(const char *name, const QString &field) const
    {
        for (const ConflictRecord &r : conflictsOf(name)) {
            if (r.conflict.field(field)) {
                return r;
            }
        }
        return std::nullopt;
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
        m_rig = std::make_unique<EngineRig>();
        DemoScenario::Options options;
        options.bulkImportCustomers = 120;
        m_cases = DemoScenario::seed(m_rig->pipedrive, m_rig->ostendo, options);
        m_rig->advance(60);
        m_first = m_rig->sync();
        QCOMPARE(m_first.exitCode, 3); // in step except what waits for a person
    }

    void bothChangedFieldsFollowTheirRule_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("ostendoColumn");
        QTest::addColumn<QString>("pipedriveField");
        QTest::addColumn<QString>("risk");
        QTest::newRow("phone: Ostendo's when both filled in") << "phone_both_changed"
                                                              << "phone"
                                                              << "CUSTOMERPHONE"
                                                              << "Phone"
                                                              << "medium";
        QTest::newRow("email: Pipedrive's") << "email_both_changed"
                                            << "email"
                                            << "CUSTOMEREMAIL"
                                            << "Email"
                                            << "medium";
        QTest::newRow("email case only: low") << "email_case_only"
                                              << "email"
                                              << "CUSTOMEREMAIL"
                                              << "Email"
                                              << "low";
        QTest::newRow("notes: both kept") << "notes_both_changed"
                                          << "notes"
                                          << "CUSTOMERNOTES"
                                          << "Notes"
                                          << "low";
        QTest::newRow("address: most recent") << "address_both_changed"
                                              << "address"
                                              << ""
                                              << "address"
                                              << "medium";
        QTest::newRow("name: Pipedrive's") << "name_both_changed"
                                           << "name"
                                           << "CUSTOMER"
                                           << "name"
                                           << "medium";
    }
    void bothChangedFieldsFollowTheirRule()
    {
        QFETCH(QString, caseName);
        QFETCH(QString, field);
        QFETCH(QString, ostendoColumn);
        QFETCH(QString, pipedriveField);
        QFETCH(QString, risk);
        const QByteArray name = caseName.toUtf8();
        QVERIFY2(pd(name.constData()) && os(name.constData()), "the scenario lacks this case");
        const std::optional<ConflictRecord> conflict = conflictOn(name.constData(), field);
        QVERIFY2(conflict, qPrintable(QStringLiteral("no conflict on %1").arg(field)));
        QCOMPARE(Risks::key(conflict->conflict.risk), risk);
        QCOMPARE(conflict->conflict.status, Conflict::Status::AutoResolved);
        const QString result = conflict->conflict.field(field)->result;
        QVERIFY(!result.isEmpty());
        // Both systems hold the result now (the address as Ostendo's four columns form one line).
        const qint64 org = pd(name.constData());
        const QJsonObject organization = m_rig->organization(org);
        const QString pipedriveValue = pipedriveField == QLatin1String("name") ? organization.value("name").toString()
                                       : pipedriveField == QLatin1String("address")
                                           ? organization.value("address").toObject().value("value").toString()
                                           : m_rig->orgCustom(org, pipedriveField);
        QCOMPARE(pipedriveValue.simplified(), result.simplified());
        if (!ostendoColumn.isEmpty()) {
            QCOMPARE(m_rig->customer(os(name.constData())).value(ostendoColumn).toString().simplified(),
                     result.simplified());
        }
        const Link link = *m_rig->store.linkByOstendoKey(EntityKind::Customer, QString::number(os(name.constData())));
        QCOMPARE(link.status, LinkStatus::Synced);
        LogFilter rows;
        rows.linkId = link.id;
        rows.action = s("conflict");
        QVERIFY(!m_rig->store.logEntries(rows).isEmpty());
    }

    void theRenamedCustomersJobsFollowTheName()
    {
        const QString newName = m_rig->customer(os("name_both_changed")).value("CUSTOMER").toString();
        QCOMPARE(m_rig->job(os("name_both_changed_work")).value("CUSTOMER").toString(), newName);
    }

    void aWonDealMovesTheJobIntoTheWonSet()
    {
        QCOMPARE(m_rig->job(os("deal_won")).value("ORDERSTATUS").toString(), s("Approved"));
        QCOMPARE(m_rig->job(os("job_in_progress")).value("ORDERSTATUS").toString(), s("In Progress"));
    }

    void aValueChangedOnBothSidesTakesPipedrivesAndIsListed()
    {
        const std::optional<ConflictRecord> conflict = conflictOn("value_both_changed", s("value"));
        QVERIFY(conflict);
        QCOMPARE(conflict->conflict.risk, Risk::Medium);
        QCOMPARE(conflict->conflict.status, Conflict::Status::AutoResolved);
        const double pipedriveValue = m_rig->deal(pd("value_both_changed")).value("value").toDouble();
        QCOMPARE(m_rig->job(os("value_both_changed")).value("ORDERVALUE").toDouble(), pipedriveValue);
    }

    void conflictsShowWhenEachSideChangedBeforeTheRun()
    {
        // The review window heads each side with these times: they must be the edits people made, not the moment
        // this run wrote the winning value back (which would contradict "Ostendo's record was changed most recently").
        const QList<ConflictRecord> address = conflictsOf("address_both_changed");
        QVERIFY(!address.isEmpty());
        const ConflictRecord &r = address.first();
        QVERIFY(r.pipedriveModifiedAt.isValid() && r.ostendoModifiedAt.isValid());
        QVERIFY2(r.pipedriveModifiedAt < r.ostendoModifiedAt,
                 qPrintable(r.pipedriveModifiedAt.toString(Qt::ISODate) + QLatin1String(" / ") +
                            r.ostendoModifiedAt.toString(Qt::ISODate)));
        QVERIFY(r.pipedriveModifiedAt < r.detectedAt.addSecs(-3600));
        QVERIFY(r.ostendoModifiedAt < r.detectedAt.addSecs(-3600));
    }

    void highRiskCasesWaitForAPersonAndWriteNothing_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("kind");
        QTest::newRow("project type edited by the non-owner") << "project_type_changed_in_pipedrive"
                                                              << "field";
        QTest::newRow("possible duplicate") << "possible_duplicate"
                                            << "duplicate";
        QTest::newRow("deal deleted, job live") << "deleted_deal_live_job"
                                                << "deletion";
        QTest::newRow("archived with an open deal") << "archived_with_open_deal"
                                                    << "archived_with_open_work";
    }
    void highRiskCasesWaitForAPersonAndWriteNothing()
    {
        QFETCH(QString, caseName);
        QFETCH(QString, kind);
        const QByteArray name = caseName.toUtf8();
        bool found = false;
        for (const ConflictRecord &r : conflictsOf(name.constData())) {
            if (Conflict::kindKey(r.conflict.kind) == kind) {
                found = true;
                QCOMPARE(r.conflict.risk, Risk::High);
                QCOMPARE(r.conflict.status, Conflict::Status::PendingReview);
            }
        }
        QVERIFY2(found, qPrintable(QStringLiteral("no %1 conflict").arg(kind)));
        // Nothing was written for it: no write row of its entity in the log names either id.
        LogFilter ofEntity;
        ofEntity.entity = m_cases.workItems.contains(caseName) ? s("work_item") : s("customer");
        for (const LogEntry &row : m_rig->store.logEntries(ofEntity)) {
            const bool names = (pd(name.constData()) && row.pipedriveId == pd(name.constData())) ||
                               (os(name.constData()) && row.ostendoKey == QString::number(os(name.constData())));
            if (names) {
                QVERIFY2(row.action == QLatin1String("conflict"), qPrintable(row.action));
            }
        }
    }

    void theArchivedCustomerWithOpenWorkIsNotArchivedInPipedrive()
    {
        QVERIFY(m_rig->orgCustom(pd("archived_with_open_deal"), s("Ostendo Status")) != s("Inactive"));
    }

    void missingCounterpartsAreCreated()
    {
        const qint64 deal = m_rig->job(os("job_without_deal")).value("ADDITIONALFIELD_1").toLongLong();
        QVERIFY(deal);
        QVERIFY(!m_rig->deal(deal).isEmpty());
        const QList<qint64> jobs = m_rig->ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"),
                                                          QString::number(pd("deal_without_job")));
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(m_rig->job(jobs.first()).value("ORDERNUMBER").toString(),
                 QStringLiteral("PD%1").arg(pd("deal_without_job")));
        // The bulk import became organizations, in more than one batch, with determinate progress.
        QVERIFY(m_first.json.value("customers").toObject().value("to_pipedrive").toObject().value("created").toInt() >=
                120);
        int writingReports = 0;
        for (const SyncProgress &p : std::as_const(m_rig->progress)) {
            writingReports += p.phase == QLatin1String("writing") && p.total > 50 ? 1 : 0;
        }
        QVERIFY(writingReports > 2);
    }

    void theRunWroteASummaryRowAndTimedEachOperation()
    {
        LogFilter summary;
        summary.action = s("summary");
        const QList<LogEntry> rows = m_rig->store.logEntries(summary);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().details.value("exit_code").toInt(), 3);
        LogFilter creates;
        creates.action = s("create");
        for (const LogEntry &row : m_rig->store.logEntries(creates)) {
            QVERIFY(row.durationMs >= 0);
            QVERIFY(!row.target.isEmpty());
        }
    }

    void aPersonsDecisionIsAppliedOnTheNextRun()
    {
        std::optional<ConflictRecord> conflict = conflictOn("project_type_changed_in_pipedrive", s("project_type"));
        QVERIFY(conflict);
        const QString ostendoValue = conflict->conflict.field(s("project_type"))->ostendo;
        QVERIFY(m_rig->store.recordDecision(conflict->id, s("keep_ostendo"), {}, s("Mere (operations)"),
                                            m_rig->clock.nowUtc()));
        m_rig->advance(120);
        const RunSummary run = m_rig->sync();
        QCOMPARE(run.json.value("conflicts").toObject().value("manually_resolved").toInt(), 1);
        QCOMPARE(m_rig->dealCustom(pd("project_type_changed_in_pipedrive"), s("Project Type")), ostendoValue);
        conflict = m_rig->store.conflict(conflict->id);
        QVERIFY(conflict->appliedAt.isValid());
        LogFilter decisions;
        decisions.action = s("decision");
        const QList<LogEntry> rows = m_rig->store.logEntries(decisions);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().source, s("person"));
        QCOMPARE(rows.first().details.value("decided_by").toString(), s("Mere (operations)"));
        const Link link =
            *m_rig->store.linkByPipedriveId(EntityKind::WorkItem, pd("project_type_changed_in_pipedrive"));
        QCOMPARE(link.status, LinkStatus::Synced);
        QCOMPARE(link.base.value(s("project_type")).toString(), ostendoValue);
    }

    void theSecondRunWritesNothing()
    {
        m_rig->advance(600);
        m_rig->pipedrive.clearRequestLog();
        m_rig->ostendo.clearRequestLog();
        const RunSummary second = m_rig->sync();
        QCOMPARE(second.exitCode, 3);
        for (const auto &entry : m_rig->pipedrive.requestLog()) {
            QVERIFY2(entry.method == "GET", qPrintable(entry.path));
        }
        for (const auto &entry : m_rig->ostendo.requestLog()) {
            QVERIFY2(!(entry.method == "POST" && entry.path.contains(s("tabledata"), Qt::CaseInsensitive)),
                     qPrintable(entry.path));
        }
        QCOMPARE(second.json.value("conflicts").toObject().value("pending_review").toInt(), 0); // none new
    }

    void keepingTheSideARuleOverwroteRestoresItsValue()
    {
        // The rule gave the address to Ostendo (the later edit) and wrote it over Pipedrive's. Keep Pipedrive means
        // the value the person saw in Pipedrive's column, not what TurfDrive has written there since.
        std::optional<ConflictRecord> conflict = conflictOn("address_both_changed", s("address"));
        QVERIFY(conflict);
        QCOMPARE(conflict->conflict.status, Conflict::Status::AutoResolved);
        const QString pipedriveSaw = conflict->conflict.field(s("address"))->pipedrive;
        QVERIFY(pipedriveSaw.contains(s("Kauri Road")));
        const qint64 org = pd("address_both_changed");
        QVERIFY(
            !m_rig->organization(org).value("address").toObject().value("value").toString().contains(s("Kauri Road")));
        QVERIFY(m_rig->store.recordDecision(conflict->id, s("keep_pipedrive"), {}, s("Mere (operations)"),
                                            m_rig->clock.nowUtc()));
        m_rig->advance(120);
        m_rig->sync();
        QCOMPARE(m_rig->organization(org).value("address").toObject().value("value").toString().simplified(),
                 pipedriveSaw.simplified());
        const QVariantMap row = m_rig->customer(os("address_both_changed"));
        QVERIFY(!row.value(s("DELIVERYADDRESS1")).toString().contains(s("Rimu")));
        QVERIFY(m_rig->store.conflict(conflict->id)->appliedAt.isValid());
    }
};

QTEST_GUILESS_MAIN(TestSyncMatrix)
#include "tst_syncmatrix.moc"

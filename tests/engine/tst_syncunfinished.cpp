// What one run leaves unfinished and the next runs must finish without a person and without an extra write: a
// customer rename whose job writes failed, a work item whose customer is not on both sides yet, and a record removed
// on its only side before its counterpart existed.
#include "EngineRig.h"

#include "bridge/SandboxBridge.h"
#include "connectors/InProcessTransport.h"

#include <QLoggingCategory>
#include <QTest>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A request the test wants to break: answered by the hook instead of the simulator when the hook says so.
using Hook = std::function<std::optional<HttpResponse>(const HttpRequest &)>;

HttpResponse reset()
{
    HttpResponse r;
    r.error = HttpResponse::TransportError::ConnectionReset;
    return r;
}

HttpResponse serverError()
{
    HttpResponse r;
    r.status = 500;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = QByteArrayLiteral(R"({"success":false,"error":"simulated"})");
    return r;
}

bool isJobRename(const HttpRequest &request)
{
    return request.body.contains("<jobheader>") && request.body.contains("<customer>");
}

bool isCustomerWrite(const HttpRequest &request)
{
    return request.body.contains("<customermaster>");
}

bool isCreate(const HttpRequest &request, const char *path)
{
    return request.method == "POST" && request.url.path().endsWith(QLatin1String(path));
}

// Requests that change something, from both simulators' logs.
QStringList writesSent(const EngineRig &rig)
{
    QStringList writes;
    for (const auto &entry : rig.pipedrive.requestLog()) {
        if (entry.method != "GET") {
            writes << s("Pipedrive ") + QString::fromLatin1(entry.method) + QLatin1Char(' ') + entry.path;
        }
    }
    for (const auto &entry : rig.ostendo.requestLog()) {
        if (entry.method == "POST" && entry.path.contains(s("tabledata"), Qt::CaseInsensitive)) {
            writes << s("Ostendo ") + entry.path;
        }
    }
    return writes;
}

QList<ConflictRecord> workItemConflicts(EngineRig &rig)
{
    ConflictFilter filter;
    filter.entity = EntityKind::WorkItem;
    return rig.store.conflicts(filter);
}
} // namespace

class TestSyncUnfinished : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=false")); }

    void init()
    {
        m_rig = std::make_unique<EngineRig>();
        m_rig->prepareEmptyCompany();
        m_pipedriveHook = nullptr;
        m_ostendoHook = nullptr;
        const InProcessTransport::Handler pipedrive = SandboxBridge::handlerFor(&m_rig->pipedrive);
        const InProcessTransport::Handler ostendo = SandboxBridge::handlerFor(&m_rig->ostendo);
        m_rig->pipedriveTransport = std::make_unique<InProcessTransport>([this, pipedrive](const HttpRequest &r) {
            if (m_pipedriveHook) {
                if (std::optional<HttpResponse> answer = m_pipedriveHook(r)) {
                    return *answer;
                }
            }
            return pipedrive(r);
        });
        m_rig->ostendoTransport = std::make_unique<InProcessTransport>([this, ostendo](const HttpRequest &r) {
            if (m_ostendoHook) {
                if (std::optional<HttpResponse> answer = m_ostendoHook(r)) {
                    return *answer;
                }
            }
            return ostendo(r);
        });
        m_rig->rebuildClients();
    }

    void cleanup() { m_rig.reset(); }

    // Seeds 839, 967 and 6586 of the simulation: the run that finishes a customer's rename renames its job in the
    // customers phase, but maps the work items from the jobs as read before that. The job's old name then matched no
    // customer: the work item's base took an unresolved customer, and the run after an in-step run rewrote the deal's
    // organization. The same when the job's rename fails again: the job still belongs to its customer meanwhile.
    void aJobRenamedToFinishARenameStaysWithItsCustomer_data()
    {
        QTest::addColumn<bool>("retryFailsToo");
        QTest::newRow("the retry renames the job") << false;
        QTest::newRow("the retry fails as well") << true;
    }
    void aJobRenamedToFinishARenameStaysWithItsCustomer()
    {
        QFETCH(bool, retryFailsToo);
        EngineRig &rig = *m_rig;
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "Matai Bowls Club"}});
        const qint64 job = rig.addQuotedJob(QStringLiteral("J7002"), QStringLiteral("Matai Bowls Club"),
                                            QStringLiteral("Green renovation"), 2100);
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 org = rig.organizationsCarrying(QString::number(customer)).value(0);
        const qint64 deal = rig.job(job).value("ADDITIONALFIELD_1").toLongLong();
        QVERIFY(org && deal);
        const qint64 customerLink = rig.store.linkByOstendoKey(EntityKind::Customer, QString::number(customer))->id;

        // The customer's new name reaches Ostendo but the answer is lost, so its jobs are not renamed in that run.
        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"name", "Matai Bowls & Croquet Club"}});
        bool loseCustomerAnswer = true;
        m_ostendoHook = [&](const HttpRequest &r) -> std::optional<HttpResponse> {
            if (loseCustomerAnswer && isCustomerWrite(r)) {
                loseCustomerAnswer = false;
                SandboxBridge::handlerFor (&rig.ostendo)(r);
                return reset();
            }
            return std::nullopt;
        };
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 4);
        QCOMPARE(rig.customer(customer).value("CUSTOMER").toString(), s("Matai Bowls & Croquet Club"));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Matai Bowls Club"));

        // A full scan reads the job, under its old name, before the customers phase renames it.
        m_ostendoHook = [&](const HttpRequest &r) -> std::optional<HttpResponse> {
            return retryFailsToo && isJobRename(r) ? std::optional<HttpResponse>(reset()) : std::nullopt;
        };
        rig.advance(4000);
        QCOMPARE(rig.sync(false, true).exitCode, retryFailsToo ? 4 : 0);
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(),
                 retryFailsToo ? s("Matai Bowls Club") : s("Matai Bowls & Croquet Club"));
        const Link work = *rig.store.linkByOstendoKey(EntityKind::WorkItem, QString::number(job));
        QCOMPARE(work.base.value("customer").toString(), QString::number(customerLink));
        QCOMPARE(work.status, LinkStatus::Synced);

        m_ostendoHook = nullptr;
        if (retryFailsToo) {
            rig.advance(4000);
            QCOMPARE(rig.sync().exitCode, 0);
            QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Matai Bowls & Croquet Club"));
        }
        rig.advance(300);
        rig.pipedrive.clearRequestLog();
        rig.ostendo.clearRequestLog();
        QCOMPARE(rig.sync().exitCode, 0);
        QVERIFY2(writesSent(rig).isEmpty(), qPrintable(writesSent(rig).join(s("; "))));
        QCOMPARE(rig.deal(deal).value("org_id").toDouble(), double(org));
    }

    // Seed 2457: the failed customer's link could not be saved (a database write failed), so the store still called
    // it in step with the old name as its base. The next run found both names equal and renamed no job: the job kept
    // a name no customer has. Whichever write of the failing run fails, the job ends under the new name.
    void aRenameIsFinishedWhicheverDatabaseWriteFailed_data()
    {
        QTest::addColumn<int>("failingWrite");
        for (int n = 1; n <= 16; ++n) {
            QTest::addRow("write %d fails", n) << n;
        }
    }
    void aRenameIsFinishedWhicheverDatabaseWriteFailed()
    {
        QFETCH(int, failingWrite);
        EngineRig &rig = *m_rig;
        const qint64 customer = rig.addCustomer({{"CUSTOMER", "Totara Bowls"}});
        const qint64 job = rig.addQuotedJob(QStringLiteral("J7005"), QStringLiteral("Totara Bowls"),
                                            QStringLiteral("Green rebuild"), 6100);
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 org = rig.organizationsCarrying(QString::number(customer)).value(0);
        QVERIFY(org);

        rig.advance(300);
        rig.editOrganization(org, QJsonObject{{"name", "Totara Bowls & Petanque"}});
        bool loseCustomerAnswer = true;
        m_ostendoHook = [&](const HttpRequest &r) -> std::optional<HttpResponse> {
            if (loseCustomerAnswer && isCustomerWrite(r)) {
                loseCustomerAnswer = false;
                SandboxBridge::handlerFor (&rig.ostendo)(r);
                return reset();
            }
            return std::nullopt;
        };
        rig.store.failNthWrite(failingWrite);
        rig.advance(10);
        rig.sync();
        rig.store.failNthWrite(0);
        m_ostendoHook = nullptr;
        for (int i = 0; i < 2; ++i) {
            rig.advance(4000);
            rig.sync();
        }
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), rig.customer(customer).value("CUSTOMER").toString());
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Totara Bowls & Petanque"));
        for (const Link &link : rig.store.links(EntityKind::Customer) + rig.store.links(EntityKind::WorkItem)) {
            QCOMPARE(link.status, LinkStatus::Synced);
        }
        rig.advance(300);
        rig.pipedrive.clearRequestLog();
        rig.ostendo.clearRequestLog();
        QCOMPARE(rig.sync().exitCode, 0);
        QVERIFY2(writesSent(rig).isEmpty(), qPrintable(writesSent(rig).join(s("; "))));
    }

    // Seeds 2815 and 5214: the customer was renamed on both sides in one interval (Ostendo's screens moved its new job
    // to the Ostendo name) and Pipedrive's name won; the job's rename and its deal's create failed. The retry looked
    // for jobs under the base name only, so the job kept the losing Ostendo name and never synced.
    void aJobUnderTheNameThatLostIsRenamedByTheRetry()
    {
        EngineRig &rig = *m_rig;
        const qint64 org = rig.addOrganization(QJsonObject{{"name", "Kowhai Turf"}});
        QCOMPARE(rig.sync().exitCode, 0);
        const qint64 customer =
            rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(org)).value(0);
        QVERIFY(customer);

        rig.advance(300);
        const qint64 job = rig.addQuotedJob(QStringLiteral("J7003"), QStringLiteral("Kowhai Turf"),
                                            QStringLiteral("Cricket block"), 3900);
        rig.editCustomer(customer, {{"CUSTOMER", "Kowhai Turf Services"}});
        rig.editJob(job, {{"CUSTOMER", "Kowhai Turf Services"}});
        rig.editOrganization(org, QJsonObject{{"name", "Kowhai Sportsturf"}});
        m_ostendoHook = [](const HttpRequest &r) -> std::optional<HttpResponse> {
            return isJobRename(r) ? std::optional<HttpResponse>(reset()) : std::nullopt;
        };
        m_pipedriveHook = [](const HttpRequest &r) -> std::optional<HttpResponse> {
            return isCreate(r, "/deals") ? std::optional<HttpResponse>(serverError()) : std::nullopt;
        };
        rig.advance(10);
        QCOMPARE(rig.sync().exitCode, 4);
        QCOMPARE(rig.customer(customer).value("CUSTOMER").toString(), s("Kowhai Sportsturf"));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Kowhai Turf Services"));
        QCOMPARE(rig.liveDealCount(), 0);

        m_ostendoHook = nullptr;
        m_pipedriveHook = nullptr;
        rig.advance(4000);
        const RunSummary retry = rig.sync();
        QVERIFY2(retry.exitCode == 0, qPrintable(retry.error));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), s("Kowhai Sportsturf"));
        const qint64 deal = rig.job(job).value("ADDITIONALFIELD_1").toLongLong();
        QVERIFY(deal);
        QCOMPARE(rig.deal(deal).value("org_id").toDouble(), double(org));
        for (const Link &link : rig.store.links(EntityKind::Customer) + rig.store.links(EntityKind::WorkItem)) {
            QCOMPARE(link.status, LinkStatus::Synced);
        }
    }

    // A work item whose customer is not paired yet (here a possible duplicate waiting for a person) waits: no
    // "customer differs" case with references a person cannot read, nothing written, its link yellow with the reason;
    // and it syncs in the run that pairs its customer.
    void aWorkItemWaitsForItsCustomerAndSyncsOnceItIsPaired_data()
    {
        QTest::addColumn<bool>("jobCarriesTheDeal");
        QTest::newRow("a deal alone") << false;
        QTest::newRow("a deal and a job that carries its id") << true;
    }
    void aWorkItemWaitsForItsCustomerAndSyncsOnceItIsPaired()
    {
        QFETCH(bool, jobCarriesTheDeal);
        EngineRig &rig = *m_rig;
        const qint64 org =
            rig.addOrganization(QJsonObject{{"name", "Pohutukawa Lawns"}, {"Email", "office@pohutukawa.example"}});
        const qint64 customer =
            rig.addCustomer({{"CUSTOMER", "Pohutukawa Lawn Care"}, {"CUSTOMEREMAIL", "office@pohutukawa.example"}});
        const qint64 deal = rig.addDeal(QJsonObject{
            {"title", "Bowling green"}, {"org_id", double(org)}, {"value", 800}, {"Project Type", "Maintenance"}});
        qint64 job = 0;
        if (jobCarriesTheDeal) {
            job = rig.addJob({{"ORDERNUMBER", "J7004"},
                              {"ORDERSTATUS", "Quoted"},
                              {"DESCRIPTION", "Bowling green"},
                              {"CUSTOMER", "Pohutukawa Lawn Care"},
                              {"ORDERVALUE", 800},
                              {"JOBTYPE", "Maintenance"},
                              {"ADDITIONALFIELD_1", QString::number(deal)}});
        }
        for (int run = 0; run < 2; ++run) {
            rig.advance(300);
            const RunSummary waiting = rig.sync();
            QCOMPARE(waiting.exitCode, 3); // the customers' possible duplicate waits for a person
            QVERIFY2(workItemConflicts(rig).isEmpty(),
                     qPrintable(workItemConflicts(rig).value(0).conflict.rule + s(": ") +
                                workItemConflicts(rig).value(0).conflict.fields.value(0).pipedrive));
            const std::optional<Link> work = rig.store.linkByPipedriveId(EntityKind::WorkItem, deal);
            QVERIFY(work);
            QCOMPARE(work->status, LinkStatus::Pending);
            QVERIFY2(work->lastError.contains(s("Waiting for its customer Pohutukawa Lawns")),
                     qPrintable(work->lastError));
            QCOMPARE(rig.jobs().size(), jobCarriesTheDeal ? 1 : 0);
            QVERIFY(rig.dealCustom(deal, s("Ostendo Job Number")).isEmpty());
        }

        ConflictFilter duplicates;
        duplicates.entity = EntityKind::Customer;
        duplicates.status = ConflictStatus::PendingReview;
        const QList<ConflictRecord> pending = rig.store.conflicts(duplicates);
        QCOMPARE(pending.size(), 1);
        QVERIFY(
            rig.store.recordDecision(pending.first().id, s("link"), {}, s("Mere (operations)"), rig.clock.nowUtc()));
        rig.advance(300);
        const RunSummary paired = rig.sync();
        QVERIFY2(paired.exitCode == 0, qPrintable(paired.error));
        const Link work = *rig.store.linkByPipedriveId(EntityKind::WorkItem, deal);
        QCOMPARE(work.status, LinkStatus::Synced);
        QVERIFY(work.lastError.isEmpty());
        if (!jobCarriesTheDeal) {
            job = work.ostendoKey.toLongLong();
        }
        QCOMPARE(work.ostendoKey, QString::number(job));
        QCOMPARE(rig.job(job).value("CUSTOMER").toString(), rig.customer(customer).value("CUSTOMER").toString());
        QCOMPARE(rig.deal(deal).value("org_id").toDouble(), double(org));
        // A first sync of the pair may settle formatting or a stage by the rules; its customer is no case at all.
        for (const ConflictRecord &c : workItemConflicts(rig)) {
            QVERIFY2(c.conflict.status != Conflict::Status::PendingReview && !c.conflict.field(s("customer")),
                     qPrintable(c.conflict.rule));
        }

        rig.advance(300);
        rig.pipedrive.clearRequestLog();
        rig.ostendo.clearRequestLog();
        QCOMPARE(rig.sync().exitCode, 0);
        QVERIFY2(writesSent(rig).isEmpty(), qPrintable(writesSent(rig).join(s("; "))));
    }

    // Seed 57 and about one seed in eighty: a record created on one side whose counterpart's create failed, then
    // removed on that side. Nothing is left to sync or to lose, yet its link stayed pending (yellow) for ever.
    void aRecordRemovedBeforeItsCounterpartExistedIsArchived_data()
    {
        QTest::addColumn<bool>("madeInPipedrive");
        QTest::newRow("organization deleted in Pipedrive") << true;
        QTest::newRow("customer archived in Ostendo") << false;
    }
    void aRecordRemovedBeforeItsCounterpartExistedIsArchived()
    {
        QFETCH(bool, madeInPipedrive);
        EngineRig &rig = *m_rig;
        qint64 org = 0;
        qint64 customer = 0;
        if (madeInPipedrive) {
            org = rig.addOrganization(QJsonObject{{"name", "Rata Greenkeeping"}});
            m_ostendoHook = [](const HttpRequest &r) -> std::optional<HttpResponse> {
                return isCustomerWrite(r) ? std::optional<HttpResponse>(serverError()) : std::nullopt;
            };
        } else {
            customer = rig.addCustomer({{"CUSTOMER", "Rata Greenkeeping"}});
            m_pipedriveHook = [](const HttpRequest &r) -> std::optional<HttpResponse> {
                return isCreate(r, "/organizations") ? std::optional<HttpResponse>(serverError()) : std::nullopt;
            };
        }
        QCOMPARE(rig.sync().exitCode, 4);
        const std::optional<Link> before =
            madeInPipedrive ? rig.store.linkByPipedriveId(EntityKind::Customer, org)
                            : rig.store.linkByOstendoKey(EntityKind::Customer, QString::number(customer));
        QVERIFY(before);
        QCOMPARE(before->status, LinkStatus::Pending);

        m_ostendoHook = nullptr;
        m_pipedriveHook = nullptr;
        if (madeInPipedrive) {
            rig.pipedrive.deleteOrganization(org);
        } else {
            rig.editCustomer(customer, {{"CUSTOMERSTATUS", "Inactive"}});
        }
        rig.advance(4000);
        QCOMPARE(rig.sync().exitCode, 0);
        const Link archived = *rig.store.link(before->id);
        QCOMPARE(archived.status, LinkStatus::Synced);
        QCOMPARE(archived.base.value("archived").toString(), s("true"));
        QVERIFY(archived.lastError.isEmpty());
        LogFilter archives;
        archives.action = s("archive");
        const QList<LogEntry> rows = rig.store.logEntries(archives);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().linkId, archived.id);
        QVERIFY2(rows.first().details.value("reason").toString().contains(s("nothing to sync")),
                 qPrintable(rows.first().details.value("reason").toString()));
        QCOMPARE(rig.customers().size(), madeInPipedrive ? 0 : 1);
        QCOMPARE(rig.liveOrganizationCount(), 0);

        // Archived once: later runs, the full scan too, neither write nor log it again.
        rig.advance(300);
        rig.pipedrive.clearRequestLog();
        rig.ostendo.clearRequestLog();
        QCOMPARE(rig.sync(false, true).exitCode, 0);
        QVERIFY2(writesSent(rig).isEmpty(), qPrintable(writesSent(rig).join(s("; "))));
        QCOMPARE(rig.store.logEntries(archives).size(), 1);
        QCOMPARE(rig.store.link(before->id)->status, LinkStatus::Synced);
    }

private:
    std::unique_ptr<EngineRig> m_rig;
    Hook m_pipedriveHook;
    Hook m_ostendoHook;
};

QTEST_GUILESS_MAIN(TestSyncUnfinished)
#include "tst_syncunfinished.moc"

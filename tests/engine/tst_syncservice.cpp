// SyncService: the engine on its own thread. The GUI thread's event loop keeps turning (no gap over 50 ms) while
// the engine syncs 5,000 records; requests go in as queued calls, results come back as queued signals.
#include "bridge/SandboxBridge.h"
#include "connectors/InProcessTransport.h"
#include "engine/RecordMapper.h"
#include "engine/SyncService.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"
#include "store/SyncStore.h"

#include "TestSupport.h"
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

namespace {
const QByteArray Token("service-test-token-0a1b2c3d");

// Both simulators on a thread of their own, reached from the engine's thread by blocking queued calls, so that
// neither the GUI thread nor the engine's thread does the simulators' work.
class SimulatorHost
{
public:
    SimulatorHost()
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        call([this] {
            pipedrive = std::make_unique<PipedriveSimulator>(5);
            pipedrive->addApiToken(Token);
            pipedrive->rateLimiter().setBurstLimit(1000000);
            pipedrive->rateLimiter().setDailyBudget(1000000000);
            ostendo = std::make_unique<OstendoSimulator>();
            ostendo->enableConfiguration(0);
            ostendo->addKey(OstendoSimulator::demoKey());
            const Policy policy = Policy::defaultPolicy();
            for (const PipedriveFieldSpec &spec : RecordMapper::pipedriveFieldSpecs(policy)) {
                pipedrive->ensureCustomField(spec.entity == PipedriveFieldSpec::Entity::Deal
                                                 ? PipedriveEntity::Deal
                                                 : PipedriveEntity::Organization,
                                             spec.name, spec.type);
            }
            pipedrive->addPipeline(QStringLiteral("Landscaping"), {QStringLiteral("Enquiry")});
        });
    }
    ~SimulatorHost()
    {
        call([this] {
            pipedrive.reset();
            ostendo.reset();
        });
        m_thread.quit();
        m_thread.wait();
    }

    void call(const std::function<void()> &fn)
    {
        QMetaObject::invokeMethod(&m_context, fn, Qt::BlockingQueuedConnection);
    }

    HttpTransport *transportFor(Side side)
    {
        SimService *service = side == Side::Pipedrive ? static_cast<SimService *>(pipedrive.get())
                                                      : static_cast<SimService *>(ostendo.get());
        const InProcessTransport::Handler handler = SandboxBridge::handlerFor(service);
        return new InProcessTransport([this, handler](const HttpRequest &request) {
            HttpResponse response;
            call([&] { response = handler(request); });
            return response;
        });
    }

    std::unique_ptr<PipedriveSimulator> pipedrive;
    std::unique_ptr<OstendoSimulator> ostendo;

private:
    QThread m_thread;
    QObject m_context;
};
} // namespace

class TestSyncService : public QObject
{
    Q_OBJECT

    SyncEngineConfig configFor(SimulatorHost &host, const QString &db)
    {
        SyncEngineConfig config;
        config.pipedrive.baseUrl = QUrl(QStringLiteral("http://pipedrive.sandbox"));
        config.pipedrive.apiToken = QString::fromLatin1(Token);
        config.pipedrive.burstLimit = 1000000;
        config.pipedrive.dailyTokenBudget = 1000000000;
        config.ostendo.baseUrl = QUrl(QStringLiteral("http://ostendo.sandbox"));
        config.ostendo.apiKey = OstendoSimulator::demoKey().key;
        config.databasePath = db;
        config.transportFactory = [&host](Side side) {
            return host.transportFor(side);
        };
        return config;
    }

private slots:
    void initTestCase()
    {
        // The clients log every request at debug level: thousands of lines that would drown the figures.
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.core.store.info=false"));
    }

    void theGuiThreadKeepsTurningWhileTheEngineSyncsFiveThousandRecords()
    {
        const int records = 5000;
        SimulatorHost host;
        host.call([&] {
            for (int i = 0; i < records; ++i) {
                host.ostendo->insertRow(
                    0, QStringLiteral("CUSTOMERMASTER"),
                    {{QStringLiteral("CUSTOMER"), QStringLiteral("Customer %1").arg(i)},
                     {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")},
                     {QStringLiteral("CUSTOMERPHONE"), QStringLiteral("09 555 %1").arg(i, 4, 10, QLatin1Char('0'))}});
            }
        });
        TestSupport::ScratchDir dir;
        SyncService service(configFor(host, dir.filePath(QStringLiteral("state.db"))), 15);
        QSignalSpy started(&service, &SyncController::runStarted);
        QSignalSpy finished(&service, &SyncController::runFinished);
        QList<SyncProgress> progress;
        connect(&service, &SyncController::progressChanged, this,
                [&progress](const SyncProgress &p) { progress << p; });
        QVERIFY(QThread::currentThread() != nullptr);

        QElapsedTimer clock;
        clock.start();
        qint64 last = 0;
        qint64 worstGap = 0;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worstGap = std::max(worstGap, now - last);
            last = now;
        });
        tick.start();
        service.syncNow();
        QVERIFY(finished.wait(240000));
        tick.stop();
        const RunSummary summary = finished.first().first().value<RunSummary>();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error));
        QCOMPARE(started.count(), 1);
        QCOMPARE(summary.json.value(QStringLiteral("customers"))
                     .toObject()
                     .value(QStringLiteral("to_pipedrive"))
                     .toObject()
                     .value(QStringLiteral("created"))
                     .toInt(),
                 records);
        qInfo("synced %d records in %lld ms; longest gap in the GUI thread's event loop: %lld ms", records,
              clock.elapsed(), worstGap);
        QVERIFY2(worstGap < 50, qPrintable(QString::number(worstGap)));
        // Determinate progress: the writing phase reported done/total and reached the end.
        bool reachedEnd = false;
        for (const SyncProgress &p : std::as_const(progress)) {
            if (p.entity == QLatin1String("customer") && p.phase == QLatin1String("writing") && p.total == records) {
                QVERIFY(p.done <= p.total);
                reachedEnd = reachedEnd || p.done == p.total;
            }
        }
        QVERIFY(reachedEnd);
        int orgs = 0;
        host.call([&] { orgs = host.pipedrive->allOrganizations().size(); });
        QCOMPARE(orgs, records);
    }

    void aRequestDuringARunIsNotASecondRunAtOnce()
    {
        SimulatorHost host;
        host.call([&] {
            host.ostendo->insertRow(0, QStringLiteral("CUSTOMERMASTER"),
                                    {{QStringLiteral("CUSTOMER"), QStringLiteral("Only Customer")},
                                     {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")}});
        });
        TestSupport::ScratchDir dir;
        SyncService service(configFor(host, dir.filePath(QStringLiteral("state.db"))), 15);
        QSignalSpy started(&service, &SyncController::runStarted);
        QSignalSpy finished(&service, &SyncController::runFinished);
        QSignalSpy budget(&service, &SyncController::budgetChanged);
        service.syncNow();
        service.syncNow();
        service.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        // The requests that arrived during the first run became one follow-up run, one after the other.
        QTest::qWait(200);
        QCOMPARE(started.count(), 2);
        QCOMPARE(finished.count(), 2);
        QVERIFY(!service.isRunning());
        int orgs = 0;
        host.call([&] { orgs = host.pipedrive->allOrganizations().size(); });
        QCOMPARE(orgs, 1);
        // The day's token count is the account's, not the run's: it keeps growing across runs.
        QCOMPARE(budget.count(), 2);
        const BudgetSnapshot first = budget.at(0).at(0).value<BudgetSnapshot>();
        const BudgetSnapshot second = budget.at(1).at(0).value<BudgetSnapshot>();
        QVERIFY(first.dailyUsed > 0);
        QVERIFY(second.dailyUsed > first.dailyUsed);
    }

    void cancelStopsBetweenWritesAndTheNextRunFinishesTheJob()
    {
        const int records = 1500;
        SimulatorHost host;
        host.call([&] {
            for (int i = 0; i < records; ++i) {
                host.ostendo->insertRow(0, QStringLiteral("CUSTOMERMASTER"),
                                        {{QStringLiteral("CUSTOMER"), QStringLiteral("Cancel Customer %1").arg(i)},
                                         {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")}});
            }
        });
        TestSupport::ScratchDir dir;
        const QString db = dir.filePath(QStringLiteral("state.db"));
        SyncService service(configFor(host, db), 15);
        QSignalSpy finished(&service, &SyncController::runFinished);
        bool cancelled = false;
        connect(&service, &SyncController::progressChanged, this, [&](const SyncProgress &p) {
            if (!cancelled && p.phase == QLatin1String("writing") && p.done >= 100) {
                cancelled = true;
                service.cancel();
            }
        });
        service.syncNow();
        QVERIFY(finished.wait(120000));
        const RunSummary stopped = finished.first().first().value<RunSummary>();
        QCOMPARE(stopped.exitCode, 1);
        QVERIFY(stopped.error.contains(QStringLiteral("cancelled")));
        int orgsAfterCancel = 0;
        host.call([&] { orgsAfterCancel = host.pipedrive->allOrganizations().size(); });
        QVERIFY(orgsAfterCancel >= 100 && orgsAfterCancel < records);
        {
            SyncStore store;
            QVERIFY(store.open(db));
            QVERIFY(store.openJournalEntries().isEmpty()); // nothing left half-journalled
        }
        service.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QCOMPARE(finished.last().first().value<RunSummary>().exitCode, 0);
        int orgs = 0;
        host.call([&] { orgs = host.pipedrive->allOrganizations().size(); });
        QCOMPARE(orgs, records);
    }

    void secretsComeFromTheEnvironmentWhenTheSettingsHoldNone()
    {
        SimulatorHost host;
        host.call([&] {
            host.ostendo->insertRow(0, QStringLiteral("CUSTOMERMASTER"),
                                    {{QStringLiteral("CUSTOMER"), QStringLiteral("Env Customer")},
                                     {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")}});
        });
        TestSupport::ScratchDir dir;
        SyncEngineConfig config = configFor(host, dir.filePath(QStringLiteral("state.db")));
        config.pipedrive.apiToken.clear();
        config.ostendo.apiKey.clear();
        qputenv("TURFDRIVE_PIPEDRIVE_TOKEN", Token);
        qputenv("TURFDRIVE_OSTENDO_API_KEY", OstendoSimulator::demoKey().key.toUtf8());
        SyncService service(config, 15);
        QSignalSpy finished(&service, &SyncController::runFinished);
        service.syncNow();
        QVERIFY(finished.wait(30000));
        qunsetenv("TURFDRIVE_PIPEDRIVE_TOKEN");
        qunsetenv("TURFDRIVE_OSTENDO_API_KEY");
        const RunSummary summary = finished.first().first().value<RunSummary>();
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.error));
        int orgs = 0;
        host.call([&] { orgs = host.pipedrive->allOrganizations().size(); });
        QCOMPARE(orgs, 1);
    }

    void aBrokenPolicyStopsTheRunWithAClearMessage()
    {
        SimulatorHost host;
        TestSupport::ScratchDir dir;
        SyncEngineConfig config = configFor(host, dir.filePath(QStringLiteral("state.db")));
        config.policyJson = QByteArrayLiteral("{\"version\": 1, \"entities\": ");
        config.policySource = QStringLiteral("/etc/turfdrive/policy.json");
        SyncService service(config, 15);
        QSignalSpy finished(&service, &SyncController::runFinished);
        service.syncNow();
        QVERIFY(finished.wait(10000));
        const RunSummary summary = finished.first().first().value<RunSummary>();
        QCOMPARE(summary.exitCode, 1);
        QVERIFY(summary.error.contains(QStringLiteral("/etc/turfdrive/policy.json")));
        int requests = 0;
        host.call([&] { requests = host.pipedrive->requestLog().size() + host.ostendo->requestLog().size(); });
        QCOMPARE(requests, 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_syncservice.moc"

// A seeded soak of the Pipedrive client against the simulator with random faults, in process and virtual time:
// full lists still come back complete, and creates recovered the engine's way (search the carried id after an
// unknown outcome) never make a duplicate.
#include "VirtualTimeline.h"

#include "bridge/SandboxBridge.h"
#include "connectors/InProcessTransport.h"
#include "connectors/PipedriveClient.h"
#include "pipedrive/PipedriveSimulator.h"
#include "util/Clock.h"
#include "util/SecretRedactor.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <memory>

namespace {
const QByteArray Token = "soakT0ken-0123456789abcdef";

template <typename T> PipedriveResult<T> await(const std::function<void(PipedriveClient::Callback<T>)> &start)
{
    std::optional<PipedriveResult<T>> got;
    QEventLoop loop;
    start([&](const PipedriveResult<T> &r) {
        got = r;
        loop.quit();
    });
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(30000); // only stops a broken test from hanging
    if (!got) {
        loop.exec();
    }
    if (!got) {
        qFatal("a Pipedrive call never called back");
    }
    return *got;
}

PipedriveFaultInjector::Rule rule(const QByteArray &method, const QString &path, PipedriveFaultInjector::Kind kind,
                                  double probability, int status = 500)
{
    PipedriveFaultInjector::Rule r;
    r.method = method;
    r.pathPattern = path;
    r.kind = kind;
    r.probability = probability;
    r.status = status;
    return r;
}
} // namespace

class TestPipedriveSoak : public QObject
{
    Q_OBJECT

    std::unique_ptr<PipedriveSimulator> m_sim;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<VirtualTimeline> m_timeline;
    std::unique_ptr<InProcessTransport> m_transport;
    std::unique_ptr<PipedriveClient> m_client;

    void makeClient(int pageSize)
    {
        PipedriveConfig config;
        config.pageSize = pageSize;
        config.baseUrl = QUrl(QStringLiteral("https://greenscape-sandbox.pipedrive.com"));
        config.apiToken = QString::fromLatin1(Token);
        config.burstLimit = 40;
        config.dailyTokenBudget = 1000000;
        config.randomSeed = 99;
        m_client = std::make_unique<PipedriveClient>(m_transport.get(), config, PipedriveFieldSpec::defaults());
        m_client->setDelayFunction(m_timeline->delayFunction());
    }

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.connectors.pipedrive=false")); }

    void init()
    {
        m_sim = std::make_unique<PipedriveSimulator>(23);
        m_sim->addApiToken(Token, QStringLiteral("growth"));
        m_clock = std::make_unique<ManualClock>(m_sim->clock().nowUtc());
        Clock::setCurrent(m_clock.get());
        m_timeline = std::make_unique<VirtualTimeline>(m_clock.get());
        auto handler = SandboxBridge::handlerFor(m_sim.get());
        PipedriveSimulator *sim = m_sim.get();
        ManualClock *clock = m_clock.get();
        m_transport = std::make_unique<InProcessTransport>([sim, clock, handler](const HttpRequest &request) {
            sim->setNow(clock->nowUtc());
            return handler(request);
        });
        makeClient(500);
    }

    void cleanup()
    {
        m_client.reset();
        m_transport.reset();
        m_timeline.reset();
        Clock::setCurrent(nullptr);
        m_clock.reset();
        m_sim.reset();
        SecretRedactor::instance().clear();
    }

    void faultyReadsStillGiveTheWholeList_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 5; ++seed) {
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
        }
    }

    void faultyReadsStillGiveTheWholeList()
    {
        QFETCH(quint32, seed);
        m_sim->seedDemo(seed, 330, 0);
        makeClient(25); // 14 pages a scan, so faults get many chances to bite
        QVERIFY(await<bool>([&](auto cb) { m_client->discoverFields(cb); }).ok());
        m_sim->faults().setSeed(seed);
        using F = PipedriveFaultInjector::Kind;
        const QString lists = QStringLiteral("/api/v2/organizations");
        m_sim->addFault(rule("GET", lists, F::ServerError, 0.15, 502));
        m_sim->addFault(rule("GET", lists, F::Reset, 0.1));
        m_sim->addFault(rule("GET", lists, F::Hang, 0.05));
        m_sim->addFault(rule("GET", lists, F::NonJson, 0.05));

        // The engine's way: a failed scan is run again later, from the start.
        PipedriveResult<QList<PipedriveOrganization>> r;
        int scans = 0;
        QMap<QString, int> failures;
        do {
            ++scans;
            r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
            if (!r.ok()) {
                failures[ConnectorError::kindName(r.error.kind)]++;
                QVERIFY2(r.error.kind == ConnectorError::Kind::Server ||
                             r.error.kind == ConnectorError::Kind::Network ||
                             r.error.kind == ConnectorError::Kind::Malformed,
                         qPrintable(ConnectorError::kindName(r.error.kind)));
            }
        } while (!r.ok() && scans < 25);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QSet<qint64> ids;
        for (const auto &org : r.value) {
            ids.insert(org.id);
        }
        QCOMPARE(ids.size(), 330);
        QCOMPARE(r.value.size(), 330);
        QString figures;
        for (auto it = failures.cbegin(); it != failures.cend(); ++it) {
            figures += QStringLiteral(" %1=%2").arg(it.key()).arg(it.value());
        }
        qInfo("seed %u: %d scan(s), failed scans:%s; %llu requests, %lld tokens", seed, scans,
              qPrintable(figures.isEmpty() ? QStringLiteral(" none") : figures), m_client->budget()->requestsSent(),
              m_client->budget()->tokensUsedToday());
    }

    void createsWithLostAnswersNeverDuplicate_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 5; ++seed) {
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
        }
    }

    void createsWithLostAnswersNeverDuplicate()
    {
        QFETCH(quint32, seed);
        m_sim->seedDemo(seed, 0, 0); // fields only
        QVERIFY(await<bool>([&](auto cb) { m_client->discoverFields(cb); }).ok());
        QVERIFY(m_client->missingFields().isEmpty());
        m_sim->faults().setSeed(seed);
        using F = PipedriveFaultInjector::Kind;
        const QString creates = QStringLiteral("/api/v2/organizations");
        m_sim->addFault(rule("POST", creates, F::ApplyThenReset, 0.2));
        m_sim->addFault(rule("POST", creates, F::ApplyThenHang, 0.1));
        m_sim->addFault(rule("POST", creates, F::ServerError, 0.1, 503));
        m_sim->addFault(rule("GET", QStringLiteral("/api/v2/itemSearch/field"), F::ServerError, 0.1, 500));

        const int wanted = 40;
        int unknown = 0;
        int recoveredBySearch = 0;
        for (int i = 0; i < wanted; ++i) {
            const QString carried = QStringLiteral("SOAK%1").arg(i, 3, 10, QLatin1Char('0'));
            PipedriveOrganizationChanges c;
            c.name = QStringLiteral("Soak customer %1").arg(i);
            c.customFields.insert(QStringLiteral("Ostendo Customer ID"), carried);
            bool done = false;
            for (int attempt = 0; attempt < 10 && !done; ++attempt) {
                auto r = await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(c, cb); });
                if (r.ok()) {
                    done = true;
                    break;
                }
                if (r.error.kind != ConnectorError::Kind::UnknownOutcome) {
                    QVERIFY2(r.error.isTransient(), qPrintable(r.error.message)); // a 503: nothing was applied
                    continue;
                }
                ++unknown;
                // Never resend blindly: look for the carried id first.
                PipedriveResult<QList<qint64>> found;
                for (int look = 0; look < 5; ++look) {
                    found = await<QList<qint64>>([&](auto cb) {
                        m_client->findByCustomField(PipedriveFieldSpec::Entity::Organization,
                                                    QStringLiteral("Ostendo Customer ID"), carried, cb);
                    });
                    if (found.ok()) {
                        break;
                    }
                }
                QVERIFY2(found.ok(), qPrintable(found.error.message));
                if (!found.value.isEmpty()) {
                    ++recoveredBySearch;
                    done = true;
                }
            }
            QVERIFY2(done, qPrintable(carried));
        }
        const QJsonArray all = m_sim->allOrganizations();
        QCOMPARE(all.size(), wanted);
        QSet<QString> names;
        for (const QJsonValue &v : all) {
            names.insert(v.toObject().value(QStringLiteral("name")).toString());
        }
        QCOMPARE(names.size(), wanted);       // one record per intended customer: no duplicate
        QVERIFY(unknown > 0);                 // the faults did bite
        QCOMPARE(recoveredBySearch, unknown); // every lost answer had in fact been applied, and was found
        qInfo("seed %u: %d creates, %d lost answers, all found again by the carried id", seed, wanted, unknown);
    }
};

QTEST_GUILESS_MAIN(TestPipedriveSoak)
#include "tst_pipedrivesoak.moc"

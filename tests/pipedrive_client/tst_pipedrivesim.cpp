// The Pipedrive client against the sandbox's Pipedrive simulator, in process (virtual time) and over real
// loopback HTTP (system time): paging, updated_since, every error class, 429 pacing, an unknown-outcome create,
// custom field discovery and creation, deletions and archives, and the token kept out of every URL.
#include "VirtualTimeline.h"

#include "bridge/SandboxBridge.h"
#include "common/SimHttpServer.h"
#include "connectors/InProcessTransport.h"
#include "connectors/NetworkTransport.h"
#include "connectors/PipedriveClient.h"
#include "pipedrive/PipedriveSimulator.h"
#include "util/Clock.h"
#include "util/SecretRedactor.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <memory>

namespace {
const QByteArray Token = "simT0ken-0123456789abcdef";

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
    guard.start(45000); // only stops a broken test from hanging
    if (!got) {
        loop.exec();
    }
    if (!got) {
        qFatal("a Pipedrive call never called back");
    }
    return *got;
}

QString rfc3339(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}
} // namespace

class TestPipedriveSim : public QObject
{
    Q_OBJECT

    std::unique_ptr<PipedriveSimulator> m_sim;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<VirtualTimeline> m_timeline;
    std::unique_ptr<SimHttpServer> m_server;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<PipedriveClient> m_client;
    PipedriveConfig m_config;
    bool m_loopback = false;

    void makeClient()
    {
        m_client = std::make_unique<PipedriveClient>(m_transport.get(), m_config, PipedriveFieldSpec::defaults());
        if (!m_loopback) {
            m_client->setDelayFunction(m_timeline->delayFunction());
        }
    }

    QDateTime now() const { return m_loopback ? QDateTime::currentDateTimeUtc() : m_clock->nowUtc(); }

    // Only for a request that is meant to hang: short, so the test ends quickly. Every other request keeps the
    // normal timeouts, so a loaded machine cannot turn a slow answer into a false timeout.
    void shortTimeoutsFor(bool reads, bool writes)
    {
        if (reads) {
            m_config.readTimeoutMs = 500;
        }
        if (writes) {
            m_config.writeTimeoutMs = 500;
        }
        const auto orgFields = m_client->organizationFields();
        const auto dealFields = m_client->dealFields();
        makeClient();
        m_client->setFieldMappings(orgFields, dealFields);
    }

    // Requests the simulator answered on the API (its control surface is not used by these tests).
    QList<PipedriveRequestLogEntry> apiRequests() const
    {
        QList<PipedriveRequestLogEntry> out;
        for (const auto &e : m_sim->requestLog()) {
            if (e.path.startsWith(QLatin1String("/api/"))) {
                out << e;
            }
        }
        return out;
    }

    void discover()
    {
        auto r = await<bool>([&](auto cb) { m_client->discoverFields(cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("loopback");
        QTest::newRow("in-process") << false;
        QTest::newRow("loopback") << true;
    }

    void init()
    {
        QFETCH_GLOBAL(bool, loopback);
        m_loopback = loopback;
        m_sim = std::make_unique<PipedriveSimulator>(11);
        m_sim->addApiToken(Token, QStringLiteral("lite"));
        m_config = PipedriveConfig{};
        m_config.apiToken = QString::fromLatin1(Token);
        m_config.randomSeed = 5;
        m_config.burstLimit = 20; // lite, API token
        if (m_loopback) {
            m_sim->clock().followSystemTime();
            m_server = std::make_unique<SimHttpServer>(m_sim.get());
            const quint16 port = m_server->listenOnLoopback();
            QVERIFY(port != 0);
            m_config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
            m_config.readRetry.baseDelayMs = 50;
            m_transport = std::make_unique<NetworkTransport>();
        } else {
            m_clock = std::make_unique<ManualClock>(m_sim->clock().nowUtc());
            Clock::setCurrent(m_clock.get());
            m_timeline = std::make_unique<VirtualTimeline>(m_clock.get());
            m_config.baseUrl = QUrl(QStringLiteral("https://greenscape-sandbox.pipedrive.com"));
            // The simulator's time follows the client's virtual clock at every request.
            auto handler = SandboxBridge::handlerFor(m_sim.get());
            PipedriveSimulator *sim = m_sim.get();
            ManualClock *clock = m_clock.get();
            m_transport = std::make_unique<InProcessTransport>([sim, clock, handler](const HttpRequest &request) {
                sim->setNow(clock->nowUtc());
                return handler(request);
            });
        }
        makeClient();
    }

    void cleanup()
    {
        m_client.reset();
        m_transport.reset();
        m_server.reset();
        m_timeline.reset();
        Clock::setCurrent(nullptr);
        m_clock.reset();
        m_sim.reset();
        SecretRedactor::instance().clear();
    }

    void pagesThroughEveryOrganization_data()
    {
        QTest::addColumn<int>("organizations");
        QTest::addColumn<int>("pageSize");
        QTest::newRow("1234 in pages of 500") << 1234 << 500;
        QTest::newRow("40 in pages of 7") << 40 << 7;
    }

    void pagesThroughEveryOrganization()
    {
        QFETCH(int, organizations);
        QFETCH(int, pageSize);
        m_sim->seedDemo(3, organizations, 0);
        m_config.pageSize = pageSize;
        makeClient();
        discover();
        m_sim->clearRequestLog();
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY2(r.recordErrors.isEmpty(), qPrintable(r.recordErrors.value(0).message));
        QCOMPARE(r.value.size(), organizations);
        QSet<qint64> ids;
        for (const auto &org : r.value) {
            ids.insert(org.id);
            QVERIFY(!org.name.isEmpty());
        }
        QCOMPARE(ids.size(), organizations);
        const int pages = (organizations + pageSize - 1) / pageSize;
        QCOMPARE(apiRequests().size(), pages);
        // Every mapped custom field the demo data filled came back under its name.
        int withCarriedId = 0;
        for (const auto &org : r.value) {
            withCarriedId += org.customFields.contains(QStringLiteral("Phone")) ? 1 : 0;
        }
        QVERIFY(withCarriedId > 0);
        QCOMPARE(m_client->budget()->tokensUsedToday(), m_sim->tokensUsedToday());
    }

    void updatedSinceIsInclusiveAtTheSecond()
    {
        const QDateTime t = now().addSecs(-600);
        const QDateTime watermark(t.date(), QTime(t.time().hour(), t.time().minute(), t.time().second()), Qt::UTC);
        const qint64 before = m_sim->createOrganization({{"name", "Before"},
                                                         {"update_time", rfc3339(watermark.addSecs(-1))},
                                                         {"add_time", rfc3339(watermark.addSecs(-1))}});
        const qint64 at = m_sim->createOrganization(
            {{"name", "At"}, {"update_time", rfc3339(watermark)}, {"add_time", rfc3339(watermark.addSecs(-1))}});
        const qint64 after = m_sim->createOrganization({{"name", "After"},
                                                        {"update_time", rfc3339(watermark.addSecs(1))},
                                                        {"add_time", rfc3339(watermark.addSecs(-1))}});
        QVERIFY(before > 0 && at > 0 && after > 0);
        PipedriveClient::ListOptions options;
        options.updatedSince = watermark.addMSecs(999); // a stored watermark with milliseconds
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations(options, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QList<qint64> got;
        for (const auto &org : r.value) {
            got << org.id;
        }
        QCOMPARE(got, (QList<qint64>{at, after}));
        QCOMPARE(r.value.first().updateTime, watermark);
        // An exclusive upper bound leaves the last one out.
        options.updatedUntil = watermark.addSecs(1);
        auto bounded = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations(options, cb); });
        QVERIFY(bounded.ok());
        QCOMPARE(bounded.value.size(), 1);
        QCOMPARE(bounded.value.first().id, at);
    }

    void errorClasses_data()
    {
        QTest::addColumn<int>("faultKind"); // -1: none (the case sets itself up)
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<int>("expectedKind");
        using F = PipedriveFaultInjector::Kind;
        using K = ConnectorError::Kind;
        QTest::newRow("server 500 on a read, retried") << int(F::ServerError) << "read" << int(K::Server);
        QTest::newRow("402 account not open") << int(F::PaymentRequired) << "read" << int(K::Permission);
        QTest::newRow("403 feature capping") << int(F::FeatureCapping) << "create" << int(K::Permission);
        QTest::newRow("non-JSON 200") << int(F::NonJson) << "read" << int(K::Malformed);
        QTest::newRow("hang on a read") << int(F::Hang) << "read" << int(K::Network);
        QTest::newRow("reset on a read") << int(F::Reset) << "read" << int(K::Network);
        QTest::newRow("truncated read") << int(F::Truncate) << "read" << int(K::Network);
        QTest::newRow("bad token") << -1 << "badtoken" << int(K::Authentication);
        QTest::newRow("unknown id") << -1 << "notfound" << int(K::NotFound);
        QTest::newRow("refused write") << -1 << "validation" << int(K::Validation);
    }

    void errorClasses()
    {
        QFETCH(int, faultKind);
        QFETCH(QString, caseName);
        QFETCH(int, expectedKind);
        const qint64 id = m_sim->createDeal({{"title", "Existing"}});
        QVERIFY(id > 0);
        if (faultKind >= 0) {
            PipedriveFaultInjector::Rule rule;
            rule.pathPattern = QStringLiteral("/api/v2/deals*");
            rule.kind = PipedriveFaultInjector::Kind(faultKind);
            m_sim->addFault(rule);
            if (rule.kind == PipedriveFaultInjector::Kind::Hang) {
                shortTimeoutsFor(true, false);
            }
        }
        if (caseName == QLatin1String("badtoken")) {
            m_config.apiToken = QStringLiteral("not-the-right-token");
            makeClient();
        }
        ConnectorError error;
        if (caseName == QLatin1String("create")) {
            PipedriveDealChanges c;
            c.title = QStringLiteral("Capped");
            error = await<PipedriveDeal>([&](auto cb) { m_client->createDeal(c, cb); }).error;
        } else if (caseName == QLatin1String("validation")) {
            // A custom field key the company does not have: Pipedrive refuses the body with a 400.
            PipedriveCodec::FieldsByName deal;
            deal.insert(QStringLiteral("Project Type"),
                        PipedriveFieldDefinition{QStringLiteral("abcdefabcdefabcdefabcdefabcdefabcdefabcd"),
                                                 QStringLiteral("Project Type"),
                                                 QStringLiteral("varchar"),
                                                 true,
                                                 {}});
            m_client->setFieldMappings({}, deal);
            PipedriveDealChanges c;
            c.customFields.insert(QStringLiteral("Project Type"), QStringLiteral("Paving"));
            error = await<PipedriveDeal>([&](auto cb) { m_client->updateDeal(id, c, cb); }).error;
        } else {
            const qint64 wanted = caseName == QLatin1String("notfound") ? id + 1000 : id;
            error = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(wanted, cb); }).error;
        }
        QCOMPARE(ConnectorError::kindName(error.kind), ConnectorError::kindName(ConnectorError::Kind(expectedKind)));
        QVERIFY(!error.message.contains(QString::fromLatin1(Token)));
        if (caseName == QLatin1String("read") && error.isTransient()) {
            // Retried, then reported. Over a socket Qt itself resends a read once after a reset (harmless for reads).
            const bool qtResends = m_loopback && faultKind == int(PipedriveFaultInjector::Kind::Reset);
            QVERIFY2(apiRequests().size() >= m_config.readRetry.maxAttempts &&
                         apiRequests().size() <= m_config.readRetry.maxAttempts * (qtResends ? 2 : 1),
                     qPrintable(QString::number(apiRequests().size())));
        }
    }

    void a429IsWaitedOutAndTheBurstLimitIsNeverExceeded()
    {
        QFETCH_GLOBAL(bool, loopback);
        const int burst = loopback ? 10 : 20;
        const int calls = loopback ? 45 : 150;
        m_sim->rateLimiter().setBurstLimit(burst);
        m_config.burstLimit = 40; // the client believes a bigger plan until the headers say otherwise
        makeClient();
        const qint64 id = m_sim->createDeal({{"title", "Popular"}});
        m_sim->clearRequestLog();
        int done = 0;
        int failed = 0;
        QEventLoop loop;
        for (int i = 0; i < calls; ++i) {
            m_client->getDeal(id, [&](const PipedriveResult<PipedriveDeal> &r) {
                failed += r.ok() ? 0 : 1;
                if (++done == calls) {
                    loop.quit();
                }
            });
        }
        QTimer::singleShot(50000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(done, calls);
        QCOMPARE(failed, 0);
        const auto log = apiRequests();
        int tooMany = 0;
        QList<qint64> admitted;
        for (const auto &e : log) {
            QVERIFY2(e.status != 403, "the client kept calling through 429s and was blocked");
            if (e.status == 429) {
                ++tooMany;
            } else {
                admitted << e.atMSecs;
            }
        }
        // The first answer's headers give the real limit before a second request goes out: no 429 at all in
        // virtual time. Over a socket the server counts arrival times, which a loaded machine can bunch up by more
        // than the client's 150 ms margin, so a stray 429 (waited out, never a block) is tolerated there.
        QVERIFY2(tooMany <= (loopback ? 2 : 0), qPrintable(QString::number(tooMany)));
        int most = 0;
        for (qint64 t : admitted) {
            most = std::max<int>(most, int(std::count_if(admitted.cbegin(), admitted.cend(),
                                                         [t](qint64 u) { return u >= t && u < t + 2000; })));
        }
        QVERIFY2(most <= burst, qPrintable(QString::number(most)));
        QCOMPARE(m_client->budget()->burstLimit(), burst);
        qInfo("%d gets at %d per 2 s: %d 429s, at most %d admitted in any 2 s", calls, burst, tooMany, most);
    }

    void a429CausedByAnotherUserOfTheTokenIsWaitedOut()
    {
        m_sim->rateLimiter().setBurstLimit(10);
        const qint64 id = m_sim->createDeal({{"title", "Shared"}});
        // Another integration on the same token spends the whole window just before us.
        for (int i = 0; i < 10; ++i) {
            SimRequest other;
            other.method = "GET";
            other.path = QStringLiteral("/api/v2/deals/%1").arg(id);
            other.headers.append(qMakePair(QByteArray("x-api-token"), Token));
            QCOMPARE(m_sim->handle(other).status, 200);
        }
        m_sim->clearRequestLog();
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(id, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto log = apiRequests();
        QVERIFY(log.size() >= 2);
        QCOMPARE(log.first().status, 429);
        QCOMPARE(log.last().status, 200);
        for (int i = 1; i < log.size(); ++i) {
            // Each retry waited for the window the 429 named; never a tight loop.
            QVERIFY2(log.at(i).atMSecs - log.at(i - 1).atMSecs >= 900,
                     qPrintable(QString::number(log.at(i).atMSecs - log.at(i - 1).atMSecs)));
        }
        QVERIFY(log.size() <= 3);
        QVERIFY(m_client->budget()->rateLimitedCount() >= 1);
    }

    void theHtmlBlockAfterIgnored429sIsAPermissionError()
    {
        // A careless integration on the same token calls through its 429s until Pipedrive blocks the token.
        m_sim->rateLimiter().setBurstLimit(2);
        m_sim->rateLimiter().setAbuseThreshold(3);
        const qint64 id = m_sim->createDeal({{"title", "Blocked"}});
        int lastStatus = 0;
        for (int i = 0; i < 8; ++i) {
            SimRequest other;
            other.method = "GET";
            other.path = QStringLiteral("/api/v2/deals/%1").arg(id);
            other.headers.append(qMakePair(QByteArray("x-api-token"), Token));
            lastStatus = m_sim->handle(other).status;
        }
        QCOMPARE(lastStatus, 403);
        m_sim->clearRequestLog();
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(id, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::Permission);
        QCOMPARE(r.error.httpStatus, 403);
        QVERIFY(r.error.isFatalForRun());
        QVERIFY2(r.error.message.contains(QStringLiteral("web page")), qPrintable(r.error.message));
        QVERIFY(!r.error.message.contains(QLatin1Char('<'))); // the HTML itself never reaches people or logs
        QCOMPARE(apiRequests().size(), 1);                    // not retried: more calls would only extend the block
    }

    void aCreateWithALostAnswerIsFoundAgainNotResent()
    {
        QFETCH_GLOBAL(bool, loopback);
        discover();
        auto made = await<QList<PipedriveFieldDefinition>>([&](auto cb) { m_client->createMissingFields(cb); });
        QVERIFY2(made.ok(), qPrintable(made.error.message));
        PipedriveFaultInjector::Rule rule;
        rule.method = "POST";
        rule.pathPattern = QStringLiteral("/api/v2/organizations");
        // Over a socket only the hang: a reset makes Qt itself resend the POST (see tst_pipedriveloopback).
        rule.kind =
            loopback ? PipedriveFaultInjector::Kind::ApplyThenHang : PipedriveFaultInjector::Kind::ApplyThenReset;
        rule.remaining = 1;
        m_sim->addFault(rule);
        shortTimeoutsFor(false, true);
        const QDateTime intent = now();
        PipedriveOrganizationChanges c;
        c.name = QStringLiteral("Kowhai Gardens");
        c.customFields.insert(QStringLiteral("Ostendo Customer ID"), QStringLiteral("KOW001"));
        m_sim->clearRequestLog();
        auto r = await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(c, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::UnknownOutcome);
        QCOMPARE(apiRequests().size(), 1); // sent once, never resent by the client

        // The engine's recovery: list what changed since the intent and look for the carried id...
        PipedriveClient::ListOptions since;
        since.updatedSince = intent;
        auto changed = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations(since, cb); });
        QVERIFY2(changed.ok(), qPrintable(changed.error.message));
        QCOMPARE(changed.value.size(), 1);
        QCOMPARE(changed.value.first().customText(QStringLiteral("Ostendo Customer ID")), QStringLiteral("KOW001"));
        // ...or, for older intents, search the carried id.
        auto found = await<QList<qint64>>([&](auto cb) {
            m_client->findByCustomField(PipedriveFieldSpec::Entity::Organization, QStringLiteral("Ostendo Customer ID"),
                                        QStringLiteral("KOW001"), cb);
        });
        QVERIFY2(found.ok(), qPrintable(found.error.message));
        QCOMPARE(found.value, QList<qint64>{changed.value.first().id});
        QCOMPARE(m_sim->allOrganizations().size(), 1); // exactly one, no duplicate
    }

    void findCreatedListsFirstBecauseTheSearchIndexLags()
    {
        discover();
        QVERIFY(await<QList<PipedriveFieldDefinition>>([&](auto cb) { m_client->createMissingFields(cb); }).ok());
        m_sim->setSearchIndexDelaySeconds(600); // the search index catches up ten minutes late
        PipedriveFaultInjector::Rule rule;
        rule.method = "POST";
        rule.pathPattern = QStringLiteral("/api/v2/deals");
        rule.kind = PipedriveFaultInjector::Kind::ApplyThenHang;
        rule.remaining = 1;
        m_sim->addFault(rule);
        shortTimeoutsFor(false, true);
        const QDateTime intent = now();
        PipedriveDealChanges c;
        c.title = QStringLiteral("Retaining wall");
        c.customFields.insert(QStringLiteral("Ostendo Job Number"), QStringLiteral("JOB-77"));
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->createDeal(c, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::UnknownOutcome);

        // The search alone would say "not there" and lead to a duplicate...
        auto searched = await<QList<qint64>>([&](auto cb) {
            m_client->findByCustomField(PipedriveFieldSpec::Entity::Deal, QStringLiteral("Ostendo Job Number"),
                                        QStringLiteral("JOB-77"), cb);
        });
        QVERIFY(searched.ok());
        QVERIFY(searched.value.isEmpty());
        // ...the list since the intent finds it.
        auto found = await<QList<qint64>>([&](auto cb) {
            m_client->findCreated(PipedriveFieldSpec::Entity::Deal, QStringLiteral("Ostendo Job Number"),
                                  QStringLiteral("JOB-77"), intent, cb);
        });
        QVERIFY2(found.ok(), qPrintable(found.error.message));
        QCOMPARE(found.value.size(), 1);
        QCOMPARE(m_sim->allDeals().size(), 1);
        // A value that was never created: nothing, so the engine may send the create.
        auto none = await<QList<qint64>>([&](auto cb) {
            m_client->findCreated(PipedriveFieldSpec::Entity::Deal, QStringLiteral("Ostendo Job Number"),
                                  QStringLiteral("JOB-78"), intent, cb);
        });
        QVERIFY(none.ok());
        QVERIFY(none.value.isEmpty());
    }

    void discoversAndCreatesTheMappedCustomFields()
    {
        m_sim->resetAccount();
        auto first = await<bool>([&](auto cb) { m_client->discoverFields(cb); });
        QVERIFY2(first.ok(), qPrintable(first.error.message));
        QCOMPARE(first.value, false);
        QCOMPARE(m_client->missingFields().size(), PipedriveFieldSpec::defaults().size());
        auto made = await<QList<PipedriveFieldDefinition>>([&](auto cb) { m_client->createMissingFields(cb); });
        QVERIFY2(made.ok(), qPrintable(made.error.message));
        QCOMPARE(made.value.size(), PipedriveFieldSpec::defaults().size());
        QVERIFY(m_client->missingFields().isEmpty());
        for (const PipedriveFieldSpec &spec : PipedriveFieldSpec::defaults()) {
            const auto entity =
                spec.entity == PipedriveFieldSpec::Entity::Deal ? PipedriveEntity::Deal : PipedriveEntity::Organization;
            const auto &map = spec.entity == PipedriveFieldSpec::Entity::Deal ? m_client->dealFields()
                                                                              : m_client->organizationFields();
            QVERIFY(PipedriveCodec::isCustomFieldKey(map.value(spec.name).key));
            QCOMPARE(map.value(spec.name).key, m_sim->customFieldKey(entity, spec.name));
            QCOMPARE(map.value(spec.name).type, spec.type);
        }
        // A second client (another run) finds them all.
        makeClient();
        auto again = await<bool>([&](auto cb) { m_client->discoverFields(cb); });
        QCOMPARE(again.value, true);
    }

    void writesRoundTripThroughTheStrictSimulator()
    {
        m_sim->seedDemo(5, 0, 0); // the custom fields and the pipeline, no records
        discover();
        QVERIFY(m_client->missingFields().isEmpty());
        auto stages = await<QList<PipedriveStage>>([&](auto cb) { m_client->listStages(cb); });
        QVERIFY2(stages.ok() && !stages.value.isEmpty(), qPrintable(stages.error.message));

        PipedriveOrganizationChanges org;
        org.name = QStringLiteral("O'Brien & Sons Landscaping");
        PipedriveAddress a;
        a.value = QStringLiteral("12 Kauri Rd, Henderson, Auckland 0612");
        a.streetNumber = QStringLiteral("12");
        a.route = QStringLiteral("Kauri Rd");
        a.locality = QStringLiteral("Auckland");
        a.postalCode = QStringLiteral("0612");
        org.address = a;
        org.customFields.insert(QStringLiteral("Phone"), QStringLiteral("+64 9 555 0101"));
        org.customFields.insert(QStringLiteral("Email"), QStringLiteral("ops@obrien.example"));
        org.customFields.insert(QStringLiteral("Ostendo Customer ID"), 48213.0);
        auto created = await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(org, cb); });
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        QCOMPARE(created.value.customText(QStringLiteral("Ostendo Customer ID")), QStringLiteral("48213"));
        QCOMPARE(created.value.address.route, QStringLiteral("Kauri Rd"));

        PipedriveDealChanges deal;
        deal.title = QStringLiteral("Irrigation for O'Brien");
        deal.value = 4500.5;
        deal.currency = QStringLiteral("NZD");
        deal.stageId = stages.value.first().id;
        deal.orgId = created.value.id;
        deal.expectedCloseDate = QDate(2026, 12, 24);
        deal.customFields.insert(QStringLiteral("Ostendo Job Number"), QStringLiteral("PD1"));
        const QString projectType =
            m_client->dealFields().value(QStringLiteral("Project Type")).options.isEmpty()
                ? QStringLiteral("Irrigation")
                : m_client->dealFields().value(QStringLiteral("Project Type")).options.first().second;
        deal.customFields.insert(QStringLiteral("Project Type"), projectType);
        auto d = await<PipedriveDeal>([&](auto cb) { m_client->createDeal(deal, cb); });
        QVERIFY2(d.ok(), qPrintable(d.error.message));
        QCOMPARE(d.value.orgId, created.value.id);
        QCOMPARE(d.value.value, 4500.5);
        QCOMPARE(d.value.customText(QStringLiteral("Project Type")), projectType);

        PipedriveDealChanges patch;
        patch.status = QStringLiteral("won");
        patch.expectedCloseDate = QDate(); // cleared
        auto won = await<PipedriveDeal>([&](auto cb) { m_client->updateDeal(d.value.id, patch, cb); });
        QVERIFY2(won.ok(), qPrintable(won.error.message));
        QCOMPARE(won.value.status, QStringLiteral("won"));
        QVERIFY(!won.value.expectedCloseDate.isValid());
        auto fetched = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(d.value.id, cb); });
        QVERIFY(fetched.ok());
        QCOMPARE(fetched.value.title, deal.title.value());
        QCOMPARE(m_client->budget()->tokensUsedToday(), m_sim->tokensUsedToday());
    }

    void deletedAndArchivedDealsHaveTheirOwnLists()
    {
        const qint64 kept = m_sim->createDeal({{"title", "Kept"}});
        const qint64 deleted = m_sim->createDeal({{"title", "Deleted"}});
        const qint64 archived = m_sim->createDeal({{"title", "Archived"}});
        QVERIFY(m_sim->deleteDeal(deleted));
        QVERIFY(m_sim->archiveDeal(archived));
        auto ids = [](const QList<PipedriveDeal> &deals) {
            QList<qint64> out;
            for (const auto &d : deals) {
                out << d.id;
            }
            return out;
        };
        PipedriveClient::ListOptions options;
        auto active = await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals(options, cb); });
        QVERIFY2(active.ok(), qPrintable(active.error.message));
        QCOMPARE(ids(active.value), QList<qint64>{kept});
        options.dealScope = PipedriveClient::DealScope::Deleted;
        auto gone = await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals(options, cb); });
        QVERIFY2(gone.ok(), qPrintable(gone.error.message));
        QCOMPARE(ids(gone.value), QList<qint64>{deleted});
        QVERIFY(gone.value.first().isDeleted);
        auto arch = await<QList<PipedriveDeal>>([&](auto cb) { m_client->listArchivedDeals({}, cb); });
        QVERIFY2(arch.ok(), qPrintable(arch.error.message));
        QCOMPARE(ids(arch.value), QList<qint64>{archived});
        QVERIFY(arch.value.first().isArchived);
        auto del = await<qint64>([&](auto cb) { m_client->deleteDeal(kept, cb); });
        QVERIFY2(del.ok(), qPrintable(del.error.message));
        QCOMPARE(del.value, kept);
    }

    void aSpentDailyBudgetStopsTheClient()
    {
        m_sim->rateLimiter().setDailyBudget(35);
        m_sim->seedDemo(2, 3, 0);
        m_sim->clearRequestLog();
        int ok = 0;
        ConnectorError last;
        for (int i = 0; i < 6; ++i) {
            auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
            ok += r.ok() ? 1 : 0;
            last = r.error;
        }
        QCOMPARE(ok, 3); // 3 x 10 tokens fit in 35
        QCOMPARE(last.kind, ConnectorError::Kind::RateLimited);
        QVERIFY(last.retryAfterMs > 0);
        // The client stopped asking: at most one refused request reached the server.
        QVERIFY2(apiRequests().size() <= 4, qPrintable(QString::number(apiRequests().size())));
    }

    void theTokenTravelsOnlyInTheHeader()
    {
        m_sim->seedDemo(1, 2, 2);
        discover();
        await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
        await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals({}, cb); });
        await<QList<qint64>>([&](auto cb) {
            m_client->findByCustomField(PipedriveFieldSpec::Entity::Deal, QStringLiteral("Ostendo Job Number"),
                                        QStringLiteral("PD1"), cb);
        });
        const auto log = apiRequests();
        QVERIFY(log.size() >= 5);
        for (const auto &e : log) {
            QVERIFY(!e.path.contains(QString::fromLatin1(Token)));
            QVERIFY(!e.query.contains(QString::fromLatin1(Token)));
            QVERIFY(!e.query.contains(QStringLiteral("api_token")));
            QByteArray header;
            for (const auto &h : e.headers) {
                if (h.first.compare("x-api-token", Qt::CaseInsensitive) == 0) {
                    header = h.second;
                }
            }
            QCOMPARE(header, Token);
        }
    }
};

QTEST_GUILESS_MAIN(TestPipedriveSim)
#include "tst_pipedrivesim.moc"

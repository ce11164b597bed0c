// The Pipedrive client against a scripted Pipedrive in process: requests, paging, errors, pacing, fields, secrets.
#include "ScriptedPipedrive.h"
#include "VirtualTimeline.h"

#include "TestSupport.h"
#include "connectors/InProcessTransport.h"
#include "connectors/PipedriveClient.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "util/SecretRedactor.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <memory>

namespace {
const QString Token = QStringLiteral("tok3n5ecretABCDEF0123456789");
const QString PhoneKey = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
const QString CarriedKey = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString JobKey = QStringLiteral("9999999999aaaaaaaaaabbbbbbbbbbcccccccccc");
const QString TypeKey = QStringLiteral("fedcba9876543210fedcba9876543210fedcba98");

QStringList g_logLines;
QMutex g_logMutex;

// Captures the raw text of every message, before any redaction, so the test sees what the client itself wrote.
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_logLines.append(message);
}

QJsonObject organizationJson(qint64 id, const QString &updateTime, const QString &name = QString())
{
    return QJsonObject{{QStringLiteral("id"), double(id)},
                       {QStringLiteral("name"), name.isEmpty() ? QStringLiteral("Org %1").arg(id) : name},
                       {QStringLiteral("update_time"), updateTime},
                       {QStringLiteral("is_deleted"), false},
                       {QStringLiteral("address"), QJsonValue::Null},
                       {QStringLiteral("custom_fields"), QJsonObject{{CarriedKey, QStringLiteral("C-%1").arg(id)}}}};
}

QJsonObject dealJson(qint64 id, const QString &status = QStringLiteral("open"))
{
    return QJsonObject{{QStringLiteral("id"), double(id)},
                       {QStringLiteral("title"), QStringLiteral("Deal %1").arg(id)},
                       {QStringLiteral("value"), 100.0 * double(id)},
                       {QStringLiteral("currency"), QStringLiteral("NZD")},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("stage_id"), 1},
                       {QStringLiteral("org_id"), 1},
                       {QStringLiteral("update_time"), QStringLiteral("2024-07-01T00:00:00Z")},
                       {QStringLiteral("is_deleted"), status == QLatin1String("deleted")},
                       {QStringLiteral("is_archived"), false},
                       {QStringLiteral("custom_fields"), QJsonObject{{TypeKey, 11}}}};
}

QJsonObject fieldJson(const QString &key, const QString &name, const QString &type, const QJsonValue &options = {})
{
    return QJsonObject{{QStringLiteral("field_code"), key},
                       {QStringLiteral("field_name"), name},
                       {QStringLiteral("field_type"), type},
                       {QStringLiteral("description"), QString()},
                       {QStringLiteral("options"), options.isUndefined() ? QJsonValue(QJsonValue::Null) : options},
                       {QStringLiteral("subfields"), QJsonValue::Null},
                       {QStringLiteral("is_custom_field"), key.size() == 40},
                       {QStringLiteral("is_optional_response_field"), false}};
}

PipedriveCodec::FieldsByName mappedOrgFields()
{
    PipedriveCodec::FieldsByName f;
    f.insert(QStringLiteral("Phone"),
             PipedriveFieldDefinition{PhoneKey, QStringLiteral("Phone"), QStringLiteral("phone"), true, {}});
    f.insert(QStringLiteral("Ostendo Customer ID"),
             PipedriveFieldDefinition{
                 CarriedKey, QStringLiteral("Ostendo Customer ID"), QStringLiteral("varchar"), true, {}});
    return f;
}

PipedriveCodec::FieldsByName mappedDealFields()
{
    PipedriveCodec::FieldsByName f;
    f.insert(
        QStringLiteral("Ostendo Job Number"),
        PipedriveFieldDefinition{JobKey, QStringLiteral("Ostendo Job Number"), QStringLiteral("varchar"), true, {}});
    f.insert(QStringLiteral("Project Type"),
             PipedriveFieldDefinition{TypeKey,
                                      QStringLiteral("Project Type"),
                                      QStringLiteral("enum"),
                                      true,
                                      {{11, QStringLiteral("Landscaping")}, {12, QStringLiteral("Irrigation")}}});
    return f;
}

// Runs the event loop until the callback arrived. The limit only stops a broken test from hanging; no result
// depends on it, because simulated waits take no real time.
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
    guard.start(20000);
    if (!got) {
        loop.exec();
    }
    if (!got) {
        qFatal("a Pipedrive call never called back");
    }
    return *got;
}
} // namespace

class TestPipedriveClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<VirtualTimeline> m_timeline;
    std::unique_ptr<ScriptedPipedrive> m_server;
    std::unique_ptr<InProcessTransport> m_transport;
    std::unique_ptr<PipedriveClient> m_client;
    PipedriveConfig m_config;

    PipedriveClient &makeClient(const PipedriveConfig &config)
    {
        m_client = std::make_unique<PipedriveClient>(m_transport.get(), config, PipedriveFieldSpec::defaults());
        m_client->setDelayFunction(m_timeline->delayFunction());
        m_client->setFieldMappings(mappedOrgFields(), mappedDealFields());
        return *m_client;
    }

private slots:
    void init()
    {
        m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC));
        Clock::setCurrent(m_clock.get());
        m_timeline = std::make_unique<VirtualTimeline>(m_clock.get());
        m_server = std::make_unique<ScriptedPipedrive>(m_clock.get());
        ScriptedPipedrive *server = m_server.get();
        m_transport =
            std::make_unique<InProcessTransport>([server](const HttpRequest &r) { return server->handle(r); });
        m_config = PipedriveConfig{};
        m_config.baseUrl = QUrl(QStringLiteral("https://acme.pipedrive.com"));
        m_config.apiToken = Token;
        m_config.randomSeed = 42;
        makeClient(m_config);
    }

    void cleanup()
    {
        m_client.reset();
        m_transport.reset();
        m_server.reset();
        m_timeline.reset();
        Clock::setCurrent(nullptr);
        m_clock.reset();
        SecretRedactor::instance().clear();
    }

    void incrementalListAsksForWhatV2Wants()
    {
        m_server->setRoute([](const HttpRequest &) {
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{}));
        });
        PipedriveClient::ListOptions options;
        options.updatedSince = QDateTime(QDate(2024, 7, 1), QTime(5, 46, 33, 700), Qt::UTC);
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations(options, cb); });
        QVERIFY(r.ok());
        QCOMPARE(m_server->requests().size(), 1);
        const HttpRequest &req = m_server->requests().first();
        QCOMPARE(req.method, QByteArray("GET"));
        QCOMPARE(req.url.path(), QStringLiteral("/api/v2/organizations"));
        QCOMPARE(req.url.host(), QStringLiteral("acme.pipedrive.com"));
        // Floored to the second: the bound is inclusive, so flooring can only re-read, never skip.
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("updated_since")),
                 QStringLiteral("2024-07-01T05:46:33Z"));
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("sort_by")), QStringLiteral("update_time"));
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("sort_direction")), QStringLiteral("asc"));
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("limit")), QStringLiteral("500"));
        bool tokenHeader = false;
        for (const auto &h : req.headers) {
            tokenHeader |= h.first.toLower() == "x-api-token" && h.second == Token.toUtf8();
        }
        QVERIFY(tokenHeader);
        QVERIFY(!req.url.toString(QUrl::FullyEncoded).contains(Token));
        QVERIFY(!req.url.toString().contains(QStringLiteral("api_token")));
    }

    void fullListSortsById()
    {
        m_server->setRoute([](const HttpRequest &) {
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{}));
        });
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
        QVERIFY(r.ok());
        const HttpRequest &req = m_server->requests().first();
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("sort_by")), QStringLiteral("id"));
        QVERIFY(!ScriptedPipedrive::queryOf(req).hasQueryItem(QStringLiteral("updated_since")));
    }

    void followsCursorsAcrossPages_data()
    {
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("expectedPages");
        QTest::newRow("empty") << 0 << 500 << 1;
        QTest::newRow("one short page") << 7 << 500 << 1;
        QTest::newRow("exactly one page") << 500 << 500 << 1;
        QTest::newRow("three pages of 500") << 1234 << 500 << 3;
        QTest::newRow("seven small pages") << 20 << 3 << 7;
    }

    void followsCursorsAcrossPages()
    {
        QFETCH(int, records);
        QFETCH(int, pageSize);
        QFETCH(int, expectedPages);
        m_config.pageSize = pageSize;
        makeClient(m_config);
        m_server->setRoute([records](const HttpRequest &req) {
            // An opaque cursor: the base64 of the next offset.
            const QString cursor = ScriptedPipedrive::queryValue(req, QStringLiteral("cursor"));
            const int offset = cursor.isEmpty() ? 0 : QByteArray::fromBase64(cursor.toLatin1()).toInt();
            const int limit = ScriptedPipedrive::queryValue(req, QStringLiteral("limit")).toInt();
            QJsonArray page;
            for (int i = offset; i < std::min(records, offset + limit); ++i) {
                page.append(dealJson(i + 1));
            }
            const int next = offset + limit;
            const QJsonValue nextCursor =
                next < records ? QJsonValue(QString::fromLatin1(QByteArray::number(next).toBase64())) : QJsonValue();
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(page, nextCursor));
        });
        auto r = await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals({}, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.size(), records);
        QCOMPARE(m_server->requests().size(), expectedPages);
        for (int i = 0; i < records; ++i) {
            QCOMPARE(r.value.at(i).id, qint64(i + 1));
        }
        QCOMPARE(m_client->budget()->tokensUsedToday(), qint64(10 * expectedPages));
    }

    void aCursorThatDoesNotMoveIsMalformed()
    {
        m_server->setRoute([](const HttpRequest &) {
            return ScriptedPipedrive::json(
                200, ScriptedPipedrive::envelope(QJsonArray{dealJson(1)}, QStringLiteral("c2FtZQ")));
        });
        auto r = await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals({}, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::Malformed);
        QCOMPARE(m_server->requests().size(), 2); // the second page repeats the cursor: stop instead of looping
    }

    void listShapesThatCannotBePagedAreMalformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("data is an object") << QByteArray("{\"success\":true,\"data\":{\"id\":1}}");
        QTest::newRow("data is text") << QByteArray("{\"success\":true,\"data\":\"none\"}");
        QTest::newRow("cursor is a number")
            << QByteArray("{\"success\":true,\"data\":[],\"additional_data\":{\"next_cursor\":7}}");
        QTest::newRow("top level is an array") << QByteArray("[{\"success\":true}]");
    }

    void listShapesThatCannotBePagedAreMalformed()
    {
        QFETCH(QByteArray, body);
        m_server->setRoute([body](const HttpRequest &) { return ScriptedPipedrive::raw(200, body); });
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::Malformed);
        QVERIFY(r.value.isEmpty());
        QCOMPARE(m_server->requests().size(), 1); // a malformed answer is not retried: it would come back the same
    }

    void dealScopesAndArchivedDeals_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<bool>("archived");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("status");
        QTest::newRow("active") << int(PipedriveClient::DealScope::Active) << false << "/api/v2/deals" << QString();
        QTest::newRow("deleted") << int(PipedriveClient::DealScope::Deleted) << false << "/api/v2/deals"
                                 << QStringLiteral("deleted");
        QTest::newRow("all") << int(PipedriveClient::DealScope::ActiveAndDeleted) << false << "/api/v2/deals"
                             << QStringLiteral("open,won,lost,deleted");
        QTest::newRow("archived") << int(PipedriveClient::DealScope::Active) << true << "/api/v2/deals/archived"
                                  << QString();
    }

    void dealScopesAndArchivedDeals()
    {
        QFETCH(int, scope);
        QFETCH(bool, archived);
        QFETCH(QString, path);
        QFETCH(QString, status);
        m_server->setRoute([](const HttpRequest &) {
            QJsonObject d = dealJson(5, QStringLiteral("deleted"));
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{d}));
        });
        PipedriveClient::ListOptions options;
        options.dealScope = PipedriveClient::DealScope(scope);
        options.updatedSince = m_clock->nowUtc().addDays(-1);
        auto r = await<QList<PipedriveDeal>>(
            [&](auto cb) { archived ? m_client->listArchivedDeals(options, cb) : m_client->listDeals(options, cb); });
        QVERIFY(r.ok());
        QVERIFY(r.value.first().isDeleted);
        const HttpRequest &req = m_server->requests().first();
        QCOMPARE(req.url.path(), path);
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("status")), status);
        QCOMPARE(m_client->budget()->tokensUsedToday(), qint64(archived ? 20 : 10));
    }

    void updatedSinceBoundaryIsInclusive()
    {
        // A Pipedrive that applies updated_since the documented way (>=, whole seconds).
        const QList<QPair<qint64, QString>> stored{{1, QStringLiteral("2024-07-01T09:59:59Z")},
                                                   {2, QStringLiteral("2024-07-01T10:00:00Z")},
                                                   {3, QStringLiteral("2024-07-01T10:00:01Z")}};
        m_server->setRoute([stored](const HttpRequest &req) {
            const QDateTime since =
                PipedriveCodec::parseTimestamp(ScriptedPipedrive::queryValue(req, QStringLiteral("updated_since")));
            if (!since.isValid()) {
                return ScriptedPipedrive::json(400, QJsonObject{{"success", false}, {"error", "bad updated_since"}});
            }
            QJsonArray page;
            for (const auto &s : stored) {
                if (PipedriveCodec::parseTimestamp(s.second) >= since) {
                    page.append(organizationJson(s.first, s.second));
                }
            }
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(page));
        });
        PipedriveClient::ListOptions options;
        // The watermark carries milliseconds; the record of exactly 10:00:00 must still come back.
        options.updatedSince = QDateTime(QDate(2024, 7, 1), QTime(10, 0, 0, 999), Qt::UTC);
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations(options, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.size(), 2);
        QCOMPARE(r.value.at(0).id, 2);
        QCOMPARE(r.value.at(1).id, 3);
        QCOMPARE(r.value.at(0).customText(QStringLiteral("Ostendo Customer ID")), QStringLiteral("C-2"));
    }

    void hostileRecordsAreReportedOneByOne()
    {
        m_server->setRoute([](const HttpRequest &) {
            QJsonObject badId = organizationJson(2, QStringLiteral("2024-07-01T00:00:00Z"));
            badId.insert(QStringLiteral("id"), QStringLiteral("2"));
            QJsonObject badTime = organizationJson(3, QStringLiteral("soon"));
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{
                                                    organizationJson(1, QStringLiteral("2024-07-01T00:00:00Z")), badId,
                                                    badTime, QStringLiteral("not an object"), 17,
                                                    organizationJson(4, QStringLiteral("2024-07-02T00:00:00Z"))}));
        });
        auto r = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); });
        QVERIFY(r.ok());
        QCOMPARE(r.value.size(), 2);
        QCOMPARE(r.recordErrors.size(), 4);
        for (const ConnectorError &e : r.recordErrors) {
            QCOMPARE(e.kind, ConnectorError::Kind::Malformed);
        }
        QVERIFY(r.recordErrors.at(1).message.contains(QStringLiteral("organization 3")));
    }

    void classifiesErrors_data()
    {
        QTest::addColumn<QString>("operation"); // list, get, create, patch
        QTest::addColumn<int>("status");        // 0: the transport error below
        QTest::addColumn<int>("transportError");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("expectedKind");
        QTest::addColumn<int>("expectedRequests");
        using K = ConnectorError::Kind;
        using T = HttpResponse::TransportError;
        const QByteArray none;
        const QByteArray envelopeError =
            "{\"success\":false,\"error\":\"Validation failed: title: is required\",\"error_info\":\"Please check "
            "developers.pipedrive.com\",\"data\":null}";
        const QByteArray html = "<!DOCTYPE html><html><body>Access denied | Cloudflare</body></html>";
        const int n = int(T::None);
        QTest::newRow("401") << "get" << 401 << n
                             << QByteArray("{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}")
                             << int(K::Authentication) << 1;
        QTest::newRow("402") << "list" << 402 << n << envelopeError << int(K::Permission) << 1;
        QTest::newRow("403 json") << "get" << 403 << n << envelopeError << int(K::Permission) << 1;
        QTest::newRow("403 html") << "list" << 403 << n << html << int(K::Permission) << 1;
        QTest::newRow("404") << "get" << 404 << n << envelopeError << int(K::NotFound) << 1;
        QTest::newRow("410") << "get" << 410 << n << none << int(K::NotFound) << 1;
        QTest::newRow("400") << "patch" << 400 << n << envelopeError << int(K::Validation) << 1;
        QTest::newRow("500 read retried") << "list" << 500 << n << envelopeError << int(K::Server) << 4;
        QTest::newRow("503 read retried") << "get" << 503 << n << html << int(K::Server) << 4;
        QTest::newRow("timeout read retried") << "list" << 0 << int(T::Timeout) << none << int(K::Network) << 4;
        QTest::newRow("reset read retried") << "get" << 0 << int(T::ConnectionReset) << none << int(K::Network) << 4;
        QTest::newRow("dns read retried") << "get" << 0 << int(T::HostNotFound) << none << int(K::Network) << 4;
        QTest::newRow("tls") << "get" << 0 << int(T::Tls) << none << int(K::Tls) << 1;
        QTest::newRow("too large") << "list" << 0 << int(T::TooLarge) << none << int(K::Malformed) << 1;
        QTest::newRow("not json") << "list" << 200 << n << QByteArray("<html>maintenance</html>") << int(K::Malformed)
                                  << 1;
        QTest::newRow("truncated json") << "get" << 200 << n << QByteArray("{\"success\":true,\"data\":{\"id\":1,\"ti")
                                        << int(K::Malformed) << 1;
        QTest::newRow("success false on 200")
            << "list" << 200 << n << QByteArray("{\"success\":false,\"error\":\"x\"}") << int(K::Malformed) << 1;
        QTest::newRow("no data") << "get" << 200 << n << QByteArray("{\"success\":true}") << int(K::Malformed) << 1;
        QTest::newRow("create timeout: unknown, sent once")
            << "create" << 0 << int(T::Timeout) << none << int(K::UnknownOutcome) << 1;
        QTest::newRow("create reset: unknown, sent once")
            << "create" << 0 << int(T::ConnectionReset) << none << int(K::UnknownOutcome) << 1;
        QTest::newRow("create 500: unknown, sent once")
            << "create" << 500 << n << envelopeError << int(K::UnknownOutcome) << 1;
        QTest::newRow("create truncated 200: unknown")
            << "create" << 200 << n << QByteArray("{\"success\":true,\"da") << int(K::UnknownOutcome) << 1;
        QTest::newRow("create 503: server, not resent") << "create" << 503 << n << none << int(K::Server) << 1;
        QTest::newRow("create refused: network, not resent")
            << "create" << 0 << int(T::ConnectionRefused) << none << int(K::Network) << 1;
        QTest::newRow("create 400") << "create" << 400 << n << envelopeError << int(K::Validation) << 1;
        QTest::newRow("no status line") << "get" << 0 << int(T::None) << none << int(K::Network) << 4;
        QTest::newRow("create, no status line: unknown")
            << "create" << 0 << int(T::None) << none << int(K::UnknownOutcome) << 1;
        QTest::newRow("patch timeout not resent") << "patch" << 0 << int(T::Timeout) << none << int(K::Network) << 1;
    }

    void classifiesErrors()
    {
        QFETCH(QString, operation);
        QFETCH(int, status);
        QFETCH(int, transportError);
        QFETCH(QByteArray, body);
        QFETCH(int, expectedKind);
        QFETCH(int, expectedRequests);
        m_server->setRoute([&](const HttpRequest &) {
            if (status == 0) {
                return ScriptedPipedrive::broken(HttpResponse::TransportError(transportError));
            }
            return ScriptedPipedrive::raw(status, body);
        });
        ConnectorError error;
        if (operation == QLatin1String("list")) {
            error = await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations({}, cb); }).error;
        } else if (operation == QLatin1String("get")) {
            error = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(12, cb); }).error;
        } else if (operation == QLatin1String("create")) {
            PipedriveOrganizationChanges c;
            c.name = QStringLiteral("New Co");
            c.customFields.insert(QStringLiteral("Ostendo Customer ID"), QStringLiteral("C-1"));
            error = await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(c, cb); }).error;
        } else {
            PipedriveDealChanges c;
            c.title = QStringLiteral("Renamed");
            error = await<PipedriveDeal>([&](auto cb) { m_client->updateDeal(12, c, cb); }).error;
        }
        QCOMPARE(ConnectorError::kindName(error.kind), ConnectorError::kindName(ConnectorError::Kind(expectedKind)));
        QCOMPARE(m_server->requests().size(), expectedRequests);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(!error.message.contains(Token));
        QVERIFY2(!error.message.contains(QStringLiteral("<html")), qPrintable(error.message));
        if (status == 400) {
            QVERIFY2(error.message.contains(QStringLiteral("title: is required")), qPrintable(error.message));
        }
    }

    void readRetriesBackOffExponentiallyThenSucceed()
    {
        int calls = 0;
        m_server->setRoute([&calls](const HttpRequest &) {
            if (++calls < 4) {
                return ScriptedPipedrive::raw(502, "bad gateway");
            }
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(12)));
        });
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(12, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.id, 12);
        const QList<qint64> t = m_server->arrivalMs();
        QCOMPARE(t.size(), 4);
        const RetryPolicy policy;
        for (int attempt = 2; attempt <= 4; ++attempt) {
            const qint64 gap = t.at(attempt - 1) - t.at(attempt - 2);
            const double nominal = std::min<double>(policy.maxDelayMs, policy.baseDelayMs * (1 << (attempt - 2)));
            QVERIFY2(gap >= qint64(nominal * (1 - policy.jitter)) && gap <= qint64(nominal * (1 + policy.jitter)) + 1,
                     qPrintable(QStringLiteral("attempt %1 after %2 ms").arg(attempt).arg(gap)));
        }
    }

    void jitterIsDeterministicFromTheSeed()
    {
        auto gaps = [this]() {
            init();
            m_server->setRoute([](const HttpRequest &) { return ScriptedPipedrive::raw(500, "{}"); });
            await<PipedriveDeal>([&](auto cb) { m_client->getDeal(1, cb); });
            const QList<qint64> t = m_server->arrivalMs();
            cleanup();
            return t;
        };
        const QList<qint64> first = gaps();
        const QList<qint64> second = gaps();
        QCOMPARE(first, second);
        init(); // leave a fresh fixture for cleanup()
    }

    void waitsAsRateLimitHeadersSay_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("minimumWaitMs");
        QTest::addColumn<qint64>("maximumWaitMs");
        QTest::newRow("Retry-After seconds")
            << QByteArray("Retry-After") << QByteArray("3") << qint64(3000) << qint64(3200);
        QTest::newRow("x-ratelimit-reset")
            << QByteArray("x-ratelimit-reset") << QByteArray("1") << qint64(1000) << qint64(1200);
        QTest::newRow("no header: about 2 s") << QByteArray() << QByteArray() << qint64(2000) << qint64(2600);
    }

    void waitsAsRateLimitHeadersSay()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(qint64, minimumWaitMs);
        QFETCH(qint64, maximumWaitMs);
        int calls = 0;
        m_server->setRoute([&](const HttpRequest &) {
            if (++calls == 1) {
                HttpHeaders h;
                if (!header.isEmpty()) {
                    h.append(qMakePair(header, value));
                }
                return ScriptedPipedrive::json(429, QJsonObject{{"success", false}, {"error", "Rate limit"}}, h);
            }
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(3)));
        });
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(3, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(m_server->requests().size(), 2);
        const qint64 waited = m_server->arrivalMs().at(1) - m_server->arrivalMs().at(0);
        QVERIFY2(waited >= minimumWaitMs && waited <= maximumWaitMs, qPrintable(QString::number(waited)));
        QCOMPARE(m_client->budget()->rateLimitedCount(), quint64(1));
    }

    void aCreateIsResentAfterA429BecauseNothingWasApplied()
    {
        int calls = 0;
        m_server->setRoute([&](const HttpRequest &) {
            if (++calls == 1) {
                return ScriptedPipedrive::json(429, QJsonObject{{"success", false}}, {{"x-ratelimit-reset", "2"}});
            }
            QJsonObject o = organizationJson(77, QStringLiteral("2026-11-27T09:00:02Z"), QStringLiteral("New Co"));
            return ScriptedPipedrive::json(201, ScriptedPipedrive::envelope(o));
        });
        PipedriveOrganizationChanges c;
        c.name = QStringLiteral("New Co");
        auto r = await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(c, cb); });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.id, 77);
        QCOMPARE(m_server->requests().size(), 2);
    }

    void persistentRateLimitingGivesUpWithoutATightLoop()
    {
        m_server->setRoute([](const HttpRequest &) {
            return ScriptedPipedrive::json(429, QJsonObject{{"success", false}}, {{"x-ratelimit-reset", "2"}});
        });
        auto r = await<QList<PipedriveStage>>([&](auto cb) { m_client->listStages(cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::RateLimited);
        QCOMPARE(r.error.retryAfterMs, qint64(2000));
        QCOMPARE(m_server->requests().size(), m_config.maxRateLimitWaits + 1);
        const QList<qint64> t = m_server->arrivalMs();
        for (int i = 1; i < t.size(); ++i) {
            QVERIFY2(t.at(i) - t.at(i - 1) >= 2000, "a 429 was retried without waiting");
        }
    }

    void aSpentDailyBudgetStopsAtOnce()
    {
        m_server->setRoute([](const HttpRequest &) {
            return ScriptedPipedrive::json(429, QJsonObject{{"success", false}},
                                           {{"x-ratelimit-reset", "1"}, {"x-daily-ratelimit-token-remaining", "0"}});
        });
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(1, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::RateLimited);
        QCOMPARE(m_server->requests().size(), 1);
        // The budget now knows: the next call is refused without a request.
        auto again = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(1, cb); });
        QCOMPARE(again.error.kind, ConnectorError::Kind::RateLimited);
        QCOMPARE(m_server->requests().size(), 1);
        QVERIFY(again.error.retryAfterMs > 0);
    }

    void theDailyTokenBudgetIsCountedPerEndpoint()
    {
        m_config.dailyTokenBudget = 25;
        makeClient(m_config);
        QSignalSpy changed(m_client->budget(), &PipedriveBudget::changed);
        m_server->setRoute([](const HttpRequest &req) {
            if (req.url.path().endsWith(QLatin1String("/stages"))) {
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{}));
            }
            if (req.url.path().endsWith(QLatin1String("/deals"))) {
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{dealJson(1)}));
            }
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(1)));
        });
        QVERIFY(await<QList<PipedriveStage>>([&](auto cb) { m_client->listStages(cb); }).ok());   // 5
        QVERIFY(await<PipedriveDeal>([&](auto cb) { m_client->getDeal(1, cb); }).ok());           // 1
        QVERIFY(await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals({}, cb); }).ok()); // 10
        QCOMPARE(m_client->budget()->tokensUsedToday(), qint64(16));
        QCOMPARE(m_client->budget()->tokensRemainingToday(), qint64(9));
        auto refused = await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals({}, cb); });
        QCOMPARE(refused.error.kind, ConnectorError::Kind::RateLimited);
        QCOMPARE(m_server->requests().size(), 3);
        QVERIFY(changed.count() >= 6);
        // A new UTC day gives a new budget; the run total keeps counting.
        m_clock->advanceMs(24LL * 3600 * 1000);
        QVERIFY(await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals({}, cb); }).ok());
        QCOMPARE(m_client->budget()->tokensUsedToday(), qint64(10));
        QCOMPARE(m_client->budget()->tokensSpent(), qint64(26));
    }

    void neverExceedsTheBurstWindowAndFinishesAllWork_data()
    {
        QTest::addColumn<int>("configuredBurst");
        QTest::addColumn<int>("serverBurst");
        QTest::addColumn<bool>("serverSendsHeaders");
        QTest::addColumn<int>("calls");
        QTest::newRow("lite plan, 100 gets") << 20 << 20 << false << 100;
        QTest::newRow("configured growth, server says 10") << 40 << 10 << true << 60;
        QTest::newRow("premium, 250 gets") << 100 << 100 << true << 250;
    }

    void neverExceedsTheBurstWindowAndFinishesAllWork()
    {
        QFETCH(int, configuredBurst);
        QFETCH(int, serverBurst);
        QFETCH(bool, serverSendsHeaders);
        QFETCH(int, calls);
        m_config.burstLimit = configuredBurst;
        makeClient(m_config);
        m_server->setBurstLimit(serverBurst);
        m_server->setRateHeaders(serverSendsHeaders);
        m_server->setRoute([](const HttpRequest &req) {
            const qint64 id = req.url.path().section(QLatin1Char('/'), -1).toLongLong();
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(id)));
        });
        int done = 0;
        int failed = 0;
        QEventLoop loop;
        for (int i = 1; i <= calls; ++i) {
            m_client->getDeal(i, [&](const PipedriveResult<PipedriveDeal> &r) {
                failed += r.ok() ? 0 : 1;
                if (++done == calls) {
                    loop.quit();
                }
            });
        }
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(done, calls);
        QCOMPARE(failed, 0);
        // The first request probes the real limit, so even a configured limit above the server's never
        // collects a 429 (a row of them gets a token blocked).
        QCOMPARE(m_server->rateLimitedAnswers(), 0);
        QVERIFY2(m_server->mostInAnyWindow() <= serverBurst, qPrintable(QString::number(m_server->mostInAnyWindow())));
        // Every call finished in about the time the limit allows, not much more.
        const qint64 span = m_server->arrivalMs().last();
        const int limit = std::min(configuredBurst, serverBurst);
        QVERIFY2(span <= qint64((calls / limit) + 2) * 2300, qPrintable(QString::number(span)));
        QCOMPARE(m_client->budget()->requestsSent(), quint64(calls + m_server->rateLimitedAnswers()));
        qInfo("%d gets at %d per 2 s took %lld simulated ms, %d 429s, at most %d in any 2 s", calls, limit, span,
              m_server->rateLimitedAnswers(), m_server->mostInAnyWindow());
    }

    void searchesAPerLaneBurstOfTen()
    {
        m_server->setRoute([](const HttpRequest &) {
            return ScriptedPipedrive::json(
                200, ScriptedPipedrive::envelope(QJsonArray{QJsonObject{{"id", 5}, {"name", "x"}}}));
        });
        int done = 0;
        QEventLoop loop;
        for (int i = 0; i < 25; ++i) {
            m_client->findByCustomField(PipedriveFieldSpec::Entity::Organization, QStringLiteral("Ostendo Customer ID"),
                                        QStringLiteral("C-%1").arg(i), [&](const PipedriveResult<QList<qint64>> &r) {
                                            QVERIFY(r.ok());
                                            if (++done == 25) {
                                                loop.quit();
                                            }
                                        });
        }
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(done, 25);
        QVERIFY2(m_server->mostInAnyWindow() <= PipedriveBudget::SearchBurstLimit,
                 qPrintable(QString::number(m_server->mostInAnyWindow())));
        QCOMPARE(m_client->budget()->tokensUsedToday(), qint64(25 * 20));
    }

    void findsByCarriedIdWithAnExactFieldSearch()
    {
        const QString term = QStringLiteral("O'Brien & Sons + Co #7 100%");
        m_server->setRoute([](const HttpRequest &) {
            // Both documented answer shapes: plain {id,name} and {result_score,item}.
            return ScriptedPipedrive::json(
                200, ScriptedPipedrive::envelope(QJsonArray{
                         QJsonObject{{"id", 41}, {"name", "A"}},
                         QJsonObject{{"result_score", 1.0}, {"item", QJsonObject{{"id", 42}, {"title", "B"}}}}}));
        });
        auto r = await<QList<qint64>>([&](auto cb) {
            m_client->findByCustomField(PipedriveFieldSpec::Entity::Deal, QStringLiteral("Ostendo Job Number"), term,
                                        cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value, (QList<qint64>{41, 42}));
        const HttpRequest &req = m_server->requests().first();
        QCOMPARE(req.url.path(), QStringLiteral("/api/v2/itemSearch/field"));
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("term")), term);
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("field")), JobKey);
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("entity_type")), QStringLiteral("deal"));
        QCOMPARE(ScriptedPipedrive::queryValue(req, QStringLiteral("match")), QStringLiteral("exact"));
        QVERIFY(req.url.toString(QUrl::FullyEncoded).contains(QStringLiteral("%2B")));
    }

    void anUnusableTokenIsNeverSent_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("header injection") << QStringLiteral("abcd1234\r\nx-evil: 1");
        QTest::newRow("space inside") << QStringLiteral("abcd 1234");
        QTest::newRow("non-ASCII") << QStringLiteral("abcd1234\u00e9");
    }

    void anUnusableTokenIsNeverSent()
    {
        QFETCH(QString, token);
        m_config.apiToken = token;
        makeClient(m_config);
        auto r = await<PipedriveDeal>([&](auto cb) { m_client->getDeal(1, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::Configuration);
        QVERIFY(r.error.isFatalForRun());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void findCreatedSearchesOnlyForOldIntents_data()
    {
        QTest::addColumn<qint64>("intentAgeMs");
        QTest::addColumn<bool>("listHasIt");
        QTest::addColumn<int>("expectedSearches");
        QTest::addColumn<int>("expectedFound");
        QTest::newRow("recent, listed") << qint64(5000) << true << 0 << 1;
        QTest::newRow("recent, not listed: not created") << qint64(5000) << false << 0 << 0;
        QTest::newRow("old, not listed: search") << qint64(2 * 3600 * 1000) << false << 1 << 1;
        QTest::newRow("old, listed: no search") << qint64(2 * 3600 * 1000) << true << 0 << 1;
    }

    void findCreatedSearchesOnlyForOldIntents()
    {
        QFETCH(qint64, intentAgeMs);
        QFETCH(bool, listHasIt);
        QFETCH(int, expectedSearches);
        QFETCH(int, expectedFound);
        m_server->setRoute([listHasIt](const HttpRequest &req) {
            if (req.url.path().endsWith(QLatin1String("/itemSearch/field"))) {
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{QJsonObject{{"id", 9}}}));
            }
            QJsonArray page;
            page.append(organizationJson(3, QStringLiteral("2026-11-27T08:59:00Z"))); // carries C-3
            if (listHasIt) {
                QJsonObject o = organizationJson(9, QStringLiteral("2026-11-27T08:59:59Z"));
                o.insert("custom_fields", QJsonObject{{CarriedKey, "C-NEW"}});
                page.append(o);
            }
            return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(page));
        });
        const QDateTime intent = m_clock->nowUtc().addMSecs(-intentAgeMs);
        auto r = await<QList<qint64>>([&](auto cb) {
            m_client->findCreated(PipedriveFieldSpec::Entity::Organization, QStringLiteral("Ostendo Customer ID"),
                                  QStringLiteral("C-NEW"), intent, cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.size(), expectedFound);
        int searches = 0;
        for (const HttpRequest &req : m_server->requests()) {
            searches += req.url.path().endsWith(QLatin1String("/itemSearch/field")) ? 1 : 0;
        }
        QCOMPARE(searches, expectedSearches);
        const HttpRequest &list = m_server->requests().first();
        QCOMPARE(ScriptedPipedrive::queryValue(list, QStringLiteral("updated_since")),
                 PipedriveCodec::formatTimestamp(intent.addSecs(-1)));
    }

    void anUnmappedFieldIsAConfigurationError()
    {
        m_client->setFieldMappings({}, {});
        PipedriveOrganizationChanges c;
        c.name = QStringLiteral("X");
        c.customFields.insert(QStringLiteral("Phone"), QStringLiteral("1"));
        auto r = await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(c, cb); });
        QCOMPARE(r.error.kind, ConnectorError::Kind::Configuration);
        QVERIFY(r.error.message.contains(QStringLiteral("Phone")));
        auto s = await<QList<qint64>>([&](auto cb) {
            m_client->findByCustomField(PipedriveFieldSpec::Entity::Organization, QStringLiteral("Phone"), "1", cb);
        });
        QCOMPARE(s.error.kind, ConnectorError::Kind::Configuration);
        QCOMPARE(m_server->requests().size(), 0);
    }

    void discoversAndCreatesCustomFields()
    {
        m_client = std::make_unique<PipedriveClient>(m_transport.get(), m_config, PipedriveFieldSpec::defaults());
        m_client->setDelayFunction(m_timeline->delayFunction());
        QList<QJsonObject> orgFields{
            fieldJson(QStringLiteral("name"), QStringLiteral("Name"), QStringLiteral("varchar")),
            fieldJson(PhoneKey, QStringLiteral("Phone"), QStringLiteral("phone")),
            fieldJson(QStringLiteral("2222222222222222222222222222222222222222"), QStringLiteral(" email "),
                      QStringLiteral("varchar")),
            fieldJson(QStringLiteral("3333333333333333333333333333333333333333"), QStringLiteral("Notes"),
                      QStringLiteral("text")),
            fieldJson(CarriedKey, QStringLiteral("Ostendo Customer ID"), QStringLiteral("varchar"))};
        // A user-made "Ostendo Job Number" of type date cannot hold "PD12": not used, and setup is told why.
        QList<QJsonObject> dealFields{
            fieldJson(QStringLiteral("title"), QStringLiteral("Title"), QStringLiteral("varchar")),
            fieldJson(QStringLiteral("7777777777777777777777777777777777777777"), QStringLiteral("Ostendo Job Number"),
                      QStringLiteral("date")),
            fieldJson(TypeKey, QStringLiteral("Project Type"), QStringLiteral("enum"),
                      QJsonArray{QJsonObject{{"id", 11}, {"label", "Landscaping"}}})};
        int created = 0;
        m_server->setRoute([&](const HttpRequest &req) {
            const QString path = req.url.path();
            auto &list = path.contains(QLatin1String("dealFields")) ? dealFields : orgFields;
            if (req.method == "POST") {
                const QJsonObject body = QJsonDocument::fromJson(req.body).object();
                const QString key = QStringLiteral("%1").arg(++created, 40, 10, QLatin1Char('a'));
                QJsonObject f =
                    fieldJson(key, body.value("field_name").toString(), body.value("field_type").toString());
                list.append(f);
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(f));
            }
            // Two pages, to show field lists are paged like everything else.
            const bool second = !ScriptedPipedrive::queryValue(req, QStringLiteral("cursor")).isEmpty();
            QJsonArray page;
            for (int i = second ? 2 : 0; i < (second ? list.size() : std::min<int>(2, list.size())); ++i) {
                page.append(list.at(i));
            }
            return ScriptedPipedrive::json(200,
                                           ScriptedPipedrive::envelope(page, second ? QJsonValue() : QJsonValue("p2")));
        });
        auto found = await<bool>([&](auto cb) { m_client->discoverFields(cb); });
        QVERIFY2(found.ok(), qPrintable(found.error.message));
        QCOMPARE(found.value, false);
        QStringList missing;
        for (const auto &spec : m_client->missingFields()) {
            missing << spec.name;
        }
        QCOMPARE(missing, (QStringList{QStringLiteral("Ostendo Status"), QStringLiteral("Ostendo Job Number")}));
        QCOMPARE(m_client->organizationFields().value(QStringLiteral("Email")).key.left(4), QStringLiteral("2222"));
        QCOMPARE(m_client->fieldProblems().size(), 1);
        QVERIFY(m_client->fieldProblems().first().contains(QStringLiteral("Ostendo Job Number")));
        // An enum "Project Type" is accepted for the text value (matched by option label).
        QCOMPARE(m_client->dealFields().value(QStringLiteral("Project Type")).type, QStringLiteral("enum"));

        auto made = await<QList<PipedriveFieldDefinition>>([&](auto cb) { m_client->createMissingFields(cb); });
        QVERIFY2(made.ok(), qPrintable(made.error.message));
        QCOMPARE(made.value.size(), 2);
        QVERIFY(m_client->missingFields().isEmpty());
        QList<HttpRequest> posts;
        for (const HttpRequest &req : m_server->requests()) {
            if (req.method == "POST") {
                posts << req;
            }
        }
        QCOMPARE(posts.size(), 2);
        QCOMPARE(posts.at(0).url.path(), QStringLiteral("/api/v2/organizationFields"));
        QCOMPARE(QJsonDocument::fromJson(posts.at(0).body).object(),
                 (QJsonObject{{"field_name", "Ostendo Status"}, {"field_type", "varchar"}}));
        QCOMPARE(posts.at(1).url.path(), QStringLiteral("/api/v2/dealFields"));

        // Discovering again finds everything.
        auto again = await<bool>([&](auto cb) { m_client->discoverFields(cb); });
        QCOMPARE(again.value, true);
    }

    void writesSendV2BodiesAndDumpThemForTheContractCheck()
    {
        QJsonArray dump;
        m_server->setRoute([&](const HttpRequest &req) {
            const QString path = req.url.path();
            if (req.method == "GET") {
                if (path.contains(QRegularExpression(QStringLiteral("/deals/\\d+$")))) {
                    return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(12)));
                }
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(QJsonArray{}));
            }
            if (path.endsWith(QLatin1String("Fields"))) {
                const QJsonObject f = QJsonDocument::fromJson(req.body).object();
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(fieldJson(
                                                        QString(40, QLatin1Char('e')), f.value("field_name").toString(),
                                                        f.value("field_type").toString())));
            }
            const QJsonObject body = QJsonDocument::fromJson(req.body).object();
            dump.append(
                QJsonObject{{"method", QString::fromLatin1(req.method)}, {"path", req.url.path()}, {"body", body}});
            if (req.url.path().contains(QLatin1String("/deals"))) {
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(12)));
            }
            return ScriptedPipedrive::json(
                200, ScriptedPipedrive::envelope(organizationJson(7, QStringLiteral("2026-11-27T09:00:00Z"))));
        });
        PipedriveOrganizationChanges org;
        org.name = QStringLiteral("Green Acres Ltd");
        PipedriveAddress a;
        a.value = QStringLiteral("12 Kauri Rd, Henderson, Auckland 0612");
        a.streetNumber = QStringLiteral("12");
        a.route = QStringLiteral("Kauri Rd");
        a.sublocality = QStringLiteral("Henderson");
        a.locality = QStringLiteral("Auckland");
        a.postalCode = QStringLiteral("0612");
        org.address = a;
        org.customFields.insert(QStringLiteral("Phone"), QStringLiteral("+64 9 555 0101"));
        org.customFields.insert(QStringLiteral("Ostendo Customer ID"), 48213.0);
        QVERIFY(await<PipedriveOrganization>([&](auto cb) { m_client->createOrganization(org, cb); }).ok());

        PipedriveOrganizationChanges orgPatch;
        orgPatch.address = PipedriveAddress{}; // clears
        orgPatch.customFields.insert(QStringLiteral("Phone"), QJsonValue(QJsonValue::Null));
        QVERIFY(await<PipedriveOrganization>([&](auto cb) { m_client->updateOrganization(7, orgPatch, cb); }).ok());

        PipedriveDealChanges deal;
        deal.title = QStringLiteral("Irrigation at Green Acres");
        deal.value = 4500.0;
        deal.currency = QStringLiteral("NZD");
        deal.status = QStringLiteral("open");
        deal.stageId = 2;
        deal.orgId = 7;
        deal.expectedCloseDate = QDate(2026, 12, 24);
        deal.customFields.insert(QStringLiteral("Ostendo Job Number"), QStringLiteral("PD12"));
        deal.customFields.insert(QStringLiteral("Project Type"), QStringLiteral("Irrigation"));
        QVERIFY(await<PipedriveDeal>([&](auto cb) { m_client->createDeal(deal, cb); }).ok());

        PipedriveDealChanges dealPatch;
        dealPatch.status = QStringLiteral("won");
        dealPatch.value = 4750.5;
        dealPatch.expectedCloseDate = QDate(); // clears
        QVERIFY(await<PipedriveDeal>([&](auto cb) { m_client->updateDeal(12, dealPatch, cb); }).ok());
        QVERIFY(await<qint64>([&](auto cb) { m_client->deleteDeal(12, cb); }).ok());

        QCOMPARE(dump.size(), 5);
        const QJsonObject createdOrg = dump.at(0).toObject().value("body").toObject();
        QCOMPARE(createdOrg.value("custom_fields").toObject().value(CarriedKey), QJsonValue("48213"));
        QCOMPARE(createdOrg.value("address").toObject().value("route"), QJsonValue("Kauri Rd"));
        QVERIFY(dump.at(1).toObject().value("body").toObject().value("address").isNull());
        const QJsonObject createdDeal = dump.at(2).toObject().value("body").toObject();
        QVERIFY(createdDeal.value("value").isDouble());
        QVERIFY(createdDeal.value("org_id").isDouble());
        QCOMPARE(createdDeal.value("custom_fields").toObject().value(TypeKey), QJsonValue(12));
        QCOMPARE(dump.at(3).toObject().value("method"), QJsonValue("PATCH"));
        QVERIFY(dump.at(3).toObject().value("body").toObject().value("expected_close_date").isNull());
        for (const QJsonValue &entry : dump) {
            const QString path = entry.toObject().value("path").toString();
            QVERIFY(path.startsWith(QStringLiteral("/api/v2/")));
            for (const QString &key :
                 entry.toObject().value("body").toObject().value("custom_fields").toObject().keys()) {
                QVERIFY(PipedriveCodec::isCustomFieldKey(key));
            }
        }

        // The reads too, so the validator also checks query parameter names and token costs.
        PipedriveClient::ListOptions since;
        since.updatedSince = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
        since.updatedUntil = QDateTime(QDate(2026, 11, 27), QTime(8, 0), Qt::UTC);
        QVERIFY(await<QList<PipedriveOrganization>>([&](auto cb) { m_client->listOrganizations(since, cb); }).ok());
        since.dealScope = PipedriveClient::DealScope::ActiveAndDeleted;
        QVERIFY(await<QList<PipedriveDeal>>([&](auto cb) { m_client->listDeals(since, cb); }).ok());
        QVERIFY(await<QList<PipedriveDeal>>([&](auto cb) { m_client->listArchivedDeals({}, cb); }).ok());
        QVERIFY(await<PipedriveDeal>([&](auto cb) { m_client->getDeal(12, cb); }).ok());
        QVERIFY(await<QList<PipedriveStage>>([&](auto cb) { m_client->listStages(cb); }).ok());
        QVERIFY(await<QList<qint64>>([&](auto cb) {
                    m_client->findByCustomField(PipedriveFieldSpec::Entity::Deal, QStringLiteral("Ostendo Job Number"),
                                                QStringLiteral("PD12"), cb);
                }).ok());
        QVERIFY(await<bool>([&](auto cb) { m_client->discoverFields(cb); }).ok());
        QVERIFY(await<QList<PipedriveFieldDefinition>>([&](auto cb) { m_client->createMissingFields(cb); }).ok());

        // For the contract validator (tests/contract, format turfdrive-contract-dump/1): every request this
        // client sent, with its query, body and the token cost the client charged for it. Bodies that clear a
        // standard field with null go to a second file: v2 clears with null (the migration guide), but the OpenAPI
        // spec declares those fields non-nullable, so the validator flags them; kept apart so that the first file
        // stays a clean regression check and the second documents the disagreement.
        QJsonArray exchanges;
        QJsonArray clearing;
        for (const HttpRequest &req : m_server->requests()) {
            const QString path = req.url.path();
            QJsonObject exchange{{"name", QStringLiteral("client %1 %2").arg(QString::fromLatin1(req.method), path)},
                                 {"method", QString::fromLatin1(req.method)},
                                 {"path", path},
                                 {"query", req.url.query(QUrl::FullyEncoded)},
                                 {"token_cost", PipedriveBudget::tokenCost(req.method, path.mid(7))}};
            bool clears = false;
            if (!req.body.isEmpty()) {
                const QJsonObject body = QJsonDocument::fromJson(req.body).object();
                exchange.insert("request_body", body);
                for (auto it = body.begin(); it != body.end(); ++it) {
                    clears |= it.value().isNull();
                }
            }
            (clears ? clearing : exchanges).append(exchange);
        }
        QVERIFY(exchanges.size() >= 15);
        QCOMPARE(clearing.size(), 2);
        const QString dir = TestSupport::binaryDir() + QStringLiteral("/contract");
        QVERIFY(QDir().mkpath(dir));
        auto write = [&dir](const QString &file, const QJsonArray &list) {
            QFile out(dir + QLatin1Char('/') + file);
            const QJsonObject document{{"format", "turfdrive-contract-dump/1"},
                                       {"producer", "tests/pipedrive_client/tst_pipedriveclient"},
                                       {"exchanges", list}};
            return out.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                   out.write(QJsonDocument(document).toJson(QJsonDocument::Indented)) > 0;
        };
        QVERIFY(write(QStringLiteral("pipedrive-client-requests.json"), exchanges));
        QVERIFY(write(QStringLiteral("pipedrive-client-clearing-requests.json"), clearing));
    }

    void theTokenIsInNoUrlLogLineOrError()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.connectors.pipedrive*=true"));
        g_logLines.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        int calls = 0;
        m_server->setRoute([&](const HttpRequest &req) {
            // A hostile or careless server echoes the token back in its error texts.
            const QString echo = QStringLiteral("invalid api_token=%1 for %2").arg(Token, req.url.toString());
            switch (++calls % 5) {
            case 1:
                return ScriptedPipedrive::json(401, QJsonObject{{"success", false}, {"error", echo}});
            case 2:
                return ScriptedPipedrive::json(400, QJsonObject{{"success", false}, {"error", echo}});
            case 3:
                return ScriptedPipedrive::json(429, QJsonObject{{"success", false}, {"error", echo}},
                                               {{"Retry-After", "1"}});
            case 4:
                return ScriptedPipedrive::raw(500, echo.toUtf8());
            default:
                return ScriptedPipedrive::json(200, ScriptedPipedrive::envelope(dealJson(1)));
            }
        });
        QList<ConnectorError> errors;
        for (int i = 0; i < 6; ++i) {
            errors << await<PipedriveDeal>([&](auto cb) { m_client->getDeal(1, cb); }).error;
            PipedriveDealChanges c;
            c.title = QStringLiteral("T");
            errors << await<PipedriveDeal>([&](auto cb) { m_client->createDeal(c, cb); }).error;
            errors << await<QList<qint64>>([&](auto cb) {
                          m_client->findByCustomField(PipedriveFieldSpec::Entity::Deal,
                                                      QStringLiteral("Ostendo Job Number"), QStringLiteral("PD1"), cb);
                      }).error;
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        QVERIFY(m_server->requests().size() >= 18);
        for (const HttpRequest &req : m_server->requests()) {
            QVERIFY(!req.url.toString(QUrl::FullyEncoded).contains(Token));
            QVERIFY(!QUrl::fromPercentEncoding(req.url.toEncoded()).contains(Token));
        }
        QVERIFY2(g_logLines.size() >= 18, "the client should log its requests");
        for (const QString &line : g_logLines) {
            QVERIFY2(!line.contains(Token), qPrintable(line));
        }
        int withText = 0;
        for (const ConnectorError &e : errors) {
            QVERIFY2(!e.message.contains(Token), qPrintable(e.message));
            withText += e.message.contains(QStringLiteral("invalid api_token")) ? 1 : 0;
        }
        QVERIFY(withText > 0); // the remote text was kept, with the token masked
    }
};

QTEST_GUILESS_MAIN(TestPipedriveClient)
#include "tst_pipedriveclient.moc"

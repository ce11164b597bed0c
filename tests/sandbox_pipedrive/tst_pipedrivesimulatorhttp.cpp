// The Pipedrive simulator over real loopback HTTP (SimHttpServer + QNetworkAccessManager): what a client sees on
// the wire, including broken transfers and the /_sim control surface.
#include "common/SimHttpServer.h"
#include "pipedrive/PipedriveSandboxServer.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace {
const QByteArray Token = "http-token-abcdef";

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};
} // namespace

class TestPipedriveSimulatorHttp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PipedriveSimulator> m_sim;
    std::unique_ptr<SimHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    Answer send(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body = {},
                const QByteArray &token = Token, int transferTimeoutMs = 15000)
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(pathAndQuery)));
        if (!token.isEmpty()) {
            req.setRawHeader("x-api-token", token);
        }
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setTransferTimeout(transferTimeoutMs);
        const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkReply *reply = m_nam->sendCustomRequest(req, method, payload);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished()) {
            finished.wait(30000);
        }
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.error = reply->error();
        a.body = reply->isOpen() ? reply->readAll() : QByteArray();
        for (const auto &h : reply->rawHeaderPairs()) {
            a.headers.insert(h.first.toLower(), h.second);
        }
        reply->deleteLater();
        return a;
    }

private slots:
    void init()
    {
        m_sim = std::make_unique<PipedriveSimulator>(3);
        m_sim->addApiToken(Token, s("premium"));
        m_server = std::make_unique<SimHttpServer>(m_sim.get());
        QVERIFY(m_server->listenOnLoopback() != 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_nam.reset();
        m_server.reset();
        m_sim.reset();
    }

    void envelopeAndRateHeaders()
    {
        m_sim->seedDemo(9, 3, 2);
        const Answer a = send("GET", s("/api/v2/deals?limit=1"));
        QCOMPARE(a.error, QNetworkReply::NoError);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(a.headers.value("x-ratelimit-limit"), QByteArray("100")); // Premium, API token
        QCOMPARE(a.headers.value("x-ratelimit-remaining"), QByteArray("99"));
        QVERIFY(a.headers.contains("x-ratelimit-reset"));
        QVERIFY(a.headers.contains("x-daily-ratelimit-token-remaining"));
        const QJsonObject o = a.json();
        QCOMPARE(o.value(s("success")).toBool(), true);
        QCOMPARE(o.value(s("data")).toArray().size(), 1);
        QVERIFY(o.value(s("additional_data")).toObject().value(s("next_cursor")).isString());
    }

    void unauthorizedOverHttp()
    {
        const Answer a = send("GET", s("/api/v2/organizations"), {}, QByteArray());
        QCOMPARE(a.status, 401);
        QCOMPARE(a.json().value(s("success")).toBool(true), false);
        QCOMPARE(a.json().value(s("errorCode")).toInt(), 401);
    }

    void pagingOverHttp()
    {
        m_sim->seedDemo(10, 23, 0);
        QSet<qint64> seen;
        QString cursor;
        int pages = 0;
        do {
            QString path = s("/api/v2/organizations?limit=5&sort_by=update_time");
            if (!cursor.isEmpty()) {
                path += s("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
            }
            const Answer a = send("GET", path);
            QCOMPARE(a.status, 200);
            ++pages;
            for (const QJsonValue &v : a.json().value(s("data")).toArray()) {
                seen.insert(v.toObject().value(s("id")).toInteger());
            }
            const QJsonValue next = a.json().value(s("additional_data")).toObject().value(s("next_cursor"));
            cursor = next.isNull() ? QString() : next.toString();
        } while (!cursor.isEmpty() && pages < 20);
        QCOMPARE(pages, 5);
        QCOMPARE(seen.size(), 23);
    }

    void writesOverHttp()
    {
        const Answer created = send("POST", s("/api/v2/organizations"),
                                    QJsonObject{{s("name"), s("Seaview Motor Lodge")},
                                                {s("address"), QJsonObject{{s("value"), s("3 Beach Road, Petone")}}}});
        QCOMPARE(created.status, 200);
        const qint64 id = created.json().value(s("data")).toObject().value(s("id")).toInteger();
        QVERIFY(id > 0);
        const Answer bad =
            send("PATCH", QStringLiteral("/api/v2/organizations/%1").arg(id), QJsonObject{{s("owner_id"), s("1")}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(s("success")).toBool(true), false);
        const Answer gone = send("DELETE", QStringLiteral("/api/v2/organizations/%1").arg(id));
        QCOMPARE(gone.status, 200);
        QCOMPARE(gone.json().value(s("data")).toObject().value(s("id")).toInteger(), id);
        QCOMPARE(send("GET", QStringLiteral("/api/v2/organizations/%1").arg(id)).status, 404);
    }

    void tooManyRequestsThenBlocked()
    {
        m_sim->rateLimiter().setBurstLimit(2);
        m_sim->rateLimiter().setAbuseThreshold(2);
        QCOMPARE(send("GET", s("/api/v2/stages")).status, 200);
        QCOMPARE(send("GET", s("/api/v2/stages")).status, 200);
        for (int i = 0; i < 2; ++i) {
            const Answer limited = send("GET", s("/api/v2/stages"));
            QCOMPARE(limited.status, 429);
            QCOMPARE(limited.headers.value("x-ratelimit-remaining"), QByteArray("0"));
            QVERIFY(limited.headers.value("x-ratelimit-reset").toInt() >= 1);
            QCOMPARE(limited.json().value(s("success")).toBool(true), false);
        }
        const Answer blocked = send("GET", s("/api/v2/stages"));
        QCOMPARE(blocked.status, 403);
        QVERIFY(blocked.headers.value("content-type").startsWith("text/html"));
        QVERIFY(blocked.body.contains("Cloudflare"));
    }

    void brokenTransfers_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("transportError"); // no HTTP answer reached the client
        QTest::addColumn<int>("status");          // when an HTTP answer did arrive
        QTest::addColumn<bool>("applied");
        QTest::newRow("hang") << s("hang") << true << 0 << false;
        QTest::newRow("reset") << s("reset") << true << 0 << false;
        QTest::newRow("truncate") << s("truncate") << true << 0 << true;
        QTest::newRow("applied, reply lost") << s("apply_then_reset") << true << 0 << true;
        QTest::newRow("applied, reply never comes") << s("apply_then_hang") << true << 0 << true;
        QTest::newRow("non-JSON") << s("non_json") << false << 200 << false;
        QTest::newRow("server error") << s("server_error") << false << 500 << false;
    }

    void brokenTransfers()
    {
        QFETCH(QString, kind);
        QFETCH(bool, transportError);
        QFETCH(int, status);
        QFETCH(bool, applied);
        // Set through the control surface, as a scenario script would. The fault stays on until cleared because
        // QNetworkAccessManager itself resends a request once when a connection closes before any answer byte.
        const Answer set =
            send("POST", s("/_sim/faults"),
                 QJsonObject{{s("kind"), kind}, {s("method"), s("POST")}, {s("path"), s("/api/v2/organizations")}},
                 QByteArray());
        QCOMPARE(set.status, 200);
        // A hang only ends when the client gives up; a short transfer timeout is that client. Only hangs get it,
        // so a slow machine cannot turn a prompt answer into a timeout.
        const bool hangs = kind.endsWith(QLatin1String("hang"));
        const Answer a = send("POST", s("/api/v2/organizations"), QJsonObject{{s("name"), s("Hillcrest School")}},
                              Token, hangs ? 1500 : 20000);
        int attempts = 0;
        for (const PipedriveRequestLogEntry &e : m_sim->requestLog()) {
            attempts += e.operation == QLatin1String("addOrganization") ? 1 : 0;
        }
        QVERIFY(attempts >= 1);
        if (transportError) {
            QVERIFY2(a.error != QNetworkReply::NoError && a.error < QNetworkReply::ContentAccessDenied,
                     qPrintable(QString::number(a.error)));
        } else {
            QCOMPARE(a.status, status);
        }
        if (kind == QLatin1String("non_json")) {
            QCOMPARE(a.error, QNetworkReply::NoError);
            QVERIFY(QJsonDocument::fromJson(a.body).isNull());
        }
        // Every attempt that reached the simulator took effect when the fault applies the request first.
        QCOMPARE(m_sim->allOrganizations().size(), applied ? attempts : 0);
        qInfo("%s: %d attempt(s) reached the simulator", qPrintable(kind), attempts);

        QCOMPARE(send("DELETE", s("/_sim/faults"), {}, QByteArray()).status, 200);
        QCOMPARE(send("POST", s("/api/v2/organizations"), QJsonObject{{s("name"), s("Next")}}).status, 200);
    }

    void sandboxServerAsTheCliRunsIt()
    {
        PipedriveSandboxServer sandbox;
        PipedriveSandboxServer::Options options;
        options.seed = 8;
        options.organizations = 4;
        options.deals = 3;
        const quint16 port = sandbox.start(options);
        QVERIFY(port != 0);
        QCOMPARE(sandbox.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY(!sandbox.simulator().clock().isManual());

        QNetworkRequest req(QUrl(sandbox.baseUrl() + s("/api/v2/organizations")));
        req.setRawHeader("x-api-token", "any-token-a-newcomer-typed");
        QNetworkReply *reply = m_nam->get(req);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonArray orgs = QJsonDocument::fromJson(reply->readAll()).object().value(s("data")).toArray();
        QCOMPARE(orgs.size(), 4);
        // Seeded against the real clock, the demo history ends before now.
        const QString now = QDateTime::currentDateTimeUtc().addSecs(5).toString(Qt::ISODate);
        for (const QJsonValue &o : orgs) {
            QVERIFY(o.toObject().value(s("update_time")).toString() < now);
        }
        reply->deleteLater();
    }

    void controlSurfaceOverHttp()
    {
        QCOMPARE(send("POST", s("/_sim/tokens"), QJsonObject{{s("token"), s("second-token")}, {s("plan"), s("lite")}},
                      QByteArray())
                     .status,
                 200);
        QCOMPARE(send("POST", s("/_sim/seed"), QJsonObject{{s("seed"), 4}, {s("organizations"), 6}, {s("deals"), 8}},
                      QByteArray())
                     .status,
                 200);
        const Answer org = send("POST", s("/_sim/organizations"),
                                QJsonObject{{s("name"), s("Ngata Family Trust")},
                                            {s("Ostendo Customer ID"), s("C-9")},
                                            {s("update_time"), s("2026-01-05T01:02:03Z")}},
                                QByteArray());
        QCOMPARE(org.status, 200);
        QCOMPARE(org.json().value(s("data")).toObject().value(s("update_time")).toString(), s("2026-01-05T01:02:03Z"));
        QCOMPARE(send("POST", s("/_sim/time"), QJsonObject{{s("now"), s("2026-04-01T00:00:00Z")}}, QByteArray())
                     .json()
                     .value(s("data"))
                     .toObject()
                     .value(s("now"))
                     .toString(),
                 s("2026-04-01T00:00:00Z"));
        const Answer listed = send("GET", s("/api/v2/organizations?limit=500"), {}, "second-token");
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.headers.value("x-ratelimit-limit"), QByteArray("20")); // Lite
        QCOMPARE(listed.json().value(s("data")).toArray().size(), 7);
        const Answer state = send("GET", s("/_sim/state"), {}, QByteArray());
        QCOMPARE(state.json().value(s("data")).toObject().value(s("tokens_used_today")).toInt(), 10);
        const QJsonArray log = send("GET", s("/_sim/requests"), {}, QByteArray()).json().value(s("data")).toArray();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().toObject().value(s("operation")).toString(), s("getOrganizations"));
        QCOMPARE(log.first().toObject().value(s("query")).toString(), s("limit=500"));
        QCOMPARE(send("GET", s("/_sim/nothing"), {}, QByteArray()).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestPipedriveSimulatorHttp)
#include "tst_pipedrivesimulatorhttp.moc"

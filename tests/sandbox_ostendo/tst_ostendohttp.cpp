// The Ostendo simulator over real loopback HTTP and HTTPS with QNetworkAccessManager, as a client meets it.
#include "OstendoTestCertificate.h"
#include "OstendoTestRequests.h"
#include "common/SimHttpServer.h"
#include "ostendo/OstendoSimulator.h"

#include "TestSupport.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

using namespace OstendoTestRequests;

namespace {
const QString kKey = QStringLiteral("Hk+/x9Qa==");

struct Answer
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};
} // namespace

class TestOstendoHttp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<OstendoSimulator> m_sim;
    std::unique_ptr<SimHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    quint16 m_port = 0;

    QUrl url(const QString &pathAndQuery, const QString &scheme = QStringLiteral("http")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(m_port) + pathAndQuery);
    }

    Answer send(QNetworkRequest request, const QByteArray &method, const QByteArray &body = {})
    {
        if (request.transferTimeout() == 0) {
            request.setTransferTimeout(20000); // a generous ceiling so a broken test fails instead of hanging
        }
        QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished()) {
            finished.wait(30000);
        }
        Answer a;
        a.error = reply->error();
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (reply->isOpen()) {
            a.body = reply->readAll();
        }
        reply->deleteLater();
        return a;
    }

    Answer sqlQuery(const QByteArray &sql, const QString &path = QStringLiteral("/sqlquery"))
    {
        QNetworkRequest request(
            url(path + QLatin1Char('?') +
                encodedQuery({{QStringLiteral("apikey"), kKey}, {QStringLiteral("format"), QStringLiteral("json")}})));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        return send(request, "POST", sql);
    }

    Answer importCustomer(const QString &name)
    {
        QNetworkRequest request(url(QStringLiteral("/tabledata?") +
                                    encodedQuery({{QStringLiteral("apikey"), kKey},
                                                  {QStringLiteral("configuration"), QStringLiteral("0")},
                                                  {QStringLiteral("tablename"), QStringLiteral("CUSTOMERMASTER")},
                                                  {QStringLiteral("keyfield"), QStringLiteral("CUSTOMER")},
                                                  {QStringLiteral("format"), QStringLiteral("xml")}})));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/xml"));
        request.setTransferTimeout(1000);
        return send(request, "POST",
                    "<ostendoimport><customermaster><customer>" + name.toHtmlEscaped().toUtf8() +
                        "</customer></customermaster></ostendoimport>");
    }

private slots:
    void init()
    {
        m_sim = std::make_unique<OstendoSimulator>();
        m_sim->clock().setNow(QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC));
        m_sim->addKey({kKey, QStringLiteral("TurfDrive"), QDate(2030, 1, 1), true, {}});
        m_sim->seedDemo(11, 30, 40);
        m_server = std::make_unique<SimHttpServer>(m_sim.get());
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_nam.reset();
        m_server.reset();
        m_sim.reset();
    }

    void tableDataInBothFormats()
    {
        m_port = m_server->listenOnLoopback();
        QVERIFY(m_port != 0);
        const QString condition = QStringLiteral("DELIVERYCITY = 'Auckland' AND CUSTOMERSTATUS = 'Active'");
        const QString query = encodedQuery({{QStringLiteral("apikey"), kKey},
                                            {QStringLiteral("tablename"), QStringLiteral("customermaster")},
                                            {QStringLiteral("condition"), condition}});
        int expected = 0;
        for (const QVariantMap &row : m_sim->rows(0, QStringLiteral("CUSTOMERMASTER"))) {
            expected += row.value(QStringLiteral("DELIVERYCITY")) == QLatin1String("Auckland") &&
                        row.value(QStringLiteral("CUSTOMERSTATUS")) == QLatin1String("Active");
        }
        QVERIFY(expected > 0);

        const Answer json = send(QNetworkRequest(url(QStringLiteral("/tabledata?format=json&") + query)), "GET");
        QCOMPARE(json.error, QNetworkReply::NoError);
        QCOMPARE(json.status, 200);
        QVERIFY(json.contentType.startsWith("application/json"));
        QCOMPARE(QJsonDocument::fromJson(json.body).array().size(), expected);

        const Answer xml = send(QNetworkRequest(url(QStringLiteral("/tabledata?") + query)), "GET");
        QCOMPARE(xml.status, 200);
        QVERIFY(xml.contentType.startsWith("text/xml"));
        QCOMPARE(int(xml.body.count("<customermaster>")), expected);
    }

    void keyAndConditionEncoding_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("fragment");
        QTest::newRow("encoded once") << "apikey=Hk%2B%2Fx9Qa%3D%3D&tablename=JOBHEADER&format=json&condition="
                                         "ORDERSTATUS%20%3D%20%27Quoted%27"
                                      << 200 << QByteArray("\"ORDERSTATUS\":\"Quoted\"");
        QTest::newRow("key not encoded") << "apikey=Hk+/x9Qa==&tablename=JOBHEADER&format=json" << 401
                                         << QByteArray("Invalid API Key");
        QTest::newRow("condition with +") << "apikey=Hk%2B%2Fx9Qa%3D%3D&tablename=JOBHEADER&format=json&condition="
                                             "ORDERSTATUS+%3D+%27Quoted%27"
                                          << 200 << QByteArray("<status>error</status>");
    }

    void keyAndConditionEncoding()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QByteArray, fragment);
        m_port = m_server->listenOnLoopback();
        const Answer a = send(QNetworkRequest(url(QStringLiteral("/tabledata?") + query)), "GET");
        QCOMPARE(a.status, status);
        QVERIFY2(a.body.contains(fragment), a.body.constData());
    }

    void sqlQueryAndErrorDocument()
    {
        m_port = m_server->listenOnLoopback();
        const Answer ok = sqlQuery("SELECT FIRST 3 SKIP 2 ORDERNUMBER FROM JOBHEADER ORDER BY ORDERNUMBER",
                                   QStringLiteral("/sqlquery/"));
        QCOMPARE(ok.status, 200);
        const QJsonArray rows = QJsonDocument::fromJson(ok.body).array();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("ORDERNUMBER")).toString(), QStringLiteral("J24003"));

        const Answer bad = sqlQuery("SELECT * FROM EMPLOYEEMASTER");
        QCOMPARE(bad.error, QNetworkReply::NoError);
        QCOMPARE(bad.status, 200);
        QVERIFY(QJsonDocument::fromJson(bad.body).isNull());
        QVERIFY(bad.body.contains("<status>error</status>"));
        QVERIFY(bad.body.contains("Table unknown\nEMPLOYEEMASTER"));
    }

    void faults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("transferFails");
        QTest::addColumn<bool>("applied");
        QTest::newRow("server error") << "server_error" << true << false;
        QTest::newRow("hang") << "hang" << true << false;
        QTest::newRow("reset") << "reset" << true << false;
        QTest::newRow("truncate") << "truncate" << true << true;
        QTest::newRow("applied then lost") << "applied_then_lost" << true << true;
        QTest::newRow("lock conflict") << "lock_conflict" << false << false;
    }

    void faults()
    {
        QFETCH(QString, kind);
        QFETCH(bool, transferFails);
        QFETCH(bool, applied);
        m_port = m_server->listenOnLoopback();
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::TableDataPost;
        fault.kind = *OstendoFaultPlan::kindFromName(kind);
        // Until cleared: QNetworkAccessManager silently sends a request again after a reset connection, and a
        // fault that hit once would be hidden by that resend.
        fault.times = -1;
        m_sim->addFault(fault);
        const int before = m_sim->rowCount(0, QStringLiteral("CUSTOMERMASTER"));

        const Answer a = importCustomer(QStringLiteral("O'Brien Turf & Garden"));
        QCOMPARE(a.error != QNetworkReply::NoError, transferFails);
        if (kind == QLatin1String("server_error")) {
            QCOMPARE(a.status, 503);
        }
        if (kind == QLatin1String("lock_conflict")) {
            QVERIFY(a.body.contains("lock conflict"));
        }
        QCOMPARE(m_sim->rowCount(0, QStringLiteral("CUSTOMERMASTER")), before + (applied ? 1 : 0));

        QVERIFY(!m_sim->requestLog().isEmpty());
        m_sim->faults().clear();

        // The next attempt is answered; insert-or-update on CUSTOMER leaves exactly one such row.
        const Answer retry = importCustomer(QStringLiteral("O'Brien Turf & Garden"));
        QCOMPARE(retry.error, QNetworkReply::NoError);
        QCOMPARE(m_sim->rowCount(0, QStringLiteral("CUSTOMERMASTER")), before + 1);
    }

    void controlOverHttp()
    {
        m_port = m_server->listenOnLoopback();
        QNetworkRequest seed(url(QStringLiteral("/_sim/seed")));
        seed.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QCOMPARE(send(seed, "POST", R"({"seed":2,"customers":5,"jobs":5,"configuration":1})").status, 200);
        const Answer state = send(QNetworkRequest(url(QStringLiteral("/_sim/state"))), "GET");
        QCOMPARE(state.status, 200);
        const QJsonObject counts =
            QJsonDocument::fromJson(state.body).object().value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("1")).toObject().value(QStringLiteral("JOBHEADER")).toInt(), 5);
        QCOMPARE(counts.value(QStringLiteral("0")).toObject().value(QStringLiteral("JOBHEADER")).toInt(), 40);
    }

    void servedOverTls()
    {
        TestSupport::ScratchDir dir;
        QVERIFY(dir.isValid());
        const OstendoTestCertificate made = OstendoTestCertificate::make(dir.path());
        if (!made.problem.isEmpty()) {
            QSKIP(qPrintable(QStringLiteral("no throwaway certificate: ") + made.problem));
        }
        const QSslCertificate &certificate = made.certificate;

        m_server->sslSetup(certificate, made.key);
        m_port = m_server->listenOnLoopback();
        const QUrl address = url(QStringLiteral("/tabledata?") +
                                     encodedQuery({{QStringLiteral("apikey"), kKey},
                                                   {QStringLiteral("tablename"), QStringLiteral("JOBHEADER")},
                                                   {QStringLiteral("format"), QStringLiteral("json")}}),
                                 QStringLiteral("https"));

        // Without trusting it the self-signed certificate is refused: the channel really is TLS. Asked first, and
        // the manager replaced after, because QNetworkAccessManager reuses an encrypted connection already made.
        const Answer refused = send(QNetworkRequest(address), "GET");
        m_nam = std::make_unique<QNetworkAccessManager>();
        QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);

        // Trusting exactly this certificate: the answer comes back.
        QNetworkRequest pinned(address);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({certificate});
        pinned.setSslConfiguration(tls);
        const Answer ok = send(pinned, "GET");
        QCOMPARE(ok.error, QNetworkReply::NoError);
        QCOMPARE(QJsonDocument::fromJson(ok.body).array().size(), 40);
    }
};

QTEST_GUILESS_MAIN(TestOstendoHttp)
#include "tst_ostendohttp.moc"

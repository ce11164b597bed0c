// The Ostendo simulator behind the product's transports: the in-process bridge (faults become transport errors)
// and NetworkTransport over HTTPS with the certificate pinned by its SHA-256 fingerprint, as on a site with a
// self-signed certificate.
#include "OstendoTestCertificate.h"
#include "OstendoTestRequests.h"
#include "bridge/SandboxBridge.h"
#include "common/SimHttpServer.h"
#include "connectors/InProcessTransport.h"
#include "connectors/NetworkTransport.h"
#include "ostendo/OstendoSimulator.h"

#include "TestSupport.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace OstendoTestRequests;

namespace {
const QString kKey = QStringLiteral("tr4nsp0rt+key/==");

// Sends one request and returns its answer once the callback ran (always later, from the event loop).
HttpResponse exchange(HttpTransport &transport, const HttpRequest &request)
{
    std::optional<HttpResponse> answer;
    transport.send(request, [&answer](const HttpResponse &r) { answer = r; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000)) {
        HttpResponse none;
        none.error = HttpResponse::TransportError::Other;
        none.errorString = QStringLiteral("the transport never called back");
        return none;
    }
    return *answer;
}

HttpRequest importRequest(const QString &base)
{
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(base + QStringLiteral("/tabledata?") +
                       encodedQuery({{QStringLiteral("apikey"), kKey},
                                     {QStringLiteral("tablename"), QStringLiteral("CUSTOMERMASTER")},
                                     {QStringLiteral("keyfield"), QStringLiteral("ADDITIONALFIELD_1")}}));
    request.body = "<ostendoimport><customermaster><customer>Bridge Ltd</customer>"
                   "<additionalfield_1>777</additionalfield_1></customermaster></ostendoimport>";
    return request;
}
} // namespace

class TestOstendoTransports : public QObject
{
    Q_OBJECT

private slots:
    void inProcessBridge_data()
    {
        QTest::addColumn<QString>("kind"); // empty: no fault
        QTest::addColumn<int>("error");    // HttpResponse::TransportError
        QTest::addColumn<bool>("applied");
        QTest::newRow("answered") << QString() << int(HttpResponse::TransportError::None) << true;
        QTest::newRow("hang") << "hang" << int(HttpResponse::TransportError::Timeout) << false;
        QTest::newRow("reset") << "reset" << int(HttpResponse::TransportError::ConnectionReset) << false;
        QTest::newRow("truncate") << "truncate" << int(HttpResponse::TransportError::ConnectionReset) << true;
        QTest::newRow("applied then lost")
            << "applied_then_lost" << int(HttpResponse::TransportError::ConnectionReset) << true;
        QTest::newRow("server error") << "server_error" << int(HttpResponse::TransportError::None) << false;
    }

    void inProcessBridge()
    {
        QFETCH(QString, kind);
        QFETCH(int, error);
        QFETCH(bool, applied);
        OstendoSimulator sim;
        sim.addKey({kKey, QStringLiteral("Bridge"), QDate(), true, {}});
        if (!kind.isEmpty()) {
            OstendoFault fault;
            fault.kind = *OstendoFaultPlan::kindFromName(kind);
            sim.addFault(fault);
        }
        InProcessTransport transport(SandboxBridge::handlerFor(&sim));
        const HttpResponse r = exchange(transport, importRequest(QStringLiteral("http://ostendo.sandbox")));
        QCOMPARE(int(r.error), error);
        if (kind == QLatin1String("server_error")) {
            QCOMPARE(r.status, 503);
        } else if (kind.isEmpty()) {
            QCOMPARE(r.status, 200);
            QVERIFY(r.body.contains("<status>success</status>"));
        }
        QCOMPARE(sim.rowCount(0, QStringLiteral("CUSTOMERMASTER")), applied ? 1 : 0);
    }

    void pinnedCertificate_data()
    {
        QTest::addColumn<QString>("pin"); // "right", "wrong" or "none"
        QTest::addColumn<bool>("accepted");
        QTest::newRow("pinned") << "right" << true;
        QTest::newRow("another pin") << "wrong" << false;
        QTest::newRow("no pin") << "none" << false;
    }

    void pinnedCertificate()
    {
        QFETCH(QString, pin);
        QFETCH(bool, accepted);
        TestSupport::ScratchDir dir;
        QVERIFY(dir.isValid());
        const OstendoTestCertificate made = OstendoTestCertificate::make(dir.path());
        if (!made.problem.isEmpty()) {
            QSKIP(qPrintable(QStringLiteral("no throwaway certificate: ") + made.problem));
        }
        OstendoSimulator sim;
        sim.addKey({kKey, QStringLiteral("Pinned"), QDate(), true, {}});
        sim.seedDemo(4, 6, 9);
        SimHttpServer server(&sim);
        server.sslSetup(made.certificate, made.key);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);

        NetworkTransport transport;
        const QByteArray digest = made.certificate.digest(QCryptographicHash::Sha256).toHex(':');
        if (pin == QLatin1String("right")) {
            transport.setPinnedCertificateSha256(QString::fromLatin1(digest));
        } else if (pin == QLatin1String("wrong")) {
            transport.setPinnedCertificateSha256(QString(64, QLatin1Char('a')));
        }
        HttpRequest request;
        request.method = "POST";
        request.url =
            QUrl(QStringLiteral("https://127.0.0.1:%1/sqlquery?").arg(port) +
                 encodedQuery({{QStringLiteral("apikey"), kKey}, {QStringLiteral("format"), QStringLiteral("json")}}));
        request.body = "SELECT ORDERNUMBER FROM JOBHEADER ORDER BY ORDERNUMBER ROWS 1 TO 5";
        request.timeoutMs = 20000;
        const HttpResponse r = exchange(transport, request);
        if (accepted) {
            QVERIFY2(!r.isTransportError(), qPrintable(r.errorString));
            QCOMPARE(r.status, 200);
            QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 5);
        } else {
            QCOMPARE(r.error, HttpResponse::TransportError::Tls);
            QVERIFY(sim.requestLog().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestOstendoTransports)
#include "tst_ostendotransports.moc"

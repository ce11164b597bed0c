// NetworkTransport over real loopback sockets: TLS pinning with throwaway self-signed certificates, the transfer
// timeout, the answer size cap and broken transfers, served by a tiny SimService through SimHttpServer.
#include "ThrowawayCertificate.h"
#include "common/SimHttpServer.h"
#include "connectors/NetworkTransport.h"

#include "TestSupport.h"
#include <QCryptographicHash>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

Q_DECLARE_METATYPE(HttpResponse::TransportError)

namespace {
class FixedService : public SimService
{
public:
    SimResponse handle(const SimRequest &request) override
    {
        ++requests;
        lastBody = request.body;
        if (request.path == QLatin1String("/hang")) {
            return SimResponse::broken(SimResponse::Fault::Hang);
        }
        if (request.path == QLatin1String("/reset")) {
            return SimResponse::broken(SimResponse::Fault::Reset);
        }
        if (request.path == QLatin1String("/truncate")) {
            SimResponse r = SimResponse::text(200, "text/plain", QByteArray(20000, 'x'));
            r.fault = SimResponse::Fault::Truncate;
            return r;
        }
        if (request.path == QLatin1String("/big")) {
            return SimResponse::text(200, "text/plain", QByteArray(100000, 'b'));
        }
        if (request.path == QLatin1String("/fail")) {
            return SimResponse::text(503, "text/plain", "busy");
        }
        return SimResponse::text(200, "text/plain", "hello " + request.method);
    }
    int requests = 0;
    QByteArray lastBody;
};

HttpResponse sendAndWait(NetworkTransport &transport, const HttpRequest &request)
{
    std::optional<HttpResponse> out;
    transport.send(request, [&out](const HttpResponse &r) { out = r; });
    if (!QTest::qWaitFor([&out]() { return out.has_value(); }, 20000)) {
        qFatal("the transport never called back");
    }
    return *out;
}
} // namespace

class TestNetworkTransport : public QObject
{
    Q_OBJECT

    TestSupport::ScratchDir m_dir;
    QList<ThrowawayCertificate> m_certs;

    HttpRequest request(quint16 port, const QString &path, bool tls = false) const
    {
        HttpRequest r;
        r.url = QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                         .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), QString::number(port), path));
        r.timeoutMs = 5000;
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QSslSocket::supportsSsl()) {
            for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")}) {
                if (const auto c = ThrowawayCertificate::make(m_dir.path(), name)) {
                    m_certs << *c;
                }
            }
        }
    }

    void normaliseFingerprint_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        const QString hex = QStringLiteral("ab").repeated(32);
        QTest::newRow("plain lower") << hex << true;
        QTest::newRow("upper with colons")
            << QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':')).toUpper() << true;
        QTest::newRow("spaces") << QStringLiteral("AB ").repeated(32) << true;
        QTest::newRow("SHA-1 length") << QStringLiteral("ab").repeated(20) << false;
        QTest::newRow("not hex") << QStringLiteral("zz").repeated(32) << false;
        QTest::newRow("empty") << QString() << false;
    }

    void normaliseFingerprint()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        const QByteArray raw = NetworkTransport::normaliseFingerprint(input);
        QCOMPARE(raw.size() == 32, valid);
        if (valid) {
            QCOMPARE(raw, QByteArray(32, '\xab'));
        } else {
            QVERIFY(raw.isEmpty());
        }
    }

    void plainHttp_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<HttpResponse::TransportError>("error");
        QTest::addColumn<int>("status");
        using E = HttpResponse::TransportError;
        QTest::newRow("ok") << QStringLiteral("/ok") << 5000 << qint64(1000) << E::None << 200;
        QTest::newRow("HTTP error is an answer") << QStringLiteral("/fail") << 5000 << qint64(1000) << E::None << 503;
        QTest::newRow("hang hits the transfer timeout")
            << QStringLiteral("/hang") << 300 << qint64(1000) << E::Timeout << 0;
        QTest::newRow("reset") << QStringLiteral("/reset") << 5000 << qint64(1000) << E::ConnectionReset << 0;
        QTest::newRow("truncated body") << QStringLiteral("/truncate") << 5000 << qint64(1000000) << E::ConnectionReset
                                        << 200;
        QTest::newRow("over the size cap") << QStringLiteral("/big") << 5000 << qint64(1000) << E::TooLarge << 0;
        QTest::newRow("under the size cap") << QStringLiteral("/big") << 5000 << qint64(200000) << E::None << 200;
    }

    void plainHttp()
    {
        QFETCH(QString, path);
        QFETCH(int, timeoutMs);
        QFETCH(qint64, cap);
        QFETCH(HttpResponse::TransportError, error);
        QFETCH(int, status);
        FixedService service;
        SimHttpServer server(&service);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);
        NetworkTransport transport;
        HttpRequest r = request(port, path);
        r.timeoutMs = timeoutMs;
        r.maxReplyBytes = cap;
        const HttpResponse answer = sendAndWait(transport, r);
        QCOMPARE(int(answer.error), int(error));
        if (error == HttpResponse::TransportError::None) {
            QCOMPARE(answer.status, status);
            if (path == QLatin1String("/big")) {
                QCOMPARE(answer.body.size(), 100000);
            }
        } else {
            QVERIFY(!answer.errorString.isEmpty());
        }
        if (path == QLatin1String("/ok")) {
            QCOMPARE(answer.body, QByteArray("hello GET"));
        }
        QCOMPARE(transport.requestCount(), quint64(1));
    }

    // Qt's HTTP layer resends a request whose connection closed before the answer; for a POST that could apply a
    // write twice, so the transport must stop it and report the reset instead.
    void postIsNeverResentByTheNetworkStack_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("POST") << QByteArray("POST") << QByteArray("<ostendoimport/>");
        QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray("{\"name\":\"x\"}");
    }

    void postIsNeverResentByTheNetworkStack()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        FixedService service;
        SimHttpServer server(&service);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);
        NetworkTransport transport;
        HttpRequest r = request(port, QStringLiteral("/reset"));
        r.method = method;
        r.body = body;
        const HttpResponse answer = sendAndWait(transport, r);
        QCOMPARE(int(answer.error), int(HttpResponse::TransportError::ConnectionReset));
        QCOMPARE(service.requests, 1);

        // The same body still goes out whole on a healthy connection.
        HttpRequest ok = request(port, QStringLiteral("/ok"));
        ok.method = method;
        ok.body = body;
        const HttpResponse fine = sendAndWait(transport, ok);
        QCOMPARE(int(fine.error), int(HttpResponse::TransportError::None));
        QCOMPARE(fine.body, QByteArray("hello " + method));
        QCOMPARE(service.lastBody, body);
    }

    void tlsPinning_data()
    {
        QTest::addColumn<int>("servedCert");
        QTest::addColumn<int>("pinnedCert"); // -1: no pin
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("pinned certificate accepted") << 0 << 0 << true << QString();
        QTest::newRow("no pin: self-signed refused") << 0 << -1 << false << QStringLiteral("pin its SHA-256");
        QTest::newRow("another certificate refused") << 1 << 0 << false << QStringLiteral("certificate changed");
    }

    void tlsPinning()
    {
        QFETCH(int, servedCert);
        QFETCH(int, pinnedCert);
        QFETCH(bool, accepted);
        QFETCH(QString, messagePart);
        if (!QSslSocket::supportsSsl()) {
            QSKIP("this Qt has no TLS backend");
        }
        if (m_certs.size() < 2) {
            QSKIP("openssl is missing or failed: no throwaway certificate to serve");
        }
        FixedService service;
        SimHttpServer server(&service);
        server.sslSetup(m_certs.at(servedCert).certificate, m_certs.at(servedCert).key);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);

        NetworkTransport transport;
        if (pinnedCert >= 0) {
            // As the user would paste it: colons, mixed case.
            transport.setPinnedCertificateSha256(m_certs.at(pinnedCert).sha256.toLower());
        }
        const HttpResponse answer = sendAndWait(transport, request(port, QStringLiteral("/ok"), true));
        if (accepted) {
            QCOMPARE(int(answer.error), int(HttpResponse::TransportError::None));
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.body, QByteArray("hello GET"));
            QCOMPARE(service.requests, 1);
        } else {
            QCOMPARE(int(answer.error), int(HttpResponse::TransportError::Tls));
            QVERIFY2(answer.errorString.contains(messagePart), qPrintable(answer.errorString));
            QCOMPARE(service.requests, 0); // nothing was sent to a server we do not trust
            if (pinnedCert >= 0) {
                QVERIFY(answer.errorString.contains(m_certs.at(servedCert).sha256));
            }
        }
    }

    // A certificate that verifies against a trusted CA raises no TLS error at all; with a pin it must still be
    // the pinned one.
    void caTrustedCertificateMustStillMatchThePin_data()
    {
        QTest::addColumn<int>("pinnedCert"); // -1: no pin
        QTest::addColumn<bool>("accepted");
        QTest::newRow("trusted, no pin") << -1 << true;
        QTest::newRow("trusted and pinned") << 0 << true;
        QTest::newRow("trusted, but another certificate is pinned") << 1 << false;
    }

    void caTrustedCertificateMustStillMatchThePin()
    {
        QFETCH(int, pinnedCert);
        QFETCH(bool, accepted);
        if (!QSslSocket::supportsSsl() || m_certs.size() < 2) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        auto restore = qScopeGuard([original]() { QSslConfiguration::setDefaultConfiguration(original); });
        QSslConfiguration trusting = original;
        trusting.addCaCertificate(m_certs.at(0).certificate);
        QSslConfiguration::setDefaultConfiguration(trusting);

        FixedService service;
        SimHttpServer server(&service);
        server.sslSetup(m_certs.at(0).certificate, m_certs.at(0).key);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);
        NetworkTransport transport;
        if (pinnedCert >= 0) {
            transport.setPinnedCertificateSha256(m_certs.at(pinnedCert).sha256);
        }
        const HttpResponse answer = sendAndWait(transport, request(port, QStringLiteral("/ok"), true));
        if (accepted) {
            QCOMPARE(int(answer.error), int(HttpResponse::TransportError::None));
            QCOMPARE(answer.status, 200);
            QCOMPARE(service.requests, 1);
        } else {
            QCOMPARE(int(answer.error), int(HttpResponse::TransportError::Tls));
            QVERIFY2(answer.errorString.contains(QLatin1String("certificate changed")), qPrintable(answer.errorString));
            QCOMPARE(service.requests, 0);
        }
    }

    // Setup shows the user the certificate a server presents before it is pinned; its fingerprint, pinned as
    // shown, is then accepted.
    void fetchPeerCertificateShowsWhatToPin()
    {
        if (!QSslSocket::supportsSsl() || m_certs.size() < 2) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        FixedService service;
        SimHttpServer server(&service);
        server.sslSetup(m_certs.at(1).certificate, m_certs.at(1).key);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(port));
        std::optional<NetworkTransport::PeerCertificate> shown;
        NetworkTransport::fetchPeerCertificate(url, 5000, [&shown](const auto &c) { shown = c; });
        QVERIFY(!shown.has_value()); // never from inside the call
        QTRY_VERIFY_WITH_TIMEOUT(shown.has_value(), 20000);
        QVERIFY2(shown->error.isEmpty(), qPrintable(shown->error));
        QCOMPARE(shown->sha256, m_certs.at(1).sha256);
        QCOMPARE(shown->subject, QStringLiteral("127.0.0.1"));
        QVERIFY(!shown->trustedByCa);
        QVERIFY(shown->expiresUtc > QDateTime::currentDateTimeUtc());
        QCOMPARE(service.requests, 0); // nothing was sent

        NetworkTransport transport;
        transport.setPinnedCertificateSha256(shown->sha256);
        const HttpResponse answer = sendAndWait(transport, request(port, QStringLiteral("/ok"), true));
        QCOMPARE(int(answer.error), int(HttpResponse::TransportError::None));

        // Nothing listening: an error, not a certificate.
        std::optional<NetworkTransport::PeerCertificate> none;
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        NetworkTransport::fetchPeerCertificate(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(closedPort)), 5000,
                                               [&none](const auto &c) { none = c; });
        QTRY_VERIFY_WITH_TIMEOUT(none.has_value(), 20000);
        QVERIFY(none->sha256.isEmpty());
        QVERIFY(!none->error.isEmpty());
    }

    void certificateChangedOnTheSameAddressIsRefused()
    {
        if (!QSslSocket::supportsSsl()) {
            QSKIP("this Qt has no TLS backend");
        }
        if (m_certs.size() < 2) {
            QSKIP("openssl is missing or failed: no throwaway certificate to serve");
        }
        FixedService service;
        NetworkTransport transport;
        transport.setPinnedCertificateSha256(m_certs.at(0).sha256);
        quint16 port = 0;
        {
            SimHttpServer first(&service);
            first.sslSetup(m_certs.at(0).certificate, m_certs.at(0).key);
            port = first.listenOnLoopback();
            QVERIFY(port != 0);
            const HttpResponse ok = sendAndWait(transport, request(port, QStringLiteral("/ok"), true));
            QCOMPARE(int(ok.error), int(HttpResponse::TransportError::None));
            QCOMPARE(ok.status, 200);
        }
        // The site is re-installed with a new certificate on the same address.
        SimHttpServer second(&service);
        second.sslSetup(m_certs.at(1).certificate, m_certs.at(1).key);
        if (second.listenOnLoopback(port) != port) {
            QSKIP("the port could not be reused at once on this machine");
        }
        const HttpResponse refused = sendAndWait(transport, request(port, QStringLiteral("/ok"), true));
        QCOMPARE(int(refused.error), int(HttpResponse::TransportError::Tls));
        QVERIFY2(refused.errorString.contains(QLatin1String("certificate changed")), qPrintable(refused.errorString));
        QCOMPARE(service.requests, 1);
    }

    void tlsFaultsStillClassified_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<HttpResponse::TransportError>("error");
        QTest::newRow("hang") << QStringLiteral("/hang") << HttpResponse::TransportError::Timeout;
        QTest::newRow("truncate") << QStringLiteral("/truncate") << HttpResponse::TransportError::ConnectionReset;
    }

    void tlsFaultsStillClassified()
    {
        QFETCH(QString, path);
        QFETCH(HttpResponse::TransportError, error);
        if (!QSslSocket::supportsSsl() || m_certs.isEmpty()) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        FixedService service;
        SimHttpServer server(&service);
        server.sslSetup(m_certs.at(0).certificate, m_certs.at(0).key);
        const quint16 port = server.listenOnLoopback();
        NetworkTransport transport;
        transport.setPinnedCertificateSha256(m_certs.at(0).sha256);
        HttpRequest r = request(port, path, true);
        r.timeoutMs = 500;
        const HttpResponse answer = sendAndWait(transport, r);
        QCOMPARE(int(answer.error), int(error));
    }
};

QTEST_GUILESS_MAIN(TestNetworkTransport)
#include "tst_networktransport.moc"

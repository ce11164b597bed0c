// Settings' Test connection: the real check against both simulators over loopback HTTP, one sentence per outcome,
// and the settings dialog showing that sentence when its button is clicked.
#include "SettingsDialog.h"
#include "ThrowawayCertificate.h"
#include "common/SimHttpServer.h"
#include "connectors/NetworkTransport.h"
#include "engine/ConnectionTester.h"
#include "engine/RecordMapper.h"
#include "model/Policy.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"

#include "TestSupport.h"
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

namespace {
const QByteArray kToken("tester-token-7a6b5c4d");
const QString kNoSqlKey = QStringLiteral("no-sql-key-1f2e3d");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}
} // namespace

class TestConnectionTester : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PipedriveSimulator> m_pipedrive;
    std::unique_ptr<OstendoSimulator> m_ostendo;
    std::unique_ptr<SimHttpServer> m_pipedriveServer;
    std::unique_ptr<SimHttpServer> m_ostendoServer;
    QList<PipedriveFieldSpec> m_specs;

    QUrl urlOf(const SimHttpServer &server) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    }

    // Runs one test to its answer; the simulators answer on this thread while the spy waits.
    QList<QVariant> testOnce(ConnectionTester &tester, System system, const ConnectionTester::Request &request)
    {
        QSignalSpy tested(&tester, &ConnectionTester::connectionTested);
        tester.test(system, request);
        if (!tested.wait(30000)) {
            return {};
        }
        return tested.constFirst();
    }

private slots:
    void init()
    {
        m_specs = RecordMapper::pipedriveFieldSpecs(Policy::defaultPolicy());
        m_pipedrive = std::make_unique<PipedriveSimulator>(3);
        m_pipedrive->addApiToken(kToken);
        for (const PipedriveFieldSpec &spec : std::as_const(m_specs)) {
            m_pipedrive->ensureCustomField(
                spec.entity == PipedriveFieldSpec::Entity::Deal ? PipedriveEntity::Deal : PipedriveEntity::Organization,
                spec.name, spec.type);
        }
        m_ostendo = std::make_unique<OstendoSimulator>();
        m_ostendo->enableConfiguration(0);
        m_ostendo->addKey(OstendoSimulator::demoKey());
        OstendoApiKey noSql;
        noSql.key = kNoSqlKey;
        noSql.label = s("Reporting");
        noSql.sqlAllowed = false;
        m_ostendo->addKey(noSql);
        m_pipedriveServer = std::make_unique<SimHttpServer>(m_pipedrive.get());
        m_ostendoServer = std::make_unique<SimHttpServer>(m_ostendo.get());
        QVERIFY(m_pipedriveServer->listenOnLoopback());
        QVERIFY(m_ostendoServer->listenOnLoopback());
    }

    void cleanup()
    {
        m_pipedriveServer.reset();
        m_ostendoServer.reset();
        m_pipedrive.reset();
        m_ostendo.reset();
    }

    void pipedrive_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("withoutField"); // a mapped custom field the company lacks
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("sentence"); // "%1": how many fields TurfDrive maps
        QTest::newRow("every field there") << QString::fromLatin1(kToken) << QString() << true
                                           << s("Pipedrive answered: all %1 fields TurfDrive maps exist.");
        QTest::newRow("wrong token") << s("not-the-token") << QString() << false
                                     << s("Pipedrive refused the API token.");
        QTest::newRow("project type missing")
            << QString::fromLatin1(kToken) << s("Project Type") << false
            << s("Pipedrive answered, but TurfDrive needs fields it does not have: deal field \"Project Type\"; run "
                 "'turfdrive-cli setup --create-fields'.");
    }

    void pipedrive()
    {
        QFETCH(QString, token);
        QFETCH(QString, withoutField);
        QFETCH(bool, ok);
        QFETCH(QString, sentence);
        if (!withoutField.isEmpty()) {
            // A company whose admin never added this field: a fresh simulator with all the others.
            m_pipedriveServer.reset();
            m_pipedrive = std::make_unique<PipedriveSimulator>(4);
            m_pipedrive->addApiToken(kToken);
            for (const PipedriveFieldSpec &spec : std::as_const(m_specs)) {
                if (spec.name != withoutField) {
                    m_pipedrive->ensureCustomField(spec.entity == PipedriveFieldSpec::Entity::Deal
                                                       ? PipedriveEntity::Deal
                                                       : PipedriveEntity::Organization,
                                                   spec.name, spec.type);
                }
            }
            m_pipedriveServer = std::make_unique<SimHttpServer>(m_pipedrive.get());
            QVERIFY(m_pipedriveServer->listenOnLoopback());
        }
        ConnectionTester tester;
        ConnectionTester::Request request;
        request.baseUrl = urlOf(*m_pipedriveServer);
        request.secret = token;
        const QList<QVariant> answer = testOnce(tester, System::Pipedrive, request);
        QCOMPARE(answer.size(), 3);
        QCOMPARE(answer.at(0).value<System>(), System::Pipedrive);
        QCOMPARE(answer.at(1).toBool(), ok);
        QCOMPARE(answer.at(2).toString(), sentence.contains(s("%1")) ? sentence.arg(m_specs.size()) : sentence);
        QVERIFY2(!answer.at(2).toString().contains(token), "the token must never reach the sentence");
        QVERIFY(!tester.isTesting(System::Pipedrive));
    }

    void ostendo_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("reachable");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("begins");
        QTest::newRow("demo key") << OstendoSimulator::demoKey().key << true << true
                                  << s("Ostendo answered: the API key may run SQL and every table and column "
                                       "TurfDrive maps exists.");
        QTest::newRow("wrong key") << s("wrong-key-0000") << true << false << s("Ostendo refused the API key.");
        QTest::newRow("key without SQL") << kNoSqlKey << true << false
                                         << s("Ostendo answered, but the API key may not run SQL.");
        QTest::newRow("nobody listening")
            << OstendoSimulator::demoKey().key << false << false << s("Ostendo could not be reached");
    }

    void ostendo()
    {
        QFETCH(QString, key);
        QFETCH(bool, reachable);
        QFETCH(bool, ok);
        QFETCH(QString, begins);
        QUrl url = urlOf(*m_ostendoServer);
        if (!reachable) {
            m_ostendoServer.reset(); // the port is closed again: connection refused
        }
        ConnectionTester tester;
        ConnectionTester::Request request;
        request.baseUrl = url;
        request.secret = key;
        request.timeoutMs = 5000;
        const QList<QVariant> answer = testOnce(tester, System::Ostendo, request);
        QCOMPARE(answer.size(), 3);
        QCOMPARE(answer.at(0).value<System>(), System::Ostendo);
        QCOMPARE(answer.at(1).toBool(), ok);
        const QString sentence = answer.at(2).toString();
        qInfo().noquote() << sentence;
        QVERIFY2(sentence.startsWith(begins), qPrintable(sentence));
        QVERIFY2(!sentence.contains(key), "the key must never reach the sentence");
    }

    void untrustedCertificateIsOffered()
    {
        // An Ostendo server with a self-signed certificate: not trusted, its fingerprint offered; pinned, it works.
        TestSupport::ScratchDir dir;
        const std::optional<ThrowawayCertificate> cert = ThrowawayCertificate::make(dir.path(), s("ostendo"));
        if (!cert) {
            QSKIP("openssl could not make a throwaway certificate");
        }
        SimHttpServer tlsServer(m_ostendo.get());
        tlsServer.sslSetup(cert->certificate, cert->key);
        QVERIFY(tlsServer.listenOnLoopback());
        ConnectionTester tester;
        ConnectionTester::Request request;
        request.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(tlsServer.port()));
        request.secret = OstendoSimulator::demoKey().key;
        request.timeoutMs = 5000;
        QSignalSpy offered(&tester, &ConnectionTester::certificateOffered);
        QList<QVariant> answer = testOnce(tester, System::Ostendo, request);
        QCOMPARE(answer.size(), 3);
        QCOMPARE(answer.at(1).toBool(), false);
        QVERIFY2(answer.at(2).toString().startsWith(s("Ostendo's certificate is not trusted")),
                 qPrintable(answer.at(2).toString()));
        QCOMPARE(offered.count(), 1);
        QCOMPARE(NetworkTransport::normaliseFingerprint(offered.constFirst().at(0).toString()),
                 NetworkTransport::normaliseFingerprint(cert->sha256));

        // The person compared it and trusts it: the same test now passes.
        request.ostendoPinSha256 = offered.constFirst().at(0).toString();
        answer = testOnce(tester, System::Ostendo, request);
        QCOMPARE(answer.size(), 3);
        QVERIFY2(answer.at(1).toBool(), qPrintable(answer.at(2).toString()));
        QCOMPARE(offered.count(), 1);
    }

    void noAddressSaysSo()
    {
        ConnectionTester tester;
        const QList<QVariant> answer = testOnce(tester, System::Ostendo, ConnectionTester::Request{});
        QCOMPARE(answer.size(), 3);
        QCOMPARE(answer.at(1).toBool(), false);
        QCOMPARE(answer.at(2).toString(), s("Enter Ostendo's address first."));
    }

    void dialogShowsTheSentence()
    {
        // The values as typed, not saved: the Pipedrive address of the simulator and a wrong token.
        TestSupport::ScratchDir dir;
        Settings settings(dir.filePath(s("turfdrive.ini")));
        SettingsDialog dialog(&settings, nullptr);
        ConnectionTester tester;
        connect(&dialog, &SettingsDialog::testConnectionRequested, &tester, [&](System system) {
            ConnectionTester::Request request;
            request.baseUrl = QUrl(dialog
                                       .field(system == System::Pipedrive ? Settings::Key::PipedriveBaseUrl
                                                                          : Settings::Key::OstendoBaseUrl)
                                       ->text());
            request.secret =
                (system == System::Pipedrive ? dialog.pipedriveTokenField() : dialog.ostendoKeyField())->text();
            tester.test(system, request);
        });
        connect(&tester, &ConnectionTester::connectionTested, &dialog, &SettingsDialog::showConnectionResult);
        dialog.setConnectionTestAvailable(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        dialog.field(Settings::Key::PipedriveBaseUrl)->setText(urlOf(*m_pipedriveServer).toString());
        QTest::keyClicks(dialog.pipedriveTokenField(), s("mistyped-token"));
        QTest::mouseClick(dialog.testButton(System::Pipedrive), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.connectionResult(System::Pipedrive), s("Pipedrive refused the API token."),
                                  30000);

        dialog.pipedriveTokenField()->clear();
        QTest::keyClicks(dialog.pipedriveTokenField(), QString::fromLatin1(kToken));
        QTest::mouseClick(dialog.testButton(System::Pipedrive), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.connectionResult(System::Pipedrive),
                                  s("Pipedrive answered: all %1 fields TurfDrive maps exist.").arg(m_specs.size()),
                                  30000);
        // Nothing was saved by testing.
        QVERIFY(settings.pipedriveBaseUrl().isEmpty());
    }
};

QTEST_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"

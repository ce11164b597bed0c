// Runs inside a private D-Bus session with gnome-keyring (tests/support/with-keyring.sh): the real QtKeychain
// against a real Secret Service.
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "store/SyncStore.h"
#include "util/Logging.h"
#include "util/SecretRedactor.h"

#include "TestSupport.h"
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace {
SecretStore::ReadResult readNow(SecretStore &store, SecretStore::Secret secret)
{
    SecretStore::ReadResult result;
    bool finished = false;
    store.read(secret, [&](const SecretStore::ReadResult &r) {
        result = r;
        finished = true;
    });
    if (!QTest::qWaitFor([&] { return finished; }, 20000)) {
        result.error = QStringLiteral("timed out");
    }
    return result;
}

QString writeNow(SecretStore &store, SecretStore::Secret secret, const QString &value)
{
    QString error = QStringLiteral("timed out");
    bool finished = false;
    store.write(secret, value, [&](bool ok, const QString &e) {
        error = ok ? QString() : e;
        finished = true;
    });
    (void)QTest::qWaitFor([&] { return finished; }, 20000);
    return error;
}

QString removeNow(SecretStore &store, SecretStore::Secret secret)
{
    QString error = QStringLiteral("timed out");
    bool finished = false;
    store.remove(secret, [&](bool ok, const QString &e) {
        error = ok ? QString() : e;
        finished = true;
    });
    (void)QTest::qWaitFor([&] { return finished; }, 20000);
    return error;
}

QStringList g_captured;
void captureHandler(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_captured << message;
}
} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (qEnvironmentVariable("TURFDRIVE_IN_KEYRING_SESSION") != QLatin1String("1")) {
            QSKIP("needs the private keyring session of tests/support/with-keyring.sh (run through ctest)");
        }
        qunsetenv("TURFDRIVE_PIPEDRIVE_TOKEN");
        qunsetenv("TURFDRIVE_OSTENDO_API_KEY");
    }

    void roundTripThroughTheRealKeyring()
    {
        SecretStore store;
        store.setServiceName(QStringLiteral("TurfDrive-test"));
        const QString token = QStringLiteral("pd-test-token-7f3a9c01d2e4");
        QCOMPARE(writeNow(store, SecretStore::Secret::PipedriveToken, token), QString());
        const auto read = readNow(store, SecretStore::Secret::PipedriveToken);
        QVERIFY2(read.ok, qPrintable(read.error));
        QCOMPARE(read.value, token);
        QVERIFY(!read.fromEnvironment);

        // The two secrets are separate entries.
        const auto other = readNow(store, SecretStore::Secret::OstendoApiKey);
        QVERIFY(!other.ok);
        QVERIFY(other.notFound);

        // Another service name sees nothing: tests never touch a user's entries.
        SecretStore foreign;
        foreign.setServiceName(QStringLiteral("TurfDrive-other"));
        QVERIFY(readNow(foreign, SecretStore::Secret::PipedriveToken).notFound);

        QCOMPARE(removeNow(store, SecretStore::Secret::PipedriveToken), QString());
        QVERIFY(readNow(store, SecretStore::Secret::PipedriveToken).notFound);
        QCOMPARE(removeNow(store, SecretStore::Secret::PipedriveToken), QString()); // removing twice is fine
    }

    void environmentTakesPrecedence()
    {
        SecretStore store;
        store.setServiceName(QStringLiteral("TurfDrive-test"));
        QCOMPARE(writeNow(store, SecretStore::Secret::OstendoApiKey, QStringLiteral("keychain-key-123456")), QString());
        qputenv("TURFDRIVE_OSTENDO_API_KEY", "env-key-abcdef%3D");
        const auto fromEnv = readNow(store, SecretStore::Secret::OstendoApiKey);
        QVERIFY(fromEnv.ok);
        QVERIFY(fromEnv.fromEnvironment);
        QCOMPARE(fromEnv.value, QStringLiteral("env-key-abcdef%3D"));
        store.setUseEnvironment(false);
        QCOMPARE(readNow(store, SecretStore::Secret::OstendoApiKey).value, QStringLiteral("keychain-key-123456"));
        qunsetenv("TURFDRIVE_OSTENDO_API_KEY");
        QCOMPARE(removeNow(store, SecretStore::Secret::OstendoApiKey), QString());
    }

    void emptySecretIsRefused()
    {
        SecretStore store;
        store.setServiceName(QStringLiteral("TurfDrive-test"));
        QVERIFY(!writeNow(store, SecretStore::Secret::PipedriveToken, QString()).isEmpty());
    }

    void secretNeverReachesSettingsDatabaseOrLog()
    {
        TestSupport::ScratchDir dir;
        const QString secret = QStringLiteral("pd-very-secret-token-91b2c3d4e5f6");
        SecretRedactor::instance().clear();

        QtMessageHandler previous = qInstallMessageHandler(captureHandler);
        Logging::installRedactingHandler();
        {
            SecretStore store;
            store.setServiceName(QStringLiteral("TurfDrive-test"));
            QCOMPARE(writeNow(store, SecretStore::Secret::PipedriveToken, secret), QString());
            const auto read = readNow(store, SecretStore::Secret::PipedriveToken);
            QCOMPARE(read.value, secret);

            Settings settings(dir.filePath(QStringLiteral("turfdrive.ini")));
            settings.setValue(Settings::Key::PipedriveBaseUrl, QStringLiteral("https://acme.pipedrive.com"));
            QVERIFY(settings.sync(nullptr));

            SyncStore db;
            QVERIFY(db.open(dir.filePath(QStringLiteral("state.sqlite"))));
            LogEntry e;
            e.at = QDateTime::currentDateTimeUtc();
            e.entity = QStringLiteral("run");
            e.action = QStringLiteral("summary");
            QVERIFY(db.appendLog(&e));

            // Even code that carelessly logs the token or a URL carrying it prints only the mask.
            qWarning() << "token is" << read.value;
            qWarning().noquote() << QStringLiteral("GET https://o.local/sqlquery?apikey=") + read.value;
            QCOMPARE(removeNow(store, SecretStore::Secret::PipedriveToken), QString());
        }
        qInstallMessageHandler(previous);

        QVERIFY(g_captured.size() >= 2);
        for (const QString &line : std::as_const(g_captured)) {
            QVERIFY2(!line.contains(secret), qPrintable(line));
        }
        QVERIFY(g_captured.join(QLatin1Char('\n')).contains(QLatin1String(SecretRedactor::Mask)));

        QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files >= 2); // the settings file and the database (plus its WAL) were really written
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"

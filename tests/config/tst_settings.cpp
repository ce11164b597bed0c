#include "config/Settings.h"

#include "TestSupport.h"
#include <QFile>
#include <QTest>

class TestSettings : public QObject
{
    Q_OBJECT
private:
    TestSupport::ScratchDir m_dir;
    int m_n = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_n)); }

    static QStringList messages(const QList<Settings::Problem> &problems)
    {
        QStringList out;
        for (const auto &p : problems) {
            out << p.iniKey + QStringLiteral(": ") + p.message;
        }
        return out;
    }

private slots:
    void defaultsComeFromTheTable()
    {
        Settings s(freshPath());
        QCOMPARE(s.intervalMinutes(), 15);
        QCOMPARE(s.batchSize(), 50);
        QCOMPARE(s.fullScanHours(), 24);
        QCOMPARE(s.ostendoConfiguration(), 0);
        QCOMPARE(s.ostendoTimeZone().id(), QByteArray("Pacific/Auckland"));
        QCOMPARE(s.jobNumberFormat(), QStringLiteral("PD{deal_id}"));
        QVERIFY(s.policyFile().isEmpty());
        QCOMPARE(Settings::iniKey(Settings::Key::SyncBatchSize), QStringLiteral("sync/batch_size"));
        QCOMPARE(Settings::allKeys().size(), 10);
    }

    void valuesPersistInTheIniFile()
    {
        const QString path = freshPath();
        {
            Settings s(path);
            s.setValue(Settings::Key::PipedriveBaseUrl, QStringLiteral("https://acme.pipedrive.com"));
            s.setValue(Settings::Key::SyncIntervalMinutes, 30);
            QString error;
            QVERIFY2(s.sync(&error), qPrintable(error));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("[pipedrive]"));
        QVERIFY(text.contains("base_url=https://acme.pipedrive.com"));
        QVERIFY(text.contains("interval_minutes=30"));
        Settings again(path);
        QCOMPARE(again.intervalMinutes(), 30);
        QCOMPARE(again.pipedriveBaseUrl(), QUrl(QStringLiteral("https://acme.pipedrive.com")));
    }

    void validation_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expectedMessagePart"); // empty: valid
        using K = Settings::Key;
        QTest::newRow("good pipedrive url")
            << int(K::PipedriveBaseUrl) << QVariant("https://acme.pipedrive.com") << QString();
        QTest::newRow("malformed url") << int(K::PipedriveBaseUrl) << QVariant("htps//acme") << "not a valid address";
        QTest::newRow("missing url") << int(K::OstendoBaseUrl) << QVariant("") << "not set";
        QTest::newRow("ftp url") << int(K::OstendoBaseUrl) << QVariant("ftp://ostendo.local") << "https://";
        QTest::newRow("plain http to a remote host")
            << int(K::OstendoBaseUrl) << QVariant("http://ostendo.example.local:235") << "plain http";
        QTest::newRow("plain http on loopback is fine")
            << int(K::OstendoBaseUrl) << QVariant("http://127.0.0.1:8235") << QString();
        QTest::newRow("key in the url") << int(K::OstendoBaseUrl) << QVariant("https://o.local/?apikey=abc")
                                        << "must not contain a query";
        QTest::newRow("interval of zero") << int(K::SyncIntervalMinutes) << QVariant(0) << "from 1 to 1440";
        QTest::newRow("interval not a number") << int(K::SyncIntervalMinutes) << QVariant("soon") << "'soon'";
        QTest::newRow("batch too big") << int(K::SyncBatchSize) << QVariant(5000) << "from 1 to 500";
        QTest::newRow("full scan zero") << int(K::SyncFullScanHours) << QVariant(0) << "from 1 to 720";
        QTest::newRow("configuration 10") << int(K::OstendoConfiguration) << QVariant(10) << "from 0 to 9";
        QTest::newRow("configuration 9") << int(K::OstendoConfiguration) << QVariant(9) << QString();
        QTest::newRow("unknown time zone") << int(K::OstendoTimezone) << QVariant("Mars/Olympus") << "time zone";
        QTest::newRow("pin with colons")
            << int(K::OstendoTlsPinSha256)
            << QVariant(
                   "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
            << QString();
        QTest::newRow("pin too short") << int(K::OstendoTlsPinSha256) << QVariant("ABCD") << "SHA-256";
        QTest::newRow("job number without id") << int(K::OstendoJobNumberFormat) << QVariant("JOB") << "{deal_id}";
        QTest::newRow("missing policy file")
            << int(K::SyncPolicyFile) << QVariant("/nonexistent/policy.json") << "does not exist";
    }

    void validation()
    {
        QFETCH(int, key);
        QFETCH(QVariant, value);
        QFETCH(QString, expectedMessagePart);
        const QString message = Settings::validateValue(Settings::Key(key), value);
        if (expectedMessagePart.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
            return;
        }
        QVERIFY2(message.contains(expectedMessagePart), qPrintable(message));
        // Every message names the setting so the user knows where to look.
        QVERIFY2(message.contains(Settings::iniKey(Settings::Key(key))), qPrintable(message));
    }

    void validateReportsEveryProblemOfAFile()
    {
        Settings s(freshPath());
        QCOMPARE(messages(s.validate()).size(), 2); // both base URLs are required and unset
        s.setValue(Settings::Key::PipedriveBaseUrl, QStringLiteral("https://acme.pipedrive.com"));
        s.setValue(Settings::Key::OstendoBaseUrl, QStringLiteral("https://ostendo.acme.local:443"));
        QVERIFY2(s.validate().isEmpty(), qPrintable(messages(s.validate()).join(QLatin1Char('\n'))));
        s.setValue(Settings::Key::SyncIntervalMinutes, 0);
        QStringList found = messages(s.validate());
        QCOMPARE(found.size(), 1);
        QVERIFY(found.first().startsWith(QStringLiteral("sync/interval_minutes")));
    }

    void unknownKeysAreReported()
    {
        const QString path = freshPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[pipedrive]\nbase_url=https://acme.pipedrive.com\n[ostendo]\nbase_url=https://o.local\n"
                    "[sync]\ninterval_minuets=5\n");
        }
        Settings s(path);
        const QStringList found = messages(s.validate());
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().contains(QStringLiteral("interval_minuets")), qPrintable(found.first()));
    }

    void migrationMovesPlainTextSecretsOut()
    {
        const QString path = freshPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[pipedrive]\nbase_url=https://acme.pipedrive.com\napi_token=pd-plaintext-0123456789\n"
                    "[ostendo]\napi_key=os-plaintext-key%3D\n");
        }
        Settings s(path);
        QCOMPARE(s.fileVersion(), 0);
        const QList<Settings::RemovedSecret> removed = s.migrate();
        QCOMPARE(removed.size(), 2);
        QCOMPARE(removed[0].iniKey, QStringLiteral("pipedrive/api_token"));
        QCOMPARE(removed[0].value, QStringLiteral("pd-plaintext-0123456789"));
        QCOMPARE(removed[1].value, QStringLiteral("os-plaintext-key%3D"));
        QVERIFY(s.sync(nullptr));
        QCOMPARE(s.fileVersion(), Settings::CurrentVersion);

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(!text.contains("pd-plaintext"));
        QVERIFY(!text.contains("os-plaintext"));
        QVERIFY(text.contains("base_url=https://acme.pipedrive.com")); // everything else kept
        QVERIFY(s.migrate().isEmpty());                                // idempotent
    }

    void newerFileIsLeftAlone()
    {
        const QString path = freshPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[meta]\nsettings_version=7\n[pipedrive]\napi_token=kept-as-is\n");
        }
        Settings s(path);
        QVERIFY(s.migrate().isEmpty());
        QCOMPARE(s.fileVersion(), 7);
    }

    void unwritableFileIsReported()
    {
        Settings s(QStringLiteral("/proc/turfdrive-cannot-write-here/settings.ini"));
        s.setValue(Settings::Key::SyncBatchSize, 10);
        QString error;
        QVERIFY(!s.sync(&error));
        QVERIFY2(error.contains(QStringLiteral("cannot be written")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"

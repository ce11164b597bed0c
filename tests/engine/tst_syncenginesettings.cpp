// SyncEngineSettings: the INI settings and the policy file become the engine's configuration, or one sentence
// saying what is missing.
#include "config/Settings.h"
#include "engine/SyncEngineSettings.h"
#include "model/Policy.h"

#include "TestSupport.h"
#include <QFile>
#include <QTest>

class TestSyncEngineSettings : public QObject
{
    Q_OBJECT

    TestSupport::ScratchDir m_dir;

    QString writeIni(const QByteArray &text)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("s%1.ini").arg(++n));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.write(text);
        return path;
    }

private slots:
    void refusesWhatCannotWork_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no Pipedrive address") << QByteArray("[ostendo]\nbase_url=https://erp.example:8443\n") << ""
                                              << "pipedrive/base_url";
        QTest::newRow("no Ostendo address") << QByteArray("[pipedrive]\nbase_url=https://acme.pipedrive.com\n") << ""
                                            << "ostendo/base_url";
        QTest::newRow("unreadable policy")
            << QByteArray("[pipedrive]\nbase_url=https://acme.pipedrive.com\n[ostendo]\nbase_url=https://erp.example\n")
            << "/nonexistent/policy.json"
            << "/nonexistent/policy.json";
    }
    void refusesWhatCannotWork()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, policy);
        QFETCH(QString, mentions);
        Settings settings(writeIni(ini));
        QString error;
        QVERIFY(!SyncEngineSettings::fromSettings(settings, policy, QStringLiteral("/tmp/x.db"), true, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void carriesEverySettingIntoTheConfiguration()
    {
        Settings settings(writeIni("[pipedrive]\nbase_url=https://acme.pipedrive.com\n"
                                   "[ostendo]\nbase_url=https://erp.example:8443\nconfiguration=3\n"
                                   "timezone=Australia/Sydney\njob_number_format=TD-{deal_id}\n"
                                   "[sync]\nbatch_size=20\nfull_scan_hours=6\n"));
        QString error;
        const std::optional<SyncEngineConfig> config =
            SyncEngineSettings::fromSettings(settings, QString(), QStringLiteral("/tmp/state.db"), true, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->pipedrive.baseUrl, QUrl(QStringLiteral("https://acme.pipedrive.com")));
        QCOMPARE(config->ostendo.configuration, 3);
        QCOMPARE(config->ostendo.serverTimeZone.id(), QByteArray("Australia/Sydney"));
        QCOMPARE(config->run.batchSize, 20);
        QCOMPARE(config->run.fullScanHours, 6);
        QCOMPARE(config->databasePath, QStringLiteral("/tmp/state.db"));
        QVERIFY(config->pipedrive.apiToken.isEmpty()); // secrets come from the keychain, never from settings
        QString policyError;
        const std::optional<Policy> policy = Policy::fromJson(config->policyJson, &policyError);
        QVERIFY2(policy, qPrintable(policyError));
        QCOMPARE(policy->jobNumberFor(QStringLiteral("48213")), QStringLiteral("TD-48213"));
    }
};

QTEST_GUILESS_MAIN(TestSyncEngineSettings)
#include "tst_syncenginesettings.moc"

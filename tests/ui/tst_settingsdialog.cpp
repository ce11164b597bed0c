#include "SettingsDialog.h"
#include "config/SecretStore.h"

#include "TestSupport.h"
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestSupport::ScratchDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    // One for the whole run: deleting a SecretStore while a keychain read is in flight crashes inside
    // QtKeychain's libsecret backend, and every dialog starts two reads (whether each secret is set).
    SecretStore m_secrets;
    std::unique_ptr<SettingsDialog> m_dialog;

    QString iniPath() const { return m_dir->filePath(QStringLiteral("turfdrive.ini")); }

    void fillValid()
    {
        m_dialog->field(Settings::Key::PipedriveBaseUrl)->setText(QStringLiteral("https://greenway.pipedrive.com"));
        m_dialog->field(Settings::Key::OstendoBaseUrl)->setText(QStringLiteral("https://ostendo.greenway.local:5001"));
    }

private slots:
    void initTestCase()
    {
        m_secrets.setServiceName(QStringLiteral("TurfDrive-ui-test"));
        m_secrets.setUseEnvironment(false);
        m_secrets.setRetryDelayMs(200);
    }

    void init()
    {
        m_dir = std::make_unique<TestSupport::ScratchDir>();
        m_settings = std::make_unique<Settings>(iniPath());
        m_dialog = std::make_unique<SettingsDialog>(m_settings.get(), &m_secrets);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void refusesAMalformedAddress_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no scheme or host") << int(Settings::Key::PipedriveBaseUrl) << "greenway pipedrive"
                                           << "Company address";
        QTest::newRow("wrong scheme") << int(Settings::Key::PipedriveBaseUrl) << "ftp://greenway.pipedrive.com"
                                      << "https://";
        QTest::newRow("plain http to another computer")
            << int(Settings::Key::OstendoBaseUrl) << "http://ostendo.greenway.local:5001"
            << "plain http";
        QTest::newRow("a key in the address")
            << int(Settings::Key::OstendoBaseUrl) << "https://ostendo.greenway.local/?apikey=secret"
            << "keychain";
        QTest::newRow("empty") << int(Settings::Key::OstendoBaseUrl) << ""
                               << "Server address is not set";
    }

    void refusesAMalformedAddress()
    {
        QFETCH(int, key);
        QFETCH(QString, address);
        QFETCH(QString, messagePart);
        fillValid();
        QLineEdit *field = m_dialog->field(Settings::Key(key));
        field->clear();
        QTest::keyClicks(field, address);
        QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
        QTest::mouseClick(m_dialog->saveButton(), Qt::LeftButton);
        QVERIFY2(m_dialog->errorText().contains(messagePart), qPrintable(m_dialog->errorText()));
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(saved.size(), 0);
        // Nothing was written: the file does not exist or does not hold the bad value.
        QFile file(iniPath());
        if (file.open(QIODevice::ReadOnly)) {
            QVERIFY(!file.readAll().contains(address.toUtf8()) || address.isEmpty());
        }
    }

    void savesValuesAndPutsSecretsInTheKeychainOnly()
    {
        fillValid();
        m_dialog->spinBox(Settings::Key::SyncIntervalMinutes)->setValue(30);
        m_dialog->spinBox(Settings::Key::SyncBatchSize)->setValue(100);
        QCOMPARE(m_dialog->pipedriveTokenField()->echoMode(), QLineEdit::Password);
        QCOMPARE(m_dialog->ostendoKeyField()->echoMode(), QLineEdit::Password);
        const QString token = QStringLiteral("pd-token-3f9a7c1e5b");
        QTest::keyClicks(m_dialog->pipedriveTokenField(), token);
        QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
        QTest::mouseClick(m_dialog->saveButton(), Qt::LeftButton);
        QVERIFY2(saved.size() == 1 || saved.wait(20000), qPrintable(m_dialog->errorText()));
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));

        Settings reread(iniPath());
        QCOMPARE(reread.pipedriveBaseUrl(), QUrl(QStringLiteral("https://greenway.pipedrive.com")));
        QCOMPARE(reread.intervalMinutes(), 30);
        QCOMPARE(reread.batchSize(), 100);
        QFile file(iniPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(token.toUtf8()));

        SecretStore::ReadResult read;
        bool answered = false;
        m_secrets.read(SecretStore::Secret::PipedriveToken, [&](const SecretStore::ReadResult &r) {
            read = r;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
        QVERIFY2(read.ok, qPrintable(read.error));
        QCOMPARE(read.value, token);
        m_secrets.remove(SecretStore::Secret::PipedriveToken, [](bool, const QString &) {});
    }

    void testConnectionAsksAndShowsTheAnswer()
    {
        QVERIFY(!m_dialog->testButton(System::Ostendo)->isEnabled()); // nobody can test yet
        QVERIFY(m_dialog->testButton(System::Ostendo)->toolTip().contains(QStringLiteral("sync engine")));
        m_dialog->setConnectionTestAvailable(true);
        QSignalSpy asked(m_dialog.get(), &SettingsDialog::testConnectionRequested);
        QTest::mouseClick(m_dialog->testButton(System::Ostendo), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.constFirst().at(0).value<System>(), System::Ostendo);
        const QString sentence = QStringLiteral("Ostendo answered, but refused the API key.");
        m_dialog->showConnectionResult(System::Ostendo, false, sentence);
        QCOMPARE(m_dialog->connectionResult(System::Ostendo), sentence);
        QCOMPARE(m_dialog->connectionResult(System::Pipedrive), QString());
    }

    void aSelfSignedCertificateIsShownForConfirmation()
    {
        const QString hex = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");
        m_dialog->offerCertificate(hex);
        QVERIFY(m_dialog->certificateText().contains(QStringLiteral("A1:B2:C3:D4")));
        auto *trust = m_dialog->findChild<QPushButton *>(QStringLiteral("trustCertificateButton"));
        QVERIFY(trust && trust->isVisible());
        QTest::mouseClick(trust, Qt::LeftButton);
        const QString pin = m_dialog->field(Settings::Key::OstendoTlsPinSha256)->text();
        QVERIFY(pin.startsWith(QStringLiteral("A1:B2:")));
        QCOMPARE(Settings::validateValue(Settings::Key::OstendoTlsPinSha256, pin), QString());
        QVERIFY(m_dialog->certificateText().contains(QStringLiteral("Only a server presenting this certificate")));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"

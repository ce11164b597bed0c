// The settings dialog: both systems' addresses and keys, the certificate to trust, sync interval, batch size
// and policy file. Values are checked before anything is saved; secrets go to the keychain only and are never
// shown. Test connection asks whoever can test (the engine) and shows its one-sentence answer.
#pragma once

#include "config/Settings.h"
#include "store/StoreTypes.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class SecretStore;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(Settings *settings, SecretStore *secrets, QWidget *parent = nullptr);

    // Until the engine can test a connection, the Test buttons are disabled and say why.
    void setConnectionTestAvailable(bool available);

    QLineEdit *field(Settings::Key key) const { return m_fields.value(key); }
    QSpinBox *spinBox(Settings::Key key) const { return m_spins.value(key); }
    QLineEdit *pipedriveTokenField() const { return m_pipedriveToken; }
    QLineEdit *ostendoKeyField() const { return m_ostendoKey; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton(System system) const;
    QString errorText() const;
    QString connectionResult(System system) const;
    QString certificateText() const;

    // Every problem with the values as entered (empty when they can be saved).
    QStringList problems() const;

public slots:
    // Validates, saves the settings file and writes any new secret to the keychain; closes when all succeeded.
    void save();
    // The one-sentence outcome of a connection test.
    void showConnectionResult(System system, bool ok, const QString &sentence);
    // The Ostendo server presented a certificate nobody trusts yet: show its fingerprint for confirmation.
    void offerCertificate(const QString &sha256Hex);

signals:
    void testConnectionRequested(System system);
    void saved();

private:
    QLineEdit *addLine(Settings::Key key, const QString &placeholder);
    QSpinBox *addSpin(Settings::Key key, int min, int max);
    QString label(Settings::Key key) const;
    QVariant valueOf(Settings::Key key) const;
    void showSecretState();
    void setError(const QString &text);
    void secretWritten(bool ok, const QString &error);
    static QString formatFingerprint(const QString &hex);

    Settings *m_settings;
    SecretStore *m_secrets;
    QHash<Settings::Key, QLineEdit *> m_fields;
    QHash<Settings::Key, QSpinBox *> m_spins;
    QLineEdit *m_pipedriveToken;
    QLineEdit *m_ostendoKey;
    QPushButton *m_testPipedrive;
    QPushButton *m_testOstendo;
    QLabel *m_pipedriveResult;
    QLabel *m_ostendoResult;
    QLabel *m_certificate;
    QPushButton *m_trustCertificate;
    QString m_offeredFingerprint;
    QLabel *m_error;
    QPushButton *m_save;
    int m_secretWritesPending = 0;
    QStringList m_secretErrors;
};

#include "SettingsDialog.h"

#include "config/SecretStore.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
QLabel *plainLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QLineEdit *secretField(QWidget *parent, const QString &name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    return edit;
}
} // namespace

SettingsDialog::SettingsDialog(Settings *settings, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_pipedriveToken(secretField(this, QStringLiteral("pipedriveToken")))
    , m_ostendoKey(secretField(this, QStringLiteral("ostendoApiKey")))
    , m_testPipedrive(new QPushButton(tr("Test connection"), this))
    , m_testOstendo(new QPushButton(tr("Test connection"), this))
    , m_pipedriveResult(plainLabel(this, QStringLiteral("pipedriveResult")))
    , m_ostendoResult(plainLabel(this, QStringLiteral("ostendoResult")))
    , m_certificate(plainLabel(this, QStringLiteral("certificateLabel")))
    , m_trustCertificate(new QPushButton(tr("Trust this certificate"), this))
    , m_error(plainLabel(this, QStringLiteral("errorLabel")))
    , m_save(new QPushButton(tr("&Save"), this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("TurfDrive settings"));
    m_testPipedrive->setObjectName(QStringLiteral("testPipedriveButton"));
    m_testOstendo->setObjectName(QStringLiteral("testOstendoButton"));
    m_trustCertificate->setObjectName(QStringLiteral("trustCertificateButton"));
    m_trustCertificate->hide();
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));

    auto *pipedrive = new QGroupBox(QStringLiteral("Pipedrive"), this);
    auto *pdForm = new QFormLayout(pipedrive);
    pdForm->addRow(label(Settings::Key::PipedriveBaseUrl),
                   addLine(Settings::Key::PipedriveBaseUrl, QStringLiteral("https://yourcompany.pipedrive.com")));
    pdForm->addRow(tr("API token"), m_pipedriveToken);
    auto *pdTest = new QHBoxLayout;
    pdTest->addWidget(m_testPipedrive);
    pdTest->addWidget(m_pipedriveResult, 1);
    pdForm->addRow(pdTest);

    auto *ostendo = new QGroupBox(QStringLiteral("Ostendo"), this);
    auto *osForm = new QFormLayout(ostendo);
    osForm->addRow(label(Settings::Key::OstendoBaseUrl),
                   addLine(Settings::Key::OstendoBaseUrl, QStringLiteral("https://ostendo.example.local:5001")));
    osForm->addRow(label(Settings::Key::OstendoConfiguration), addSpin(Settings::Key::OstendoConfiguration, 0, 9));
    osForm->addRow(tr("API key"), m_ostendoKey);
    osForm->addRow(label(Settings::Key::OstendoTimezone),
                   addLine(Settings::Key::OstendoTimezone, QStringLiteral("Pacific/Auckland")));
    osForm->addRow(label(Settings::Key::OstendoTlsPinSha256),
                   addLine(Settings::Key::OstendoTlsPinSha256, tr("only for a self-signed certificate")));
    osForm->addRow(QString(), m_certificate);
    osForm->addRow(QString(), m_trustCertificate);
    auto *osTest = new QHBoxLayout;
    osTest->addWidget(m_testOstendo);
    osTest->addWidget(m_ostendoResult, 1);
    osForm->addRow(osTest);

    auto *sync = new QGroupBox(tr("Syncing"), this);
    auto *syncForm = new QFormLayout(sync);
    QSpinBox *interval = addSpin(Settings::Key::SyncIntervalMinutes, 1, 1440);
    interval->setSuffix(tr(" minutes"));
    syncForm->addRow(label(Settings::Key::SyncIntervalMinutes), interval);
    syncForm->addRow(label(Settings::Key::SyncBatchSize), addSpin(Settings::Key::SyncBatchSize, 1, 500));
    auto *policyRow = new QHBoxLayout;
    policyRow->addWidget(addLine(Settings::Key::SyncPolicyFile, tr("built-in rules")), 1);
    auto *browse = new QPushButton(tr("Browse…"), this);
    policyRow->addWidget(browse);
    syncForm->addRow(label(Settings::Key::SyncPolicyFile), policyRow);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pipedrive);
    layout->addWidget(ostendo);
    layout->addWidget(sync);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_save, &QPushButton::clicked, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_testPipedrive, &QPushButton::clicked, this, [this]() {
        m_pipedriveResult->setText(tr("Testing…"));
        emit testConnectionRequested(System::Pipedrive);
    });
    connect(m_testOstendo, &QPushButton::clicked, this, [this]() {
        m_ostendoResult->setText(tr("Testing…"));
        emit testConnectionRequested(System::Ostendo);
    });
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose the policy file"));
        if (!file.isEmpty()) {
            m_fields.value(Settings::Key::SyncPolicyFile)->setText(file);
        }
    });
    connect(m_fields.value(Settings::Key::OstendoTlsPinSha256), &QLineEdit::textChanged, this, [this]() {
        const QString pin = m_fields.value(Settings::Key::OstendoTlsPinSha256)->text();
        m_certificate->setText(
            pin.trimmed().isEmpty()
                ? tr("The server's certificate must be signed by a known authority.")
                : tr("Only a server presenting this certificate is trusted: %1").arg(formatFingerprint(pin)));
    });
    connect(m_trustCertificate, &QPushButton::clicked, this, [this]() {
        m_fields.value(Settings::Key::OstendoTlsPinSha256)->setText(formatFingerprint(m_offeredFingerprint));
        m_trustCertificate->hide();
    });

    for (Settings::Key key : Settings::allKeys()) {
        if (QLineEdit *edit = m_fields.value(key)) {
            edit->setText(m_settings->value(key).toString());
        } else if (QSpinBox *spin = m_spins.value(key)) {
            spin->setValue(m_settings->value(key).toInt());
        }
    }
    emit m_fields.value(Settings::Key::OstendoTlsPinSha256)->textChanged(QString());
    setConnectionTestAvailable(false);
    showSecretState();
}

QLineEdit *SettingsDialog::addLine(Settings::Key key, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(Settings::iniKey(key));
    edit->setPlaceholderText(placeholder);
    m_fields.insert(key, edit);
    return edit;
}

QSpinBox *SettingsDialog::addSpin(Settings::Key key, int min, int max)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(Settings::iniKey(key));
    spin->setRange(min, max);
    m_spins.insert(key, spin);
    return spin;
}

QString SettingsDialog::label(Settings::Key key) const
{
    switch (key) {
    case Settings::Key::PipedriveBaseUrl:
        return tr("Company address");
    case Settings::Key::OstendoBaseUrl:
        return tr("Server address");
    case Settings::Key::OstendoConfiguration:
        return tr("Database index");
    case Settings::Key::OstendoTimezone:
        return tr("Server time zone");
    case Settings::Key::OstendoTlsPinSha256:
        return tr("Certificate fingerprint");
    case Settings::Key::OstendoJobNumberFormat:
        return tr("Job number format");
    case Settings::Key::SyncIntervalMinutes:
        return tr("Sync every");
    case Settings::Key::SyncBatchSize:
        return tr("Records per batch");
    case Settings::Key::SyncFullScanHours:
        return tr("Full check every (hours)");
    case Settings::Key::SyncPolicyFile:
        return tr("Policy file");
    }
    return {};
}

QVariant SettingsDialog::valueOf(Settings::Key key) const
{
    if (QLineEdit *edit = m_fields.value(key)) {
        return edit->text().trimmed();
    }
    if (QSpinBox *spin = m_spins.value(key)) {
        return spin->value();
    }
    return m_settings->value(key);
}

void SettingsDialog::setConnectionTestAvailable(bool available)
{
    const QString why = tr("Testing a connection needs the sync engine, which this build does not include yet.");
    for (QPushButton *b : {m_testPipedrive, m_testOstendo}) {
        b->setEnabled(available);
        b->setToolTip(available ? QString() : why);
    }
}

QPushButton *SettingsDialog::testButton(System system) const
{
    return system == System::Pipedrive ? m_testPipedrive : m_testOstendo;
}

QStringList SettingsDialog::problems() const
{
    QStringList found;
    for (Settings::Key key : Settings::allKeys()) {
        if (!m_fields.contains(key) && !m_spins.contains(key)) {
            continue;
        }
        QString message = Settings::validateValue(key, valueOf(key));
        if (!message.isEmpty()) {
            // People know the field by its label, not by the file's key name.
            message.replace(QStringLiteral("[%1]").arg(Settings::iniKey(key)), label(key));
            found << message;
        }
    }
    return found;
}

void SettingsDialog::save()
{
    const QStringList found = problems();
    if (!found.isEmpty()) {
        setError(found.join(QLatin1Char('\n')));
        for (Settings::Key key : Settings::allKeys()) {
            QWidget *w = m_fields.contains(key) ? static_cast<QWidget *>(m_fields.value(key)) : m_spins.value(key);
            if (w && !Settings::validateValue(key, valueOf(key)).isEmpty()) {
                w->setFocus();
                break;
            }
        }
        return;
    }
    for (Settings::Key key : Settings::allKeys()) {
        if (m_fields.contains(key) || m_spins.contains(key)) {
            m_settings->setValue(key, valueOf(key));
        }
    }
    QString error;
    if (!m_settings->sync(&error)) {
        setError(error);
        return;
    }
    setError(QString());
    m_secretErrors.clear();
    const QList<QPair<SecretStore::Secret, QLineEdit *>> secrets{
        {SecretStore::Secret::PipedriveToken, m_pipedriveToken}, {SecretStore::Secret::OstendoApiKey, m_ostendoKey}};
    for (const auto &s : secrets) {
        // An empty field means "keep what the keychain holds": the stored secret is never shown or re-entered.
        const QString value = s.second->text().trimmed();
        if (value.isEmpty() || !m_secrets) {
            continue;
        }
        ++m_secretWritesPending;
        m_save->setEnabled(false);
        QPointer<SettingsDialog> guard(this); // the keychain may answer after the dialog is gone
        m_secrets->write(s.first, value, [guard](bool ok, const QString &e) {
            if (guard) {
                guard->secretWritten(ok, e);
            }
        });
    }
    if (m_secretWritesPending == 0) {
        emit saved();
        accept();
    } else {
        m_error->setStyleSheet(QString());
        m_error->setText(tr("Saving to the keychain…"));
    }
}

void SettingsDialog::secretWritten(bool ok, const QString &error)
{
    if (!ok) {
        m_secretErrors << error;
    }
    if (--m_secretWritesPending > 0) {
        return;
    }
    m_save->setEnabled(true);
    if (!m_secretErrors.isEmpty()) {
        setError(tr("The settings were saved, but the keychain refused a key: %1")
                     .arg(m_secretErrors.join(QLatin1Char(' '))));
        return;
    }
    m_pipedriveToken->clear();
    m_ostendoKey->clear();
    showSecretState();
    emit saved();
    accept();
}

void SettingsDialog::showSecretState()
{
    const QString unknown = tr("not set yet");
    m_pipedriveToken->setPlaceholderText(unknown);
    m_ostendoKey->setPlaceholderText(unknown);
    if (!m_secrets) {
        return;
    }
    // Only whether a secret exists is shown; the value itself never reaches a widget.
    const QList<QPair<SecretStore::Secret, QLineEdit *>> secrets{
        {SecretStore::Secret::PipedriveToken, m_pipedriveToken}, {SecretStore::Secret::OstendoApiKey, m_ostendoKey}};
    for (const auto &s : secrets) {
        QPointer<QLineEdit> edit(s.second);
        m_secrets->read(s.first, [edit](const SecretStore::ReadResult &r) {
            if (!edit) {
                return;
            }
            if (r.ok) {
                edit->setPlaceholderText(r.fromEnvironment ? tr("set by the environment (kept there)")
                                                           : tr("•••••••• saved in the keychain; type to replace"));
            } else if (!r.notFound) {
                edit->setPlaceholderText(tr("the keychain did not answer"));
            }
        });
    }
}

void SettingsDialog::showConnectionResult(System system, bool ok, const QString &sentence)
{
    QLabel *label = system == System::Pipedrive ? m_pipedriveResult : m_ostendoResult;
    label->setText(sentence);
    label->setStyleSheet(ok ? QStringLiteral("color: #1b5e20;") : QStringLiteral("color: #b3261e;"));
}

void SettingsDialog::offerCertificate(const QString &sha256Hex)
{
    m_offeredFingerprint = sha256Hex;
    m_certificate->setText(tr("The Ostendo server presented a certificate that is not signed by a known authority. "
                              "Its fingerprint is %1. Trust it only if the person who runs the server confirms "
                              "the same fingerprint.")
                               .arg(formatFingerprint(sha256Hex)));
    m_trustCertificate->show();
}

QString SettingsDialog::formatFingerprint(const QString &hex)
{
    QString digits = hex.toUpper();
    digits.remove(QRegularExpression(QStringLiteral("[^0-9A-F]")));
    QStringList pairs;
    for (int i = 0; i + 1 < digits.size(); i += 2) {
        pairs << digits.mid(i, 2);
    }
    return pairs.join(QLatin1Char(':'));
}

void SettingsDialog::setError(const QString &text)
{
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->setText(text);
}

QString SettingsDialog::errorText() const
{
    return m_error->text();
}

QString SettingsDialog::connectionResult(System system) const
{
    return (system == System::Pipedrive ? m_pipedriveResult : m_ostendoResult)->text();
}

QString SettingsDialog::certificateText() const
{
    return m_certificate->text();
}

#include "Settings.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

namespace {
struct Definition
{
    Settings::Key key;
    const char *iniKey;
    QVariant defaultValue;
};

// The one table of keys and defaults.
const QList<Definition> &definitions()
{
    static const QList<Definition> table = {
        {Settings::Key::PipedriveBaseUrl, "pipedrive/base_url", QString()},
        {Settings::Key::OstendoBaseUrl, "ostendo/base_url", QString()},
        {Settings::Key::OstendoConfiguration, "ostendo/configuration", 0},
        {Settings::Key::OstendoTimezone, "ostendo/timezone", QStringLiteral("Pacific/Auckland")},
        {Settings::Key::OstendoTlsPinSha256, "ostendo/tls_pin_sha256", QString()},
        {Settings::Key::OstendoJobNumberFormat, "ostendo/job_number_format", QStringLiteral("PD{deal_id}")},
        {Settings::Key::SyncIntervalMinutes, "sync/interval_minutes", 15},
        {Settings::Key::SyncBatchSize, "sync/batch_size", 50},
        {Settings::Key::SyncFullScanHours, "sync/full_scan_hours", 24},
        {Settings::Key::SyncPolicyFile, "sync/policy_file", QString()},
    };
    return table;
}

const Definition &definition(Settings::Key key)
{
    for (const Definition &d : definitions()) {
        if (d.key == key) {
            return d;
        }
    }
    Q_UNREACHABLE();
}

const char *const kVersionKey = "meta/settings_version";

// Keys that once could hold secrets (hand-edited files, other tools' habits). Never kept in the file.
const QStringList &secretKeys()
{
    static const QStringList keys{QStringLiteral("pipedrive/api_token"), QStringLiteral("pipedrive/token"),
                                  QStringLiteral("ostendo/api_key"), QStringLiteral("ostendo/apikey")};
    return keys;
}

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString checkUrl(const QString &name, const QString &text, bool required)
{
    if (text.trimmed().isEmpty()) {
        return required ? QObject::tr("%1 is not set: enter the server address, e.g. https://example.com.").arg(name)
                        : QString();
    }
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return QObject::tr("%1 '%2' is not a valid address; expected something like https://server:port.")
            .arg(name, text);
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        if (!isLoopback(url.host())) {
            return QObject::tr("%1 '%2' uses plain http; use https (http is only allowed on this computer).")
                .arg(name, text);
        }
    } else if (scheme != QLatin1String("https")) {
        return QObject::tr("%1 '%2' must start with https://.").arg(name, text);
    }
    if (!url.query().isEmpty() || !url.userInfo().isEmpty()) {
        return QObject::tr("%1 '%2' must not contain a query or a user name; keys go in the keychain.").arg(name, text);
    }
    return {};
}

QString checkInt(const QString &name, const QVariant &value, int min, int max)
{
    bool ok = false;
    const int n = value.toString().trimmed().toInt(&ok);
    if (!ok || n < min || n > max) {
        return QObject::tr("%1 must be a whole number from %2 to %3, not '%4'.")
            .arg(name)
            .arg(min)
            .arg(max)
            .arg(value.toString());
    }
    return {};
}
} // namespace

QString Settings::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.config/TurfDrive") : dir)
        .filePath(QStringLiteral("turfdrive.ini"));
}

QList<Settings::Key> Settings::allKeys()
{
    QList<Key> keys;
    for (const Definition &d : definitions()) {
        keys << d.key;
    }
    return keys;
}

QString Settings::iniKey(Key key)
{
    return QLatin1String(definition(key).iniKey);
}

QVariant Settings::defaultValue(Key key)
{
    return definition(key).defaultValue;
}

Settings::Settings(const QString &path)
    : m_settings(std::make_unique<QSettings>(path.isEmpty() ? defaultPath() : path, QSettings::IniFormat))
{}

Settings::~Settings() = default;

QString Settings::path() const
{
    return m_settings->fileName();
}

QVariant Settings::value(Key key) const
{
    const Definition &d = definition(key);
    return m_settings->value(QLatin1String(d.iniKey), d.defaultValue);
}

void Settings::setValue(Key key, const QVariant &value)
{
    m_settings->setValue(QLatin1String(definition(key).iniKey), value);
}

void Settings::reset(Key key)
{
    m_settings->remove(QLatin1String(definition(key).iniKey));
}

QUrl Settings::pipedriveBaseUrl() const
{
    return QUrl(value(Key::PipedriveBaseUrl).toString().trimmed());
}

QUrl Settings::ostendoBaseUrl() const
{
    return QUrl(value(Key::OstendoBaseUrl).toString().trimmed());
}

int Settings::ostendoConfiguration() const
{
    return value(Key::OstendoConfiguration).toInt();
}

QTimeZone Settings::ostendoTimeZone() const
{
    return QTimeZone(value(Key::OstendoTimezone).toString().trimmed().toUtf8());
}

QString Settings::ostendoTlsPinSha256() const
{
    return value(Key::OstendoTlsPinSha256).toString().trimmed();
}

QString Settings::jobNumberFormat() const
{
    return value(Key::OstendoJobNumberFormat).toString();
}

int Settings::intervalMinutes() const
{
    return value(Key::SyncIntervalMinutes).toInt();
}

int Settings::batchSize() const
{
    return value(Key::SyncBatchSize).toInt();
}

int Settings::fullScanHours() const
{
    return value(Key::SyncFullScanHours).toInt();
}

QString Settings::policyFile() const
{
    return value(Key::SyncPolicyFile).toString().trimmed();
}

QString Settings::validateValue(Key key, const QVariant &value)
{
    const QString name = QStringLiteral("[%1]").arg(iniKey(key));
    switch (key) {
    case Key::PipedriveBaseUrl:
        return checkUrl(name, value.toString(), true);
    case Key::OstendoBaseUrl:
        return checkUrl(name, value.toString(), true);
    case Key::OstendoConfiguration:
        return checkInt(name, value, 0, 9);
    case Key::OstendoTimezone: {
        const QByteArray id = value.toString().trimmed().toUtf8();
        if (id.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(id)) {
            return QObject::tr("%1 '%2' is not a known time zone; use a name such as Pacific/Auckland.")
                .arg(name, value.toString());
        }
        return {};
    }
    case Key::OstendoTlsPinSha256: {
        QString hex = value.toString().trimmed();
        if (hex.isEmpty()) {
            return {};
        }
        hex.remove(QLatin1Char(':')).remove(QLatin1Char(' '));
        static const QRegularExpression sha256(QStringLiteral("^[0-9A-Fa-f]{64}$"));
        if (!sha256.match(hex).hasMatch()) {
            return QObject::tr("%1 must be a SHA-256 fingerprint (64 hexadecimal digits, colons allowed).").arg(name);
        }
        return {};
    }
    case Key::OstendoJobNumberFormat: {
        const QString format = value.toString();
        if (!format.contains(QLatin1String("{deal_id}"))) {
            return QObject::tr("%1 '%2' must contain {deal_id}, or two deals would get the same job number.")
                .arg(name, format);
        }
        if (format.size() > 30) {
            return QObject::tr("%1 is too long for an Ostendo order number (30 characters at most).").arg(name);
        }
        return {};
    }
    case Key::SyncIntervalMinutes:
        return checkInt(name, value, 1, 1440);
    case Key::SyncBatchSize:
        return checkInt(name, value, 1, 500);
    case Key::SyncFullScanHours:
        return checkInt(name, value, 1, 24 * 30);
    case Key::SyncPolicyFile: {
        const QString file = value.toString().trimmed();
        if (file.isEmpty()) {
            return {};
        }
        const QFileInfo info(file);
        if (!info.isFile() || !info.isReadable()) {
            return QObject::tr("%1 '%2' does not exist or cannot be read.").arg(name, file);
        }
        return {};
    }
    }
    return {};
}

QList<Settings::Problem> Settings::validate() const
{
    QList<Problem> problems;
    for (const Definition &d : definitions()) {
        const QString message = validateValue(d.key, value(d.key));
        if (!message.isEmpty()) {
            problems.append({QLatin1String(d.iniKey), message});
        }
    }
    QStringList known{QLatin1String(kVersionKey)};
    for (const Definition &d : definitions()) {
        known << QLatin1String(d.iniKey);
    }
    for (const QString &k : m_settings->allKeys()) {
        if (!known.contains(k)) {
            problems.append({k, QObject::tr("[%1] is not a TurfDrive setting (a typo?); it is ignored.").arg(k)});
        }
    }
    return problems;
}

int Settings::fileVersion() const
{
    return m_settings->value(QLatin1String(kVersionKey), 0).toInt();
}

QList<Settings::RemovedSecret> Settings::migrate()
{
    QList<RemovedSecret> removed;
    int version = fileVersion();
    if (version > CurrentVersion) {
        qCWarning(lcConfig) << "settings file is from a newer TurfDrive (version" << version << "); left as it is";
        return removed;
    }
    if (version < 1) {
        // Version 1: secrets never live in the settings file. A hand-written or older file that holds one has
        // it removed here; the caller moves it into the keychain.
        for (const QString &k : secretKeys()) {
            if (m_settings->contains(k)) {
                removed.append({k, m_settings->value(k).toString()});
                m_settings->remove(k);
            }
        }
        version = 1;
    }
    m_settings->setValue(QLatin1String(kVersionKey), version);
    return removed;
}

bool Settings::sync(QString *error)
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error) {
            *error = m_settings->status() == QSettings::AccessError
                         ? QObject::tr("The settings file %1 cannot be written.").arg(path())
                         : QObject::tr("The settings file %1 is malformed.").arg(path());
        }
        return false;
    }
    return true;
}

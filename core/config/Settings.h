// Typed settings over an INI file (DESIGN §4): keys in one place, defaults in one table, validation with clear
// messages, and a versioned migration. Secrets never live here: they go to the keychain (SecretStore).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrl>
#include <QVariant>
#include <memory>

class QSettings;

class Settings
{
public:
    enum class Key
    {
        PipedriveBaseUrl,
        OstendoBaseUrl,
        OstendoConfiguration,
        OstendoTimezone,
        OstendoTlsPinSha256,
        OstendoJobNumberFormat,
        SyncIntervalMinutes,
        SyncBatchSize,
        SyncFullScanHours,
        SyncPolicyFile,
    };

    struct Problem
    {
        QString iniKey;  // "sync/interval_minutes", or the unknown key found in the file
        QString message; // one sentence naming the setting, the bad value and what is expected
    };

    // A secret that an older or hand-edited file held in plain text; migrate() removes it from the file and
    // hands it over so the caller can move it into the keychain.
    struct RemovedSecret
    {
        QString iniKey;
        QString value;
    };

    static constexpr int CurrentVersion = 1;

    // The platform's config location (e.g. ~/.config/TurfDrive/turfdrive.ini).
    static QString defaultPath();
    static QList<Key> allKeys();
    static QString iniKey(Key key); // "sync/interval_minutes"
    static QVariant defaultValue(Key key);

    explicit Settings(const QString &path = QString());
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    QString path() const;

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);

    QUrl pipedriveBaseUrl() const;
    QUrl ostendoBaseUrl() const;
    int ostendoConfiguration() const;
    QTimeZone ostendoTimeZone() const;
    QString ostendoTlsPinSha256() const;
    QString jobNumberFormat() const;
    int intervalMinutes() const;
    int batchSize() const;
    int fullScanHours() const;
    QString policyFile() const;

    // Every problem with the current values (empty when all is well). Unknown keys in the file are reported
    // too, since a typo there would otherwise be silently ignored.
    QList<Problem> validate() const;
    static QString validateValue(Key key, const QVariant &value); // empty when valid

    // Brings an older file to CurrentVersion. Returns the plain-text secrets it removed, if any.
    QList<RemovedSecret> migrate();
    int fileVersion() const;

    // Writes the file; false with a message when it cannot be written.
    bool sync(QString *error);

private:
    std::unique_ptr<QSettings> m_settings;
};

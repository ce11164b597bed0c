// Builds the engine's configuration from the typed settings and the policy file, the same way for the command line
// and the desktop app, with one clear sentence when something is missing or unreadable.
#pragma once

#include "SyncEngineConfig.h"

#include <QString>
#include <optional>

class Settings;

class SyncEngineSettings
{
public:
    // `policyOverride` (--policy) wins over sync/policy_file. With `requireServers` false (the sandbox) the two
    // addresses may be empty. Secrets are left empty: the engine reads them from the keychain before each run.
    static std::optional<SyncEngineConfig> fromSettings(const Settings &settings, const QString &policyOverride,
                                                        const QString &databasePath, bool requireServers,
                                                        QString *error);

    // The policy text with ostendo/job_number_format from the settings (the reconciler reads it from the policy).
    static QByteArray policyWithJobNumberFormat(const QByteArray &json, const QString &format);
};

#include "SyncEngineSettings.h"

#include "config/Settings.h"
#include "model/Policy.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

QByteArray SyncEngineSettings::policyWithJobNumberFormat(const QByteArray &json, const QString &format)
{
    QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject() || format.isEmpty()) {
        return json; // the engine reports what is wrong with it, with line and column
    }
    QJsonObject root = doc.object();
    QJsonObject ostendo = root.value(QStringLiteral("ostendo")).toObject();
    ostendo.insert(QStringLiteral("job_number_format"), format);
    root.insert(QStringLiteral("ostendo"), ostendo);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<SyncEngineConfig> SyncEngineSettings::fromSettings(const Settings &settings,
                                                                 const QString &policyOverride,
                                                                 const QString &databasePath, bool requireServers,
                                                                 QString *error)
{
    if (requireServers) {
        for (const Settings::Problem &problem : settings.validate()) {
            if (!problem.message.isEmpty()) {
                *error = problem.message;
                return std::nullopt;
            }
        }
        if (settings.pipedriveBaseUrl().isEmpty()) {
            *error = QObject::tr("The Pipedrive address (pipedrive/base_url) is not set in %1.").arg(settings.path());
            return std::nullopt;
        }
        if (settings.ostendoBaseUrl().isEmpty()) {
            *error = QObject::tr("The Ostendo address (ostendo/base_url) is not set in %1.").arg(settings.path());
            return std::nullopt;
        }
    }
    SyncEngineConfig config;
    config.run.batchSize = settings.batchSize();
    config.run.fullScanHours = settings.fullScanHours();
    config.pipedrive.baseUrl = settings.pipedriveBaseUrl();
    config.ostendo.baseUrl = settings.ostendoBaseUrl();
    config.ostendo.configuration = settings.ostendoConfiguration();
    config.ostendo.serverTimeZone = settings.ostendoTimeZone();
    config.ostendoPinSha256 = settings.ostendoTlsPinSha256();
    config.databasePath = databasePath;

    const QString policyPath = !policyOverride.isEmpty() ? policyOverride : settings.policyFile();
    QByteArray policy = Policy::defaultPolicyJson();
    config.policySource = QObject::tr("(built-in default)");
    if (!policyPath.isEmpty()) {
        QFile file(policyPath);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QObject::tr("The policy file %1 cannot be read: %2").arg(policyPath, file.errorString());
            return std::nullopt;
        }
        policy = file.readAll();
        config.policySource = policyPath;
    }
    config.policyJson = policyWithJobNumberFormat(policy, settings.jobNumberFormat());
    return config;
}

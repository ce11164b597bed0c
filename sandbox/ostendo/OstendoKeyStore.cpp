#include "OstendoKeyStore.h"

void OstendoKeyStore::add(const OstendoApiKey &key)
{
    m_keys.insert(key.key, key);
}

bool OstendoKeyStore::remove(const QString &rawKey)
{
    return m_keys.remove(rawKey) > 0;
}

OstendoKeyStore::Verdict OstendoKeyStore::check(const QString &rawKey, const QDate &today, int configuration,
                                                bool needsSql) const
{
    if (rawKey.isEmpty()) {
        return Verdict::Missing;
    }
    const auto it = m_keys.constFind(rawKey);
    if (it == m_keys.cend()) {
        return Verdict::Unknown;
    }
    if (it->expires.isValid() && today > it->expires) {
        return Verdict::Expired;
    }
    if (!it->configurations.isEmpty() && !it->configurations.contains(configuration)) {
        return Verdict::ConfigurationNotAllowed;
    }
    if (needsSql && !it->sqlAllowed) {
        return Verdict::SqlNotAllowed;
    }
    return Verdict::Accepted;
}

QString OstendoKeyStore::labelOf(const QString &rawKey) const
{
    const auto it = m_keys.constFind(rawKey);
    return it == m_keys.cend() ? QString() : it->label;
}

QString OstendoKeyStore::message(Verdict verdict, int configuration)
{
    switch (verdict) {
    case Verdict::Accepted:
        return {};
    case Verdict::Missing:
        return QStringLiteral("API Key is required");
    case Verdict::Unknown:
        return QStringLiteral("Invalid API Key");
    case Verdict::Expired:
        return QStringLiteral("API Key has expired");
    case Verdict::SqlNotAllowed:
        return QStringLiteral("SQL not allowed for this API Key");
    case Verdict::ConfigurationNotAllowed:
        return QStringLiteral("API Key is not valid for Config %1").arg(configuration);
    }
    return {};
}

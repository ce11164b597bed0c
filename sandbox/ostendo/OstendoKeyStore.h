// Holds the simulated API keys and decides whether a request's key may do what it asks.
#pragma once

#include "OstendoApiKey.h"

#include <QHash>

class OstendoKeyStore
{
public:
    enum class Verdict
    {
        Accepted,
        Missing,
        Unknown,
        Expired,
        SqlNotAllowed,
        ConfigurationNotAllowed
    };

    void add(const OstendoApiKey &key);
    bool remove(const QString &rawKey);
    void clear() { m_keys.clear(); }
    int size() const { return int(m_keys.size()); }

    Verdict check(const QString &rawKey, const QDate &today, int configuration, bool needsSql) const;
    QString labelOf(const QString &rawKey) const; // empty for an unknown key

    // The message of the error document for a refusal (never quoting the key).
    static QString message(Verdict verdict, int configuration);

private:
    QHash<QString, OstendoApiKey> m_keys;
};

// Replaces every registered secret (and its URL-encoded forms) in text with a fixed mask, for log lines and errors.
#pragma once

#include <QMutex>
#include <QStringList>

class SecretRedactor
{
public:
    static SecretRedactor &instance();

    static constexpr const char *Mask = "********";

    // Secrets shorter than four characters are refused: masking them would mangle ordinary text.
    void registerSecret(const QString &secret);
    void clear();

    // Masks registered secrets, their percent-encoded forms, and anything in the well-known secret
    // positions (apikey= and api_token= query items, x-api-token headers) even when not registered.
    QString redact(const QString &text) const;

private:
    SecretRedactor() = default;

    mutable QMutex m_mutex;
    QStringList m_secrets;
};

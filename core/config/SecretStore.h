// The API token and key in the OS keychain through QtKeychain (no plaintext fallback), with the environment
// variables TURFDRIVE_PIPEDRIVE_TOKEN / TURFDRIVE_OSTENDO_API_KEY taking precedence for unattended runs.
#pragma once

#include <QObject>
#include <functional>

class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Secret
    {
        PipedriveToken,
        OstendoApiKey
    };

    struct ReadResult
    {
        bool ok = false;
        bool notFound = false; // the keychain answered, and holds no such entry
        bool fromEnvironment = false;
        QString value;
        QString error; // one sentence for people; never the secret
    };

    using ReadCallback = std::function<void(const ReadResult &)>;
    using WriteCallback = std::function<void(bool ok, const QString &error)>;

    explicit SecretStore(QObject *parent = nullptr);

    // The keychain service name; tests use their own so they never touch a user's entries.
    void setServiceName(const QString &name) { m_service = name; }
    QString serviceName() const { return m_service; }
    // When the keychain is not answering yet (a Linux keyring that starts late), one retry after this delay.
    void setRetryDelayMs(int ms) { m_retryDelayMs = ms; }
    // Lets tests read the keychain even when the environment variable is set.
    void setUseEnvironment(bool use) { m_useEnvironment = use; }

    static QString keyName(Secret secret); // stable: "pipedrive/api_token", "ostendo/api_key"
    static QString environmentVariable(Secret secret);

    // Every value read or written is registered with SecretRedactor, so it cannot reach a log line.
    void read(Secret secret, ReadCallback done);
    void write(Secret secret, const QString &value, WriteCallback done);
    void remove(Secret secret, WriteCallback done);

private:
    void readFromKeychain(Secret secret, ReadCallback done, bool mayRetry);

    QString m_service = QStringLiteral("TurfDrive");
    int m_retryDelayMs = 2000;
    bool m_useEnvironment = true;
};

#include "ConnectionTester.h"

#include "RecordMapper.h"
#include "config/SecretStore.h"
#include "connectors/NetworkTransport.h"
#include "connectors/OstendoClient.h"
#include "connectors/PipedriveClient.h"
#include "model/Policy.h"
#include "util/Logging.h"

#include <QPointer>
#include <QTimeZone>
#include <QTimer>
#include <memory>

namespace {
QString systemName(System system)
{
    return system == System::Pipedrive ? QStringLiteral("Pipedrive") : QStringLiteral("Ostendo");
}

// The sentence for a failed call. The connectors' messages never hold a secret; they may quote the server, so
// the dialog shows them as plain text.
QString failureSentence(System system, const ConnectorError &error)
{
    const QString name = systemName(system);
    switch (error.kind) {
    case ConnectorError::Kind::Authentication:
        return system == System::Pipedrive ? QStringLiteral("Pipedrive refused the API token.")
                                           : QStringLiteral("Ostendo refused the API key.");
    case ConnectorError::Kind::Permission:
        return system == System::Pipedrive
                   ? QStringLiteral("Pipedrive answered, but the API token may not read the fields TurfDrive needs.")
                   : QStringLiteral("Ostendo answered, but the API key may not run SQL.");
    case ConnectorError::Kind::Network:
        return QStringLiteral("%1 could not be reached: %2").arg(name, error.message);
    case ConnectorError::Kind::Tls:
        return QStringLiteral("%1's certificate is not trusted: %2").arg(name, error.message);
    case ConnectorError::Kind::Configuration:
        return QStringLiteral("%1 answered, but the setup does not match: %2").arg(name, error.message);
    default:
        return QStringLiteral("%1 answered with an error: %2").arg(name, error.message);
    }
}

Policy policyFor(const QByteArray &json)
{
    if (!json.isEmpty()) {
        QString error;
        if (std::optional<Policy> policy = Policy::fromJson(json, &error)) {
            return *policy;
        }
    }
    return Policy::defaultPolicy();
}

// One test on the worker thread: reads the secret if none was typed, calls the system, and hands the sentence
// (and maybe a certificate) to `done`, which runs on the worker thread too.
class Check
{
public:
    using Done = std::function<void(bool ok, const QString &sentence, const QString &certificate)>;

    static void run(System system, ConnectionTester::Request request, Done done)
    {
        if (request.baseUrl.isEmpty() || !request.baseUrl.isValid()) {
            done(false, QStringLiteral("Enter %1's address first.").arg(systemName(system)), QString());
            return;
        }
        if (!request.secret.isEmpty()) {
            call(system, request, done);
            return;
        }
        auto secrets = std::make_shared<SecretStore>();
        const SecretStore::Secret which =
            system == System::Pipedrive ? SecretStore::Secret::PipedriveToken : SecretStore::Secret::OstendoApiKey;
        secrets->read(which, [secrets, system, request, done](const SecretStore::ReadResult &r) mutable {
            if (!r.ok) {
                done(false,
                     r.notFound ? QStringLiteral("No %1 is entered or saved.")
                                      .arg(system == System::Pipedrive ? QStringLiteral("Pipedrive API token")
                                                                       : QStringLiteral("Ostendo API key"))
                                : r.error,
                     QString());
                return;
            }
            request.secret = r.value;
            call(system, request, done);
        });
    }

private:
    static void call(System system, const ConnectionTester::Request &request, const Done &done)
    {
        const Policy policy = policyFor(request.policyJson);
        auto transport = std::make_shared<NetworkTransport>();
        if (system == System::Pipedrive) {
            PipedriveConfig config;
            config.baseUrl = request.baseUrl;
            config.apiToken = request.secret;
            config.readTimeoutMs = request.timeoutMs;
            config.listTimeoutMs = request.timeoutMs;
            config.readRetry.maxAttempts = 1;
            const QList<PipedriveFieldSpec> specs = RecordMapper::pipedriveFieldSpecs(policy);
            auto client = std::make_shared<PipedriveClient>(transport.get(), config, specs);
            client->discoverFields([transport, client, specs, done](const PipedriveResult<bool> &r) {
                if (!r.ok()) {
                    done(false, failureSentence(System::Pipedrive, r.error), QString());
                } else {
                    done(client->missingFields().isEmpty() && client->fieldProblems().isEmpty(),
                         pipedriveSentence(specs.size(), client->missingFields(), client->fieldProblems()), QString());
                }
                // The client is inside its own callback: let it unwind before it goes.
                QTimer::singleShot(0, [transport, client]() {});
            });
            return;
        }
        OstendoConfig config;
        config.baseUrl = request.baseUrl;
        config.apiKey = request.secret;
        config.configuration = request.ostendoConfiguration;
        config.readTimeoutMs = request.timeoutMs;
        if (!request.ostendoTimeZone.isEmpty()) {
            const QTimeZone zone(request.ostendoTimeZone.toUtf8());
            if (zone.isValid()) {
                config.serverTimeZone = zone;
            }
        }
        transport->setPinnedCertificateSha256(request.ostendoPinSha256);
        auto client = std::make_shared<OstendoClient>(transport.get(), config, RecordMapper::ostendoMapping(policy));
        RetryPolicy once;
        once.maxAttempts = 1;
        client->setRetryPolicy(once);
        const QUrl url = request.baseUrl;
        const int timeoutMs = request.timeoutMs;
        client->checkSetup([transport, client, url, timeoutMs, done](const ConnectorError &error) {
            if (!error.isError()) {
                done(true,
                     QStringLiteral("Ostendo answered: the API key may run SQL and every table and column TurfDrive "
                                    "maps exists."),
                     QString());
            } else if (error.kind == ConnectorError::Kind::Tls) {
                // Show what the server presents, so the person can compare it and choose to trust it.
                NetworkTransport::fetchPeerCertificate(url, timeoutMs,
                                                       [error, done](const NetworkTransport::PeerCertificate &peer) {
                                                           done(false, failureSentence(System::Ostendo, error),
                                                                peer.error.isEmpty() ? peer.sha256 : QString());
                                                       });
            } else {
                done(false, failureSentence(System::Ostendo, error), QString());
            }
            QTimer::singleShot(0, [transport, client]() {});
        });
    }

    static QString pipedriveSentence(int wanted, const QList<PipedriveFieldSpec> &missing, const QStringList &problems)
    {
        if (missing.isEmpty() && problems.isEmpty()) {
            return QStringLiteral("Pipedrive answered: all %1 fields TurfDrive maps exist.").arg(wanted);
        }
        if (!missing.isEmpty()) {
            QStringList names;
            for (const PipedriveFieldSpec &spec : missing) {
                names << QStringLiteral("%1 field \"%2\"").arg(PipedriveFieldSpec::entityName(spec.entity), spec.name);
            }
            return QStringLiteral("Pipedrive answered, but TurfDrive needs fields it does not have: %1; run "
                                  "'turfdrive-cli setup --create-fields'.")
                .arg(names.join(QStringLiteral(", ")));
        }
        return QStringLiteral("Pipedrive answered, but %1").arg(problems.join(QLatin1Char(' ')));
    }
};
} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("ConnectionTester"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ConnectionTester::~ConnectionTester()
{
    m_thread.quit();
    m_thread.wait();
}

bool ConnectionTester::isTesting(System system) const
{
    return m_testing[int(system)];
}

void ConnectionTester::test(System system, const ConnectionTester::Request &request)
{
    if (m_testing[int(system)]) {
        return;
    }
    m_testing[int(system)] = true;
    QPointer<ConnectionTester> self(this);
    QMetaObject::invokeMethod(
        m_worker,
        [self, system, request]() {
            Check::run(system, request, [self, system](bool ok, const QString &sentence, const QString &certificate) {
                // Back to the thread the tester lives on; only values cross.
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, system, ok, sentence, certificate]() {
                        if (!self) {
                            return;
                        }
                        if (!certificate.isEmpty()) {
                            emit self->certificateOffered(certificate);
                        }
                        self->finish(system, ok, sentence);
                    },
                    Qt::QueuedConnection);
            });
        },
        Qt::QueuedConnection);
}

void ConnectionTester::finish(System system, bool ok, const QString &sentence)
{
    m_testing[int(system)] = false;
    qCInfo(lcEngine) << systemName(system) << "connection test:" << (ok ? "works" : "failed");
    emit connectionTested(system, ok, sentence);
}

#include "SecretStore.h"

#include "util/Logging.h"
#include "util/SecretRedactor.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{}

QString SecretStore::keyName(Secret secret)
{
    return secret == Secret::PipedriveToken ? QStringLiteral("pipedrive/api_token") : QStringLiteral("ostendo/api_key");
}

QString SecretStore::environmentVariable(Secret secret)
{
    return secret == Secret::PipedriveToken ? QStringLiteral("TURFDRIVE_PIPEDRIVE_TOKEN")
                                            : QStringLiteral("TURFDRIVE_OSTENDO_API_KEY");
}

void SecretStore::read(Secret secret, ReadCallback done)
{
    if (m_useEnvironment) {
        const QString fromEnv = qEnvironmentVariable(environmentVariable(secret).toLatin1().constData());
        if (!fromEnv.isEmpty()) {
            SecretRedactor::instance().registerSecret(fromEnv);
            ReadResult r;
            r.ok = true;
            r.fromEnvironment = true;
            r.value = fromEnv;
            // Callers get the answer from the event loop in both cases, never from inside read().
            QTimer::singleShot(0, this, [done, r]() { done(r); });
            return;
        }
    }
    readFromKeychain(secret, std::move(done), true);
}

void SecretStore::readFromKeychain(Secret secret, ReadCallback done, bool mayRetry)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyName(secret));
    connect(job, &QKeychain::Job::finished, this, [this, job, secret, done, mayRetry](QKeychain::Job *) {
        ReadResult r;
        switch (job->error()) {
        case QKeychain::NoError:
            r.ok = true;
            r.value = job->textData();
            SecretRedactor::instance().registerSecret(r.value);
            break;
        case QKeychain::EntryNotFound:
            r.notFound = true;
            r.error = tr("No %1 is stored in the keychain yet.")
                          .arg(secret == Secret::PipedriveToken ? tr("Pipedrive API token") : tr("Ostendo API key"));
            break;
        default:
            if (mayRetry) {
                qCInfo(lcSecrets) << "keychain not answering yet, retrying once:" << job->errorString();
                QTimer::singleShot(m_retryDelayMs, this,
                                   [this, secret, done]() { readFromKeychain(secret, done, false); });
                return;
            }
            r.error = tr("The keychain could not be read: %1").arg(job->errorString());
            break;
        }
        done(r);
    });
    job->start();
}

void SecretStore::write(Secret secret, const QString &value, WriteCallback done)
{
    if (value.isEmpty()) {
        QTimer::singleShot(0, this, [done]() { done(false, tr("An empty secret cannot be stored.")); });
        return;
    }
    SecretRedactor::instance().registerSecret(value);
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyName(secret));
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [job, done](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError) {
            done(true, QString());
        } else {
            done(false, tr("The keychain could not store the secret: %1").arg(job->errorString()));
        }
    });
    job->start();
}

void SecretStore::remove(Secret secret, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyName(secret));
    connect(job, &QKeychain::Job::finished, this, [job, done](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound) {
            done(true, QString());
        } else {
            done(false, tr("The keychain could not remove the secret: %1").arg(job->errorString()));
        }
    });
    job->start();
}

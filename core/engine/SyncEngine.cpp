#include "SyncEngine.h"

#include "RecordMapper.h"
#include "SyncRun.h"
#include "config/SecretStore.h"
#include "connectors/NetworkTransport.h"
#include "connectors/OstendoClient.h"
#include "connectors/PipedriveClient.h"
#include "store/SyncStore.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "util/SecretRedactor.h"

#include <QTimer>
#include <QUuid>

SyncEngine::SyncEngine(const SyncEngineConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<BudgetSnapshot>();
}

SyncEngine::~SyncEngine()
{
    shutDown();
}

void SyncEngine::shutDown()
{
    if (m_run) {
        m_run->cancel();
        delete m_run.data();
    }
    m_pipedrive.reset();
    m_budget.reset();
    m_ostendo.reset();
    m_pipedriveTransport.reset();
    m_ostendoTransport.reset();
    m_store.reset();
}

void SyncEngine::syncNow()
{
    syncWith(m_config.run.full, m_config.run.dryRun);
}

void SyncEngine::syncWith(bool full, bool dryRun)
{
    if (m_run || m_starting) {
        m_again = true; // never two at once
        return;
    }
    startRun(full, dryRun);
}

void SyncEngine::cancel()
{
    m_again = false;
    m_cancelRequested = true;
    if (m_run) {
        m_run->cancel();
    }
}

void SyncEngine::applyDecisions()
{
    syncWith(false, false);
}

void SyncEngine::finishWithError(const QString &message)
{
    m_starting = false;
    RunSummary summary;
    summary.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Clock &clock = m_config.clock ? *m_config.clock : Clock::current();
    summary.startedAt = clock.nowUtc();
    summary.finishedAt = summary.startedAt;
    summary.exitCode = 1;
    summary.error = SecretRedactor::instance().redact(message);
    summary.json = QJsonObject{{QStringLiteral("dry_run"), m_config.run.dryRun},
                               {QStringLiteral("exit_code"), 1},
                               {QStringLiteral("error"), summary.error}};
    emit runStarted(summary.runId);
    emit runFinished(summary);
}

// Secrets come from the keychain (or the two environment variables) just before a run, never from settings.
void SyncEngine::readSecretsThen(std::function<void(const QString &error)> then)
{
    const bool needToken = m_config.pipedrive.apiToken.isEmpty();
    const bool needKey = m_config.ostendo.apiKey.isEmpty();
    if (!needToken && !needKey) {
        then(QString());
        return;
    }
    auto *secrets = new SecretStore(this);
    secrets->setServiceName(m_config.keychainService);
    QPointer<SyncEngine> self(this);
    const auto readKey = [self, secrets, needKey, then] {
        if (!needKey) {
            secrets->deleteLater();
            then(QString());
            return;
        }
        secrets->read(SecretStore::Secret::OstendoApiKey, [self, secrets, then](const SecretStore::ReadResult &r) {
            secrets->deleteLater();
            if (!self) {
                return;
            }
            if (!r.ok) {
                then(r.notFound ? tr("No Ostendo API key is stored; enter it in the settings or set %1.")
                                      .arg(SecretStore::environmentVariable(SecretStore::Secret::OstendoApiKey))
                                : r.error);
                return;
            }
            self->m_config.ostendo.apiKey = r.value;
            then(QString());
        });
    };
    if (!needToken) {
        readKey();
        return;
    }
    secrets->read(
        SecretStore::Secret::PipedriveToken, [self, secrets, readKey, then](const SecretStore::ReadResult &r) {
            if (!self) {
                return;
            }
            if (!r.ok) {
                secrets->deleteLater();
                then(r.notFound ? tr("No Pipedrive API token is stored; enter it in the settings or set %1.")
                                      .arg(SecretStore::environmentVariable(SecretStore::Secret::PipedriveToken))
                                : r.error);
                return;
            }
            self->m_config.pipedrive.apiToken = r.value;
            readKey();
        });
}

bool SyncEngine::prepare(QString *error)
{
    if (!m_store) {
        m_store = std::make_unique<SyncStore>();
        if (!m_store->open(m_config.databasePath)) {
            *error = m_store->lastError();
            m_store.reset();
            return false;
        }
    }
    if (!m_pipedriveTransport) {
        if (m_config.transportFactory) {
            m_pipedriveTransport.reset(m_config.transportFactory(Side::Pipedrive));
            m_ostendoTransport.reset(m_config.transportFactory(Side::Ostendo));
        } else {
            m_pipedriveTransport = std::make_unique<NetworkTransport>();
            auto ostendo = std::make_unique<NetworkTransport>();
            ostendo->setPinnedCertificateSha256(m_config.ostendoPinSha256);
            m_ostendoTransport = std::move(ostendo);
        }
    }
    return true;
}

void SyncEngine::startRun(bool full, bool dryRun)
{
    m_starting = true;
    m_cancelRequested = false;
    // A broken policy stops the run before anything is read or written.
    QString policyError;
    std::optional<Policy> policy = m_config.policyJson.isEmpty() ? std::optional<Policy>(Policy::defaultPolicy())
                                                                 : Policy::fromJson(m_config.policyJson, &policyError);
    if (!policy) {
        finishWithError(tr("The policy file %1 was refused: %2")
                            .arg(m_config.policySource.isEmpty() ? tr("(given)") : m_config.policySource, policyError));
        return;
    }
    QPointer<SyncEngine> self(this);
    readSecretsThen([self, full, dryRun, policy](const QString &secretError) {
        if (!self) {
            return;
        }
        if (!secretError.isEmpty()) {
            self->finishWithError(secretError);
            return;
        }
        QString error;
        if (!self->prepare(&error)) {
            self->finishWithError(error);
            return;
        }
        if (self->m_cancelRequested) {
            self->finishWithError(tr("The sync was cancelled."));
            return;
        }
        // Clients are rebuilt per run: the policy's field names and the secrets may have changed.
        self->m_pipedrive = std::make_unique<PipedriveClient>(
            self->m_pipedriveTransport.get(), self->m_config.pipedrive, RecordMapper::pipedriveFieldSpecs(*policy));
        if (!self->m_budget) {
            self->m_budget = std::make_unique<PipedriveBudget>(
                self->m_config.pipedrive.burstLimit, self->m_config.pipedrive.dailyTokenBudget, self->m_config.clock);
        }
        self->m_pipedrive->setBudget(self->m_budget.get());
        self->m_ostendo = std::make_unique<OstendoClient>(self->m_ostendoTransport.get(), self->m_config.ostendo,
                                                          RecordMapper::ostendoMapping(*policy));
        SyncRunOptions options = self->m_config.run;
        options.full = full;
        options.dryRun = dryRun;
        const Clock &clock = self->m_config.clock ? *self->m_config.clock : Clock::current();
        auto *run = new SyncRun(self->m_pipedrive.get(), self->m_ostendo.get(), self->m_store.get(), *policy, options,
                                clock, self);
        run->setTransports(self->m_pipedriveTransport.get(), self->m_ostendoTransport.get());
        self->m_run = run;
        self->m_starting = false;
        connect(run, &SyncRun::progressChanged, self, &SyncEngine::progressChanged);
        connect(run, &SyncRun::conflictsChanged, self, &SyncEngine::conflictsChanged);
        connect(run, &SyncRun::recordsChanged, self, &SyncEngine::recordsChanged);
        connect(run, &SyncRun::finished, self, &SyncEngine::onRunFinished);
        emit self->runStarted(run->runId());
        run->start();
    });
}

void SyncEngine::onRunFinished(const RunSummary &summary)
{
    if (m_pipedrive && m_pipedrive->budget()) {
        const PipedriveBudget *budget = m_pipedrive->budget();
        BudgetSnapshot snapshot;
        snapshot.dailyLimit = budget->dailyTokenBudget();
        snapshot.dailyUsed = budget->tokensUsedToday();
        snapshot.burstLimit = budget->burstLimit();
        snapshot.burstRemaining = budget->burstRemaining();
        snapshot.at = summary.finishedAt;
        emit budgetChanged(snapshot);
    }
    if (m_run) {
        m_run->deleteLater();
    }
    m_run = nullptr;
    emit runFinished(summary);
    if (m_again) {
        m_again = false;
        QTimer::singleShot(0, this, [this] { syncNow(); });
    }
}

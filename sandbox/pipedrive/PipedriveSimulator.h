// A simulated Pipedrive company behind API v2 (and the few v1 endpoints TurfDrive needs), with rate limits, fault
// injection and an in-process control API for tests and scenarios; /_sim/... offers the same control over HTTP.
#pragma once

#include "PipedriveClock.h"
#include "PipedriveEntity.h"
#include "PipedriveFaultInjector.h"
#include "PipedriveFieldRegistry.h"
#include "PipedriveRateLimiter.h"
#include "PipedriveRequestLogEntry.h"
#include "PipedriveStore.h"
#include "common/SimTypes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <memory>

class PipedriveControlApi;

class PipedriveSimulator : public SimService
{
public:
    // What GET /{entity}/{id} answers for a soft-deleted record: the reference leaves it open.
    enum class DeletedGet
    {
        NotFound,
        Flagged
    };

    explicit PipedriveSimulator(quint32 seed = 1);
    ~PipedriveSimulator() override;

    SimResponse handle(const SimRequest &request) override;

    // --- accounts
    // A token that the API accepts (x-api-token, or Authorization: Bearer for OAuth). The plan is the company's:
    // it sets the burst limit and the daily budget for every token.
    void addApiToken(const QByteArray &token, const QString &plan = QStringLiteral("growth"));
    void removeApiToken(const QByteArray &token);
    // Accepts any non-empty token (the sandbox a newcomer runs with whatever token the settings hold); rate limits
    // still apply per token.
    void setAcceptAnyToken(bool accept, const QString &plan = QStringLiteral("growth"));
    QString companyDomain() const { return m_companyDomain; }

    // --- time
    PipedriveClock &clock() { return m_clock; }
    void setNow(const QDateTime &utc) { m_clock.setNow(utc); }
    void advanceSeconds(qint64 seconds) { m_clock.advanceSeconds(seconds); }

    // --- data, as a Pipedrive user would change it in the web app (no token cost, not rate limited)
    // An empty company: the default pipeline, no custom fields, no records. Tokens and knobs stay.
    void resetAccount();
    // Deterministic NZ landscaping demo data: the TurfDrive custom fields, a "Landscaping" pipeline, and the
    // given number of organizations and deals. The same seed always gives the same data.
    void seedDemo(quint32 seed, int organizations, int deals);
    QString ensureCustomField(PipedriveEntity entity, const QString &name, const QString &type,
                              const QStringList &optionLabels = {});
    QString customFieldKey(PipedriveEntity entity, const QString &name) const;
    qint64 addPipeline(const QString &name, const QStringList &stageNames);
    qint64 stageId(const QString &name) const; // first stage of that name, 0 when none

    // `fields` take standard keys (title, value, org_id, address as a string or object, ...), custom fields by
    // name or key (at the top level or in custom_fields), and optionally add_time / update_time (RFC 3339) to
    // set history explicitly. Returns the new id, or 0 with `error` set.
    qint64 createOrganization(const QJsonObject &fields, QString *error = nullptr);
    bool editOrganization(qint64 id, const QJsonObject &changes, QString *error = nullptr);
    bool deleteOrganization(qint64 id);
    qint64 createDeal(const QJsonObject &fields, QString *error = nullptr);
    bool editDeal(qint64 id, const QJsonObject &changes, QString *error = nullptr);
    bool deleteDeal(qint64 id);
    bool archiveDeal(qint64 id, bool archived = true);

    // The record in its API v2 shape, deleted ones included until purged; empty when there is none.
    QJsonObject organization(qint64 id) const;
    QJsonObject deal(qint64 id) const;
    QJsonArray allOrganizations() const;
    QJsonArray allDeals() const;

    // --- observation
    qint64 tokensUsedToday() const { return m_limiter.tokensUsedToday(); }
    QList<PipedriveRequestLogEntry> requestLog() const { return m_log; }
    void clearRequestLog() { m_log.clear(); }
    QJsonObject stateSummary() const;

    // --- knobs
    void setSearchIndexDelaySeconds(int seconds) { m_searchDelaySecs = seconds; }
    int searchIndexDelaySeconds() const { return m_searchDelaySecs; }
    void setDeletedGet(DeletedGet behaviour) { m_deletedGet = behaviour; }
    // The spec documents 200 for a create; the reference leaves 201 open, so clients are tested with both.
    void setCreateStatus(int status) { m_createStatus = status; }
    // The request log keeps the newest entries up to this many (a sandbox can run for days).
    void setRequestLogLimit(int entries) { m_logLimit = entries; }
    void addFault(const PipedriveFaultInjector::Rule &rule) { m_faults.add(rule); }
    void clearFaults() { m_faults.clear(); }
    PipedriveFaultInjector &faults() { return m_faults; }
    PipedriveRateLimiter &rateLimiter() { return m_limiter; }

    // Used by the control API and the demo generator.
    PipedriveFieldRegistry &fieldRegistry() { return m_fields; }
    PipedriveStore &store() { return m_store; }

private:
    struct Route;
    using Handler = SimResponse (PipedriveSimulator::*)(const SimRequest &, const Route &);
    struct Route
    {
        QString operation;
        int cost = 0;
        bool search = false;
        bool v1 = false;
        Handler handler = nullptr;
        PipedriveEntity entity = PipedriveEntity::Organization;
        QString idText; // the {id} or {field_code} of the path
    };

    bool resolve(const QByteArray &method, const QString &path, Route *route, bool *pathKnown) const;
    SimResponse serve(const SimRequest &request, PipedriveRequestLogEntry &entry);

    SimResponse listEntities(const SimRequest &request, const Route &route);
    SimResponse listArchivedDeals(const SimRequest &request, const Route &route);
    SimResponse getEntity(const SimRequest &request, const Route &route);
    SimResponse createEntity(const SimRequest &request, const Route &route);
    SimResponse updateEntity(const SimRequest &request, const Route &route);
    SimResponse deleteEntity(const SimRequest &request, const Route &route);
    SimResponse listFields(const SimRequest &request, const Route &route);
    SimResponse listFieldsV1(const SimRequest &request, const Route &route);
    SimResponse getField(const SimRequest &request, const Route &route);
    SimResponse createField(const SimRequest &request, const Route &route);
    SimResponse listStages(const SimRequest &request, const Route &route);
    SimResponse getStage(const SimRequest &request, const Route &route);
    SimResponse listPipelines(const SimRequest &request, const Route &route);
    SimResponse getPipeline(const SimRequest &request, const Route &route);
    SimResponse searchByField(const SimRequest &request, const Route &route);
    SimResponse usersMe(const SimRequest &request, const Route &route);

    SimResponse listRecords(const SimRequest &request, PipedriveEntity entity, bool archivedOnly);
    // Turns user-style input (custom fields by name, address as text, explicit times) into a validated write.
    bool applyUserWrite(PipedriveEntity entity, qint64 id, const QJsonObject &input, qint64 *newId, QString *error);

    PipedriveClock m_clock;
    PipedriveFieldRegistry m_fields;
    PipedriveStore m_store;
    PipedriveRateLimiter m_limiter;
    PipedriveFaultInjector m_faults;
    std::unique_ptr<PipedriveControlApi> m_control;
    QHash<QByteArray, bool> m_tokens; // token -> accepted
    bool m_acceptAnyToken = false;
    int m_createStatus = 200;
    int m_logLimit = 20000;
    QList<PipedriveRequestLogEntry> m_log;
    QString m_companyDomain = QStringLiteral("greenscape-sandbox");
    int m_searchDelaySecs = 0;
    DeletedGet m_deletedGet = DeletedGet::NotFound;
    quint64 m_correlation = 0;
    qint64 m_lastPurgeSecs = -1;
};

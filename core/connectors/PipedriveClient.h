// The Pipedrive API v2 client: organizations, deals, stages, custom fields and field search over the HTTP
// transport seam, with pacing, classified errors, read retries and no blind resend of a create.
#pragma once

#include "ConnectorError.h"
#include "HttpTransport.h"
#include "PipedriveBudget.h"
#include "PipedriveCodec.h"
#include "PipedriveConfig.h"
#include "PipedriveDeal.h"
#include "PipedriveDealChanges.h"
#include "PipedriveFieldDefinition.h"
#include "PipedriveFieldSpec.h"
#include "PipedriveOrganization.h"
#include "PipedriveOrganizationChanges.h"
#include "PipedriveResult.h"
#include "PipedriveStage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <functional>

// Every call is asynchronous and ends in exactly one callback, later, from the event loop of the client's thread.
// Nothing here spins an event loop or sleeps: waits for pacing and back-off are timers. Deleting the client drops
// the callbacks of calls still pending (the engine stopping mid-run).
class PipedriveClient : public QObject
{
    Q_OBJECT
public:
    template <typename T> using Callback = std::function<void(const PipedriveResult<T> &)>;
    // Schedules `then` after ms milliseconds. The default is a QTimer; simulations pass one that moves a
    // ManualClock instead of waiting.
    using DelayFunction = std::function<void(qint64 ms, std::function<void()> then)>;

    // Which deals a list returns. Active is Pipedrive's default (not deleted, not archived).
    enum class DealScope
    {
        Active,
        Deleted,
        ActiveAndDeleted
    };

    struct ListOptions
    {
        QDateTime updatedSince; // invalid: a full list (sorted by id); valid: incremental, sorted by update_time
        QDateTime updatedUntil; // optional exclusive upper bound
        DealScope dealScope = DealScope::Active;
    };

    // The transport is not owned. fieldSpecs are the custom fields to map (names from the policy).
    PipedriveClient(HttpTransport *transport, const PipedriveConfig &config,
                    const QList<PipedriveFieldSpec> &fieldSpecs, QObject *parent = nullptr);
    ~PipedriveClient() override;

    // Share one budget between clients of the same account (not owned); nullptr returns to the client's own.
    void setBudget(PipedriveBudget *budget);
    PipedriveBudget *budget() const { return m_budget; }
    void setDelayFunction(DelayFunction delay);

    // Custom fields: discover reads organizationFields and dealFields and maps the wanted names to keys. After it,
    // missingFields() names what is absent, and createMissingFields() creates those (setup --create-fields).
    void discoverFields(Callback<bool> done);
    bool fieldsDiscovered() const { return m_fieldsDiscovered; }
    QList<PipedriveFieldSpec> missingFields() const;
    // Why a field that exists by name was not used (its type cannot hold the value), one sentence each.
    QStringList fieldProblems() const { return m_fieldProblems; }
    void createMissingFields(Callback<QList<PipedriveFieldDefinition>> done);
    const PipedriveCodec::FieldsByName &organizationFields() const { return m_orgFields; }
    const PipedriveCodec::FieldsByName &dealFields() const { return m_dealFields; }
    // For tests and for a store that remembers keys: use these mappings without asking Pipedrive.
    void setFieldMappings(const PipedriveCodec::FieldsByName &organization, const PipedriveCodec::FieldsByName &deal);

    // Organizations.
    void listOrganizations(const ListOptions &options, Callback<QList<PipedriveOrganization>> done);
    void getOrganization(qint64 id, Callback<PipedriveOrganization> done);
    // A create is sent once: a lost answer gives UnknownOutcome, and the caller searches before trying again.
    void createOrganization(const PipedriveOrganizationChanges &changes, Callback<PipedriveOrganization> done);
    void updateOrganization(qint64 id, const PipedriveOrganizationChanges &changes,
                            Callback<PipedriveOrganization> done);
    void deleteOrganization(qint64 id, Callback<qint64> done);

    // Deals.
    void listDeals(const ListOptions &options, Callback<QList<PipedriveDeal>> done);
    void listArchivedDeals(const ListOptions &options, Callback<QList<PipedriveDeal>> done);
    void getDeal(qint64 id, Callback<PipedriveDeal> done);
    void createDeal(const PipedriveDealChanges &changes, Callback<PipedriveDeal> done);
    void updateDeal(qint64 id, const PipedriveDealChanges &changes, Callback<PipedriveDeal> done);
    void deleteDeal(qint64 id, Callback<qint64> done);

    void listStages(Callback<QList<PipedriveStage>> done);

    // The ids of records whose custom field (by name) equals term exactly (itemSearch/field, case-sensitive).
    void findByCustomField(PipedriveFieldSpec::Entity entity, const QString &fieldName, const QString &term,
                           Callback<QList<qint64>> done);

    // After a create with an unknown outcome: the ids of records whose custom field (by name) holds the carried
    // value. Search indexes lag behind writes, so it first lists what changed since the journalled intent
    // (lists are consistent); only when that finds nothing and the intent is older than searchAfterMs, or there
    // is no intent time, does it fall back to itemSearch/field. An empty answer means: not created, safe to send.
    void findCreated(PipedriveFieldSpec::Entity entity, const QString &fieldName, const QString &carriedValue,
                     const QDateTime &intentTime, Callback<QList<qint64>> done, qint64 searchAfterMs = 3600 * 1000);

    // The bodies the client would send for these changes, for dry runs and the contract check.
    QJsonObject organizationBody(const PipedriveOrganizationChanges &changes, bool forCreate, QString *problem) const;
    QJsonObject dealBody(const PipedriveDealChanges &changes, bool forCreate, QString *problem) const;

    quint64 requestCount() const { return m_requests; }

private:
    enum class Kind
    {
        List,
        Get,
        Create,
        Update,
        Delete,
        Search
    };

    struct Call
    {
        QByteArray method = "GET";
        QString path; // under /api/v2, e.g. "/deals/12"
        QUrlQuery query;
        QByteArray body;
        Kind kind = Kind::Get;
        int attempt = 1;
        int rateLimitWaits = 0;
    };
    // The envelope of a successful answer (success:true, data present), or the error.
    using RawCallback = std::function<void(const ConnectorError &error, const QJsonObject &envelope)>;
    using PagesCallback = std::function<void(const ConnectorError &error, const QJsonArray &items)>;

    void execute(Call call, RawCallback done);
    void sendNow(Call call, RawCallback done);
    void handleResponse(Call call, const HttpResponse &response, RawCallback done);
    void fetchAllPages(Call call, PagesCallback done, QJsonArray collected = {}, QString previousCursor = {});
    void later(qint64 ms, std::function<void()> then);

    HttpRequest buildRequest(const Call &call) const;
    ConnectorError classify(const Call &call, const HttpResponse &response, QJsonObject *envelope) const;
    QString describe(const Call &call) const; // "GET /api/v2/deals": for messages, never with query or token

    void listDealsAt(const QString &path, const ListOptions &options, Callback<QList<PipedriveDeal>> done);
    void applyListOptions(Call &call, const ListOptions &options) const;
    void writeOrganization(Call call, const PipedriveOrganizationChanges &changes, bool forCreate,
                           Callback<PipedriveOrganization> done);
    void writeDeal(Call call, const PipedriveDealChanges &changes, bool forCreate, Callback<PipedriveDeal> done);
    void deleteEntity(const QString &path, Callback<qint64> done);
    void loadFieldsOf(PipedriveFieldSpec::Entity entity, std::function<void(const ConnectorError &)> done);
    void createFieldsFrom(QList<PipedriveFieldSpec> pending, QList<PipedriveFieldDefinition> created,
                          Callback<QList<PipedriveFieldDefinition>> done);

    HttpTransport *m_transport;
    PipedriveConfig m_config;
    QList<PipedriveFieldSpec> m_fieldSpecs;
    PipedriveBudget *m_ownBudget;
    PipedriveBudget *m_budget;
    DelayFunction m_delay;
    QRandomGenerator m_random;
    PipedriveCodec::FieldsByName m_orgFields;
    PipedriveCodec::FieldsByName m_dealFields;
    bool m_tokenUsable = false;
    bool m_fieldsDiscovered = false;
    QStringList m_fieldProblems;
    quint64 m_requests = 0;
};

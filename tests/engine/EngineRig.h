// Test rig: the real sync engine against both simulators, in process or over loopback HTTP, with a scratch store.
#pragma once

#include "common/SimHttpServer.h"
#include "connectors/HttpTransport.h"
#include "connectors/OstendoClient.h"
#include "connectors/PipedriveClient.h"
#include "engine/SyncRun.h"
#include "engine/SyncRunOptions.h"
#include "model/Policy.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"
#include "store/SyncStore.h"
#include "util/Clock.h"

#include "TestSupport.h"
#include <QJsonObject>
#include <QVariantMap>
#include <memory>

class EngineRig
{
public:
    enum class Mode
    {
        InProcess,
        Loopback
    };

    static const QByteArray PipedriveToken;
    static const QString OstendoTable;
    static const QString JobTable;

    explicit EngineRig(Mode mode = Mode::InProcess);
    ~EngineRig();

    // The custom fields the default policy maps and a pipeline with the demo stages.
    void prepareEmptyCompany();
    // Rebuilds the clients (after changing configs), as a restarted process would.
    void rebuildClients();

    // Runs one sync to its end and returns the summary; fails the calling test on a hang.
    RunSummary sync(bool dryRun = false, bool full = false);

    // Moves every clock (both simulators and the engine) forward, as time passing between runs.
    void advance(qint64 seconds);

    // What a person does in each system's user interface.
    qint64 addOrganization(const QJsonObject &fields);
    qint64 addDeal(const QJsonObject &fields);
    qint64 addCustomer(const QVariantMap &values);
    qint64 addJob(const QVariantMap &values);
    // How the test harnesses compare one field's values across the systems, on their own and not with the engine's
    // Normaliser, so a mistake there cannot hide on both sides: phone digits, money to the cent, a date's day, text
    // without case or surplus spaces.
    static QString comparable(const QString &field, const QString &value);
    // The deal status an Ostendo job status stands for (DESIGN §2 status map), as the harnesses read it on their own;
    // empty for no status.
    static QString dealStatusOf(const QString &jobStatus);
    // An Ostendo customer's delivery address as one line, its filled parts joined by ", ".
    static QString deliveryAddress(const QVariantMap &row);

    // A quoted maintenance job, as Ostendo's screens make one under an existing customer.
    qint64 addQuotedJob(const QString &number, const QString &customerName, const QString &title, double value);
    void editOrganization(qint64 id, const QJsonObject &changes);
    void editDeal(qint64 id, const QJsonObject &changes);
    void editCustomer(qint64 key, const QVariantMap &values);
    void editJob(qint64 key, const QVariantMap &values);

    QJsonObject organization(qint64 id) const { return pipedrive.organization(id); }
    QJsonObject deal(qint64 id) const { return pipedrive.deal(id); }
    QString orgCustom(qint64 id, const QString &name) const;
    QString dealCustom(qint64 id, const QString &name) const;
    QVariantMap customer(qint64 key) const { return ostendo.row(0, OstendoTable, key); }
    QVariantMap job(qint64 key) const { return ostendo.row(0, JobTable, key); }
    QList<QVariantMap> customers() const { return ostendo.rows(0, OstendoTable); }
    QList<QVariantMap> jobs() const { return ostendo.rows(0, JobTable); }
    int liveOrganizationCount() const;
    int liveDealCount() const;
    // Organizations whose carried-id custom field holds this Ostendo key.
    QList<qint64> organizationsCarrying(const QString &ostendoKey) const;

    Mode mode;
    PipedriveSimulator pipedrive;
    OstendoSimulator ostendo;
    std::unique_ptr<SimHttpServer> pipedriveServer;
    std::unique_ptr<SimHttpServer> ostendoServer;
    std::unique_ptr<HttpTransport> pipedriveTransport;
    std::unique_ptr<HttpTransport> ostendoTransport;
    PipedriveConfig pipedriveConfig;
    OstendoConfig ostendoConfig;
    std::unique_ptr<PipedriveClient> pipedriveClient;
    std::unique_ptr<OstendoClient> ostendoClient;
    TestSupport::ScratchDir dir;
    SyncStore store;
    Policy policy;
    ManualClock clock;
    SyncRunOptions options;
    QList<SyncProgress> progress; // of the last sync

private:
    void makeTransports();
};

#include "EngineRig.h"

#include "bridge/SandboxBridge.h"
#include "connectors/InProcessTransport.h"
#include "connectors/NetworkTransport.h"
#include "engine/RecordMapper.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

const QByteArray EngineRig::PipedriveToken("rig-pipedrive-token-5f1e2d3c");
const QString EngineRig::OstendoTable = QStringLiteral("CUSTOMERMASTER");
const QString EngineRig::JobTable = QStringLiteral("JOBHEADER");

namespace {
const QDateTime kStart(QDate(2026, 3, 2), QTime(20, 0), Qt::UTC);
}

EngineRig::EngineRig(Mode m)
    : mode(m)
    , pipedrive(7)
    , policy(Policy::defaultPolicy())
    , clock(kStart)
{
    pipedrive.addApiToken(PipedriveToken, QStringLiteral("growth"));
    pipedrive.setNow(kStart);
    // The simulator's clock only moves when told: the burst window must not fill up over a whole test.
    pipedrive.rateLimiter().setBurstLimit(100000);
    pipedrive.rateLimiter().setSearchBurstLimit(100000);
    pipedrive.rateLimiter().setDailyBudget(1000000000);

    ostendo.enableConfiguration(0);
    ostendo.addKey(OstendoSimulator::demoKey());
    ostendo.clock().setTimeZone(QByteArrayLiteral("Pacific/Auckland"));
    ostendo.clock().setNow(kStart);

    store.open(dir.filePath(QStringLiteral("state.db")));

    pipedriveConfig.apiToken = QString::fromLatin1(PipedriveToken);
    pipedriveConfig.burstLimit = 100000;
    pipedriveConfig.dailyTokenBudget = 1000000000;
    pipedriveConfig.randomSeed = 11;
    pipedriveConfig.readRetry.maxAttempts = 2;
    pipedriveConfig.readRetry.baseDelayMs = 10;
    pipedriveConfig.writeTimeoutMs = 3000;
    pipedriveConfig.readTimeoutMs = 3000;
    pipedriveConfig.listTimeoutMs = 10000;
    ostendoConfig.apiKey = OstendoSimulator::demoKey().key;
    ostendoConfig.configuration = 0;
    ostendoConfig.serverTimeZone = QTimeZone(QByteArrayLiteral("Pacific/Auckland"));
    ostendoConfig.readTimeoutMs = 5000;
    ostendoConfig.writeTimeoutMs = 3000;
    makeTransports();
    rebuildClients();
}

EngineRig::~EngineRig()
{
    ostendoClient.reset();
    pipedriveClient.reset();
    pipedriveTransport.reset();
    ostendoTransport.reset();
}

void EngineRig::makeTransports()
{
    if (mode == Mode::InProcess) {
        pipedriveConfig.baseUrl = QUrl(QStringLiteral("http://pipedrive.sandbox"));
        ostendoConfig.baseUrl = QUrl(QStringLiteral("http://ostendo.sandbox:235"));
        pipedriveTransport = std::make_unique<InProcessTransport>(SandboxBridge::handlerFor(&pipedrive));
        ostendoTransport = std::make_unique<InProcessTransport>(SandboxBridge::handlerFor(&ostendo));
        return;
    }
    pipedriveServer = std::make_unique<SimHttpServer>(&pipedrive);
    ostendoServer = std::make_unique<SimHttpServer>(&ostendo);
    const quint16 pdPort = pipedriveServer->listenOnLoopback();
    const quint16 osPort = ostendoServer->listenOnLoopback();
    if (!pdPort || !osPort) {
        qFatal("could not listen on loopback");
    }
    pipedriveConfig.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(pdPort));
    ostendoConfig.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(osPort));
    pipedriveTransport = std::make_unique<NetworkTransport>();
    ostendoTransport = std::make_unique<NetworkTransport>();
}

void EngineRig::rebuildClients()
{
    ostendoClient.reset();
    pipedriveClient.reset();
    pipedriveClient = std::make_unique<PipedriveClient>(pipedriveTransport.get(), pipedriveConfig,
                                                        RecordMapper::pipedriveFieldSpecs(policy));
    ostendoClient =
        std::make_unique<OstendoClient>(ostendoTransport.get(), ostendoConfig, RecordMapper::ostendoMapping(policy));
    RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.baseDelayMs = 10;
    ostendoClient->setRetryPolicy(fast);
}

void EngineRig::prepareEmptyCompany()
{
    for (const PipedriveFieldSpec &spec : RecordMapper::pipedriveFieldSpecs(policy)) {
        pipedrive.ensureCustomField(spec.entity == PipedriveFieldSpec::Entity::Deal ? PipedriveEntity::Deal
                                                                                    : PipedriveEntity::Organization,
                                    spec.name, spec.type);
    }
    pipedrive.addPipeline(QStringLiteral("Landscaping"), {QStringLiteral("Enquiry"), QStringLiteral("Site visit"),
                                                          QStringLiteral("Quote sent"), QStringLiteral("Negotiation")});
}

RunSummary EngineRig::sync(bool dryRun, bool full)
{
    SyncRunOptions o = options;
    o.dryRun = dryRun;
    o.full = o.full || full;
    SyncRun run(pipedriveClient.get(), ostendoClient.get(), &store, policy, o, clock);
    run.setTransports(pipedriveTransport.get(), ostendoTransport.get());
    progress.clear();
    QObject::connect(&run, &SyncRun::progressChanged, &run, [this](const SyncProgress &p) { progress << p; });
    QSignalSpy finished(&run, &SyncRun::finished);
    run.start();
    if (!finished.wait(120000)) {
        qFatal("the sync run never finished");
    }
    return run.summary();
}

void EngineRig::advance(qint64 seconds)
{
    pipedrive.advanceSeconds(seconds);
    ostendo.clock().advance(seconds);
    clock.advanceMs(seconds * 1000);
}

qint64 EngineRig::addOrganization(const QJsonObject &fields)
{
    QString error;
    const qint64 id = pipedrive.createOrganization(fields, &error);
    if (!id) {
        qFatal("organization not created: %s", qPrintable(error));
    }
    return id;
}

qint64 EngineRig::addDeal(const QJsonObject &fields)
{
    QString error;
    const qint64 id = pipedrive.createDeal(fields, &error);
    if (!id) {
        qFatal("deal not created: %s", qPrintable(error));
    }
    return id;
}

qint64 EngineRig::addCustomer(const QVariantMap &values)
{
    QString error;
    QVariantMap v = values;
    if (!v.contains(QStringLiteral("CUSTOMERSTATUS"))) {
        v.insert(QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active"));
    }
    const qint64 key = ostendo.insertRow(0, OstendoTable, v, QStringLiteral("ADMIN"), &error);
    if (!key) {
        qFatal("customer not created: %s", qPrintable(error));
    }
    return key;
}

qint64 EngineRig::addJob(const QVariantMap &values)
{
    QString error;
    const qint64 key = ostendo.insertRow(0, JobTable, values, QStringLiteral("ADMIN"), &error);
    if (!key) {
        qFatal("job not created: %s", qPrintable(error));
    }
    return key;
}

QString EngineRig::comparable(const QString &field, const QString &value)
{
    if (field == QLatin1String("phone")) {
        QString digits;
        for (const QChar c : value) {
            if (c.isDigit()) {
                digits += c;
            }
        }
        return digits;
    }
    if (field == QLatin1String("value")) {
        return QString::number(std::round(value.toDouble() * 100) / 100, 'f', 2);
    }
    if (field == QLatin1String("dates")) {
        return value.left(10); // a date, whatever time of day either side attaches
    }
    return value.simplified().toLower();
}

QString EngineRig::dealStatusOf(const QString &jobStatus)
{
    if (jobStatus.isEmpty()) {
        return {};
    }
    if (jobStatus == QLatin1String("Quoted")) {
        return QStringLiteral("open");
    }
    if (jobStatus == QLatin1String("Cancelled")) {
        return QStringLiteral("lost");
    }
    return QStringLiteral("won");
}

QString EngineRig::deliveryAddress(const QVariantMap &row)
{
    QStringList parts;
    for (const char *column : {"DELIVERYADDRESS1", "DELIVERYADDRESS2", "DELIVERYCITY", "DELIVERYPOSTALCODE"}) {
        const QString part = row.value(QLatin1String(column)).toString().trimmed();
        if (!part.isEmpty()) {
            parts << part;
        }
    }
    return parts.join(QStringLiteral(", "));
}

qint64 EngineRig::addQuotedJob(const QString &number, const QString &customerName, const QString &title, double value)
{
    return addJob({{QStringLiteral("ORDERNUMBER"), number},
                   {QStringLiteral("ORDERSTATUS"), QStringLiteral("Quoted")},
                   {QStringLiteral("DESCRIPTION"), title},
                   {QStringLiteral("CUSTOMER"), customerName},
                   {QStringLiteral("ORDERVALUE"), value},
                   {QStringLiteral("JOBTYPE"), QStringLiteral("Maintenance")}});
}

void EngineRig::editOrganization(qint64 id, const QJsonObject &changes)
{
    QString error;
    if (!pipedrive.editOrganization(id, changes, &error)) {
        qFatal("organization not edited: %s", qPrintable(error));
    }
}

void EngineRig::editDeal(qint64 id, const QJsonObject &changes)
{
    QString error;
    if (!pipedrive.editDeal(id, changes, &error)) {
        qFatal("deal not edited: %s", qPrintable(error));
    }
}

void EngineRig::editCustomer(qint64 key, const QVariantMap &values)
{
    QString error;
    if (!ostendo.editRow(0, OstendoTable, key, values, QStringLiteral("ADMIN"), &error)) {
        qFatal("customer not edited: %s", qPrintable(error));
    }
}

void EngineRig::editJob(qint64 key, const QVariantMap &values)
{
    QString error;
    if (!ostendo.editRow(0, JobTable, key, values, QStringLiteral("ADMIN"), &error)) {
        qFatal("job not edited: %s", qPrintable(error));
    }
}

QString EngineRig::orgCustom(qint64 id, const QString &name) const
{
    const QString key = pipedrive.customFieldKey(PipedriveEntity::Organization, name);
    const QJsonValue v = pipedrive.organization(id).value(QStringLiteral("custom_fields")).toObject().value(key);
    return v.isDouble() ? QString::number(v.toDouble(), 'f', 0) : v.toString();
}

QString EngineRig::dealCustom(qint64 id, const QString &name) const
{
    const QString key = pipedrive.customFieldKey(PipedriveEntity::Deal, name);
    const QJsonValue v = pipedrive.deal(id).value(QStringLiteral("custom_fields")).toObject().value(key);
    return v.isDouble() ? QString::number(v.toDouble(), 'f', 0) : v.toString();
}

int EngineRig::liveOrganizationCount() const
{
    int n = 0;
    for (const QJsonValue &v : pipedrive.allOrganizations()) {
        n += v.toObject().value(QStringLiteral("is_deleted")).toBool() ? 0 : 1;
    }
    return n;
}

int EngineRig::liveDealCount() const
{
    int n = 0;
    for (const QJsonValue &v : pipedrive.allDeals()) {
        n += v.toObject().value(QStringLiteral("is_deleted")).toBool() ? 0 : 1;
    }
    return n;
}

QList<qint64> EngineRig::organizationsCarrying(const QString &ostendoKey) const
{
    QList<qint64> ids;
    const QString key = pipedrive.customFieldKey(PipedriveEntity::Organization, QStringLiteral("Ostendo Customer ID"));
    for (const QJsonValue &v : pipedrive.allOrganizations()) {
        const QJsonObject o = v.toObject();
        const QJsonValue carried = o.value(QStringLiteral("custom_fields")).toObject().value(key);
        const QString text = carried.isDouble() ? QString::number(carried.toDouble(), 'f', 0) : carried.toString();
        if (text == ostendoKey && !o.value(QStringLiteral("is_deleted")).toBool()) {
            ids << qint64(o.value(QStringLiteral("id")).toDouble());
        }
    }
    return ids;
}

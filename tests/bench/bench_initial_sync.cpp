// Benchmark: an initial sync of N customers and N work items (10,000 each by default) that exist only in Ostendo,
// against both simulators served on loopback HTTP, with the engine on its worker thread as the app runs it.
// Prints requests per system against the minimum possible, wall time and peak memory. Not a test: no pass/fail.
//
//   bench_initial_sync [RECORDS] [matched|incremental]
//
// With "matched", Pipedrive already holds the same records and both sides carry each other's ids, as after a lost
// state database: the run must pair everything by carried id and write nothing. With "incremental", that first run
// is not measured; a tenth of the organizations then change in Pipedrive and the next run is measured.
#include "common/SimHttpServer.h"
#include "engine/RecordMapper.h"
#include "engine/SyncService.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

namespace {
const QByteArray Token("bench-token-7f3e9a1c");

// The process's peak resident set (VmHWM), in MiB: the engine and both simulators together.
double peakMemoryMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return -1;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.*.info=false"));
    const int records = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const QByteArray mode = argc > 2 ? QByteArray(argv[2]) : QByteArray();
    const bool incremental = mode == "incremental";
    const bool matched = mode == "matched" || incremental;
    QTextStream out(stdout);

    PipedriveSimulator pipedrive(9);
    pipedrive.addApiToken(Token, QStringLiteral("ultimate"));
    pipedrive.rateLimiter().setBurstLimit(1000000);
    pipedrive.rateLimiter().setDailyBudget(1000000000);
    pipedrive.setRequestLogLimit(100);
    for (const PipedriveFieldSpec &spec : RecordMapper::pipedriveFieldSpecs(Policy::defaultPolicy())) {
        pipedrive.ensureCustomField(spec.entity == PipedriveFieldSpec::Entity::Deal ? PipedriveEntity::Deal
                                                                                    : PipedriveEntity::Organization,
                                    spec.name, spec.type);
    }
    pipedrive.addPipeline(QStringLiteral("Landscaping"), {QStringLiteral("Enquiry"), QStringLiteral("Quote Sent")});
    OstendoSimulator ostendo;
    ostendo.enableConfiguration(0);
    ostendo.addKey(OstendoSimulator::demoKey());
    QElapsedTimer seeding;
    seeding.start();
    const qint64 stage = pipedrive.stageId(QStringLiteral("Enquiry"));
    // History as people made it: one record a minute, the last an hour before the sync, in both systems' clocks.
    const QDateTime history(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
    for (int i = 0; i < records; ++i) {
        pipedrive.setNow(history.addSecs(60LL * i));
        ostendo.clock().setNow(history.addSecs(60LL * i));
        const QString name = QStringLiteral("Benchmark Customer %1").arg(i);
        const QString phone = QStringLiteral("09 555 %1").arg(i % 10000, 4, 10, QLatin1Char('0'));
        const QString email = QStringLiteral("office%1@example.co.nz").arg(i);
        const QString street = QStringLiteral("%1 Queen Street").arg(i % 300 + 1);
        const QString title = QStringLiteral("Lawn renovation %1").arg(i);
        const QString jobNumber = QStringLiteral("J%1").arg(100000 + i);
        const double value = 1000.0 + i;
        const bool won = i % 3 == 0;
        qint64 orgId = 0;
        qint64 dealId = 0;
        if (matched) {
            orgId = pipedrive.createOrganization(
                QJsonObject{{QStringLiteral("name"), name},
                            {QStringLiteral("Phone"), phone},
                            {QStringLiteral("Email"), email},
                            {QStringLiteral("address"), QString(street + QStringLiteral(", Auckland 1010"))},
                            {QStringLiteral("Ostendo Status"), QStringLiteral("Active")}});
            dealId = pipedrive.createDeal(
                QJsonObject{{QStringLiteral("title"), title},
                            {QStringLiteral("org_id"), double(orgId)},
                            {QStringLiteral("value"), value},
                            {QStringLiteral("status"), won ? QStringLiteral("won") : QStringLiteral("open")},
                            {QStringLiteral("stage_id"), double(stage)},
                            {QStringLiteral("Project Type"), QStringLiteral("Maintenance")},
                            {QStringLiteral("Ostendo Job Number"), jobNumber}});
        }
        const qint64 key =
            ostendo.insertRow(0, QStringLiteral("CUSTOMERMASTER"),
                              {{QStringLiteral("CUSTOMER"), name},
                               {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")},
                               {QStringLiteral("CUSTOMERPHONE"), phone},
                               {QStringLiteral("CUSTOMEREMAIL"), email},
                               {QStringLiteral("DELIVERYADDRESS1"), street},
                               {QStringLiteral("DELIVERYCITY"), QStringLiteral("Auckland")},
                               {QStringLiteral("DELIVERYPOSTALCODE"), QStringLiteral("1010")},
                               {QStringLiteral("ADDITIONALFIELD_1"), orgId ? QString::number(orgId) : QString()}});
        ostendo.insertRow(0, QStringLiteral("JOBHEADER"),
                          {{QStringLiteral("ORDERNUMBER"), jobNumber},
                           {QStringLiteral("ORDERSTATUS"), won ? QStringLiteral("Approved") : QStringLiteral("Quoted")},
                           {QStringLiteral("DESCRIPTION"), title},
                           {QStringLiteral("CUSTOMER"), name},
                           {QStringLiteral("ORDERVALUE"), value},
                           {QStringLiteral("JOBTYPE"), QStringLiteral("Maintenance")},
                           {QStringLiteral("REQUIREDDATE"), QVariant()},
                           {QStringLiteral("ADDITIONALFIELD_2"), QStringLiteral("Enquiry")},
                           {QStringLiteral("ADDITIONALFIELD_1"), dealId ? QString::number(dealId) : QString()}});
        if (matched) {
            pipedrive.editOrganization(orgId,
                                       QJsonObject{{QStringLiteral("Ostendo Customer ID"), QString::number(key)}});
        }
    }
    pipedrive.setNow(history.addSecs(60LL * records + 3600));
    ostendo.clock().setNow(history.addSecs(60LL * records + 3600));
    const qint64 seedMs = seeding.elapsed();
    SimHttpServer pipedriveServer(&pipedrive);
    SimHttpServer ostendoServer(&ostendo);
    const quint16 pdPort = pipedriveServer.listenOnLoopback();
    const quint16 osPort = ostendoServer.listenOnLoopback();
    if (!pdPort || !osPort) {
        fprintf(stderr, "cannot listen on loopback\n");
        return 1;
    }

    QTemporaryDir dir;
    SyncEngineConfig config;
    config.pipedrive.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(pdPort));
    config.pipedrive.apiToken = QString::fromLatin1(Token);
    config.pipedrive.burstLimit = 1000000; // measures the engine, not the plan's rate limit (see the estimate below)
    config.pipedrive.dailyTokenBudget = 1000000000;
    config.ostendo.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(osPort));
    config.ostendo.apiKey = OstendoSimulator::demoKey().key;
    config.databasePath = dir.filePath(QStringLiteral("bench.db"));
    SyncService service(config, 15);
    RunSummary summary;
    QObject::connect(&service, &SyncController::runFinished, &app, [&](const RunSummary &s) {
        summary = s;
        app.quit();
    });
    QElapsedTimer wall;
    wall.start();
    service.syncNow();
    app.exec();
    qint64 wallMs = wall.elapsed();
    const int changed = records / 10;
    if (incremental) {
        if (summary.exitCode != 0) {
            fprintf(stderr, "the first sync failed: %s\n", qPrintable(summary.error));
            return 1;
        }
        pipedrive.advanceSeconds(3600);
        ostendo.clock().advance(3600);
        const QJsonArray organizations = pipedrive.allOrganizations();
        for (int i = 0; i < changed; ++i) {
            const qint64 id = qint64(organizations.at(i * 10).toObject().value(QStringLiteral("id")).toDouble());
            pipedrive.editOrganization(id, QJsonObject{{QStringLiteral("Phone"), QStringLiteral("021 %1").arg(i)}});
        }
        pipedrive.advanceSeconds(60);
        ostendo.clock().advance(60);
        pipedrive.clearRequestLog();
        ostendo.clearRequestLog();
        wall.restart();
        service.syncNow();
        app.exec();
        wallMs = wall.elapsed();
    }

    const QJsonObject requests = summary.json.value(QStringLiteral("requests")).toObject();
    const qint64 pdRequests = qint64(requests.value(QStringLiteral("pipedrive")).toDouble());
    const qint64 osRequests = qint64(requests.value(QStringLiteral("ostendo")).toDouble());
    // The least any correct initial sync sends: Pipedrive one create per record, plus reading the field
    // definitions (2), the stages (1) and one page of each (empty) list; Ostendo one page per 500 rows of each
    // table plus the short last page, and one write per record to carry the new Pipedrive id.
    const qint64 pages = (records / 500 + 1);
    // Pipedrive's cursor says when a list ends, so no extra page; an empty list is one page.
    const qint64 pdPages = matched ? 2 * ((records + 499) / 500) : 2;
    qint64 pdMinimum = (matched ? 0 : 2LL * records) + 2 + 1 + pdPages;
    qint64 osMinimum = 2 * pages + (matched ? 0 : 2LL * records);
    if (incremental) {
        // Fields (2), stages (1), one page of changed organizations per 500 and one of deals; in Ostendo one
        // (short) page of each table and one write per changed customer.
        pdMinimum = 2 + 1 + (changed + 499) / 500 + 1;
        osMinimum = 2 + changed;
    }
    out << (incremental ? "Incremental sync of " : "Initial sync, ") << records << " customers + " << records
        << " work items, "
        << (incremental ? QStringLiteral("%1 organizations changed in Pipedrive").arg(changed)
            : matched   ? QStringLiteral("already in both systems, paired by carried id")
                        : QStringLiteral("Ostendo -> Pipedrive"))
        << ", loopback\n"
        << "  exit code            " << summary.exitCode
        << (summary.error.isEmpty() ? QString() : QStringLiteral(" (") + summary.error + QStringLiteral(")")) << '\n'
        << "  created in Pipedrive "
        << summary.json.value(QStringLiteral("customers"))
               .toObject()
               .value(QStringLiteral("to_pipedrive"))
               .toObject()
               .value(QStringLiteral("created"))
               .toInt()
        << " organizations, "
        << summary.json.value(QStringLiteral("work_items"))
               .toObject()
               .value(QStringLiteral("to_pipedrive"))
               .toObject()
               .value(QStringLiteral("created"))
               .toInt()
        << " deals\n"
        << "  Pipedrive requests   " << pdRequests << " (minimum " << pdMinimum << ", ratio "
        << QString::number(double(pdRequests) / double(pdMinimum), 'f', 3) << ")\n"
        << "  Ostendo requests     " << osRequests << " (minimum " << osMinimum << ", ratio "
        << QString::number(double(osRequests) / double(osMinimum), 'f', 3) << ")\n"
        << "  Pipedrive tokens     " << qint64(summary.json.value(QStringLiteral("pipedrive_tokens_used")).toDouble())
        << '\n'
        << "  wall time            " << QString::number(wallMs / 1000.0, 'f', 1) << " s (seeding the simulators "
        << QString::number(seedMs / 1000.0, 'f', 1) << " s, not counted)\n"
        << "  peak memory (RSS)    " << QString::number(peakMemoryMiB(), 'f', 0)
        << " MiB for the whole process: engine, store and both simulators\n";
    if (!matched) {
        out << "  at Pipedrive's real burst limits the creates alone would take at least "
            << QString::number(double(2 * records) / 20.0 / 60.0, 'f', 0) << " min (Growth, 40 per 2 s) or "
            << QString::number(double(2 * records) / 60.0 / 60.0, 'f', 0) << " min (Ultimate, 120 per 2 s)\n";
    }
    if (qEnvironmentVariableIsSet("BENCH_SHOW_REQUESTS")) {
        for (const auto &e : pipedrive.requestLog()) {
            out << "  pipedrive " << e.method << ' ' << e.path << '?' << e.query << '\n';
        }
        for (const auto &e : ostendo.requestLog()) {
            out << "  ostendo " << e.method << ' ' << e.path << ' ' << e.endpoint << ' ' << e.sql.left(120) << '\n';
        }
    }
    return summary.exitCode == 0 ? 0 : 1;
}

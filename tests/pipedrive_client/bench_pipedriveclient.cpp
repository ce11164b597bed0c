// Figures for the Pipedrive client: parse rate of organizations, a full list from the simulator in process, and
// how close paced requests come to the burst limit (in virtual time, so the figure is the client's, not the
// machine's). A program that prints, not a test.
#include "VirtualTimeline.h"

#include "bridge/SandboxBridge.h"
#include "connectors/InProcessTransport.h"
#include "connectors/PipedriveClient.h"
#include "pipedrive/PipedriveSimulator.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QTextStream>

namespace {
QTextStream out(stdout);

void benchParse(int count)
{
    PipedriveCodec::FieldsByName fields;
    const QString key = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    fields.insert(
        QStringLiteral("Ostendo Customer ID"),
        PipedriveFieldDefinition{key, QStringLiteral("Ostendo Customer ID"), QStringLiteral("varchar"), true, {}});
    QJsonArray records;
    for (int i = 1; i <= count; ++i) {
        records.append(QJsonObject{
            {"id", i},
            {"name", QStringLiteral("Customer %1 Landscaping Ltd").arg(i)},
            {"update_time", "2026-11-27T09:00:00Z"},
            {"is_deleted", false},
            {"address", QJsonObject{{"value", "12 Kauri Rd, Henderson, Auckland 0612"}, {"locality", "Auckland"}}},
            {"custom_fields", QJsonObject{{key, QStringLiteral("C-%1").arg(i)}}}});
    }
    QElapsedTimer timer;
    timer.start();
    int ok = 0;
    for (const QJsonValue &v : records) {
        QString problem;
        ok += PipedriveCodec::parseOrganization(v, fields, &problem) ? 1 : 0;
    }
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    out << "parse: " << ok << " organizations in " << ms << " ms (" << (qint64(ok) * 1000 / ms) << " per second)\n";
}

struct Rig
{
    PipedriveSimulator sim{17};
    ManualClock clock{QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC)};
    VirtualTimeline timeline{&clock};
    std::unique_ptr<InProcessTransport> transport;
    std::unique_ptr<PipedriveClient> client;

    explicit Rig(const QString &plan, int burst)
    {
        Clock::setCurrent(&clock);
        sim.setNow(clock.nowUtc());
        sim.addApiToken("bench-token-0123456789", plan);
        auto handler = SandboxBridge::handlerFor(&sim);
        transport = std::make_unique<InProcessTransport>([this, handler](const HttpRequest &r) {
            sim.setNow(clock.nowUtc());
            return handler(r);
        });
        PipedriveConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://bench.pipedrive.com"));
        config.apiToken = QStringLiteral("bench-token-0123456789");
        config.burstLimit = burst;
        config.dailyTokenBudget = 1000000;
        config.randomSeed = 3;
        client = std::make_unique<PipedriveClient>(transport.get(), config, PipedriveFieldSpec::defaults());
        client->setDelayFunction(timeline.delayFunction());
    }
    ~Rig() { Clock::setCurrent(nullptr); }
};

void benchFullList(int organizations)
{
    Rig rig(QStringLiteral("ultimate"), 120);
    rig.sim.seedDemo(9, organizations, 0);
    QEventLoop loop;
    rig.client->discoverFields([&](const PipedriveResult<bool> &) { loop.quit(); });
    loop.exec();
    const QDateTime start = rig.clock.nowUtc();
    QElapsedTimer timer;
    timer.start();
    int got = 0;
    rig.client->listOrganizations({}, [&](const PipedriveResult<QList<PipedriveOrganization>> &r) {
        got = int(r.value.size());
        loop.quit();
    });
    loop.exec();
    out << "full list: " << got << " organizations in " << timer.elapsed() << " ms wall, "
        << start.msecsTo(rig.clock.nowUtc()) << " ms simulated, requests " << rig.client->budget()->requestsSent()
        << ", tokens " << rig.client->budget()->tokensUsedToday() << "\n";
}

void benchPacing(const QString &plan, int burst, int calls)
{
    Rig rig(plan, burst);
    QString error;
    const qint64 id = rig.sim.createDeal(QJsonObject{{"title", "Bench"}}, &error);
    const QDateTime start = rig.clock.nowUtc();
    int done = 0;
    QEventLoop loop;
    for (int i = 0; i < calls; ++i) {
        rig.client->getDeal(id, [&](const PipedriveResult<PipedriveDeal> &) {
            if (++done == calls) {
                loop.quit();
            }
        });
    }
    loop.exec();
    const qint64 simulated = start.msecsTo(rig.clock.nowUtc());
    const double ideal = double(calls) / burst * 2000.0;
    out << "pacing (" << plan << ", " << burst << " per 2 s): " << calls << " gets in " << simulated
        << " ms simulated; the limit allows " << qint64(ideal) << " ms; 429s "
        << rig.client->budget()->rateLimitedCount() << "; most in any 2 s "
        << rig.client->budget()->longestWindowCount() << "\n";
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=false"));
    benchParse(20000);
    benchFullList(5000);
    benchPacing(QStringLiteral("lite"), 20, 300);
    benchPacing(QStringLiteral("premium"), 100, 1000);
    out.flush();
    return 0;
}

// A turfdrive-like process for the SIGKILL test: runs one sync with the real engine against the simulators the
// test serves on loopback, then exits with the run's exit code. The test kills it mid-batch and runs it again.
#include "engine/SyncEngine.h"
#include "ostendo/OstendoSimulator.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.*.info=false"));
    const QStringList args = app.arguments();
    // The token comes in the environment, as turfdrive-cli takes it: a secret is never a command-line argument.
    const QString token = qEnvironmentVariable("TURFDRIVE_PIPEDRIVE_TOKEN");
    if (args.size() != 4 || token.isEmpty()) {
        qCritical("usage: TURFDRIVE_PIPEDRIVE_TOKEN=... engine_crash_child PIPEDRIVE_PORT OSTENDO_PORT DATABASE");
        return 2;
    }
    SyncEngineConfig config;
    config.pipedrive.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(args.at(1)));
    config.pipedrive.apiToken = token;
    config.pipedrive.burstLimit = 100000;
    config.pipedrive.dailyTokenBudget = 1000000000;
    config.ostendo.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(args.at(2)));
    config.ostendo.apiKey = OstendoSimulator::demoKey().key;
    config.databasePath = args.at(3);
    config.run.batchSize = 25;
    SyncEngine engine(config);
    int exitCode = 1;
    QObject::connect(&engine, &SyncEngine::runFinished, &app, [&](const RunSummary &summary) {
        exitCode = summary.exitCode;
        if (!summary.error.isEmpty()) {
            qCritical("%s", qPrintable(summary.error));
        }
        app.quit();
    });
    engine.syncNow();
    app.exec();
    engine.shutDown();
    return exitCode;
}

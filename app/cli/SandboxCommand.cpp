#include "SandboxCommand.h"

#include "CliCommands.h"
#include "common/SimHttpServer.h"
#include "demo/DemoScenario.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: the event loop reads the pipe and quits.
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

bool parseCount(const QCommandLineParser &p, const QString &name, int min, int max, int *out, QString *error)
{
    if (!p.isSet(name)) {
        return true;
    }
    bool ok = false;
    const int n = p.value(name).toInt(&ok);
    if (!ok || n < min || n > max) {
        *error = QStringLiteral("--%1 takes a whole number from %2 to %3, not '%4'.")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(p.value(name));
        return false;
    }
    *out = n;
    return true;
}
} // namespace

int SandboxCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("pipedrive-port"), QStringLiteral("Port of the Pipedrive simulator."), QStringLiteral("N")});
    p.addOption(
        {QStringLiteral("ostendo-port"), QStringLiteral("Port of the Ostendo simulator."), QStringLiteral("N")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the demo data."), QStringLiteral("N")});
    p.addOption({QStringLiteral("customers"), QStringLiteral("Linked customer pairs."), QStringLiteral("N")});
    p.addOption({QStringLiteral("deals"), QStringLiteral("Linked deal and job pairs."), QStringLiteral("N")});
    p.addOption({QStringLiteral("jobs"), QStringLiteral("More jobs that exist only in Ostendo."), QStringLiteral("N")});
    for (const char *common : {"config", "db", "policy"}) {
        p.addOption({QLatin1String(common), QStringLiteral("Ignored by sandbox."), QStringLiteral("X")});
    }
    if (!p.parse(arguments)) {
        err << "turfdrive-cli: " << p.errorText() << '\n';
        return CliCommands::BadUsage;
    }
    if (!p.positionalArguments().isEmpty()) {
        err << "turfdrive-cli: 'sandbox' takes no argument '" << p.positionalArguments().first() << "'.\n";
        return CliCommands::BadUsage;
    }

    DemoScenario::Options options;
    int pdPort = 0;
    int osPort = 0;
    int seed = 1;
    QString error;
    if (!parseCount(p, QStringLiteral("pipedrive-port"), 0, 65535, &pdPort, &error) ||
        !parseCount(p, QStringLiteral("ostendo-port"), 0, 65535, &osPort, &error) ||
        !parseCount(p, QStringLiteral("seed"), 0, 2147483647, &seed, &error) ||
        !parseCount(p, QStringLiteral("customers"), 1, 200000, &options.linkedCustomers, &error) ||
        !parseCount(p, QStringLiteral("deals"), 0, 200000, &options.linkedWorkItems, &error) ||
        !parseCount(p, QStringLiteral("jobs"), 0, 200000, &options.extraJobsWithoutDeal, &error)) {
        err << "turfdrive-cli: " << error << '\n';
        return CliCommands::BadUsage;
    }
    options.seed = quint32(seed);

    PipedriveSimulator pipedrive(options.seed);
    pipedrive.clock().followSystemTime();
    pipedrive.setAcceptAnyToken(true);
    OstendoSimulator ostendo;
    ostendo.addKey(OstendoSimulator::demoKey());
    const DemoScenario::Cases cases = DemoScenario::seed(pipedrive, ostendo, options);

    SimHttpServer pdServer(&pipedrive);
    SimHttpServer osServer(&ostendo);
    if (pdServer.listenOnLoopback(quint16(pdPort)) == 0) {
        err << "turfdrive-cli: the Pipedrive simulator cannot listen on port " << pdPort << " (in use?).\n";
        return CliCommands::CouldNotSync;
    }
    if (osServer.listenOnLoopback(quint16(osPort)) == 0) {
        err << "turfdrive-cli: the Ostendo simulator cannot listen on port " << osPort << " (in use?).\n";
        return CliCommands::CouldNotSync;
    }

    // Settings that point TurfDrive at this sandbox, so `sync --config FILE` works against it at once.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    const QString configPath = QDir(dir).filePath(QStringLiteral("turfdrive-sandbox-%1.ini").arg(pdServer.port()));
    {
        QSettings ini(configPath, QSettings::IniFormat);
        ini.clear();
        ini.setValue(QStringLiteral("pipedrive/base_url"), QStringLiteral("http://127.0.0.1:%1").arg(pdServer.port()));
        ini.setValue(QStringLiteral("ostendo/base_url"), QStringLiteral("http://127.0.0.1:%1").arg(osServer.port()));
        ini.setValue(QStringLiteral("ostendo/configuration"), options.ostendoConfiguration);
        ini.setValue(QStringLiteral("ostendo/timezone"), QString::fromLatin1(ostendo.clock().timeZone().id()));
        ini.sync();
    }

    out << "Pipedrive simulator: http://127.0.0.1:" << pdServer.port() << "  (any API token is accepted)\n"
        << "Ostendo simulator:   http://127.0.0.1:" << osServer.port() << "  (demo API key below)\n"
        << "Settings for TurfDrive: " << configPath << "\n\n"
        << "Sync against it:\n"
        << "  export TURFDRIVE_PIPEDRIVE_TOKEN=sandbox-token\n"
        << "  export TURFDRIVE_OSTENDO_API_KEY='" << OstendoSimulator::demoKey().key << "'\n"
        << "  turfdrive-cli sync --config " << configPath << " --db /tmp/turfdrive-sandbox.sqlite\n\n"
        << "The demo company holds these cases:\n";
    const QHash<QString, QString> descriptions = DemoScenario::caseDescriptions();
    QStringList names = descriptions.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const bool work = cases.workItems.contains(name);
        out << "  - " << descriptions.value(name);
        if (cases.pipedrive.contains(name)) {
            out << (work ? " [Pipedrive deal " : " [Pipedrive organization ") << cases.pipedrive.value(name) << ']';
        }
        if (cases.ostendo.contains(name)) {
            out << (work ? " [Ostendo job " : " [Ostendo customer ") << cases.ostendo.value(name) << ']';
        }
        out << '\n';
    }
    out << "\nControl surfaces: /_sim/ on each port. Press Ctrl+C to stop.\n";
    out.flush();

    if (::pipe(g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(), &QCoreApplication::quit);
    const int code = QCoreApplication::exec();
    QFile::remove(configPath);
    return code;
}

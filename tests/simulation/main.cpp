// turfdrive-sim: runs seeds of the deterministic simulation and prints faults injected, recovery paths taken and
// invariants broken. `--seeds N` runs seeds 1..N (from --first), `--seed S` replays one, `--faults P` fixes the rate.
#include "SimulationSeed.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHashFunctions>
#include <QLoggingCategory>
#include <QSet>
#include <QTextStream>

int main(int argc, char **argv)
{
    // QHash order is randomised per process; a seed must replay the same engine decisions in the same order.
    QHashSeed::setDeterministicGlobalSeed();
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TurfDrive deterministic simulation"));
    parser.addHelpOption();
    const QCommandLineOption seedsOption(QStringLiteral("seeds"), QStringLiteral("Run N seeds."), QStringLiteral("N"));
    const QCommandLineOption firstOption(QStringLiteral("first"), QStringLiteral("First seed of --seeds (1)."),
                                         QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Replay one seed."),
                                        QStringLiteral("S"));
    const QCommandLineOption faultsOption(QStringLiteral("faults"),
                                          QStringLiteral("Fault rate in percent per request (default: drawn per seed "
                                                         "among 0, 1, 5, 20)."),
                                          QStringLiteral("P"));
    const QCommandLineOption regressionsOption(
        QStringLiteral("regressions"),
        QStringLiteral("The regressions file: its \"open SEED\" lines are known engine bugs, reported but not failed."),
        QStringLiteral("FILE"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), QStringLiteral("Print every seed's figures."));
    const QCommandLineOption workloadOption(
        QStringLiteral("workload"),
        QStringLiteral("The workload generator's version (default %1); a regression seed replays with the version it "
                       "was found under.")
            .arg(SimulationSeed::LatestWorkload),
        QStringLiteral("V"), QString::number(SimulationSeed::LatestWorkload));
    parser.addOptions(
        {seedsOption, firstOption, seedOption, faultsOption, regressionsOption, verboseOption, workloadOption});
    parser.process(app);

    // The clients log every request; a thousand seeds of that would drown the figures.
    if (!qEnvironmentVariableIsSet("TURFDRIVE_SIM_LOG")) {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=false\nqt.*.debug=false"));
    }

    const int workloadVersion = parser.value(workloadOption).toInt();
    if (workloadVersion < 1 || workloadVersion > SimulationSeed::LatestWorkload) {
        QTextStream(stderr) << "--workload must be 1 to " << SimulationSeed::LatestWorkload << "\n";
        return 2;
    }
    // Known open seeds of this workload version: "open SEED wV ..." lines.
    QSet<quint32> knownOpen;
    if (parser.isSet(regressionsOption)) {
        QFile file(parser.value(regressionsOption));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            QTextStream(stderr) << "cannot read " << file.fileName() << "\n";
            return 2;
        }
        while (!file.atEnd()) {
            const QList<QByteArray> words = file.readLine().simplified().split(' ');
            if (words.size() >= 3 && words[0] == "open" && words[2] == "w" + QByteArray::number(workloadVersion)) {
                knownOpen.insert(words[1].toUInt());
            }
        }
    }
    QList<quint32> seeds;
    if (parser.isSet(seedOption)) {
        seeds << parser.value(seedOption).toUInt();
    } else {
        const quint32 first = parser.value(firstOption).toUInt();
        const quint32 n = parser.isSet(seedsOption) ? parser.value(seedsOption).toUInt() : 100;
        for (quint32 i = 0; i < n; ++i) {
            seeds << first + i;
        }
    }
    const double rate = parser.isSet(faultsOption) ? parser.value(faultsOption).toDouble() / 100.0 : -1;
    const bool batch = seeds.size() > 1;

    QTextStream out(stdout);
    QMap<QString, int> faults;
    QMap<QString, int> recoveries;
    QMap<QString, int> workload;
    QMap<QString, int> findings;
    QList<quint32> failed;
    QList<quint32> knownFailed;
    qint64 simulated = 0;
    int runs = 0;
    for (quint32 seed : std::as_const(seeds)) {
        SimulationSeed simulation(seed, rate, workloadVersion);
        const SeedReport report = simulation.run();
        simulated += report.simulatedSeconds;
        runs += report.runs;
        for (auto it = report.faults.begin(); it != report.faults.end(); ++it) {
            faults[it.key()] += it.value();
        }
        for (auto it = report.recoveries.begin(); it != report.recoveries.end(); ++it) {
            recoveries[it.key()] += it.value();
        }
        for (auto it = report.workload.begin(); it != report.workload.end(); ++it) {
            workload[it.key()] += it.value();
        }
        for (auto it = report.findings.begin(); it != report.findings.end(); ++it) {
            findings[it.key()] += it.value();
        }
        if (!report.passed()) {
            (knownOpen.contains(seed) ? knownFailed : failed) << seed;
            out << (knownOpen.contains(seed) ? "KNOWN OPEN seed " : "FAIL seed ") << seed << " (fault rate "
                << report.faultRate * 100 << " %)\n";
            if (!batch) {
                for (const QString &line : report.trace) {
                    out << "  " << line << "\n";
                }
            }
            for (const QString &v : report.violations) {
                out << "  " << v << "\n";
            }
            out << "  replay: turfdrive-sim --seed " << seed << " --workload " << workloadVersion << "\n";
        } else if (parser.isSet(verboseOption) || !batch) {
            out << "seed " << seed << " passed: fault rate " << report.faultRate * 100 << " %, " << report.runs
                << " runs, " << report.convergenceRuns << " to converge\n";
        }
        out.flush();
    }

    out << "seeds: " << seeds.size() << ", runs: " << runs
        << ", simulated hours: " << QString::number(simulated / 3600.0, 'f', 1) << "\n";
    out << "faults injected per class:\n";
    static const QStringList classes{QStringLiteral("server_error"),   QStringLiteral("timeout"),
                                     QStringLiteral("reset"),          QStringLiteral("rate_limit_429"),
                                     QStringLiteral("malformed"),      QStringLiteral("applied_reply_lost"),
                                     QStringLiteral("db_write_failed")};
    static const QStringList paths{
        QStringLiteral("failed_run_then_converged"), QStringLiteral("failed_record_retried_and_synced"),
        QStringLiteral("unknown_outcome_settled_by_reading"), QStringLiteral("rate_limit_waited_and_retried")};
    for (const QString &c : classes) {
        out << "  " << c << ": " << faults.value(c) << "\n";
    }
    out << "recovery paths taken:\n";
    for (const QString &p : paths) {
        out << "  " << p << ": " << recoveries.value(p) << "\n";
    }
    out << "workload:\n";
    for (auto it = workload.begin(); it != workload.end(); ++it) {
        if (it.key() != QLatin1String("clock_skew_seconds")) {
            out << "  " << it.key() << ": " << it.value() << "\n";
        }
    }
    out << "known engine findings (not data invariants):\n";
    for (auto it = findings.begin(); it != findings.end(); ++it) {
        out << "  " << it.key() << ": " << it.value() << "\n";
    }
    out << "invariant violations: " << failed.size() << " seeds";
    if (!knownFailed.isEmpty()) {
        out << ", plus " << knownFailed.size() << " known open (regressions.txt)";
    }
    out << "\n";

    bool vacuous = false;
    const bool faultsPossible = rate != 0;
    if (batch && faultsPossible) {
        // A batch that never exercised a fault class or a recovery path proved nothing about it.
        for (const QString &c : classes + paths) {
            if (faults.value(c) + recoveries.value(c) == 0) {
                out << "VACUOUS: " << c << " was never exercised\n";
                vacuous = true;
            }
        }
    }
    out << (failed.isEmpty() && !vacuous ? "PASSED" : "FAILED") << "\n";
    return failed.isEmpty() && !vacuous ? 0 : 1;
}

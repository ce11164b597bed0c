// turfdrive-crashpoints: plays each reference scenario, counts the steps of its run under test, then stops that run
// at every step in turn (each store write, before and after each request), resumes with a new store and engine, and
// checks the invariants. `--scenario NAME --kind KIND --step K` replays one point with its trace.
#include "CrashPointRunner.h"
#include "CrashScenarios.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHashFunctions>
#include <QLoggingCategory>
#include <QSet>
#include <QTextStream>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString pointKey(const QString &scenario, CrashNetwork::Kind kind, int step)
{
    return s("%1 %2 %3").arg(scenario, CrashNetwork::kindName(kind)).arg(step);
}

// "open SCENARIO KIND STEP what broke": points of known engine bugs, reported but not failed here.
bool readKnownOpen(const QString &path, QSet<QString> *points, QTextStream &err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        err << "cannot read " << path << "\n";
        return false;
    }
    while (!file.atEnd()) {
        const QStringList words = QString::fromUtf8(file.readLine()).simplified().split(QLatin1Char(' '));
        CrashNetwork::Kind kind;
        if (words.size() >= 4 && words[0] == s("open") && CrashNetwork::parseKind(words[2], &kind)) {
            points->insert(pointKey(words[1], kind, words[3].toInt()));
        }
    }
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    // QHash order is randomised per process; a point must replay the same engine decisions in the same order.
    QHashSeed::setDeterministicGlobalSeed();
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(s("TurfDrive crash points: every step of each reference scenario, then resume"));
    parser.addHelpOption();
    const QCommandLineOption scenarioOption(s("scenario"), s("Only this scenario (repeatable); default all."),
                                            s("NAME"));
    const QCommandLineOption kindOption(s("kind"), s("Only this kind: store, before or after (repeatable)."),
                                        s("KIND"));
    const QCommandLineOption stepOption(s("step"), s("Replay one step (with one --scenario and one --kind)."), s("K"));
    const QCommandLineOption knownOpenOption(
        s("known-open"), s("The known-open file: its points are known engine bugs, reported but not failed."),
        s("FILE"));
    const QCommandLineOption sabotageOption(
        s("sabotage"), s("Break the resume on purpose to prove the checks fail: resend."), s("WHAT"));
    const QCommandLineOption listOption(s("list"), s("List the scenarios and the steps of their run under test."));
    const QCommandLineOption verboseOption(s("verbose"), s("Print every point."));
    parser.addOptions(
        {scenarioOption, kindOption, stepOption, knownOpenOption, sabotageOption, listOption, verboseOption});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!qEnvironmentVariableIsSet("TURFDRIVE_CRASH_LOG")) {
        QLoggingCategory::setFilterRules(s("turfdrive.*=false\nqt.*.debug=false"));
    }

    QList<CrashScenario> scenarios;
    if (parser.isSet(scenarioOption)) {
        for (const QString &name : parser.values(scenarioOption)) {
            const CrashScenario *scenario = CrashScenarios::find(name);
            if (!scenario) {
                err << "no scenario " << name << "; there are:";
                for (const CrashScenario &known : CrashScenarios::all()) {
                    err << ' ' << known.name;
                }
                err << "\n";
                return 2;
            }
            scenarios << *scenario;
        }
    } else {
        scenarios = CrashScenarios::all();
    }
    QList<CrashNetwork::Kind> kinds;
    for (const QString &name : parser.values(kindOption)) {
        CrashNetwork::Kind kind;
        if (!CrashNetwork::parseKind(name, &kind)) {
            err << "--kind takes store, before or after, not " << name << "\n";
            return 2;
        }
        kinds << kind;
    }
    if (kinds.isEmpty()) {
        kinds = {CrashNetwork::Kind::StoreWrite, CrashNetwork::Kind::BeforeRequest, CrashNetwork::Kind::AfterRequest};
    }
    QSet<QString> knownOpen;
    if (parser.isSet(knownOpenOption) && !readKnownOpen(parser.value(knownOpenOption), &knownOpen, err)) {
        return 2;
    }
    const QString sabotage = parser.value(sabotageOption);
    if (!sabotage.isEmpty() && sabotage != s("resend")) {
        err << "--sabotage takes resend\n";
        return 2;
    }

    // One point, replayed with its trace.
    if (parser.isSet(stepOption)) {
        if (scenarios.size() != 1 || kinds.size() != 1) {
            err << "--step needs one --scenario and one --kind\n";
            return 2;
        }
        const int step = parser.value(stepOption).toInt();
        const CrashPointResult r = CrashPointRunner::run(scenarios.first(), kinds.first(), step, sabotage);
        out << r.label() << (r.firedAt.isEmpty() ? QString() : s(" (at ") + r.firedAt + s(")")) << "\n";
        for (const QString &line : r.trace) {
            out << "  " << line << "\n";
        }
        for (const QString &f : r.findings) {
            out << "  FINDING " << f << "\n";
        }
        for (const QString &v : r.violations) {
            out << "  VIOLATION " << v << "\n";
        }
        out << (r.violations.isEmpty() ? "PASSED\n" : "FAILED\n");
        return r.violations.isEmpty() ? 0 : 1;
    }

    QElapsedTimer total;
    total.start();
    int points = 0;
    int resumes = 0;
    int resumeRuns = 0;
    int failedPoints = 0;
    int knownFailed = 0;
    int findingPoints = 0;
    QStringList nowPassing;
    for (const CrashScenario &scenario : std::as_const(scenarios)) {
        QElapsedTimer timer;
        timer.start();
        // The clean run first: its steps are the crash points, and it must meet the invariants itself.
        const CrashPointResult clean = CrashPointRunner::run(scenario, CrashNetwork::Kind::StoreWrite, 0, sabotage);
        const QHash<CrashNetwork::Kind, int> steps{{CrashNetwork::Kind::StoreWrite, clean.storeWrites},
                                                   {CrashNetwork::Kind::BeforeRequest, clean.requests},
                                                   {CrashNetwork::Kind::AfterRequest, clean.requests}};
        if (parser.isSet(listOption)) {
            out << scenario.name << ": " << scenario.description << "; run under test: " << clean.storeWrites
                << " store writes, " << clean.requests << " requests\n";
            continue;
        }
        int scenarioFailed = 0;
        int scenarioKnown = 0;
        int scenarioFindings = 0;
        QString firstFinding;
        QMap<QString, int> perKind;
        const auto report = [&](const CrashPointResult &r) {
            ++points;
            const QString key = pointKey(r.scenario, r.kind, r.step);
            if (!r.findings.isEmpty()) {
                ++scenarioFindings;
                ++findingPoints;
                if (firstFinding.isEmpty()) {
                    firstFinding = r.label() + s(": ") + r.findings.first();
                }
            }
            if (parser.isSet(verboseOption)) {
                out << "  " << r.label() << " at " << r.firedAt << ": " << r.resumeRuns << " resume runs, "
                    << r.violations.size() << " violations\n";
            }
            if (r.violations.isEmpty()) {
                if (knownOpen.contains(key)) {
                    nowPassing << key;
                }
                return;
            }
            if (knownOpen.contains(key)) {
                ++scenarioKnown;
                ++knownFailed;
                return;
            }
            ++scenarioFailed;
            ++failedPoints;
            out << "VIOLATION " << r.label() << (r.firedAt.isEmpty() ? QString() : s(" (at ") + r.firedAt + s(")"))
                << ":\n";
            for (const QString &v : r.violations) {
                out << "    " << v << "\n";
            }
            out.flush();
        };
        report(clean);
        for (CrashNetwork::Kind kind : std::as_const(kinds)) {
            for (int step = 1; step <= steps.value(kind); ++step) {
                const CrashPointResult r = CrashPointRunner::run(scenario, kind, step, sabotage);
                ++resumes;
                resumeRuns += r.resumeRuns;
                ++perKind[CrashNetwork::kindName(kind)];
                report(r);
            }
        }
        out << "scenario " << scenario.name << " (" << scenario.description << "): crash points";
        for (auto it = perKind.cbegin(); it != perKind.cend(); ++it) {
            out << ' ' << it.key() << ' ' << it.value();
        }
        out << ", violating points " << scenarioFailed << ", known open " << scenarioKnown << ", "
            << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s\n";
        if (scenarioFindings) {
            out << "  findings (no invariant broken) at " << scenarioFindings << " points, e.g. " << firstFinding
                << "\n";
        }
        out.flush();
    }
    if (parser.isSet(listOption)) {
        return 0;
    }
    out << "\n"
        << scenarios.size() << " scenarios, " << points << " points (" << resumes << " crashes resumed, " << resumeRuns
        << " resume runs), " << failedPoints << " points violating, " << knownFailed << " known open, " << findingPoints
        << " with findings, " << QString::number(total.elapsed() / 1000.0, 'f', 1) << " s\n";
    for (const QString &key : std::as_const(nowPassing)) {
        out << "known-open point passes now (move it out of known-open.txt): " << key << "\n";
    }
    out << (failedPoints == 0 ? "PASSED\n" : "FAILED\n");
    return failedPoints == 0 ? 0 : 1;
}

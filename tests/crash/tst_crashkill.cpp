// Crash points with a real process: turfdrive-cli syncs against both simulators served on loopback from this test,
// and at a chosen write request the test SIGKILLs it from inside the simulator's request handling, once before the
// simulator applies the request and once after (the answer never leaves). turfdrive-cli is then started again on
// the same database until in step, and the crash-point invariants are checked. No kill hook in product code.
#include "CrashScenarios.h"
#include "CrashWorld.h"
#include "EngineRig.h"

#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QTest>
#include <QTimer>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// Shared by both simulators' switches: write requests are numbered across both systems.
struct KillPlan
{
    QProcess *child = nullptr;
    int atWrite = 0; // 0: only count
    bool afterApplying = false;
    int writes = 0;
    bool killed = false;
    QString killedAt;
};

// Serves one simulator and, at the planned write, kills the client process.
class KillSwitch : public SimService
{
public:
    KillSwitch(SimService *inner, bool ostendo, KillPlan *plan)
        : m_inner(inner)
        , m_ostendo(ostendo)
        , m_plan(plan)
    {}

    SimResponse handle(const SimRequest &request) override
    {
        // Ostendo reads with POST /sqlquery; Pipedrive only with GET.
        const bool write = request.method != "GET" && !(m_ostendo && request.path.endsWith(QLatin1String("sqlquery")));
        if (!write) {
            return m_inner->handle(request);
        }
        ++m_plan->writes;
        if (m_plan->atWrite == 0 || m_plan->writes != m_plan->atWrite || !m_plan->child) {
            return m_inner->handle(request);
        }
        if (m_plan->afterApplying) {
            const SimResponse applied = m_inner->handle(request);
            Q_UNUSED(applied)
        }
        m_plan->killedAt = QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path;
        m_plan->child->kill(); // SIGKILL: no clean-up of any kind
        m_plan->child->waitForFinished(10000);
        m_plan->killed = true;
        return SimResponse::broken(SimResponse::Fault::Reset);
    }

private:
    SimService *m_inner;
    bool m_ostendo;
    KillPlan *m_plan;
};

// One story on loopback: the simulators of a rig behind kill switches, and turfdrive-cli as the engine.
class LoopbackStory
{
public:
    LoopbackStory()
        : m_pipedriveSwitch(&rig.pipedrive, false, &plan)
        , m_ostendoSwitch(&rig.ostendo, true, &plan)
        , m_pipedriveServer(&m_pipedriveSwitch)
        , m_ostendoServer(&m_ostendoSwitch)
    {
        // turfdrive-cli reads its own clock, the real one; the simulators start from it too, so that a watermark the
        // engine takes from its clock (for a system with nothing in it yet) is not months ahead of theirs.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        rig.pipedrive.setNow(now);
        rig.ostendo.clock().setNow(now);
        rig.prepareEmptyCompany();
        rig.store.close(); // turfdrive-cli owns the database; the checks open their own store afterwards
        if (!m_pipedriveServer.listenOnLoopback() || !m_ostendoServer.listenOnLoopback()) {
            qFatal("could not listen on loopback");
        }
        m_config = rig.dir.filePath(s("turfdrive.ini"));
        QFile ini(m_config);
        if (!ini.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(m_config));
        }
        ini.write(s("[pipedrive]\nbase_url=http://127.0.0.1:%1\n[ostendo]\nbase_url=http://127.0.0.1:%2\n"
                    "timezone=Pacific/Auckland\n[sync]\nbatch_size=5\n")
                      .arg(m_pipedriveServer.port())
                      .arg(m_ostendoServer.port())
                      .toUtf8());
    }

    // Runs turfdrive-cli sync once and returns its exit code, or -1 when it was killed.
    int sync()
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(s("XDG_CONFIG_HOME"), rig.dir.filePath(s("config")));
        env.insert(s("XDG_DATA_HOME"), rig.dir.filePath(s("data")));
        env.insert(s("TURFDRIVE_PIPEDRIVE_TOKEN"), QString::fromLatin1(EngineRig::PipedriveToken));
        env.insert(s("TURFDRIVE_OSTENDO_API_KEY"), OstendoSimulator::demoKey().key);
        env.insert(s("QT_HASH_SEED"), s("0"));
        cli.setProcessEnvironment(env);
        cli.setStandardOutputFile(QProcess::nullDevice());
        plan.child = &cli;
        plan.killed = false;
        // The simulators answer from this thread's event loop while the process runs.
        QEventLoop loop;
        QObject::connect(&cli, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        cli.start(s(TURFDRIVE_CLI), {s("sync"), s("--config"), m_config, s("--db"), rig.dir.filePath(s("state.db"))});
        guard.start(120000);
        if (cli.state() != QProcess::NotRunning) {
            loop.exec();
        }
        plan.child = nullptr;
        if (cli.state() != QProcess::NotRunning) {
            qFatal("turfdrive-cli did not finish");
        }
        if (plan.killed) {
            return cli.exitStatus() == QProcess::CrashExit ? -1 : -2;
        }
        const int exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -2;
        if (exitCode != 0 && exitCode != 3) {
            // Progress is chatter; what went wrong is on its standard error.
            qWarning("turfdrive-cli exit %d: %s", exitCode, cli.readAllStandardError().constData());
        }
        return exitCode;
    }

    EngineRig rig;
    KillPlan plan;

private:
    KillSwitch m_pipedriveSwitch;
    KillSwitch m_ostendoSwitch;
    SimHttpServer m_pipedriveServer;
    SimHttpServer m_ostendoServer;
    QString m_config;
};

const char *kScenario = "deals_and_jobs";
} // namespace

class TestCrashKill : public QObject
{
    Q_OBJECT

    int m_writes = 0; // write requests of the clean run under test

    // Converges within three runs, then a run writes nothing; returns the violations.
    QStringList resumeAndCheck(LoopbackStory &story, CrashWorld &world)
    {
        QStringList violations;
        int exitCode = -1;
        for (int i = 0; i < 3 && exitCode != 0 && exitCode != 3; ++i) {
            story.rig.advance(60);
            exitCode = story.sync();
        }
        if (exitCode != 0 && exitCode != 3) {
            violations << s("turfdrive-cli did not converge within three runs (last exit %1)").arg(exitCode);
        }
        story.rig.advance(300);
        story.plan.atWrite = 0;
        story.plan.writes = 0;
        const int quiet = story.sync();
        if (story.plan.writes != 0) {
            violations << s("the run after convergence sent %1 writes").arg(story.plan.writes);
        }
        if (quiet != 0 && quiet != 3) {
            violations << s("the run after convergence ended with exit %1").arg(quiet);
        }
        SyncStore store;
        if (!store.open(story.rig.dir.filePath(s("state.db")))) {
            return violations << s("the database does not open: %1").arg(store.lastError());
        }
        return violations << world.check(store);
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(s("turfdrive.*.debug=false\nturfdrive.*.info=false"));
        // The clean run: its write requests are the steps to choose from, and it meets the invariants itself.
        LoopbackStory story;
        CrashWorld world(story.rig);
        CrashScenarios::find(s(kScenario))->prepare(story.rig, world, [&] { return story.sync(); });
        story.plan.writes = 0;
        const int exitCode = story.sync();
        m_writes = story.plan.writes;
        QVERIFY2(exitCode == 0 || exitCode == 3, qPrintable(s("the clean run ended with exit %1").arg(exitCode)));
        QVERIFY2(m_writes >= 6, qPrintable(s("only %1 writes: no middle of a batch to kill in").arg(m_writes)));
        const QStringList violations = resumeAndCheck(story, world);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(s("\n"))));
        qInfo("clean run of %s: %d write requests", kScenario, m_writes);
    }

    // Every write of the run under test, the first, those in the middle of a batch and the last among them.
    void killedAtAWriteThenRestarted_data()
    {
        QTest::addColumn<bool>("afterApplying");
        QTest::addColumn<int>("at");
        for (bool after : {false, true}) {
            for (int at = 1; at <= m_writes; ++at) {
                QTest::addRow("%s write %d of %d", after ? "after applying" : "before", at, m_writes) << after << at;
            }
        }
    }
    void killedAtAWriteThenRestarted()
    {
        QFETCH(bool, afterApplying);
        QFETCH(int, at);
        LoopbackStory story;
        CrashWorld world(story.rig);
        CrashScenarios::find(s(kScenario))->prepare(story.rig, world, [&] { return story.sync(); });
        story.plan.writes = 0;
        story.plan.atWrite = at;
        story.plan.afterApplying = afterApplying;
        QCOMPARE(story.sync(), -1); // killed by SIGKILL, not an exit
        QVERIFY(story.plan.killed);
        qInfo("killed at write %d of %d (%s), %s applying it", at, m_writes, qPrintable(story.plan.killedAt),
              afterApplying ? "after" : "before");
        const QStringList violations = resumeAndCheck(story, world);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(s("\n"))));
    }
};

QTEST_GUILESS_MAIN(TestCrashKill)
#include "tst_crashkill.moc"

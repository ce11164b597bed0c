#include "CrashPointRunner.h"

#include "CrashScenarios.h"
#include "CrashWorld.h"
#include "EngineRig.h"

#include "bridge/SandboxBridge.h"

#include <QSignalSpy>
#include <algorithm>
#include <limits>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The objects of one TurfDrive process: its store and the clients over the crash network. Replaced whole at a crash.
class Harness
{
public:
    explicit Harness(const CrashScenario &scenario)
        : m_scenario(scenario)
    {
        m_rig.prepareEmptyCompany();
        m_rig.options.batchSize = 5; // twenty records cross several batch boundaries
        m_rig.store.close();         // each simulated process opens its own
        m_path = m_rig.dir.filePath(s("state.db"));
    }

    ~Harness() { stopProcess(); }

    void startProcess()
    {
        stopProcess();
        m_store = std::make_unique<SyncStore>();
        if (!m_store->open(m_path)) {
            qFatal("the store did not open after a crash: %s", qPrintable(m_store->lastError()));
        }
        m_network = std::make_unique<CrashNetwork>(m_store.get());
        m_rig.pipedriveTransport =
            std::make_unique<InProcessTransport>(m_network->wrap(SandboxBridge::handlerFor(&m_rig.pipedrive), false));
        m_rig.ostendoTransport =
            std::make_unique<InProcessTransport>(m_network->wrap(SandboxBridge::handlerFor(&m_rig.ostendo), true));
        m_rig.rebuildClients();
    }

    void stopProcess()
    {
        m_rig.ostendoClient.reset();
        m_rig.pipedriveClient.reset();
        m_rig.pipedriveTransport.reset();
        m_rig.ostendoTransport.reset();
        m_network.reset();
        m_store.reset(); // closes the connection: SQLite discards whatever was not committed
    }

    RunSummary sync()
    {
        SyncRun run(m_rig.pipedriveClient.get(), m_rig.ostendoClient.get(), m_store.get(), m_rig.policy, m_rig.options,
                    m_rig.clock);
        run.setTransports(m_rig.pipedriveTransport.get(), m_rig.ostendoTransport.get());
        QSignalSpy finished(&run, &SyncRun::finished);
        run.start();
        if (finished.isEmpty() && !finished.wait(120000)) {
            qFatal("scenario %s: a sync run never finished", qPrintable(m_scenario.name));
        }
        return run.summary();
    }

    // Waits past every record's back-off, so a run after a failure retries them.
    void advancePastBackOff(qint64 atLeast)
    {
        qint64 wait = atLeast;
        for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
            for (const Link &link : m_store->links(kind)) {
                if (link.nextAttemptAt.isValid()) {
                    wait = std::max(wait, m_rig.clock.nowUtc().secsTo(link.nextAttemptAt) + 1);
                }
            }
        }
        m_rig.advance(wait);
    }

    const CrashScenario &m_scenario;
    EngineRig m_rig;
    QString m_path;
    std::unique_ptr<SyncStore> m_store;
    std::unique_ptr<CrashNetwork> m_network;
};

// One trace line per run, and a line per record the run left unfinished, with why.
QStringList runLines(const QString &what, const RunSummary &summary, SyncStore *store)
{
    QStringList lines{s("%1: exit %2%3")
                          .arg(what)
                          .arg(summary.exitCode)
                          .arg(summary.error.isEmpty() ? QString() : s(" (") + summary.error + s(")"))};
    if (store->crashed()) {
        return lines; // a dead process's store tells nothing
    }
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const Link &link : store->links(kind)) {
            if (link.status != LinkStatus::Synced) {
                lines << s("    %1 link %2 (%3/%4) %5: %6")
                             .arg(StoreText::entity(kind))
                             .arg(link.id)
                             .arg(link.pipedriveId)
                             .arg(link.ostendoKey, StoreText::linkStatus(link.status), link.lastError);
            }
        }
    }
    for (const JournalEntry &j : store->openJournalEntries()) {
        lines << s("    journal %1 %2 %3 in %4: %5")
                     .arg(j.id)
                     .arg(j.operation, StoreText::entity(j.entity), StoreText::system(j.system),
                          StoreText::journalState(j.state));
    }
    return lines;
}
} // namespace

QString CrashPointResult::label() const
{
    return step == 0 ? s("%1 clean").arg(scenario)
                     : s("%1 %2 %3").arg(scenario, CrashNetwork::kindName(kind)).arg(step);
}

CrashPointResult CrashPointRunner::run(const CrashScenario &scenario, CrashNetwork::Kind kind, int step,
                                       const QString &sabotage)
{
    CrashPointResult result;
    result.scenario = scenario.name;
    result.kind = kind;
    result.step = step;

    Harness h(scenario);
    CrashWorld world(h.m_rig);
    h.startProcess();
    int before = 0;
    scenario.prepare(h.m_rig, world, [&] {
        const RunSummary summary = h.sync();
        result.trace << runLines(s("run %1 (before the one under test)").arg(++before), summary, h.m_store.get());
        return summary.exitCode;
    });

    // The run under test. Counting only, the seam and the network never fire.
    const bool storeKind = kind == CrashNetwork::Kind::StoreWrite;
    h.m_store->crashAtWrite(storeKind && step > 0 ? step : std::numeric_limits<int>::max());
    h.m_network->arm(kind, storeKind ? 0 : step);
    const RunSummary underTest = h.sync();
    result.storeWrites = h.m_store->crashWritesSeen();
    result.requests = h.m_network->requests();
    result.fired = step > 0 && (storeKind ? h.m_store->crashed() : h.m_network->fired());
    result.firedAt = storeKind ? h.m_store->crashedAt() : h.m_network->firedAt();
    result.trace << runLines(step ? s("run under test, died at %1 (%2)").arg(result.label(), result.firedAt)
                                  : s("run under test"),
                             underTest, h.m_store.get());
    if (step > 0 && !result.fired) {
        result.violations << s("the run under test has no step %1 of kind %2 (it took %3 store writes, %4 requests)")
                                 .arg(step)
                                 .arg(CrashNetwork::kindName(kind))
                                 .arg(result.storeWrites)
                                 .arg(result.requests);
        return result;
    }

    // The crash: the process is gone. A new one opens the same file and syncs until in step.
    if (sabotage == s("resend")) {
        h.m_network->resendCutOff();
    }
    h.stopProcess();
    h.startProcess();
    int exitCode = -1;
    RunSummary last;
    for (int i = 0; i < 3 && exitCode != 0 && exitCode != 3; ++i) {
        h.advancePastBackOff(60);
        last = h.sync();
        exitCode = last.exitCode;
        ++result.resumeRuns;
        result.trace << runLines(s("resume run %1").arg(i + 1), last, h.m_store.get());
    }
    if (exitCode != 0 && exitCode != 3) {
        result.violations
            << s("did not converge within three runs after the crash (last exit %1: %2)").arg(exitCode).arg(last.error);
    }
    // Then a run with nothing to do writes nothing to either side.
    h.m_rig.advance(300);
    h.m_network->arm(CrashNetwork::Kind::StoreWrite, 0);
    const RunSummary quiet = h.sync();
    result.trace << runLines(s("quiet run"), quiet, h.m_store.get());
    if (h.m_network->writes() != 0) {
        result.violations << s("the run after convergence sent %1 writes").arg(h.m_network->writes());
        for (const QString &w : h.m_network->writeLog()) {
            result.trace << s("    quiet run wrote: ") + w;
        }
    }
    if (quiet.exitCode != 0 && quiet.exitCode != 3) {
        result.violations << s("the run after convergence ended with exit %1: %2").arg(quiet.exitCode).arg(quiet.error);
    }
    result.violations << world.check(*h.m_store, &result.findings);
    return result;
}

// One in-process crash point: a scenario is played up to its run under test, that run dies at step k of one kind
// (a store write, or before or after a request), and a new store and engine on the same file resume until the sync
// converges; then the invariants are checked. The simulators live through the crash, as the real systems would.
#pragma once

#include "CrashNetwork.h"

#include <QStringList>

struct CrashScenario;

struct CrashPointResult
{
    QString scenario;
    CrashNetwork::Kind kind = CrashNetwork::Kind::StoreWrite;
    int step = 0; // 0: the clean run, no crash
    bool fired = false;
    QString firedAt; // the statement or request the process died at
    // Counted in the run under test: all of it when clean, up to the crash otherwise.
    int storeWrites = 0;
    int requests = 0;
    int resumeRuns = 0; // runs after the crash until converged, the quiet run not included
    QStringList violations;
    QStringList findings; // wrong, but no invariant of issue 8: reported, never failed
    QStringList trace;    // one line per run, printed when a point is replayed

    QString label() const;
};

namespace CrashPointRunner {
// `sabotage` breaks the resume on purpose, to prove the checks can fail: "resend" delivers the request an "after"
// crash cut off once more before the new process starts, as a resume that resent it blindly would.
CrashPointResult run(const CrashScenario &scenario, CrashNetwork::Kind kind, int step,
                     const QString &sabotage = QString());
} // namespace CrashPointRunner

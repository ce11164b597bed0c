// What one simulated seed did: the faults it injected, the recovery paths it went through, the invariants it broke.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

struct SeedReport
{
    quint32 seed = 0;
    double faultRate = 0;
    int runs = 0;
    int convergenceRuns = 0;
    qint64 simulatedSeconds = 0;
    QMap<QString, int> faults;     // fault class -> how many were injected
    QMap<QString, int> recoveries; // recovery path -> how often it was taken
    QMap<QString, int> workload;   // what the simulated people did: creates, edits, deletes, imports
    QMap<QString, int> findings;   // known engine shortcomings seen, not data invariants (docs/RELIABILITY.md)
    QStringList violations;        // empty when every invariant held
    QStringList trace;             // one line per run, printed when one seed is replayed

    bool passed() const { return violations.isEmpty(); }
};

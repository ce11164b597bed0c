// The reference scenarios of the crash points (issue 8): about twenty records each, made and changed by the people in
// both systems, with the runs in between. The run after `prepare` is the one stopped at every step in turn.
#pragma once

#include <QList>
#include <QString>
#include <functional>

class CrashWorld;
class EngineRig;

struct CrashScenario
{
    QString name;
    QString description;
    // What people did up to just before the run under test, syncing through `sync` (which returns the exit code)
    // where the story has runs in between.
    std::function<void(EngineRig &, CrashWorld &, const std::function<int()> &sync)> prepare;
};

namespace CrashScenarios {
QList<CrashScenario> all();
// nullptr when there is no scenario of that name.
const CrashScenario *find(const QString &name);
} // namespace CrashScenarios

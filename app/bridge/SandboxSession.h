// The demo company in two in-process simulators, and an engine configuration that talks to them: what
// `turfdrive-cli sync --sandbox` and `turfdrive --sandbox` run against.
#pragma once

#include "demo/DemoScenario.h"

#include <memory>

class OstendoSimulator;
class PipedriveSimulator;
struct SyncEngineConfig;

class SandboxSession
{
public:
    SandboxSession(); // seeds both simulators with DemoScenario
    ~SandboxSession();
    SandboxSession(const SandboxSession &) = delete;
    SandboxSession &operator=(const SandboxSession &) = delete;

    // Points `config` at the simulators: transports that hand requests straight to them (called on the engine's
    // thread, which from then on is the only one that touches the simulators), their addresses and fixed
    // sandbox secrets. The database path is left as it is.
    void configure(SyncEngineConfig *config) const;

    // Which records hold which demo case, on each side.
    const DemoScenario::Cases &cases() const { return m_cases; }

    // The simulators themselves, for tests that check both systems' values. Only safe while no run is in
    // progress: during a run the engine's thread is using them.
    PipedriveSimulator &pipedrive() const { return *m_pipedrive; }
    OstendoSimulator &ostendo() const { return *m_ostendo; }

private:
    std::unique_ptr<PipedriveSimulator> m_pipedrive;
    std::unique_ptr<OstendoSimulator> m_ostendo;
    DemoScenario::Cases m_cases;
};

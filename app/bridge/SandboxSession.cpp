#include "SandboxSession.h"

#include "SandboxBridge.h"
#include "engine/SyncEngineConfig.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"

SandboxSession::SandboxSession()
    : m_pipedrive(std::make_unique<PipedriveSimulator>(1))
    , m_ostendo(std::make_unique<OstendoSimulator>())
{
    m_pipedrive->clock().followSystemTime();
    m_pipedrive->setAcceptAnyToken(true);
    m_ostendo->addKey(OstendoSimulator::demoKey());
    m_cases = DemoScenario::seed(*m_pipedrive, *m_ostendo, DemoScenario::Options{});
}

SandboxSession::~SandboxSession() = default;

void SandboxSession::configure(SyncEngineConfig *config) const
{
    config->pipedrive.baseUrl = QUrl(QStringLiteral("http://pipedrive.sandbox"));
    config->pipedrive.apiToken = QStringLiteral("sandbox-token");
    config->pipedrive.burstLimit = 40; // the sandbox company is on the Growth plan
    config->ostendo.baseUrl = QUrl(QStringLiteral("http://ostendo.sandbox"));
    config->ostendo.configuration = 0;
    config->ostendo.apiKey = OstendoSimulator::demoKey().key;
    config->ostendo.serverTimeZone = m_ostendo->clock().timeZone();
    PipedriveSimulator *pd = m_pipedrive.get();
    OstendoSimulator *os = m_ostendo.get();
    config->transportFactory = [pd, os](Side side) -> HttpTransport * {
        return new InProcessTransport(side == Side::Pipedrive ? SandboxBridge::handlerFor(pd)
                                                              : SandboxBridge::handlerFor(os));
    };
}

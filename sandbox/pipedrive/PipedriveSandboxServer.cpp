#include "PipedriveSandboxServer.h"

#include "common/SimHttpServer.h"

PipedriveSandboxServer::PipedriveSandboxServer() = default;

PipedriveSandboxServer::~PipedriveSandboxServer() = default;

quint16 PipedriveSandboxServer::start(const Options &options)
{
    // Real time first, so the demo history ends "now"; names, values and fields still follow the seed alone.
    m_simulator.clock().followSystemTime();
    m_simulator.seedDemo(options.seed, options.organizations, options.deals);
    if (options.token.isEmpty()) {
        m_simulator.setAcceptAnyToken(true, options.plan);
    } else {
        m_simulator.addApiToken(options.token, options.plan);
    }
    m_server = std::make_unique<SimHttpServer>(&m_simulator);
    return m_server->listenOnLoopback(options.port);
}

quint16 PipedriveSandboxServer::port() const
{
    return m_server ? m_server->port() : 0;
}

QString PipedriveSandboxServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

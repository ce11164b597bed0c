// The Pipedrive simulator as `turfdrive-cli sandbox` and the app's sandbox mode run it: seeded demo data, real
// time, served on a loopback port.
#pragma once

#include "PipedriveSimulator.h"

#include <memory>

class SimHttpServer;

class PipedriveSandboxServer
{
public:
    struct Options
    {
        quint16 port = 0; // 0 picks a free port
        quint32 seed = 1;
        int organizations = 25;
        int deals = 40;
        QByteArray token; // accepted API token; empty accepts any non-empty token (a newcomer's setup)
        QString plan = QStringLiteral("growth");
    };

    PipedriveSandboxServer();
    ~PipedriveSandboxServer();

    // Seeds the demo company and starts listening on 127.0.0.1. Returns the port, or 0 when it could not listen.
    quint16 start(const Options &options);
    quint16 port() const;
    // http://127.0.0.1:PORT, the base URL a client puts in front of /api/v2/...
    QString baseUrl() const;

    PipedriveSimulator &simulator() { return m_simulator; }

private:
    PipedriveSimulator m_simulator;
    std::unique_ptr<SimHttpServer> m_server;
};

// Serves one SimService over real HTTP (optionally TLS) on loopback, including the broken-transfer faults.
#pragma once

#include "SimTypes.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

class SimHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit SimHttpServer(SimService *service, QObject *parent = nullptr);

    // Listens on 127.0.0.1; port 0 picks a free port. Returns the port, or 0 when it could not listen.
    quint16 listenOnLoopback(quint16 port = 0);
    quint16 port() const { return m_port; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    SimService *m_service;
    quint16 m_port = 0;
};

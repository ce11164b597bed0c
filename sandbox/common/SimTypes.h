// The request and answer types every simulator speaks, independent of the TurfDrive client code.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

struct SimRequest
{
    QByteArray method;                            // "GET", "POST", "PATCH", "DELETE", ...
    QString path;                                 // decoded path, e.g. "/api/v2/deals/12"
    QUrlQuery query;                              // decoded query items
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent
    QByteArray body;

    // Case-insensitive header look-up; empty when absent.
    QByteArray header(const QByteArray &name) const;
};

struct SimResponse
{
    // How the answer is delivered. Anything but None simulates a broken transfer: with ApplyThenLose-style
    // faults the simulator changes its state first and then answers with Hang, Reset or Truncate.
    enum class Fault
    {
        None,
        Hang,     // never answer (the client's timeout must fire)
        Reset,    // close the connection without an answer
        Truncate, // send the head and half the body, then close
    };

    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Fault fault = Fault::None;

    static SimResponse json(int status, const QByteArray &body);
    static SimResponse text(int status, const QByteArray &contentType, const QByteArray &body);
    static SimResponse broken(Fault fault);
};

// One simulated remote system. Implementations are called on the thread that owns them.
class SimService
{
public:
    virtual ~SimService() = default;
    virtual SimResponse handle(const SimRequest &request) = 0;
};

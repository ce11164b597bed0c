// Sits between a client's in-process transport and a simulator and breaks requests at a seeded rate, counting
// each fault class it injected, so one seed's faults are the same on every replay.
#pragma once

#include "connectors/InProcessTransport.h"

#include <QMap>
#include <QRandomGenerator>
#include <QStringList>

class SimFaultInjector
{
public:
    enum class Fault
    {
        None,
        ServerError, // 500/502/503, nothing applied
        Timeout,     // no answer, nothing applied
        Reset,       // connection dropped, nothing applied
        RateLimit,   // 429, the start of a storm of several in a row
        Malformed,   // applied, then a 200 whose body the client cannot read
        AppliedLost, // a write applied whose answer never arrives (timeout or reset)
    };

    // `ostendo` tells how to recognise a write: Ostendo reads with POST /sqlquery, Pipedrive only with GET.
    SimFaultInjector(InProcessTransport::Handler inner, bool ostendo, quint32 seed);

    InProcessTransport::Handler handler();
    HttpResponse handle(const HttpRequest &request);

    // Faults stopping ends a 429 storm in progress too: "after the faults stop" means no fault at all.
    void setRate(double rate)
    {
        m_rate = rate;
        if (rate <= 0) {
            m_stormLeft = 0;
        }
    }
    bool isWrite(const HttpRequest &request) const;

    static QString faultName(Fault fault);
    QMap<QString, int> counts() const { return m_counts; }
    int writesSent() const { return m_writes; }
    // Method, path and the start of the body of each write sent, oldest first.
    QStringList writeLog() const { return m_writeLog; }
    int requestsSent() const { return m_requests; }
    // Answers that came back whole right after a 429 storm: the client waited and tried again.
    int rateLimitRecoveries() const { return m_rateLimitRecoveries; }

private:
    Fault draw(const HttpRequest &request);

    InProcessTransport::Handler m_inner;
    bool m_ostendo;
    QRandomGenerator m_random;
    double m_rate = 0;
    int m_stormLeft = 0;
    bool m_afterStorm = false;
    QMap<QString, int> m_counts;
    int m_writes = 0;
    QStringList m_writeLog;
    int m_requests = 0;
    int m_rateLimitRecoveries = 0;
};

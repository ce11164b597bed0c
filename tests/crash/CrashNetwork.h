// The network side of an in-process crash point: stands between both clients and their simulators, numbers every
// request of the run under test, and models the process dying at one of them. "Before request k": k never reaches
// its simulator. "After request k": the simulator applies it, then the answer is lost. Either way the store dies at
// its next write and nothing more is delivered; once the store dies first, the network dies with it.
#pragma once

#include "connectors/InProcessTransport.h"

#include <QStringList>

class SyncStore;

class CrashNetwork
{
public:
    enum class Kind
    {
        StoreWrite,
        BeforeRequest,
        AfterRequest,
    };
    static QString kindName(Kind kind);
    static bool parseKind(const QString &name, Kind *kind);

    explicit CrashNetwork(SyncStore *store);

    // A handler for one side's InProcessTransport, serving from `inner` (the simulator) while alive.
    InProcessTransport::Handler wrap(InProcessTransport::Handler inner, bool ostendo);

    // From now on count requests from 1, and die at request `step` when `kind` is a request kind (0: only count).
    void arm(Kind kind, int step);
    bool dead() const;
    bool fired() const { return m_fired; }
    // What was crossed at the crash, for the report: "POST /api/v2/organizations".
    QString firedAt() const { return m_firedAt; }

    // Delivers the request cut off by an "after" crash once more, as a resume that resent it blindly would.
    void resendCutOff()
    {
        if (m_cutOff) {
            m_cutOff();
        }
    }

    int requests() const { return m_requests; }
    int writes() const { return m_writes; }
    // Method, path and the start of the body of each write delivered, oldest first.
    QStringList writeLog() const { return m_writeLog; }

private:
    HttpResponse handle(const InProcessTransport::Handler &inner, bool ostendo, const HttpRequest &request);
    void die(const HttpRequest &request);

    SyncStore *m_store;
    Kind m_kind = Kind::StoreWrite;
    int m_step = 0;
    bool m_fired = false;
    QString m_firedAt;
    int m_requests = 0;
    int m_writes = 0;
    QStringList m_writeLog;
    std::function<void()> m_cutOff;
};

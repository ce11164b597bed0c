// Everything the worker-thread engine needs to build its own connections: where each system is, the secrets (or
// where to read them), the state database, the policy text and the run settings. A value type: it crosses threads.
#pragma once

#include "SyncRunOptions.h"
#include "connectors/OstendoConfig.h"
#include "connectors/PipedriveConfig.h"
#include "model/Side.h"

#include <QByteArray>
#include <QString>
#include <functional>

class Clock;
class HttpTransport;

struct SyncEngineConfig
{
    PipedriveConfig pipedrive; // an empty apiToken is read from the keychain (or the environment) before each run
    OstendoConfig ostendo;     // likewise apiKey
    QString ostendoPinSha256;  // ostendo/tls_pin_sha256
    QString databasePath;
    QByteArray policyJson; // empty: the built-in default policy
    QString policySource;  // for messages: the file the policy came from
    SyncRunOptions run;
    QString keychainService = QStringLiteral("TurfDrive");
    // Called on the engine's thread to make each system's transport; empty: a NetworkTransport (with the pin for
    // Ostendo). Tests and the sandbox pass in-process transports here.
    std::function<HttpTransport *(Side)> transportFactory;
    const Clock *clock = nullptr; // nullptr: the process clock
};

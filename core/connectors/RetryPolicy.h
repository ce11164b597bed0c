// Capped exponential back-off with jitter, shared by both connectors (reads) and the engine (failed records).
#pragma once

#include <QtGlobal>

class QRandomGenerator;

struct RetryPolicy
{
    int maxAttempts = 4;       // including the first
    qint64 baseDelayMs = 500;  // delay before the 2nd attempt, before jitter
    qint64 maxDelayMs = 30000; // cap
    double jitter = 0.25;      // +/- this fraction of the delay

    // Delay before attempt number `attempt` (2 = the first retry). The random source is passed in so that
    // simulations are deterministic from a seed.
    qint64 delayBeforeAttempt(int attempt, QRandomGenerator &random) const;
};

// The settings of one Pipedrive connection: where, with which token, and how patiently.
#pragma once

#include "RetryPolicy.h"

#include <QString>
#include <QUrl>

struct PipedriveConfig
{
    QUrl baseUrl;     // https://COMPANY.pipedrive.com (the client adds /api/v2)
    QString apiToken; // held in memory only; sent in the x-api-token header and nowhere else

    int pageSize = 500; // v2 allows 1..500

    // Transfer timeouts per kind of request: a page of 500 records takes longer than one record.
    int listTimeoutMs = 60000;
    int readTimeoutMs = 20000;
    int writeTimeoutMs = 30000;
    int searchTimeoutMs = 20000;

    // Answers larger than these are cut off and reported as malformed, so a hostile server cannot fill memory.
    qint64 maxListReplyBytes = 32 * 1024 * 1024;
    qint64 maxReplyBytes = 4 * 1024 * 1024;

    // Pacing: the burst limit of the plan for API-token clients (Lite 20, Growth 40, Premium 100,
    // Ultimate 120 per 2 s) until the x-ratelimit-limit header says otherwise, and the daily token budget
    // (30,000 x plan multiplier x seats).
    int burstLimit = 20;
    qint64 dailyTokenBudget = 30000;

    RetryPolicy readRetry;     // reads on server and network errors
    int maxRateLimitWaits = 6; // consecutive 429s on one call before it is reported as rate limited
    quint32 randomSeed = 0;    // jitter source; 0 seeds from the system
};

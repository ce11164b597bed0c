// What one sync run is asked to do (full scan, dry run) and the settings it runs with (batch size, back-off).
#pragma once

#include <QtGlobal>

struct SyncRunOptions
{
    bool full = false;   // compare everything, even with watermarks present (--full)
    bool dryRun = false; // plan only: nothing written to either system or to the store
    int batchSize = 50;  // sync/batch_size: writes between two progress reports and pacing checks
    int fullScanHours = 24;
    // Incremental Pipedrive reads start this far before the watermark so same-second edits are not missed.
    int pipedriveOverlapSeconds = 120;
    // A record that failed this many times in a row turns red and waits for its (long) next attempt.
    int redAfterFailures = 5;
    qint64 retryBaseMs = 60 * 1000;
    qint64 retryMaxMs = 6 * 3600 * 1000;
};

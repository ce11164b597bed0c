// Value types that cross from the engine's worker thread to the GUI through queued signals.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

struct SyncProgress
{
    QString entity; // "customer" or "work_item"
    QString phase;  // "reading", "reconciling", "writing"
    int done = 0;
    int total = 0; // 0: unknown (show a busy indicator, not a bar)
};

struct RunSummary
{
    QString runId;
    QDateTime startedAt;
    QDateTime finishedAt;
    int exitCode = -1; // DESIGN §4: 0 in step, 3 pending review, 4 some failed, 1 could not sync
    QString error;     // one sentence when exitCode is 1
    QJsonObject json;  // the `sync --json` summary object
};

// A snapshot of the Pipedrive token budget, for the dashboard and the scheduler's reasoning.
struct BudgetSnapshot
{
    qint64 dailyLimit = 0;
    qint64 dailyUsed = 0;
    int burstLimit = 0;
    int burstRemaining = 0;
    QDateTime at;
};

Q_DECLARE_METATYPE(SyncProgress)
Q_DECLARE_METATYPE(RunSummary)
Q_DECLARE_METATYPE(BudgetSnapshot)

// Decides the one overall state the tray and the window header show. Worst state wins: never green while
// anything is pending, failing or waiting for a person.
#pragma once

#include <QDateTime>
#include <QLocale>
#include <QObject>

class StatusNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Level
    {
        Green,
        Yellow,
        Red
    };
    Q_ENUM(Level)

    struct Inputs
    {
        bool running = false;
        int progressDone = 0;
        int progressTotal = 0;
        bool paused = false;
        int decisionsWaiting = 0; // conflicts pending review
        int pendingRecords = 0;   // links pending (half-applied, waiting for the next run)
        int failedRecords = 0;    // links in error
        QString lastError;        // the last run could not sync (exit 1), in one sentence
        QDateTime lastSyncAt;     // last run that finished without exit 1
        bool neverSynced = true;
    };

    struct Status
    {
        Level level = Level::Yellow;
        QString headline; // "Synced", "Syncing 120 of 450", "2 decisions waiting", ...
        QString detail;   // the reason or what to do, for the tooltip
        int decisionsWaiting = 0;
        bool operator==(const Status &o) const
        {
            return level == o.level && headline == o.headline && detail == o.detail &&
                   decisionsWaiting == o.decisionsWaiting;
        }
    };

    explicit StatusNotifier(QObject *parent = nullptr);

    static Status evaluate(const Inputs &inputs);

    void setInputs(const Inputs &inputs);
    Inputs inputs() const { return m_inputs; }
    Status status() const { return m_status; }

signals:
    void statusChanged(const StatusNotifier::Status &status);
    // Once per run that ends needing attention (never once per conflict).
    void attentionNeeded(const QString &title, const QString &message);

private:
    Inputs m_inputs;
    Status m_status;
};

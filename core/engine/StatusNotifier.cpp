#include "StatusNotifier.h"

StatusNotifier::StatusNotifier(QObject *parent)
    : QObject(parent)
    , m_status(evaluate(m_inputs))
{}

StatusNotifier::Status StatusNotifier::evaluate(const Inputs &in)
{
    Status s;
    s.decisionsWaiting = in.decisionsWaiting;

    // Red first: an error, or a decision only a person can make.
    if (!in.lastError.isEmpty()) {
        s.level = Level::Red;
        s.headline = tr("Sync failed");
        s.detail = in.lastError;
    } else if (in.decisionsWaiting > 0) {
        s.level = Level::Red;
        s.headline = tr("%n decision(s) waiting", nullptr, in.decisionsWaiting);
        s.detail = tr("Open the conflict review to decide.");
    } else if (in.failedRecords > 0) {
        s.level = Level::Red;
        s.headline = tr("%n record(s) failing", nullptr, in.failedRecords);
        s.detail = tr("They are retried automatically; the sync log says why.");
    }
    if (s.level == Level::Red) {
        if (in.running) {
            s.detail += QLatin1Char(' ') + tr("Syncing now.");
        }
        return s;
    }

    if (in.running) {
        s.level = Level::Yellow;
        s.headline =
            in.progressTotal > 0 ? tr("Syncing %1 of %2").arg(in.progressDone).arg(in.progressTotal) : tr("Syncing…");
        s.detail = tr("A sync is running.");
    } else if (in.pendingRecords > 0) {
        s.level = Level::Yellow;
        s.headline = tr("%n record(s) pending", nullptr, in.pendingRecords);
        s.detail = tr("They will be finished by the next sync.");
    } else if (in.neverSynced) {
        s.level = Level::Yellow;
        s.headline = tr("Not synced yet");
        s.detail = tr("Press Sync now to start.");
    } else if (in.paused) {
        s.level = Level::Yellow;
        s.headline = tr("Paused");
        s.detail = tr("Automatic syncing is paused.");
    } else {
        s.level = Level::Green;
        s.headline = tr("Synced");
        s.detail = tr("Last synced %1.").arg(QLocale().toString(in.lastSyncAt.toLocalTime(), QLocale::ShortFormat));
    }
    return s;
}

void StatusNotifier::setInputs(const Inputs &inputs)
{
    const bool runEnded = m_inputs.running && !inputs.running;
    m_inputs = inputs;
    const Status next = evaluate(inputs);
    if (runEnded && next.level == Level::Red) {
        emit attentionNeeded(tr("TurfDrive needs attention"), next.headline + QStringLiteral(". ") + next.detail);
    }
    if (!(next == m_status)) {
        m_status = next;
        emit statusChanged(m_status);
    }
}

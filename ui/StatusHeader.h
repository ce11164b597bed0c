// The band at the top of the main window: the overall state in words and colour, last and next sync, the
// progress of a run, and the Sync now / Pause buttons. It renders what the StatusNotifier decided.
#pragma once

#include "engine/StatusNotifier.h"
#include "engine/SyncTypes.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class StatusTracker;

class StatusHeader : public QWidget
{
    Q_OBJECT
public:
    explicit StatusHeader(StatusTracker *tracker, QWidget *parent = nullptr);

    QString headline() const;
    QString progressText() const;
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *syncNowButton() const { return m_syncNow; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *reviewButton() const { return m_review; }

    // "Customers: writing 120 of 450" from the engine's progress, for the header and the tray tooltip.
    static QString describe(const SyncProgress &progress);

signals:
    void reviewRequested();

private:
    void render(const StatusNotifier::Status &status);
    void showProgress(const SyncProgress &progress);
    void showTimes();
    void updatePauseButton();

    StatusTracker *m_tracker;
    QLabel *m_dot;
    QLabel *m_headline;
    QLabel *m_detail;
    QLabel *m_times;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_review;
    QPushButton *m_syncNow;
    QPushButton *m_pause;
};

#include "StatusHeader.h"

#include "StatusTracker.h"
#include "UiText.h"
#include "engine/SyncController.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace {
QLabel *plainLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

StatusHeader::StatusHeader(StatusTracker *tracker, QWidget *parent)
    : QWidget(parent)
    , m_tracker(tracker)
    , m_dot(plainLabel(this, QStringLiteral("statusDot")))
    , m_headline(plainLabel(this, QStringLiteral("statusLabel")))
    , m_detail(plainLabel(this, QStringLiteral("statusDetail")))
    , m_times(plainLabel(this, QStringLiteral("syncTimes")))
    , m_progressLabel(plainLabel(this, QStringLiteral("progressLabel")))
    , m_progress(new QProgressBar(this))
    , m_review(new QPushButton(this))
    , m_syncNow(new QPushButton(tr("Sync &now"), this))
    , m_pause(new QPushButton(tr("&Pause"), this))
{
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_review->setObjectName(QStringLiteral("reviewButton"));
    m_syncNow->setObjectName(QStringLiteral("syncNowButton"));
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_headline->setFont(big);
    m_detail->setWordWrap(true);
    m_progress->setTextVisible(true);

    auto *layout = new QGridLayout(this);
    layout->addWidget(m_dot, 0, 0, 2, 1, Qt::AlignTop);
    layout->addWidget(m_headline, 0, 1);
    layout->addWidget(m_detail, 1, 1);
    layout->addWidget(m_times, 2, 1);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressLabel);
    progressRow->addWidget(m_progress, 1);
    layout->addLayout(progressRow, 3, 1, 1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_review);
    buttons->addWidget(m_syncNow);
    buttons->addWidget(m_pause);
    layout->addLayout(buttons, 0, 2, 2, 1, Qt::AlignRight | Qt::AlignVCenter);
    layout->setColumnStretch(1, 1);

    SyncController *controller = m_tracker->controller();
    if (controller) {
        connect(m_syncNow, &QPushButton::clicked, controller, &SyncController::syncNow);
        connect(m_pause, &QPushButton::clicked, this,
                [controller]() { controller->isPaused() ? controller->resume() : controller->pause(); });
    } else {
        const QString why = tr("Syncing needs the sync engine, which this build does not include yet.");
        m_syncNow->setEnabled(false);
        m_pause->setEnabled(false);
        m_syncNow->setToolTip(why);
        m_pause->setToolTip(why);
    }
    connect(m_review, &QPushButton::clicked, this, &StatusHeader::reviewRequested);
    connect(m_tracker->notifier(), &StatusNotifier::statusChanged, this, &StatusHeader::render);
    connect(m_tracker, &StatusTracker::progressChanged, this, &StatusHeader::showProgress);
    connect(m_tracker, &StatusTracker::nextRunChanged, this, &StatusHeader::showTimes);
    connect(m_tracker, &StatusTracker::pausedChanged, this, &StatusHeader::updatePauseButton);

    render(m_tracker->notifier()->status());
    showProgress(m_tracker->progress());
    updatePauseButton();
}

QString StatusHeader::headline() const
{
    return m_headline->text();
}

QString StatusHeader::progressText() const
{
    return m_progressLabel->text();
}

QString StatusHeader::describe(const SyncProgress &p)
{
    const QString what = p.entity == QLatin1String("work_item")  ? tr("Work items")
                         : p.entity == QLatin1String("customer") ? tr("Customers")
                                                                 : tr("Records");
    QString phase;
    if (p.phase == QLatin1String("reading")) {
        phase = tr("reading");
    } else if (p.phase == QLatin1String("reconciling")) {
        phase = tr("comparing");
    } else if (p.phase == QLatin1String("writing")) {
        phase = tr("writing");
    } else {
        phase = tr("working");
    }
    if (p.total > 0) {
        return tr("%1: %2 %3 of %4").arg(what, phase).arg(p.done).arg(p.total);
    }
    return tr("%1: %2…").arg(what, phase);
}

void StatusHeader::render(const StatusNotifier::Status &status)
{
    UiText::Light light = UiText::Light::Yellow;
    if (status.level == StatusNotifier::Level::Green) {
        light = UiText::Light::Green;
    } else if (status.level == StatusNotifier::Level::Red) {
        light = UiText::Light::Red;
    }
    m_dot->setPixmap(UiText::dot(light).pixmap(40, 40));
    m_dot->setAccessibleName(UiText::lightName(light));
    m_headline->setText(status.headline);
    m_detail->setText(status.detail);
    m_review->setText(tr("&Review %n decision(s)", nullptr, status.decisionsWaiting));
    m_review->setVisible(status.decisionsWaiting > 0);
    showTimes();
}

void StatusHeader::showProgress(const SyncProgress &p)
{
    const bool running = m_tracker->isRunning();
    m_progress->setVisible(running);
    m_progressLabel->setVisible(running);
    if (!running) {
        m_progressLabel->clear();
        return;
    }
    m_progressLabel->setText(describe(p));
    if (p.total > 0) {
        m_progress->setRange(0, p.total);
        m_progress->setValue(qBound(0, p.done, p.total));
    } else {
        m_progress->setRange(0, 0); // size unknown: a busy indicator, not a made-up percentage
    }
}

void StatusHeader::showTimes()
{
    const StatusNotifier::Inputs in = m_tracker->notifier()->inputs();
    const QString last = in.neverSynced ? tr("Last sync: never") : tr("Last sync: %1").arg(UiText::time(in.lastSyncAt));
    QString next;
    if (in.paused) {
        next = tr("Next sync: paused");
    } else if (m_tracker->nextRunAt().isValid()) {
        next = tr("Next sync: %1").arg(UiText::time(m_tracker->nextRunAt()));
    } else {
        next = tr("Next sync: not scheduled");
    }
    m_times->setText(last + QStringLiteral("   ·   ") + next);
}

void StatusHeader::updatePauseButton()
{
    SyncController *controller = m_tracker->controller();
    const bool paused = controller && controller->isPaused();
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    showTimes();
}

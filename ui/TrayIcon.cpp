#include "TrayIcon.h"

#include "UiText.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>

namespace {
UiText::Light lightOf(StatusNotifier::Level level)
{
    switch (level) {
    case StatusNotifier::Level::Green:
        return UiText::Light::Green;
    case StatusNotifier::Level::Yellow:
        return UiText::Light::Yellow;
    case StatusNotifier::Level::Red:
        return UiText::Light::Red;
    }
    return UiText::Light::Red;
}
} // namespace

TrayIcon::TrayIcon(StatusNotifier *notifier, QObject *parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_syncNow = m_menu->addAction(tr("Sync now"), this, &TrayIcon::syncNowRequested);
    m_review = m_menu->addAction(tr("Review conflicts"), this, &TrayIcon::reviewRequested);
    m_pause = m_menu->addAction(tr("Pause"), this, &TrayIcon::pauseToggled);
    m_menu->addSeparator();
    m_open = m_menu->addAction(tr("Open TurfDrive"), this, &TrayIcon::openRequested);
    m_quit = m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
            emit openRequested();
        }
    });
    connect(notifier, &StatusNotifier::statusChanged, this, &TrayIcon::render);
    connect(notifier, &StatusNotifier::attentionNeeded, this, &TrayIcon::notify);
    render(notifier->status());
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    if (available()) {
        m_tray->show();
    }
}

void TrayIcon::setSyncAvailable(bool isAvailable, const QString &reason)
{
    m_syncNow->setEnabled(isAvailable);
    m_pause->setEnabled(isAvailable);
    m_syncNow->setToolTip(isAvailable ? QString() : reason);
    m_pause->setToolTip(isAvailable ? QString() : reason);
}

void TrayIcon::setPaused(bool paused)
{
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
}

void TrayIcon::setProgress(const QString &progress)
{
    m_progress = progress;
    render(m_status);
}

void TrayIcon::render(const StatusNotifier::Status &status)
{
    m_status = status;
    m_level = status.level;
    m_tray->setIcon(UiText::dot(lightOf(status.level)));
    // The tooltip may carry a remote error sentence: escaped so the tray shows it as text, never as markup.
    m_plainToolTip = QStringLiteral("TurfDrive: %1\n%2").arg(status.headline, status.detail);
    if (!m_progress.isEmpty()) {
        m_plainToolTip += QLatin1Char('\n') + m_progress;
    }
    m_tray->setToolTip(UiText::literalToolTip(m_plainToolTip));
    m_review->setText(tr("Review conflicts (%1)").arg(status.decisionsWaiting));
}

void TrayIcon::notify(const QString &title, const QString &message)
{
    ++m_notificationsShown;
    if (m_tray->isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning);
    }
}

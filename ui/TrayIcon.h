// The system-tray icon: shows the overall state the StatusNotifier decided (icon, tooltip), offers the everyday
// actions, and shows the notifier's one notification per run that needs attention. Without a system tray it
// stays hidden and the main window works on its own.
#pragma once

#include "engine/StatusNotifier.h"

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(StatusNotifier *notifier, QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool available();
    void show();

    StatusNotifier::Level level() const { return m_level; }
    QString toolTip() const { return m_plainToolTip; } // as the user reads it
    int notificationsShown() const { return m_notificationsShown; }
    QMenu *menu() const { return m_menu; }
    QAction *syncNowAction() const { return m_syncNow; }
    QAction *reviewAction() const { return m_review; }
    QAction *pauseAction() const { return m_pause; }
    QAction *openAction() const { return m_open; }
    QAction *quitAction() const { return m_quit; }

    // No controller yet: the actions that need the engine are disabled and say why.
    void setSyncAvailable(bool available, const QString &reason);
    void setPaused(bool paused);
    // "Customers: writing 120 of 450" while a run reports progress; empty when none.
    void setProgress(const QString &progress);

signals:
    void syncNowRequested();
    void reviewRequested();
    void pauseToggled();
    void openRequested();
    void quitRequested();

private:
    void render(const StatusNotifier::Status &status);
    void notify(const QString &title, const QString &message);

    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_syncNow;
    QAction *m_review;
    QAction *m_pause;
    QAction *m_open;
    QAction *m_quit;
    StatusNotifier::Level m_level = StatusNotifier::Level::Yellow;
    int m_notificationsShown = 0;
    QString m_plainToolTip;
    QString m_progress;
    StatusNotifier::Status m_status;
};

// The main window: the status header, customers and work items, recent activity and the dashboard; it owns the
// tray icon and opens the conflict review, sync log and settings windows. The controller may be null until
// the engine exists: the sync buttons are then disabled and say why.
#pragma once

#include "store/StoreTypes.h"

#include <QMainWindow>
#include <QPointer>

class ActivityPage;
class ConflictReviewWindow;
class DashboardWidget;
class FirstRunWidget;
class QAction;
class QStackedWidget;
class QTabWidget;
class RecordsPage;
class SecretStore;
class Settings;
class SettingsDialog;
class StatusHeader;
class StatusNotifier;
class StatusTracker;
class StoreService;
class SyncController;
class SyncLogWindow;
class TrayIcon;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(StoreService *store, SyncController *controller, Settings *settings, SecretStore *secrets,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // The title shown when no run is in progress ("TurfDrive", "TurfDrive (sandbox)").
    void setBaseTitle(const QString &title);
    // Shows the first-run choice instead of the records until one is made.
    void setFirstRun(bool firstRun);
    bool isFirstRun() const;
    // Where the window remembers its size and layout; tests point it at a scratch file.
    void setStateFile(const QString &path) { m_stateFile = path; }
    void restoreLayout();
    void saveLayout();

    StatusNotifier *notifier() const { return m_notifier; }
    StatusTracker *tracker() const { return m_tracker; }
    StatusHeader *header() const { return m_header; }
    TrayIcon *tray() const { return m_tray; }
    RecordsPage *customersPage() const { return m_customers; }
    RecordsPage *workItemsPage() const { return m_workItems; }
    ActivityPage *activityPage() const { return m_activity; }
    DashboardWidget *dashboard() const { return m_dashboard; }
    FirstRunWidget *firstRunWidget() const { return m_firstRun; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *syncNowAction() const { return m_syncNowAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    SettingsDialog *settingsDialog() const; // the open one, or null

public slots:
    ConflictReviewWindow *openConflictReview();
    SyncLogWindow *openSyncLog(qint64 linkId = 0);
    SettingsDialog *openSettings();
    void reloadAll();
    // The engine's answers for the settings dialog, if it is open.
    void showConnectionResult(System system, bool ok, const QString &sentence);
    void offerCertificate(const QString &sha256Hex);

signals:
    void sandboxRequested();
    // The settings dialog asks whoever can test a connection (the engine, once it exists).
    void testConnectionRequested(System system);
    void settingsSaved();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void togglePause();
    void showFromTray();
    void quit();

    StoreService *m_store;
    QPointer<SyncController> m_controller;
    Settings *m_settings;
    SecretStore *m_secrets;
    StatusNotifier *m_notifier;
    StatusTracker *m_tracker;
    StatusHeader *m_header;
    TrayIcon *m_tray;
    QStackedWidget *m_stack;
    FirstRunWidget *m_firstRun;
    QTabWidget *m_tabs;
    RecordsPage *m_customers;
    RecordsPage *m_workItems;
    ActivityPage *m_activity;
    DashboardWidget *m_dashboard;
    QPointer<ConflictReviewWindow> m_review;
    QPointer<SyncLogWindow> m_log;
    QPointer<SettingsDialog> m_settingsDialog;
    QAction *m_syncNowAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QString m_stateFile;
    QString m_baseTitle;
    bool m_quitting = false;
};

#include "MainWindow.h"

#include "ActivityPage.h"
#include "ConflictReviewWindow.h"
#include "DashboardWidget.h"
#include "FirstRunWidget.h"
#include "RecordTableModel.h"
#include "RecordsPage.h"
#include "SettingsDialog.h"
#include "StatusHeader.h"
#include "StatusTracker.h"
#include "StoreService.h"
#include "SyncLogWindow.h"
#include "TrayIcon.h"
#include "engine/StatusNotifier.h"
#include "engine/SyncController.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMetaMethod>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

MainWindow::MainWindow(StoreService *store, SyncController *controller, Settings *settings, SecretStore *secrets,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_controller(controller)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_notifier(new StatusNotifier(this))
    , m_tracker(new StatusTracker(store, controller, m_notifier, this))
    , m_header(new StatusHeader(m_tracker, this))
    , m_tray(new TrayIcon(m_notifier, this))
    , m_stack(new QStackedWidget(this))
    , m_firstRun(new FirstRunWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_customers(new RecordsPage(Entity::Customer, store, this))
    , m_workItems(new RecordsPage(Entity::WorkItem, store, this))
    , m_activity(new ActivityPage(store, this))
    , m_dashboard(new DashboardWidget(store, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setBaseTitle(tr("TurfDrive"));
    setWindowIcon(QIcon(QStringLiteral(":/turfdrive/ui/icons/status-green.svg")));
    m_stateFile =
        QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/window-state.ini");

    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_customers, tr("&Customers"));
    m_tabs->addTab(m_workItems, tr("&Work items"));
    m_tabs->addTab(m_activity, tr("Recent &activity"));
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));

    auto *main = new QWidget(this);
    auto *layout = new QVBoxLayout(main);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(main);
    m_stack->addWidget(m_firstRun);
    setCentralWidget(m_stack);

    buildMenus();

    const QString noEngine = tr("Syncing needs the sync engine, which this build does not include yet.");
    m_tray->setSyncAvailable(m_controller != nullptr, noEngine);
    if (m_controller) {
        // What the engine wrote may show in any view: they all reload from the store.
        for (auto signal : {&SyncController::conflictsChanged, &SyncController::recordsChanged}) {
            connect(m_controller, signal, m_store, &StoreService::notifyChanged);
        }
        connect(m_controller, &SyncController::runFinished, m_store, &StoreService::notifyChanged);
        connect(m_tray, &TrayIcon::syncNowRequested, m_controller, &SyncController::syncNow);
        m_tray->setPaused(m_controller->isPaused());
    }
    connect(m_tray, &TrayIcon::pauseToggled, this, &MainWindow::togglePause);
    connect(m_tray, &TrayIcon::reviewRequested, this, &MainWindow::openConflictReview);
    connect(m_tray, &TrayIcon::openRequested, this, &MainWindow::showFromTray);
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
    connect(m_tracker, &StatusTracker::pausedChanged, this, [this](bool paused) {
        m_tray->setPaused(paused);
        m_pauseAction->setText(paused ? tr("&Resume") : tr("&Pause"));
    });
    connect(m_tracker, &StatusTracker::progressChanged, this, [this](const SyncProgress &p) {
        // The window title carries the progress too, for a minimised window.
        const bool running = m_tracker->isRunning();
        setWindowTitle(running && p.total > 0 ? tr("%1 — %2").arg(m_baseTitle, StatusHeader::describe(p))
                                              : m_baseTitle);
        m_tray->setProgress(running ? StatusHeader::describe(p) : QString());
    });
    connect(m_tracker, &StatusTracker::budgetChanged, m_dashboard, &DashboardWidget::showBudget);
    connect(m_header, &StatusHeader::reviewRequested, this, &MainWindow::openConflictReview);
    for (RecordsPage *page : {m_customers, m_workItems}) {
        connect(page, &RecordsPage::logRequested, this, [this](qint64 linkId) { openSyncLog(linkId); });
    }
    connect(m_activity, &ActivityPage::logRequested, this, [this](qint64 linkId) { openSyncLog(linkId); });
    connect(m_firstRun, &FirstRunWidget::setupRequested, this, [this]() {
        if (SettingsDialog *dialog = openSettings()) {
            connect(dialog, &SettingsDialog::saved, this, [this]() { setFirstRun(false); });
        }
    });
    connect(m_firstRun, &FirstRunWidget::sandboxRequested, this, [this]() {
        setFirstRun(false);
        emit sandboxRequested();
    });

    m_tray->show();
    resize(1100, 720);
    if (m_store->isOpen()) {
        reloadAll();
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    file->addSeparator();
    QAction *quitAction = file->addAction(tr("&Quit"), this, &MainWindow::quit);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *sync = menuBar()->addMenu(tr("&Sync"));
    m_syncNowAction = sync->addAction(tr("Sync &now"));
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNowAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_pauseAction = sync->addAction(tr("&Pause"), this, &MainWindow::togglePause);
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    if (m_controller) {
        connect(m_syncNowAction, &QAction::triggered, m_controller, &SyncController::syncNow);
        m_pauseAction->setText(m_controller->isPaused() ? tr("&Resume") : tr("&Pause"));
    } else {
        m_syncNowAction->setEnabled(false);
        m_pauseAction->setEnabled(false);
    }
    sync->addSeparator();
    QAction *review = sync->addAction(tr("&Review conflicts…"), this, &MainWindow::openConflictReview);
    review->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction *log = sync->addAction(tr("Sync &log…"), this, [this]() { openSyncLog(); });
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
}

void MainWindow::setBaseTitle(const QString &title)
{
    m_baseTitle = title;
    setWindowTitle(title);
}

void MainWindow::showConnectionResult(System system, bool ok, const QString &sentence)
{
    if (m_settingsDialog) {
        m_settingsDialog->showConnectionResult(system, ok, sentence);
    }
}

void MainWindow::offerCertificate(const QString &sha256Hex)
{
    if (m_settingsDialog) {
        m_settingsDialog->offerCertificate(sha256Hex);
    }
}

void MainWindow::setFirstRun(bool firstRun)
{
    m_stack->setCurrentWidget(firstRun ? static_cast<QWidget *>(m_firstRun) : m_stack->widget(0));
    menuBar()->setEnabled(!firstRun);
}

bool MainWindow::isFirstRun() const
{
    return m_stack->currentWidget() == m_firstRun;
}

void MainWindow::reloadAll()
{
    m_tracker->refresh();
    m_customers->reload();
    m_workItems->reload();
    m_activity->reload();
    m_dashboard->reload();
}

ConflictReviewWindow *MainWindow::openConflictReview()
{
    if (!m_review) {
        m_review = new ConflictReviewWindow(m_store, m_controller, this);
        m_review->setAttribute(Qt::WA_DeleteOnClose);
        QSettings state(m_stateFile, QSettings::IniFormat);
        m_review->restoreGeometry(state.value(QStringLiteral("review/geometry")).toByteArray());
    } else {
        m_review->reload();
    }
    m_review->show();
    m_review->raise();
    m_review->activateWindow();
    return m_review;
}

SyncLogWindow *MainWindow::openSyncLog(qint64 linkId)
{
    if (!m_log) {
        m_log = new SyncLogWindow(m_store, this);
        m_log->setAttribute(Qt::WA_DeleteOnClose);
        QSettings state(m_stateFile, QSettings::IniFormat);
        m_log->restoreGeometry(state.value(QStringLiteral("log/geometry")).toByteArray());
    }
    QString name;
    for (RecordsPage *page : {m_customers, m_workItems}) {
        for (int row = 0; linkId && name.isEmpty() && row < page->model()->rowCount(); ++row) {
            const Link *l = page->model()->linkAt(row);
            if (l && l->id == linkId) {
                name = l->displayName;
            }
        }
    }
    m_log->showLink(linkId, name);
    m_log->show();
    m_log->raise();
    m_log->activateWindow();
    return m_log;
}

SettingsDialog *MainWindow::openSettings()
{
    if (!m_settings) {
        return nullptr;
    }
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_settings, m_secrets, this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        // Whoever can test a connection listens to testConnectionRequested; until then the buttons say why not.
        m_settingsDialog->setConnectionTestAvailable(
            isSignalConnected(QMetaMethod::fromSignal(&MainWindow::testConnectionRequested)));
        connect(m_settingsDialog, &SettingsDialog::testConnectionRequested, this, &MainWindow::testConnectionRequested);
        connect(m_settingsDialog, &SettingsDialog::saved, this, &MainWindow::settingsSaved);
    }
    m_settingsDialog->open();
    return m_settingsDialog;
}

SettingsDialog *MainWindow::settingsDialog() const
{
    return m_settingsDialog;
}

void MainWindow::togglePause()
{
    if (!m_controller) {
        return;
    }
    m_controller->isPaused() ? m_controller->resume() : m_controller->pause();
}

void MainWindow::showFromTray()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::quit()
{
    m_quitting = true;
    saveLayout();
    QApplication::quit();
}

void MainWindow::restoreLayout()
{
    QSettings state(m_stateFile, QSettings::IniFormat);
    restoreGeometry(state.value(QStringLiteral("main/geometry")).toByteArray());
    restoreState(state.value(QStringLiteral("main/state")).toByteArray());
    m_tabs->setCurrentIndex(state.value(QStringLiteral("main/tab"), 0).toInt());
    const QList<QSplitter *> splitters = findChildren<QSplitter *>();
    for (QSplitter *s : splitters) {
        if (!s->objectName().isEmpty()) {
            s->restoreState(state.value(QStringLiteral("splitters/") + s->objectName()).toByteArray());
        }
    }
}

void MainWindow::saveLayout()
{
    QSettings state(m_stateFile, QSettings::IniFormat);
    state.setValue(QStringLiteral("main/geometry"), saveGeometry());
    state.setValue(QStringLiteral("main/state"), saveState());
    state.setValue(QStringLiteral("main/tab"), m_tabs->currentIndex());
    const QList<QSplitter *> splitters = findChildren<QSplitter *>();
    for (QSplitter *s : splitters) {
        if (!s->objectName().isEmpty() && s->window() == this) {
            state.setValue(QStringLiteral("splitters/") + s->objectName(), s->saveState());
        }
    }
    if (m_review) {
        state.setValue(QStringLiteral("review/geometry"), m_review->saveGeometry());
    }
    if (m_log) {
        state.setValue(QStringLiteral("log/geometry"), m_log->saveGeometry());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    // With a tray, closing the window keeps TurfDrive syncing in the background; without one it quits.
    if (!m_quitting && TrayIcon::available()) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

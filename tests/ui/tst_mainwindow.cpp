#include "ActivityModel.h"
#include "ActivityPage.h"
#include "ConflictFieldModel.h"
#include "ConflictReviewWindow.h"
#include "DashboardWidget.h"
#include "DemoStore.h"
#include "FakeSyncController.h"
#include "FilterProxyModel.h"
#include "FirstRunWidget.h"
#include "LogTableModel.h"
#include "MainWindow.h"
#include "RecordTableModel.h"
#include "RecordsPage.h"
#include "StatusHeader.h"
#include "StoreService.h"
#include "SyncLogWindow.h"
#include "TrayIcon.h"
#include "UiRoles.h"
#include "UiText.h"
#include "engine/StatusNotifier.h"
#include "util/Clock.h"

#include "TestSupport.h"
#include <QAction>
#include <QBarSet>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

namespace {
const QDateTime kNow(QDate(2026, 11, 27), QTime(14, 30), Qt::UTC);
}

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    ManualClock m_clock{kNow};
    std::unique_ptr<TestSupport::ScratchDir> m_dir;
    std::unique_ptr<SyncStore> m_store;
    std::unique_ptr<StoreService> m_service;
    std::unique_ptr<FakeSyncController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    DemoStore::Ids m_ids;

    void settle() { QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingRequests(), 0, 20000); }

    void makeWindow(SyncController *controller)
    {
        m_window = std::make_unique<MainWindow>(m_service.get(), controller, nullptr, nullptr);
        m_window->setStateFile(m_dir->filePath(QStringLiteral("window.ini")));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        settle();
    }

    // Everything in step except what a test sets up: no waiting decision, no pending or failing record.
    void settleEverything()
    {
        for (Entity e : {Entity::Customer, Entity::WorkItem}) {
            for (Link l : m_store->links(e)) {
                l.status = LinkStatus::Synced;
                l.lastError.clear();
                QVERIFY(m_store->saveLink(&l));
            }
        }
        for (qint64 id : {m_ids.addressConflict, m_ids.duplicateConflict}) {
            const bool duplicate = id == m_ids.duplicateConflict;
            QVERIFY(m_store->recordDecision(id, duplicate ? QStringLiteral("link") : QStringLiteral("keep_ostendo"), {},
                                            QStringLiteral("Dana"), kNow));
        }
        m_service->notifyChanged();
        settle();
    }

    StatusNotifier::Level trayLevel() const { return m_window->tray()->level(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Clock::setCurrent(&m_clock);
    }
    void cleanupTestCase() { Clock::setCurrent(nullptr); }

    void init()
    {
        m_dir = std::make_unique<TestSupport::ScratchDir>();
        QVERIFY(m_dir->isValid());
        const QString path = m_dir->filePath(QStringLiteral("state.sqlite"));
        m_store = std::make_unique<SyncStore>();
        QVERIFY2(m_store->open(path), qPrintable(m_store->lastError()));
        QVERIFY2(DemoStore::populate(*m_store, kNow, &m_ids), qPrintable(m_store->lastError()));
        m_service = std::make_unique<StoreService>();
        QSignalSpy opened(m_service.get(), &StoreService::opened);
        m_service->open(path);
        QVERIFY(opened.wait(10000));
        m_controller = std::make_unique<FakeSyncController>(m_store.get());
        makeWindow(m_controller.get());
    }

    void cleanup()
    {
        m_window.reset();
        m_controller.reset();
        m_service.reset();
        m_store.reset();
        m_dir.reset();
    }

    void syncNowStartsARunWithDeterminateProgress()
    {
        settleEverything();
        StatusHeader *header = m_window->header();
        QCOMPARE(header->headline(), QStringLiteral("Synced"));
        QVERIFY(!header->progressBar()->isVisibleTo(m_window.get()));

        QSignalSpy started(m_controller.get(), &SyncController::runStarted);
        QTest::mouseClick(header->syncNowButton(), Qt::LeftButton);
        QCOMPARE(m_controller->syncNowCalls(), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(header->headline(), QStringLiteral("Syncing…"));
        QCOMPARE(trayLevel(), StatusNotifier::Level::Yellow);

        // A change set of more than one batch: a determinate bar with the entity and the counts.
        m_controller->reportProgress(QStringLiteral("customer"), 50, 120);
        QVERIFY(header->progressBar()->isVisibleTo(m_window.get()));
        QCOMPARE(header->progressBar()->maximum(), 120);
        QCOMPARE(header->progressBar()->value(), 50);
        QVERIFY2(header->progressText().contains(QStringLiteral("Customers")), qPrintable(header->progressText()));
        QVERIFY(header->progressText().contains(QStringLiteral("50 of 120")));
        QVERIFY(m_window->tray()->toolTip().contains(QStringLiteral("50 of 120")));
        QVERIFY(m_window->tray()->toolTip().contains(QStringLiteral("Customers")));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("50 of 120")));

        m_clock.advanceMs(60000);
        m_controller->finishRun(0);
        settle();
        QVERIFY(!header->progressBar()->isVisibleTo(m_window.get()));
        QCOMPARE(header->headline(), QStringLiteral("Synced"));
        QCOMPARE(trayLevel(), StatusNotifier::Level::Green);
        QCOMPARE(m_window->windowTitle(), QStringLiteral("TurfDrive"));
        QVERIFY(!m_window->tray()->toolTip().contains(QStringLiteral("Customers")));
    }

    void syncNowFromTheKeyboard()
    {
        QCOMPARE(m_window->syncNowAction()->shortcut(), QKeySequence(Qt::Key_F5));
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QCOMPARE(m_controller->syncNowCalls(), 1);
    }

    void pauseAndResume()
    {
        QPushButton *pause = m_window->header()->pauseButton();
        QCOMPARE(pause->text(), QStringLiteral("&Pause"));
        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(m_controller->isPaused());
        QCOMPARE(pause->text(), QStringLiteral("&Resume"));
        QCOMPARE(m_window->tray()->pauseAction()->text(), QStringLiteral("Resume"));
        m_window->tray()->pauseAction()->trigger();
        QVERIFY(!m_controller->isPaused());
        QCOMPARE(pause->text(), QStringLiteral("&Pause"));
    }

    void withoutAnEngineTheSyncButtonsSayWhy()
    {
        m_window.reset();
        makeWindow(nullptr);
        QPushButton *syncNow = m_window->header()->syncNowButton();
        QVERIFY(!syncNow->isEnabled());
        QVERIFY(syncNow->toolTip().contains(QStringLiteral("sync engine")));
        QVERIFY(!m_window->tray()->syncNowAction()->isEnabled());
        QVERIFY(!m_window->syncNowAction()->isEnabled());
        // The store alone still decides the state: two decisions wait.
        QCOMPARE(trayLevel(), StatusNotifier::Level::Red);
    }

    void trayFollowsTheWorstState()
    {
        // The demo: two decisions wait, one record fails, two are pending.
        QCOMPARE(trayLevel(), StatusNotifier::Level::Red);
        QVERIFY(m_window->tray()->toolTip().contains(QStringLiteral("2 decision(s) waiting")));
        QCOMPARE(m_window->tray()->reviewAction()->text(), QStringLiteral("Review conflicts (2)"));
        QVERIFY(m_window->header()->reviewButton()->isVisibleTo(m_window.get()));
        QCOMPARE(m_window->header()->headline(), QStringLiteral("2 decision(s) waiting"));

        // Decided: the failing record is now the worst.
        for (qint64 id : {m_ids.addressConflict, m_ids.duplicateConflict}) {
            QVERIFY(m_store->recordDecision(
                id, id == m_ids.duplicateConflict ? QStringLiteral("keep_separate") : QStringLiteral("keep_pipedrive"),
                {}, QStringLiteral("Dana"), kNow));
        }
        emit m_controller->conflictsChanged();
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Red);
        QVERIFY(m_window->tray()->toolTip().contains(QStringLiteral("failing")));
        QVERIFY(!m_window->header()->reviewButton()->isVisibleTo(m_window.get()));

        // The failing one fixed: pending records keep it yellow, never green.
        for (Link l : m_store->links(Entity::Customer)) {
            if (l.status == LinkStatus::Error || l.status == LinkStatus::Blocked) {
                l.status = LinkStatus::Synced;
                QVERIFY(m_store->saveLink(&l));
            }
        }
        emit m_controller->recordsChanged();
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Yellow);
        QVERIFY(m_window->tray()->toolTip().contains(QStringLiteral("pending")));

        // A blocked record with no decision recorded for it is never shown as green either.
        for (Entity e : {Entity::Customer, Entity::WorkItem}) {
            for (Link l : m_store->links(e)) {
                l.status = LinkStatus::Synced;
                QVERIFY(m_store->saveLink(&l));
            }
        }
        emit m_controller->recordsChanged();
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Green);
        Link blocked = *m_store->link(m_ids.harbourView);
        blocked.status = LinkStatus::Blocked;
        QVERIFY(m_store->saveLink(&blocked));
        emit m_controller->recordsChanged();
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Red);
    }

    void oneNotificationPerRunThatNeedsAttention()
    {
        QCOMPARE(m_window->tray()->notificationsShown(), 0);
        m_controller->syncNow();
        m_controller->finishRun(3);
        settle();
        QCOMPARE(m_window->tray()->notificationsShown(), 1);
        // More conflict news between runs is not another notification.
        emit m_controller->conflictsChanged();
        emit m_controller->conflictsChanged();
        settle();
        QCOMPARE(m_window->tray()->notificationsShown(), 1);
        m_controller->syncNow();
        m_controller->finishRun(3);
        settle();
        QCOMPARE(m_window->tray()->notificationsShown(), 2);
    }

    void theCoordinatorsMorning()
    {
        // Everything else is in step; the tray is red because two decisions wait.
        for (Entity e : {Entity::Customer, Entity::WorkItem}) {
            for (Link l : m_store->links(e)) {
                l.status = LinkStatus::Synced;
                l.lastError.clear();
                QVERIFY(m_store->saveLink(&l));
            }
        }
        m_service->notifyChanged();
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Red);

        // She opens the review from the tray, merges the address and links the duplicate.
        m_window->tray()->reviewAction()->trigger();
        settle();
        ConflictReviewWindow *review = m_window->findChild<ConflictReviewWindow *>();
        QVERIFY(review && review->isVisible());
        review->setUserName(QStringLiteral("Dana"));
        review->selectConflicts({m_ids.addressConflict});
        review->fieldModel()->setResult(0, QStringLiteral("Suite 4, 18 Customs Street East, Auckland 1010"));
        QSignalSpy recorded(review, &ConflictReviewWindow::decisionsRecorded);
        QTest::mouseClick(review->mergeButton(), Qt::LeftButton);
        QVERIFY(recorded.wait(10000));
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Red); // one still waits
        QCOMPARE(m_window->tray()->reviewAction()->text(), QStringLiteral("Review conflicts (1)"));
        review->selectConflicts({m_ids.duplicateConflict});
        QTest::mouseClick(review->linkButton(), Qt::LeftButton);
        QVERIFY(recorded.wait(10000));
        settle();
        QCOMPARE(trayLevel(), StatusNotifier::Level::Green);
        QCOMPARE(m_controller->applyDecisionsCalls(), 2);
    }

    void recordTablesSearchAndFilter_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("statusIndex");
        QTest::addColumn<int>("expected");
        QTest::newRow("everything") << QString() << 0 << 10;
        QTest::newRow("search by name") << QStringLiteral("harbour") << 0 << 1;
        QTest::newRow("search by Ostendo number") << QStringLiteral("10233") << 0 << 1;
        QTest::newRow("in step") << QString() << 1 << 7;
        QTest::newRow("pending") << QString() << 2 << 1;
        QTest::newRow("error or waiting") << QString() << 3 << 2;
        QTest::newRow("search within a status") << QStringLiteral("takapuna") << 3 << 1;
    }

    void recordTablesSearchAndFilter()
    {
        QFETCH(QString, search);
        QFETCH(int, statusIndex);
        QFETCH(int, expected);
        RecordsPage *page = m_window->customersPage();
        QCOMPARE(page->model()->rowCount(), 10);
        page->statusBox()->setCurrentIndex(statusIndex);
        QTest::keyClicks(page->searchBox(), search);
        QCOMPARE(page->proxy()->rowCount(), expected);
    }

    void recordDetailShowsBothSidesConflictsAndLog()
    {
        RecordsPage *page = m_window->customersPage();
        QSignalSpy shown(page, &RecordsPage::detailShown);
        page->selectLink(m_ids.harbourView);
        QVERIFY(shown.wait(10000));
        // The address differs: the undecided conflict gives each side's value.
        QStandardItemModel *fields = page->fieldsModel();
        bool found = false;
        for (int r = 0; r < fields->rowCount(); ++r) {
            if (fields->item(r, 0)->text() == QLatin1String("Address")) {
                QCOMPARE(fields->item(r, 1)->text(), QStringLiteral("Suite 4, 12 Quay Street, Auckland 1010"));
                QCOMPARE(fields->item(r, 2)->text(), QStringLiteral("18 Customs Street East, Auckland 1010"));
                found = true;
            }
        }
        QVERIFY(found);
        QVERIFY(page->detailText().contains(QStringLiteral("Conflicts (1)")));
        QVERIFY(page->detailText().contains(QStringLiteral("Conflict")));
    }

    void statusDotLeadsToTheRecordsLogRows()
    {
        RecordsPage *page = m_window->customersPage();
        page->selectLink(m_ids.harbourView);
        const QModelIndex dot = page->view()->currentIndex().siblingAtColumn(RecordTableModel::StatusColumn);
        QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {}, page->view()->visualRect(dot).center());
        settle();
        SyncLogWindow *log = m_window->findChild<SyncLogWindow *>();
        QVERIFY(log && log->isVisible());
        QCOMPARE(log->filter().linkId, m_ids.harbourView);
        QVERIFY(log->model()->rowCount() > 0);
        for (int r = 0; r < log->model()->rowCount(); ++r) {
            QCOMPARE(log->model()->entryAt(r)->linkId, m_ids.harbourView);
        }
    }

    void activityIsNewestFirstAndGroupedByRun()
    {
        ActivityModel *model = m_window->activityPage()->model();
        QCOMPARE(model->rowCount(), 3);
        // run-3 (25 minutes ago) found the conflicts and created a record: five rows, listed first.
        QCOMPARE(model->item(0)->rowCount(), 5);
        QCOMPARE(model->item(1)->rowCount(), 3);
        QVERIFY(model->item(0)->text().contains(QStringLiteral("decisions waiting")));
        QVERIFY(model->item(0)->child(0)->text().contains(QStringLiteral("Created")));
    }

    void dashboardShowsEightWeeksAndTheBudget()
    {
        DashboardWidget *dashboard = m_window->dashboard();
        QCOMPARE(dashboard->weeks().size(), 8);
        QCOMPARE(dashboard->rateSet()->count(), 8);
        const QList<WeekStats> expected = m_store->weeklyConflictStats(kNow, 8);
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(int(dashboard->personSet()->at(i)), expected.at(i).neededPerson);
            QCOMPARE(dashboard->rateSet()->at(i),
                     expected.at(i).total ? 100.0 * expected.at(i).autoResolutionRate() : 0.0);
        }
        BudgetSnapshot budget;
        budget.dailyLimit = 80000;
        budget.dailyUsed = 20000;
        emit m_controller->budgetChanged(budget);
        QCOMPARE(dashboard->budgetBar()->value(), 25);
        QVERIFY(dashboard->budgetText().contains(QStringLiteral("25%")));
    }

    void firstRunOffersTheTwoWays()
    {
        m_window->setFirstRun(true);
        QVERIFY(m_window->firstRunWidget()->isVisible());
        QVERIFY(m_window->firstRunWidget()->setupButton()->isVisible());
        QSignalSpy sandbox(m_window.get(), &MainWindow::sandboxRequested);
        QTest::mouseClick(m_window->firstRunWidget()->sandboxButton(), Qt::LeftButton);
        QCOMPARE(sandbox.size(), 1);
        QVERIFY(!m_window->isFirstRun());
        QVERIFY(m_window->tabs()->isVisible());
    }

    void remembersSizeAndLayout()
    {
        m_window->resize(900, 610);
        m_window->tabs()->setCurrentIndex(2);
        m_window->saveLayout();
        const QString stateFile = m_dir->filePath(QStringLiteral("window.ini"));
        MainWindow again(m_service.get(), m_controller.get(), nullptr, nullptr);
        again.setStateFile(stateFile);
        again.restoreLayout();
        QCOMPARE(again.size(), QSize(900, 610));
        QCOMPARE(again.tabs()->currentIndex(), 2);
    }

    void remoteTextIsShownLiterally()
    {
        const QString note = QStringLiteral("<b>bold</b><img src=x>");
        Link l = DemoStore::customer(note, 777, QStringLiteral("77700"), LinkStatus::Blocked, kNow);
        l.base.insert(QStringLiteral("notes"), note);
        l.lastError = note;
        QVERIFY(m_store->saveLink(&l));
        ConflictRecord c = DemoStore::addressConflict(l.id, kNow);
        c.conflict.fields = {ConflictField{QStringLiteral("notes"), note,
                                           QString(note + QStringLiteral(" (Pipedrive)")), note, QString()}};
        c.conflict.rule = note;
        QVERIFY(m_store->saveConflict(&c));
        m_service->notifyChanged();
        settle();

        // The record table and its detail.
        RecordsPage *page = m_window->customersPage();
        QSignalSpy shown(page, &RecordsPage::detailShown);
        page->selectLink(l.id);
        QVERIFY(shown.wait(10000));
        const QModelIndex name = page->view()->currentIndex().siblingAtColumn(RecordTableModel::NameColumn);
        QCOMPARE(name.data().toString(), note);
        auto *title = page->findChild<QLabel *>(QStringLiteral("recordTitle"));
        QCOMPARE(title->textFormat(), Qt::PlainText);
        QVERIFY(title->text().startsWith(note));
        QVERIFY(page->detailText().contains(QStringLiteral("Problem: ") + note));
        const QString problemTip = page->view()
                                       ->currentIndex()
                                       .siblingAtColumn(RecordTableModel::ProblemColumn)
                                       .data(Qt::ToolTipRole)
                                       .toString();
        QTextDocument tipDoc;
        tipDoc.setHtml(problemTip);
        QCOMPARE(tipDoc.toPlainText(), note);

        // The conflict review: field values, the rule and the title all literal.
        ConflictReviewWindow *review = m_window->openConflictReview();
        settle();
        review->selectConflicts({c.id});
        QCOMPARE(review->fieldModel()->index(0, ConflictFieldModel::OstendoColumn).data().toString(), note);
        QCOMPARE(review->ruleText(), QStringLiteral("Why it waits for you: ") + note);
        for (const char *labelName : {"ruleLabel", "titleLabel", "stateLabel", "messageLabel"}) {
            auto *label = review->findChild<QLabel *>(QLatin1String(labelName));
            QVERIFY(label);
            QCOMPARE(label->textFormat(), Qt::PlainText);
        }
        QVERIFY(review->titleText().contains(note));

        // A tooltip would guess markup: the tray's is escaped so it reads literally.
        const QString tip = UiText::literalToolTip(note);
        QVERIFY(Qt::mightBeRichText(tip));
        QTextDocument doc;
        doc.setHtml(tip);
        QCOMPARE(doc.toPlainText(), note);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

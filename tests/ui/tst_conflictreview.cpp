#include "ConflictFieldModel.h"
#include "ConflictListModel.h"
#include "ConflictReviewWindow.h"
#include "DemoStore.h"
#include "FakeSyncController.h"
#include "StoreService.h"
#include "UiRoles.h"
#include "util/Clock.h"

#include "TestSupport.h"
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace {
const QDateTime kNow(QDate(2026, 11, 27), QTime(14, 30), Qt::UTC);
}

class TestConflictReview : public QObject
{
    Q_OBJECT
private:
    ManualClock m_clock{kNow};
    std::unique_ptr<TestSupport::ScratchDir> m_dir;
    std::unique_ptr<SyncStore> m_store; // the test's own connection, as the engine would have
    std::unique_ptr<StoreService> m_service;
    std::unique_ptr<FakeSyncController> m_controller;
    std::unique_ptr<ConflictReviewWindow> m_window;
    DemoStore::Ids m_ids;

    void settle() { QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingRequests(), 0, 20000); }

    QPushButton *button(const QString &name) { return m_window->findChild<QPushButton *>(name); }

    void select(qint64 conflictId)
    {
        m_window->selectConflicts({conflictId});
        QCOMPARE(m_window->selectedConflictIds(), QList<qint64>{conflictId});
        QCOMPARE(m_window->fieldModel()->conflict().id, conflictId);
    }

    void verifyDecided(qint64 conflictId, const QString &decision, const QJsonObject &values)
    {
        const std::optional<ConflictRecord> c = m_store->conflict(conflictId);
        QVERIFY(c);
        QCOMPARE(c->conflict.status, ConflictStatus::ManuallyResolved);
        QCOMPARE(c->decision, decision);
        QCOMPARE(c->decisionValues, values);
        QCOMPARE(c->decidedBy, QStringLiteral("Dana"));
        QCOMPARE(c->decidedAt, kNow);
        // The engine was asked to apply it at once, and (here, the fake) did.
        QVERIFY(m_controller->applyDecisionsCalls() >= 1);
        QVERIFY(c->appliedAt.isValid());
        // The window shows it as decided by a person.
        const int row = m_window->listModel()->rowOfConflict(conflictId);
        QVERIFY(row >= 0);
        QCOMPARE(m_window->listModel()->index(row, 0).data(UiRoles::StatusRole).toString(),
                 QStringLiteral("manually_resolved"));
    }

private slots:
    void initTestCase() { Clock::setCurrent(&m_clock); }
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
        QVERIFY(opened.constFirst().at(0).toBool());
        m_controller = std::make_unique<FakeSyncController>(m_store.get());
        m_window = std::make_unique<ConflictReviewWindow>(m_service.get(), m_controller.get());
        m_window->setUserName(QStringLiteral("Dana"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        settle();
    }

    void cleanup()
    {
        m_window.reset();
        m_controller.reset();
        m_service.reset();
        m_store.reset();
        m_dir.reset();
    }

    void listsLastSevenDaysPendingFirst()
    {
        // The demo holds four conflicts from the last week and older ones from earlier weeks.
        QCOMPARE(m_window->listModel()->rowCount(), 4);
        QTableView *list = m_window->listView();
        QCOMPARE(list->model()->index(0, 0).data(UiRoles::StatusRole).toString(), QStringLiteral("pending_review"));
        QCOMPARE(list->model()->index(1, 0).data(UiRoles::StatusRole).toString(), QStringLiteral("pending_review"));
        QCOMPARE(list->model()->index(2, 0).data(UiRoles::StatusRole).toString(), QStringLiteral("auto_resolved"));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("2 waiting")));

        m_window->setPeriodDays(0);
        settle();
        QVERIFY(m_window->listModel()->rowCount() > 4);

        // A conflict still waiting from twelve days ago is never hidden by the period.
        ConflictRecord old = DemoStore::addressConflict(m_ids.harbourView, kNow.addDays(-12));
        QVERIFY(m_store->saveConflict(&old));
        m_window->setPeriodDays(7);
        settle();
        QCOMPARE(m_window->listModel()->rowCount(), 5);
        QVERIFY(m_window->listModel()->rowOfConflict(old.id) >= 0);
        QCOMPARE(m_window->listView()->model()->index(2, 0).data(UiRoles::StatusRole).toString(),
                 QStringLiteral("pending_review"));
    }

    void filters_data()
    {
        QTest::addColumn<int>("status"); // -1: any
        QTest::addColumn<int>("risk");
        QTest::addColumn<int>("entity");
        QTest::addColumn<int>("expected");
        QTest::newRow("pending review") << int(ConflictStatus::PendingReview) << -1 << -1 << 2;
        QTest::newRow("auto-resolved") << int(ConflictStatus::AutoResolved) << -1 << -1 << 2;
        QTest::newRow("manually resolved") << int(ConflictStatus::ManuallyResolved) << -1 << -1 << 0;
        QTest::newRow("medium risk") << -1 << int(Risk::Medium) << -1 << 1;
        QTest::newRow("work items") << -1 << -1 << int(Entity::WorkItem) << 1;
        QTest::newRow("customers, high") << -1 << int(Risk::High) << int(Entity::Customer) << 2;
    }

    void filters()
    {
        QFETCH(int, status);
        QFETCH(int, risk);
        QFETCH(int, entity);
        QFETCH(int, expected);
        m_window->setStatusFilter(status < 0 ? std::nullopt : std::optional(ConflictStatus(status)));
        m_window->setRiskFilter(risk < 0 ? std::nullopt : std::optional(Risk(risk)));
        m_window->setEntityFilter(entity < 0 ? std::nullopt : std::optional(Entity(entity)));
        settle();
        QCOMPARE(m_window->listModel()->rowCount(), expected);
        for (const ConflictRow &row : m_window->listModel()->rows()) {
            if (status >= 0) {
                QCOMPARE(int(row.conflict.conflict.status), status);
            }
            if (risk >= 0) {
                QCOMPARE(int(row.conflict.conflict.risk), risk);
            }
            if (entity >= 0) {
                QCOMPARE(int(row.conflict.conflict.entity), entity);
            }
        }
    }

    void sidesAreLabelledWithSystemAndTime()
    {
        select(m_ids.addressConflict);
        const QAbstractItemModel *fields = m_window->fieldView()->model();
        const QString pd = fields->headerData(ConflictFieldModel::PipedriveColumn, Qt::Horizontal).toString();
        const QString os = fields->headerData(ConflictFieldModel::OstendoColumn, Qt::Horizontal).toString();
        QVERIFY2(pd.startsWith(QStringLiteral("Pipedrive")), qPrintable(pd));
        QVERIFY2(os.startsWith(QStringLiteral("Ostendo")), qPrintable(os));
        const ConflictRecord c = m_window->fieldModel()->conflict();
        QVERIFY(pd.contains(QLocale().toString(c.pipedriveModifiedAt.toLocalTime(), QLocale::ShortFormat)));
        QVERIFY(os.contains(QLocale().toString(c.ostendoModifiedAt.toLocalTime(), QLocale::ShortFormat)));
        QCOMPARE(fields->index(0, ConflictFieldModel::PipedriveColumn).data().toString(),
                 QStringLiteral("Suite 4, 12 Quay Street, Auckland 1010"));
        QCOMPARE(fields->index(0, ConflictFieldModel::OstendoColumn).data().toString(),
                 QStringLiteral("18 Customs Street East, Auckland 1010"));
        QVERIFY(fields->index(0, 0).data(ConflictFieldModel::DiffersRole).toBool());
        QVERIFY(fields->index(0, ConflictFieldModel::PipedriveColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(m_window->ruleText().contains(QStringLiteral("within the same minute")));
        QVERIFY(m_window->titleText().contains(QStringLiteral("Harbour View Body Corporate")));
        // A field conflict is not a duplicate: only the Keep and Merge decisions apply.
        QVERIFY(button(QStringLiteral("keepPipedriveButton"))->isEnabled());
        QVERIFY(button(QStringLiteral("mergeButton"))->isEnabled());
        QVERIFY(!button(QStringLiteral("linkButton"))->isEnabled());
    }

    void decisions_data()
    {
        QTest::addColumn<QString>("which"); // demo conflict
        QTest::addColumn<QString>("buttonName");
        QTest::addColumn<QString>("decision");
        QTest::addColumn<QJsonObject>("values");
        QTest::newRow("keep pipedrive") << "address"
                                        << "keepPipedriveButton"
                                        << "keep_pipedrive" << QJsonObject();
        QTest::newRow("keep ostendo") << "address"
                                      << "keepOstendoButton"
                                      << "keep_ostendo" << QJsonObject();
        QTest::newRow("link") << "duplicate"
                              << "linkButton"
                              << "link" << QJsonObject();
        QTest::newRow("keep separate") << "duplicate"
                                       << "keepSeparateButton"
                                       << "keep_separate" << QJsonObject();
        QTest::newRow("override a medium auto-resolution") << "value"
                                                           << "keepOstendoButton"
                                                           << "keep_ostendo" << QJsonObject();
    }

    void decisions()
    {
        QFETCH(QString, which);
        QFETCH(QString, buttonName);
        QFETCH(QString, decision);
        QFETCH(QJsonObject, values);
        const qint64 id = which == QLatin1String("address")     ? m_ids.addressConflict
                          : which == QLatin1String("duplicate") ? m_ids.duplicateConflict
                                                                : m_ids.valueConflict;
        select(id);
        QPushButton *b = button(buttonName);
        QVERIFY(b && b->isEnabled());
        QSignalSpy recorded(m_window.get(), &ConflictReviewWindow::decisionsRecorded);
        QTest::mouseClick(b, Qt::LeftButton);
        QVERIFY(recorded.wait(10000));
        settle();
        verifyDecided(id, decision, values);
        QCOMPARE(m_controller->applyDecisionsCalls(), 1);
        // Once decided, no second decision can be made from the window.
        select(id);
        QVERIFY(!b->isEnabled());
    }

    void mergeWithAnEditedValue()
    {
        // Dana keeps the new street from Ostendo and adds the suite number from Pipedrive.
        select(m_ids.addressConflict);
        QTableView *fields = m_window->fieldView();
        fields->setCurrentIndex(fields->model()->index(0, ConflictFieldModel::FieldColumn));
        QTest::mouseClick(button(QStringLiteral("useOstendoButton")), Qt::LeftButton);
        QCOMPARE(m_window->fieldModel()->result(0).toString(), QStringLiteral("18 Customs Street East, Auckland 1010"));

        const QModelIndex result = fields->model()->index(0, ConflictFieldModel::ResultColumn);
        fields->setCurrentIndex(result);
        fields->edit(result);
        auto *editor = fields->findChild<QLineEdit *>();
        QVERIFY(editor);
        QCOMPARE(editor->text(), QStringLiteral("18 Customs Street East, Auckland 1010"));
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Suite 4, 18 Customs Street East, Auckland 1010"));
        QTest::keyClick(editor, Qt::Key_Return); // the delegate commits on the next turn of the event loop
        QTRY_COMPARE(m_window->fieldModel()->result(0).toString(),
                     QStringLiteral("Suite 4, 18 Customs Street East, Auckland 1010"));

        QSignalSpy recorded(m_window.get(), &ConflictReviewWindow::decisionsRecorded);
        QTest::mouseClick(button(QStringLiteral("mergeButton")), Qt::LeftButton);
        QVERIFY(recorded.wait(10000));
        settle();
        verifyDecided(m_ids.addressConflict, QStringLiteral("merge"),
                      {{QStringLiteral("address"), QStringLiteral("Suite 4, 18 Customs Street East, Auckland 1010")}});
    }

    void mergeWaitsUntilEveryFieldHasAValue()
    {
        // The address conflict is blocked: no rule chose a value, so a merge needs a person's choice first.
        select(m_ids.addressConflict);
        QVERIFY(!m_window->fieldModel()->allChosen());
        QTest::mouseClick(button(QStringLiteral("mergeButton")), Qt::LeftButton);
        settle();
        QVERIFY(m_window->messageText().contains(QStringLiteral("Choose a value")));
        QCOMPARE(m_store->conflict(m_ids.addressConflict)->conflict.status, ConflictStatus::PendingReview);
        QCOMPARE(m_controller->applyDecisionsCalls(), 0);
    }

    void severalConflictsGetTheSameDecision()
    {
        m_window->selectConflicts({m_ids.addressConflict, m_ids.valueConflict});
        QCOMPARE(m_window->selectedConflictIds().size(), 2);
        QVERIFY(!button(QStringLiteral("mergeButton"))->isEnabled()); // merge is per conflict
        QSignalSpy recorded(m_window.get(), &ConflictReviewWindow::decisionsRecorded);
        QTest::mouseClick(button(QStringLiteral("keepPipedriveButton")), Qt::LeftButton);
        QVERIFY(recorded.wait(10000));
        settle();
        verifyDecided(m_ids.addressConflict, QStringLiteral("keep_pipedrive"), {});
        verifyDecided(m_ids.valueConflict, QStringLiteral("keep_pipedrive"), {});
        QCOMPARE(m_controller->applyDecisionsCalls(), 1); // one request for the whole batch
    }

    void keyboardShortcutsDecide_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("decision");
        QTest::newRow("Ctrl+1 keeps Pipedrive") << int(Qt::Key_1) << "keep_pipedrive";
        QTest::newRow("Ctrl+2 keeps Ostendo") << int(Qt::Key_2) << "keep_ostendo";
    }

    void keyboardShortcutsDecide()
    {
        QFETCH(int, key);
        QFETCH(QString, decision);
        select(m_ids.addressConflict);
        m_window->activateWindow();
        m_window->listView()->setFocus();
        QSignalSpy recorded(m_window.get(), &ConflictReviewWindow::decisionsRecorded);
        QTest::keyClick(m_window->listView(), Qt::Key(key), Qt::ControlModifier);
        QVERIFY(recorded.wait(10000));
        settle();
        QCOMPARE(m_store->conflict(m_ids.addressConflict)->decision, decision);
    }

    void withoutAControllerTheDecisionWaitsForTheNextSync()
    {
        ConflictReviewWindow window(m_service.get(), nullptr);
        window.setUserName(QStringLiteral("Dana"));
        settle();
        window.selectConflicts({m_ids.addressConflict});
        QSignalSpy recorded(&window, &ConflictReviewWindow::decisionsRecorded);
        QTest::mouseClick(window.keepOstendoButton(), Qt::LeftButton);
        QVERIFY(recorded.wait(10000));
        settle();
        const std::optional<ConflictRecord> c = m_store->conflict(m_ids.addressConflict);
        QCOMPARE(c->conflict.status, ConflictStatus::ManuallyResolved);
        QVERIFY(!c->appliedAt.isValid());
        QVERIFY(window.messageText().contains(QStringLiteral("next sync")));
    }
};

QTEST_MAIN(TestConflictReview)
#include "tst_conflictreview.moc"

#include "DemoStore.h"
#include "LogTableModel.h"
#include "StoreService.h"
#include "SyncLogWindow.h"
#include "util/Clock.h"

#include "TestSupport.h"
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace {
const QDateTime kNow(QDate(2026, 11, 27), QTime(14, 30), Qt::UTC);
}

class TestSyncLog : public QObject
{
    Q_OBJECT
private:
    ManualClock m_clock{kNow};
    TestSupport::ScratchDir m_dir;
    SyncStore m_store;
    StoreService m_service;
    DemoStore::Ids m_ids;
    std::unique_ptr<SyncLogWindow> m_window;

    void settle() { QTRY_COMPARE_WITH_TIMEOUT(m_service.pendingRequests(), 0, 20000); }

private slots:
    void initTestCase()
    {
        Clock::setCurrent(&m_clock);
        const QString path = m_dir.filePath(QStringLiteral("state.sqlite"));
        QVERIFY2(m_store.open(path), qPrintable(m_store.lastError()));
        QVERIFY2(DemoStore::populate(m_store, kNow, &m_ids), qPrintable(m_store.lastError()));
        QSignalSpy opened(&m_service, &StoreService::opened);
        m_service.open(path);
        QVERIFY(opened.wait(10000));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        Clock::setCurrent(nullptr);
    }

    void init()
    {
        m_window = std::make_unique<SyncLogWindow>(&m_service);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        settle();
    }

    void filters_data()
    {
        QTest::addColumn<int>("hours");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("errorsOnly");
        QTest::addColumn<bool>("oneRecord");
        QTest::addColumn<int>("expected");
        // The demo: three runs (205, 115 and 25 minutes ago) of 3, 3 and 5 rows; one failing record each run.
        QTest::newRow("last 7 days") << 168 << QString() << QString() << false << false << 11;
        QTest::newRow("last hour") << 1 << QString() << QString() << false << false << 5;
        QTest::newRow("work items") << 168 << QStringLiteral("work_item") << QString() << false << false << 3;
        QTest::newRow("creations") << 168 << QString() << QStringLiteral("create") << false << false << 1;
        QTest::newRow("failed only") << 168 << QString() << QString() << true << false << 3;
        QTest::newRow("one record") << 0 << QString() << QString() << false << true << 2;
        QTest::newRow("failed in the last hour") << 1 << QString() << QString() << true << false << 1;
    }

    void filters()
    {
        QFETCH(int, hours);
        QFETCH(QString, entity);
        QFETCH(QString, action);
        QFETCH(bool, errorsOnly);
        QFETCH(bool, oneRecord);
        QFETCH(int, expected);
        if (oneRecord) {
            m_window->showLink(m_ids.harbourView, QStringLiteral("Harbour View Body Corporate"));
        }
        m_window->setHours(hours);
        m_window->setEntity(entity);
        m_window->setAction(action);
        m_window->setErrorsOnly(errorsOnly);
        settle();
        QCOMPARE(m_window->model()->rowCount(), expected);
        for (int r = 0; r < m_window->model()->rowCount(); ++r) {
            const LogEntry *e = m_window->model()->entryAt(r);
            if (!entity.isEmpty()) {
                QCOMPARE(e->entity, entity);
            }
            if (errorsOnly) {
                QVERIFY(!e->error.isEmpty());
            }
            if (oneRecord) {
                QCOMPARE(e->linkId, m_ids.harbourView);
            }
        }
    }

    void rowDetailIsTheFullRow()
    {
        m_window->setHours(1);
        settle();
        QTableView *view = m_window->view();
        view->setCurrentIndex(view->model()->index(0, 0)); // newest first
        const QJsonObject shown = QJsonDocument::fromJson(m_window->detailText().toUtf8()).object();
        QVERIFY(!shown.isEmpty());
        QCOMPARE(shown.value(QStringLiteral("action")).toString(), QStringLiteral("create"));
        QVERIFY(shown.contains(QStringLiteral("fields_changed")));
        QVERIFY(shown.contains(QStringLiteral("duration_ms")));
    }

    void exportsJsonLinesOfWhatTheFiltersMatch_data()
    {
        QTest::addColumn<bool>("errorsOnly");
        QTest::addColumn<int>("expected");
        QTest::newRow("everything this week") << false << 11;
        QTest::newRow("failed only") << true << 3;
    }

    void exportsJsonLinesOfWhatTheFiltersMatch()
    {
        QFETCH(bool, errorsOnly);
        QFETCH(int, expected);
        m_window->setHours(168);
        m_window->setErrorsOnly(errorsOnly);
        settle();
        const QString path = m_dir.filePath(QStringLiteral("export.jsonl"));
        QSignalSpy exported(m_window.get(), &SyncLogWindow::exported);
        m_window->exportTo(path);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.constFirst().at(0).toLongLong(), qint64(expected));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), expected);
        for (const QByteArray &line : lines) {
            QJsonParseError error;
            const QJsonObject row = QJsonDocument::fromJson(line, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QVERIFY(row.contains(QStringLiteral("at")));
            if (errorsOnly) {
                QVERIFY(!row.value(QStringLiteral("error")).toString().isEmpty());
            }
        }
        QVERIFY(m_window->statusText().contains(QStringLiteral("Exported")));
    }

    void exportToAnUnwritablePlaceSaysSo()
    {
        QSignalSpy exported(m_window.get(), &SyncLogWindow::exported);
        m_window->exportTo(m_dir.filePath(QStringLiteral("no/such/folder/export.jsonl")));
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.constFirst().at(0).toLongLong(), qint64(-1));
        QVERIFY(!exported.constFirst().at(1).toString().isEmpty());
        QVERIFY(m_window->statusText().contains(QStringLiteral("Could not write")));
    }
};

QTEST_MAIN(TestSyncLog)
#include "tst_synclog.moc"

#include "ActivityModel.h"
#include "ConflictFieldModel.h"
#include "ConflictListModel.h"
#include "DemoStore.h"
#include "FilterProxyModel.h"
#include "LogTableModel.h"
#include "RecordTableModel.h"
#include "UiRoles.h"
#include "UiText.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {
const QDateTime kNow(QDate(2026, 11, 27), QTime(14, 30), Qt::UTC);

QList<Link> links(int n)
{
    QList<Link> result;
    result.reserve(n);
    for (int i = 0; i < n; ++i) {
        Link l = DemoStore::customer(QStringLiteral("Customer %1").arg(i, 5, 10, QLatin1Char('0')), 1000 + i,
                                     QString::number(50000 + i), LinkStatus(i % 4), kNow.addSecs(-i));
        l.id = i + 1;
        result << l;
    }
    return result;
}

LogEntry logRow(qint64 id, const QDateTime &at, const QString &runId, qint64 linkId, const QString &error = {})
{
    LogEntry e;
    e.id = id;
    e.at = at;
    e.runId = runId;
    e.entity = QStringLiteral("customer");
    e.linkId = linkId;
    e.pipedriveId = 4100 + linkId;
    e.action = QStringLiteral("update");
    e.source = QStringLiteral("pipedrive");
    e.target = QStringLiteral("ostendo");
    e.fieldsChanged = {QStringLiteral("phone")};
    e.error = error;
    return e;
}
} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT
private slots:
    void conflictListModel()
    {
        ConflictListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ConflictRow> rows{{DemoStore::addressConflict(1, kNow), QStringLiteral("Harbour View")},
                                {DemoStore::duplicateConflict(kNow), QStringLiteral("Kauri Park")},
                                {DemoStore::valueConflict(2, kNow), QStringLiteral("Irrigation repair")}};
        for (int i = 0; i < rows.size(); ++i) {
            rows[i].conflict.id = 10 + i;
        }
        model.setRows(rows);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOfConflict(11), 1);
        QCOMPARE(model.rowOfConflict(99), -1);
        QCOMPARE(model.index(0, ConflictListModel::RecordColumn).data().toString(),
                 QStringLiteral("Customer: Harbour View"));
        QCOMPARE(model.index(2, ConflictListModel::StatusColumn).data(UiRoles::StatusRole).toString(),
                 QStringLiteral("auto_resolved"));
        QCOMPARE(model.index(0, ConflictListModel::FieldsColumn).data().toString(), QStringLiteral("Address"));
        QVERIFY(model.index(0, ConflictListModel::StatusColumn).data(Qt::DecorationRole).isValid());

        FilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(ConflictListModel::RiskColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(2, ConflictListModel::RiskColumn).data().toString(), QStringLiteral("Medium"));
        proxy.setStatuses({QStringLiteral("pending_review")});
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setSearchText(QStringLiteral("kauri"));
        QCOMPARE(proxy.rowCount(), 1);
        model.setRows({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void conflictFieldModel()
    {
        ConflictFieldModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConflictRecord c = DemoStore::valueConflict(1, kNow);
        c.id = 5;
        c.conflict.fields << ConflictField{QStringLiteral("title"), QStringLiteral("Mowing"), QStringLiteral("Mowing"),
                                           QStringLiteral("Mowing"), QStringLiteral("Mowing")};
        model.setConflict(c);
        QCOMPARE(model.rowCount(), 2);
        // Prefilled from the rule.
        QCOMPARE(model.result(0).toString(), QStringLiteral("19750"));
        QVERIFY(model.allChosen());
        QVERIFY(model.index(0, 0).data(ConflictFieldModel::DiffersRole).toBool());
        QVERIFY(!model.index(1, 0).data(ConflictFieldModel::DiffersRole).toBool());
        QVERIFY(model.flags(model.index(0, ConflictFieldModel::ResultColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, ConflictFieldModel::PipedriveColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.setData(model.index(0, ConflictFieldModel::ResultColumn), QStringLiteral("19000")));
        QVERIFY(!model.setData(model.index(0, ConflictFieldModel::OstendoColumn), QStringLiteral("1")));
        QCOMPARE(model.mergeValues().value(QStringLiteral("value")).toString(), QStringLiteral("19000"));
        model.useSide(0, System::Ostendo);
        QCOMPARE(model.mergeValues().value(QStringLiteral("value")).toString(), QStringLiteral("18900"));

        // Blocked: nothing chosen until a person chooses.
        ConflictRecord blocked = DemoStore::addressConflict(1, kNow);
        blocked.id = 6;
        model.setConflict(blocked);
        QVERIFY(!model.allChosen());
        QVERIFY(model.mergeValues().isEmpty());
        QCOMPARE(model.index(0, ConflictFieldModel::ResultColumn).data().toString(),
                 QStringLiteral("(choose a value)"));
        model.setEditable(false);
        QVERIFY(!model.setData(model.index(0, ConflictFieldModel::ResultColumn), QStringLiteral("x")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void recordTableModel()
    {
        RecordTableModel model(Entity::Customer);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        model.setLinks(links(40));
        QCOMPARE(model.rowCount(), 40);
        Link noOstendo = links(1).constFirst();
        noOstendo.id = 99;
        noOstendo.ostendoKey.clear();
        QList<Link> more = links(40);
        more << noOstendo;
        model.setLinks(more);
        QCOMPARE(model.index(40, RecordTableModel::OstendoColumn).data().toString(), QStringLiteral("not there yet"));
        proxy.setStatuses({QStringLiteral("error"), QStringLiteral("blocked")});
        QCOMPARE(proxy.rowCount(), 20);
        proxy.setStatuses({});
        proxy.sort(RecordTableModel::LastSyncedColumn, Qt::AscendingOrder);
        // Sorted by the time itself, not by its text: the oldest sync first.
        QCOMPARE(proxy.index(0, RecordTableModel::NameColumn).data().toString(), QStringLiteral("Customer 00039"));
        proxy.sort(RecordTableModel::PipedriveColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, RecordTableModel::PipedriveColumn).data().toString(), QStringLiteral("1039"));
    }

    void twentyThousandRecords()
    {
        RecordTableModel model(Entity::Customer);
        FilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(RecordTableModel::NameColumn, Qt::AscendingOrder);
        model.setLinks(links(20000));
        QCOMPARE(proxy.rowCount(), 20000);
        proxy.setSearchText(QStringLiteral("Customer 1999"));
        QCOMPARE(proxy.rowCount(), 10); // names are zero-padded: only 19990..19999 match
        proxy.setSearchText(QString());
        proxy.setStatuses({QStringLiteral("pending")});
        QCOMPARE(proxy.rowCount(), 5000);
        QCOMPARE(proxy.index(0, RecordTableModel::NameColumn).data().toString(), QStringLiteral("Customer 00001"));
    }

    void logTableModel()
    {
        LogTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({logRow(1, kNow, QStringLiteral("r1"), 1),
                          logRow(2, kNow.addSecs(5), QStringLiteral("r1"), 2, QStringLiteral("Ostendo said no.")),
                          logRow(3, kNow.addSecs(9), QStringLiteral("r1"), 3)},
                         {{1, QStringLiteral("Greenway")}, {2, QStringLiteral("Harbour View")}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, LogTableModel::RecordColumn).data().toString(), QStringLiteral("Customer: Greenway"));
        // No name known: the ids stand in.
        QCOMPARE(model.index(2, LogTableModel::RecordColumn).data().toString(),
                 QStringLiteral("Customer: Pipedrive 4103"));
        QCOMPARE(model.index(1, LogTableModel::ResultColumn).data().toString(), QStringLiteral("Ostendo said no."));
        QCOMPARE(model.index(1, 0).data(UiRoles::StatusRole).toString(), QStringLiteral("error"));
        QCOMPARE(model.index(0, LogTableModel::DirectionColumn).data().toString(),
                 QStringLiteral("Pipedrive → Ostendo"));
        FilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(LogTableModel::TimeColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(UiRoles::IdRole).toLongLong(), 3);
        model.setEntries({}, {});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void activityModel()
    {
        ActivityModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunRecord newer{QStringLiteral("r2"), kNow, kNow.addSecs(30), 3, {}};
        RunRecord older{QStringLiteral("r1"), kNow.addSecs(-3600), kNow.addSecs(-3570), 0, {}};
        QHash<QString, QList<LogEntry>> entries;
        entries.insert(QStringLiteral("r2"), {logRow(5, kNow.addSecs(1), QStringLiteral("r2"), 1),
                                              logRow(6, kNow.addSecs(2), QStringLiteral("r2"), 2)});
        entries.insert(QStringLiteral("r1"), {logRow(4, kNow.addSecs(-3590), QStringLiteral("r1"), 1)});
        model.setActivity({newer, older}, entries, {{1, QStringLiteral("Greenway")}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.item(0)->rowCount(), 2);
        QVERIFY(model.item(0)->text().contains(QStringLiteral("2 change(s)")));
        QVERIFY(model.item(0)->text().contains(QStringLiteral("decisions waiting")));
        QVERIFY(model.item(1)->text().contains(QStringLiteral("all in step")));
        // Newest row first within a run.
        QCOMPARE(model.item(0)->child(0)->data(UiRoles::IdRole).toLongLong(), 6);
        QVERIFY(model.item(0)->child(1)->text().contains(QStringLiteral("Greenway")));
        model.setActivity({}, {}, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void valuesForPeople_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("null") << QJsonValue() << "(empty)";
        QTest::newRow("empty string") << QJsonValue(QString()) << "(empty)";
        QTest::newRow("string") << QJsonValue(QStringLiteral("12 Quay St")) << "12 Quay St";
        QTest::newRow("number") << QJsonValue(19750.5) << "19750.5";
        QTest::newRow("markup stays text") << QJsonValue(QStringLiteral("<b>x</b>")) << "<b>x</b>";
    }

    void valuesForPeople()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, text);
        QCOMPARE(UiText::value(value), text);
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"

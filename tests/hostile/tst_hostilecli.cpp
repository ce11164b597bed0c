// Every hostile value through the command line's JSON outputs (`conflicts list --json`, `log --json`), which
// scripts parse: each value comes out as exactly the same JSON string, and every log row stays one line.
#include "HostileValues.h"
#include "store/SyncStore.h"
#include "util/RemoteText.h"

#include "TestSupport.h"
#include <QJsonArray>
#include <QProcess>
#include <QTest>

namespace {
const QDateTime kT0(QDate(2026, 11, 23), QTime(8, 30), Qt::UTC);

QByteArray runCli(const QStringList &args, int *exitCode)
{
    QProcess p;
    p.start(QStringLiteral(TURFDRIVE_CLI_PATH), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        *exitCode = -1;
        return {};
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

QString nonBlank(const QString &value)
{
    return value.trimmed().isEmpty() ? QStringLiteral("blank") + value : value;
}
} // namespace

class TestHostileCli : public QObject
{
    Q_OBJECT

    TestSupport::ScratchDir m_dir;
    QString m_db;
    QList<HostileValue> m_values; // the storable ones, in the order they were written
    QHash<qint64, QString> m_byConflict;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("cli.sqlite"));
        SyncStore store;
        QVERIFY(store.open(m_db));
        qint64 n = 0;
        for (const HostileValue &v : HostileValues::all()) {
            if (!HostileValues::isStorable(v.text)) {
                continue; // never reaches the store (tst_hostilestore)
            }
            ++n;
            ConflictRecord record;
            record.detectedAt = kT0;
            record.conflict.entity = Entity::Customer;
            record.conflict.kind = ConflictKind::Field;
            record.conflict.risk = Risk::High;
            record.conflict.status = ConflictStatus::PendingReview;
            record.conflict.pipedriveId = QString::number(n);
            record.conflict.ostendoKey = v.text.isEmpty() ? QStringLiteral("k") : v.text;
            record.conflict.fields = {ConflictField{QStringLiteral("notes"), v.text, v.text, v.text, QString()}};
            record.conflict.rule = nonBlank(v.text);
            QVERIFY2(store.saveConflict(&record), qPrintable(store.lastError()));
            m_byConflict.insert(record.id, v.text);

            LogEntry entry;
            entry.at = kT0.addSecs(n);
            entry.runId = QStringLiteral("run-%1").arg(n);
            entry.entity = QStringLiteral("customer");
            entry.action = QStringLiteral("update");
            entry.source = QStringLiteral("ostendo");
            entry.target = QStringLiteral("pipedrive");
            entry.pipedriveId = n;
            entry.error = v.text;
            QVERIFY2(store.appendLog(&entry), qPrintable(store.lastError()));
            m_values << v;
        }
        QVERIFY(m_values.size() >= 200);
    }

    void conflictsListCarriesEveryValue()
    {
        int exitCode = 0;
        const QByteArray out = runCli({QStringLiteral("conflicts"), QStringLiteral("list"), QStringLiteral("--json"),
                                       QStringLiteral("--db"), m_db},
                                      &exitCode);
        QCOMPARE(exitCode, 0);
        QJsonParseError error;
        const QJsonArray list = RemoteText::parseJson(out, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(list.size(), m_byConflict.size());
        for (const QJsonValue &item : list) {
            const QJsonObject c = item.toObject();
            const qint64 id = c.value(QStringLiteral("id")).toInteger();
            QVERIFY(m_byConflict.contains(id));
            const QString value = m_byConflict.value(id);
            const QJsonObject field = c.value(QStringLiteral("fields")).toArray().at(0).toObject();
            QCOMPARE(field.value(QStringLiteral("pipedrive")).toString(), value);
            QCOMPARE(field.value(QStringLiteral("ostendo")).toString(), value);
            QCOMPARE(field.value(QStringLiteral("base")).toString(), value);
            QCOMPARE(c.value(QStringLiteral("rule")).toString(), nonBlank(value));
        }
    }

    void logJsonLinesCarryEveryValue()
    {
        int exitCode = 0;
        const QByteArray out =
            runCli({QStringLiteral("log"), QStringLiteral("--json"), QStringLiteral("--db"), m_db}, &exitCode);
        QCOMPARE(exitCode, 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), m_values.size()); // a newline inside a value never splits a row
        QHash<qint64, QString> errors;
        for (const QByteArray &line : lines) {
            QJsonParseError error;
            const QJsonObject row = RemoteText::parseJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.left(200).constData());
            errors.insert(row.value(QStringLiteral("pipedrive_id")).toInteger(),
                          row.value(QStringLiteral("error")).toString());
        }
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            QVERIFY2(errors.value(i + 1) == m_values.at(i).text, qPrintable(m_values.at(i).label));
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostilecli.moc"

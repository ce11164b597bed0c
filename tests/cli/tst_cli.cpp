// Runs the real turfdrive-cli binary as a scheduler or script would, against a state database prepared here.
#include "store/SyncStore.h"

#include "TestSupport.h"
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

namespace {
struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(TURFDRIVE_CLI_PATH), args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

const QDateTime kT0 = QDateTime(QDate(2026, 11, 23), QTime(8, 30), Qt::UTC);
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private:
    TestSupport::ScratchDir m_dir;
    QString m_db;
    qint64 m_pending = 0;
    qint64 m_duplicate = 0;
    qint64 m_auto = 0;

    QStringList withDb(QStringList args) const { return args << QStringLiteral("--db") << m_db; }

private slots:
    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("cli-%1.sqlite").arg(++n));
        SyncStore store;
        QVERIFY(store.open(m_db));
        Link link;
        link.entity = Entity::Customer;
        link.pipedriveId = 101;
        link.ostendoKey = QStringLiteral("48213");
        link.status = LinkStatus::Blocked;
        QVERIFY(store.saveLink(&link));

        ConflictRecord address;
        address.linkId = link.id;
        address.detectedAt = kT0;
        address.conflict.entity = Entity::Customer;
        address.conflict.pipedriveId = QStringLiteral("101");
        address.conflict.ostendoKey = QStringLiteral("48213");
        address.conflict.kind = ConflictKind::Field;
        address.conflict.risk = Risk::High;
        address.conflict.status = ConflictStatus::PendingReview;
        address.conflict.fields = {{QStringLiteral("address"), QStringLiteral("12 Kauri Rd, Suite 4"),
                                    QStringLiteral("12 Kauri Rd, Suite 5"), QStringLiteral("14 Rimu St, Suite 4"),
                                    QString()},
                                   {QStringLiteral("phone"), QStringLiteral("+6495550100"),
                                    QStringLiteral("+6495550101"), QStringLiteral("+6495550102"), QString()}};
        address.conflict.rule = QStringLiteral("Both changed the address");
        QVERIFY(store.saveConflict(&address));
        m_pending = address.id;

        ConflictRecord dup = address;
        dup.id = 0;
        dup.linkId = 0;
        dup.conflict.kind = ConflictKind::Duplicate;
        dup.conflict.fields.clear();
        dup.conflict.rule = QStringLiteral("Same email on an unlinked customer");
        QVERIFY(store.saveConflict(&dup));
        m_duplicate = dup.id;

        ConflictRecord low = address;
        low.id = 0;
        low.conflict.risk = Risk::Medium;
        low.conflict.status = ConflictStatus::AutoResolved;
        low.detectedAt = kT0.addSecs(-3600);
        QVERIFY(store.saveConflict(&low));
        m_auto = low.id;

        LogEntry e;
        e.at = kT0;
        e.runId = QStringLiteral("run-1");
        e.entity = QStringLiteral("customer");
        e.linkId = link.id;
        e.action = QStringLiteral("update");
        e.source = QStringLiteral("ostendo");
        e.target = QStringLiteral("pipedrive");
        e.fieldsChanged = {QStringLiteral("phone")};
        QVERIFY(store.appendLog(&e));
        e.at = kT0.addSecs(600);
        e.action = QStringLiteral("conflict");
        QVERIFY(store.appendLog(&e));
    }

    void versionAndHelp()
    {
        const Result v = runCli({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("TurfDrive "));
        const Result h = runCli({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        for (const char *word : {"sync", "conflicts list", "conflicts resolve", "log", "setup", "sandbox", "--config",
                                 "--db", "--policy", "--dry-run", "--merge"}) {
            QVERIFY2(h.out.contains(word), word);
        }
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("frobnicate")}).exitCode, 2);
    }

    void conflictsListJson()
    {
        const Result r =
            runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("list"), QStringLiteral("--json")}));
        QCOMPARE(r.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(array.size(), 3);
        const QJsonObject first = array.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("pending_review"));
        for (const char *key : {"id", "entity", "pipedrive_id", "ostendo_key", "risk", "status", "kind", "fields",
                                "rule", "detected_at", "decided_by", "decided_at"}) {
            QVERIFY2(first.contains(QLatin1String(key)), key);
        }
        const Result filtered =
            runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("list"), QStringLiteral("--json"),
                           QStringLiteral("--status"), QStringLiteral("auto_resolved")}));
        const QJsonArray only = QJsonDocument::fromJson(filtered.out).array();
        QCOMPARE(only.size(), 1);
        QCOMPARE(only.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_auto);
        QCOMPARE(runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("list"), QStringLiteral("--status"),
                                QStringLiteral("bogus")}))
                     .exitCode,
                 2);
    }

    void resolveExitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("decision");
        QTest::newRow("keep ostendo") << QStringList{QStringLiteral("--keep"), QStringLiteral("ostendo")} << 0
                                      << "keep_ostendo";
        QTest::newRow("keep nonsense") << QStringList{QStringLiteral("--keep"), QStringLiteral("both")} << 2 << "";
        QTest::newRow("no decision") << QStringList{} << 2 << "";
        QTest::newRow("two decisions") << QStringList{QStringLiteral("--keep"), QStringLiteral("ostendo"),
                                                      QStringLiteral("--link")}
                                       << 2 << "";
        QTest::newRow("merge per field") << QStringList{QStringLiteral("--merge"),
                                                        QStringLiteral("address=14 Rimu St, Suite 5"),
                                                        QStringLiteral("--merge"), QStringLiteral("phone=ostendo")}
                                         << 0 << "merge";
        QTest::newRow("merge unknown field")
            << QStringList{QStringLiteral("--merge"), QStringLiteral("colour=pipedrive")} << 2 << "";
        QTest::newRow("merge malformed") << QStringList{QStringLiteral("--merge"), QStringLiteral("address")} << 2
                                         << "";
        QTest::newRow("link on a field conflict") << QStringList{QStringLiteral("--link")} << 1 << "";
    }

    void resolveExitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, decision);
        const Result r = runCli(withDb(
            QStringList{QStringLiteral("conflicts"), QStringLiteral("resolve"), QString::number(m_pending)} + args));
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        if (exitCode != 0) {
            QVERIFY(!r.err.isEmpty()); // one clear sentence on standard error
        }
        SyncStore store;
        QVERIFY(store.open(m_db));
        const auto c = store.conflict(m_pending);
        QCOMPARE(c->decision, decision);
        if (decision == QLatin1String("merge")) {
            QCOMPARE(c->decisionValues.value(QStringLiteral("address")).toString(),
                     QStringLiteral("14 Rimu St, Suite 5"));
            QCOMPARE(c->decisionValues.value(QStringLiteral("phone")).toString(), QStringLiteral("+6495550102"));
        }
        if (!decision.isEmpty()) {
            QCOMPARE(c->conflict.status, ConflictStatus::ManuallyResolved);
            QVERIFY(c->decidedBy.contains(QStringLiteral("command line")));
            // A person already decided: a second decision exits 1.
            const Result again =
                runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("resolve"), QString::number(m_pending),
                               QStringLiteral("--keep"), QStringLiteral("pipedrive")}));
            QCOMPARE(again.exitCode, 1);
        }
    }

    void resolveDuplicateAndOverride()
    {
        QCOMPARE(runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("resolve"), QString::number(m_duplicate),
                                QStringLiteral("--keep-separate")}))
                     .exitCode,
                 0);
        // A medium conflict resolved by the rules may be overridden.
        QCOMPARE(runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("resolve"), QString::number(m_auto),
                                QStringLiteral("--keep"), QStringLiteral("pipedrive")}))
                     .exitCode,
                 0);
        QCOMPARE(runCli(withDb({QStringLiteral("conflicts"), QStringLiteral("resolve"), QStringLiteral("99999"),
                                QStringLiteral("--keep"), QStringLiteral("pipedrive")}))
                     .exitCode,
                 1);
    }

    void logJsonLines()
    {
        const Result all = runCli(withDb({QStringLiteral("log"), QStringLiteral("--json")}));
        QCOMPARE(all.exitCode, 0);
        const QList<QByteArray> lines = all.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject row = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(row.value(QStringLiteral("at")).toString(), QStringLiteral("2026-11-23T08:30:00.000Z"));
        QCOMPARE(row.value(QStringLiteral("action")).toString(), QStringLiteral("update"));
        const Result since = runCli(withDb({QStringLiteral("log"), QStringLiteral("--json"), QStringLiteral("--since"),
                                            QStringLiteral("2026-11-23T08:35:00Z")}));
        QCOMPARE(since.out.trimmed().split('\n').size(), 1);
        QCOMPARE(
            runCli(withDb({QStringLiteral("log"), QStringLiteral("--since"), QStringLiteral("yesterday")})).exitCode,
            2);
    }

    void sandboxServesBothSimulatorsUntilInterrupted()
    {
        QProcess p;
        p.start(QStringLiteral(TURFDRIVE_CLI_PATH),
                {QStringLiteral("sandbox"), QStringLiteral("--seed"), QStringLiteral("3"),
                 QStringLiteral("--customers"), QStringLiteral("5")});
        QByteArray text;
        QVERIFY(QTest::qWaitFor(
            [&] {
                p.waitForReadyRead(100);
                text += p.readAllStandardOutput();
                return text.contains("Press Ctrl+C");
            },
            20000));
        const QRegularExpression ports(QStringLiteral("Pipedrive simulator: http://127.0.0.1:(\\d+).*\\n"
                                                      "Ostendo simulator: +http://127.0.0.1:(\\d+)"));
        const QRegularExpressionMatch m = ports.match(QString::fromUtf8(text));
        QVERIFY2(m.hasMatch(), text.constData());
        const QRegularExpression configLine(QStringLiteral("Settings for TurfDrive: (\\S+)"));
        const QString config = configLine.match(QString::fromUtf8(text)).captured(1);
        QVERIFY(QFileInfo::exists(config));

        // The Pipedrive simulator answers a real HTTP request with the demo company.
        QNetworkAccessManager nam;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/v2/organizations?limit=500").arg(m.captured(1))));
        request.setRawHeader("x-api-token", "sandbox-token");
        QNetworkReply *reply = nam.get(request);
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
        const QJsonObject envelope = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QCOMPARE(envelope.value(QStringLiteral("success")).toBool(), true);
        QVERIFY(envelope.value(QStringLiteral("data")).toArray().size() >= 5);

        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(config)); // nothing left behind
    }

    void sandboxRefusesBadCounts()
    {
        const Result r = runCli({QStringLiteral("sandbox"), QStringLiteral("--customers"), QStringLiteral("many")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--customers"));
    }

    void corruptDatabaseIsAClearError()
    {
        const QString bad = m_dir.filePath(QStringLiteral("not-a-db.sqlite"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("garbage").repeated(1000));
        f.close();
        const Result r = runCli({QStringLiteral("conflicts"), QStringLiteral("list"), QStringLiteral("--db"), bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("damaged"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

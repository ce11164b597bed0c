// turfdrive-cli sync and setup as a scheduler or a script sees them: exit codes, one JSON object on standard output
// with --json (also for exit 1), errors as one sentence on standard error, and --sandbox against the demo company.
#include "common/SimHttpServer.h"
#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"
#include "store/SyncStore.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include "TestSupport.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

class TestCliSync : public QObject
{
    Q_OBJECT

    TestSupport::ScratchDir m_home;

    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Result run(const QStringList &args, const QHash<QString, QString> &env = {})
    {
        QProcess cli;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        environment.remove(QStringLiteral("TURFDRIVE_PIPEDRIVE_TOKEN"));
        environment.remove(QStringLiteral("TURFDRIVE_OSTENDO_API_KEY"));
        for (auto it = env.cbegin(); it != env.cend(); ++it) {
            environment.insert(it.key(), it.value());
        }
        cli.setProcessEnvironment(environment);
        // Waits with the event loop turning: some cases serve simulators from this process while the CLI runs.
        QEventLoop loop;
        connect(&cli, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer guard;
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        cli.start(QStringLiteral(TURFDRIVE_CLI), args);
        guard.start(120000);
        loop.exec();
        if (cli.state() != QProcess::NotRunning) {
            qFatal("turfdrive-cli did not finish");
        }
        return {cli.exitCode(), cli.readAllStandardOutput(), cli.readAllStandardError()};
    }

private slots:
    void theSandboxSyncPrintsTheSummaryObject()
    {
        const QString db = m_home.filePath(QStringLiteral("sandbox.db"));
        const Result r = run({QStringLiteral("sync"), QStringLiteral("--sandbox"), QStringLiteral("--json"),
                              QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 3); // the demo company holds cases that wait for a person
        QJsonParseError error;
        const QJsonObject summary = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
        QCOMPARE(summary.value(QStringLiteral("exit_code")).toInt(), 3);
        QCOMPARE(summary.value(QStringLiteral("dry_run")).toBool(), false);
        for (const char *key :
             {"duration_ms", "customers", "work_items", "conflicts", "failed", "requests", "pipedrive_tokens_used"}) {
            QVERIFY2(summary.contains(QLatin1String(key)), key);
        }
        QVERIFY(summary.value(QStringLiteral("customers"))
                    .toObject()
                    .value(QStringLiteral("to_pipedrive"))
                    .toObject()
                    .value(QStringLiteral("created"))
                    .toInt() >= 120);
        QVERIFY(summary.value(QStringLiteral("conflicts")).toObject().value(QStringLiteral("pending_review")).toInt() >
                0);
        QVERIFY(!summary.contains(QStringLiteral("planned")));
        // The state went to the database given, and `conflicts list` reads the same one.
        const Result list =
            run({QStringLiteral("conflicts"), QStringLiteral("list"), QStringLiteral("--json"),
                 QStringLiteral("--status"), QStringLiteral("pending_review"), QStringLiteral("--db"), db});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(!QJsonDocument::fromJson(list.out).array().isEmpty());
    }

    void aDryRunPrintsThePlanAndLeavesTheStoreAsItWas()
    {
        const QString db = m_home.filePath(QStringLiteral("dry.db"));
        const Result r = run({QStringLiteral("sync"), QStringLiteral("--sandbox"), QStringLiteral("--dry-run"),
                              QStringLiteral("--json"), QStringLiteral("--db"), db});
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QStringLiteral("dry_run")).toBool(), true);
        QVERIFY(summary.value(QStringLiteral("planned")).toArray().size() > 120);
        QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 0);
        SyncStore store;
        QVERIFY(store.open(db));
        QVERIFY(store.links(EntityKind::Customer).isEmpty());
        QVERIFY(store.logEntries().isEmpty());
        QVERIFY(store.recentRuns(5).isEmpty());
    }

    void couldNotSyncStillPrintsOneObject_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing settings file")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--json"), QStringLiteral("--config"),
                           QStringLiteral("/nonexistent/turfdrive.ini")}
            << "does not exist";
        QTest::newRow("unreadable policy file")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--json"), QStringLiteral("--sandbox"),
                           QStringLiteral("--policy"), QStringLiteral("/nonexistent/policy.json")}
            << "policy";
    }
    void couldNotSyncStillPrintsOneObject()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Result r = run(args);
        QCOMPARE(r.exitCode, 1);
        const QJsonObject object = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(object.value(QStringLiteral("exit_code")).toInt(), 1);
        QVERIFY2(object.value(QStringLiteral("error")).toString().contains(mentions), r.out.constData());
        QVERIFY(r.err.contains(mentions.toUtf8()));
        QCOMPARE(r.err.count('\n'), 1); // one sentence
    }

    void anUnreachableSystemIsExitOne()
    {
        const QString ini = m_home.filePath(QStringLiteral("unreachable.ini"));
        {
            QFile file(ini);
            QVERIFY(file.open(QIODevice::WriteOnly));
            // Port 9 on loopback: nothing listens there.
            file.write("[pipedrive]\nbase_url=http://127.0.0.1:9\n[ostendo]\nbase_url=http://127.0.0.1:9\n");
        }
        const Result r = run({QStringLiteral("sync"), QStringLiteral("--config"), ini, QStringLiteral("--db"),
                              m_home.filePath(QStringLiteral("unreachable.db"))},
                             {{QStringLiteral("TURFDRIVE_PIPEDRIVE_TOKEN"), QStringLiteral("token-from-the-env-1234")},
                              {QStringLiteral("TURFDRIVE_OSTENDO_API_KEY"), QStringLiteral("key-from-the-env-5678")}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Pipedrive"), r.err.constData());
        QVERIFY(!r.err.contains("token-from-the-env-1234"));
        QVERIFY(r.out.isEmpty());
    }

    void badUsageIsExitTwoAndHelpDocumentsEveryOption()
    {
        QCOMPARE(run({QStringLiteral("sync"), QStringLiteral("--no-such-option")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("sync"), QStringLiteral("extra")}).exitCode, 2);
        const Result help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *option : {"--once", "--dry-run", "--full", "--json", "--sandbox", "--config", "--db",
                                   "--policy", "--check", "--create-fields"}) {
            QVERIFY2(help.out.contains(option), option);
        }
    }

    void setupNamesMissingFieldsAndCreatesThem()
    {
        // A real Pipedrive company with none of TurfDrive's fields, and an Ostendo, both on loopback.
        PipedriveSimulator pipedrive(3);
        pipedrive.setAcceptAnyToken(true);
        OstendoSimulator ostendo;
        ostendo.enableConfiguration(0);
        ostendo.addKey(OstendoSimulator::demoKey());
        SimHttpServer pipedriveServer(&pipedrive);
        SimHttpServer ostendoServer(&ostendo);
        QVERIFY(pipedriveServer.listenOnLoopback() && ostendoServer.listenOnLoopback());
        const QString ini = m_home.filePath(QStringLiteral("setup.ini"));
        {
            QFile file(ini);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(
                QStringLiteral("[pipedrive]\nbase_url=http://127.0.0.1:%1\n[ostendo]\nbase_url=http://127.0.0.1:%2\n")
                    .arg(pipedriveServer.port())
                    .arg(ostendoServer.port())
                    .toUtf8());
        }
        const QHash<QString, QString> secrets{
            {QStringLiteral("TURFDRIVE_PIPEDRIVE_TOKEN"), QStringLiteral("setup-test-token")},
            {QStringLiteral("TURFDRIVE_OSTENDO_API_KEY"), OstendoSimulator::demoKey().key}};
        const Result missing =
            run({QStringLiteral("setup"), QStringLiteral("--check"), QStringLiteral("--config"), ini}, secrets);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("\"Ostendo Customer ID\""), missing.err.constData());
        QVERIFY(missing.err.contains("\"Ostendo Job Number\""));
        const Result created =
            run({QStringLiteral("setup"), QStringLiteral("--create-fields"), QStringLiteral("--config"), ini}, secrets);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY(
            !pipedrive.customFieldKey(PipedriveEntity::Organization, QStringLiteral("Ostendo Customer ID")).isEmpty());
        QVERIFY(!pipedrive.customFieldKey(PipedriveEntity::Deal, QStringLiteral("Project Type")).isEmpty());
        const Result ok =
            run({QStringLiteral("setup"), QStringLiteral("--check"), QStringLiteral("--config"), ini}, secrets);
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
    }

    void setupCheckAgainstTheSandbox()
    {
        const Result r = run({QStringLiteral("setup"), QStringLiteral("--check"), QStringLiteral("--sandbox")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("every mapped field exists"));
    }
};

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_clisync.moc"

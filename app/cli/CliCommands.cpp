#include "CliCommands.h"

#include "SandboxCommand.h"
#include "bridge/SandboxSession.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "connectors/InProcessTransport.h"
#include "connectors/NetworkTransport.h"
#include "connectors/OstendoClient.h"
#include "connectors/PipedriveClient.h"
#include "engine/RecordMapper.h"
#include "engine/SyncEngine.h"
#include "engine/SyncEngineSettings.h"
#include "store/SyncStore.h"
#include "util/Clock.h"
#include "util/TimeFormat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTextStream>

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int usageError(const QString &message)
{
    err() << "turfdrive-cli: " << message << "\nRun 'turfdrive-cli --help' for the commands and options.\n";
    err().flush();
    return CliCommands::BadUsage;
}

int failure(const QString &message)
{
    err() << "turfdrive-cli: " << message << '\n';
    err().flush();
    return CliCommands::CouldNotSync;
}

QString usage()
{
    return QStringLiteral(
        "Usage: turfdrive-cli COMMAND [OPTIONS]\n"
        "\n"
        "Keeps Pipedrive (CRM) and Ostendo (ERP) in step.\n"
        "\n"
        "Commands:\n"
        "  sync [--once] [--dry-run] [--full] [--json] [--sandbox]\n"
        "                       Run one sync. Exit 0 in step, 3 records wait for review, 4 some records failed\n"
        "                       and will be retried, 1 could not sync, 2 bad usage.\n"
        "                       --once       run one sync and exit (what a scheduler wants; also the default)\n"
        "                       --dry-run    print the whole plan; write nothing to either system or the state\n"
        "                       --full       compare every record (finds deletions), not only recent changes\n"
        "                       --json       print one JSON summary object on standard output (progress and\n"
        "                                    errors stay on standard error)\n"
        "                       --sandbox    sync two in-process simulators seeded with the demo company, with\n"
        "                                    fixed sandbox secrets; the state goes to a fresh sandbox database\n"
        "                                    (or --db), never the real one\n"
        "  conflicts list [--json] [--status pending_review|auto_resolved|manually_resolved]\n"
        "                       List conflicts, the ones waiting for a person first.\n"
        "  conflicts resolve ID --keep pipedrive|ostendo\n"
        "  conflicts resolve ID --merge FIELD=pipedrive|ostendo|VALUE ...\n"
        "  conflicts resolve ID --link | --keep-separate\n"
        "                       Record a decision; the engine applies it to both systems on its next step.\n"
        "                       Exit 0 recorded, 1 no such conflict or already decided, 2 bad usage.\n"
        "  log [--since ISO8601] [--json]\n"
        "                       Print the structured sync log (JSON Lines with --json).\n"
        "  setup [--check] [--create-fields]\n"
        "                       --check: exit 0 when both systems answer and every mapped field exists, else 1\n"
        "                       naming what is wrong. --create-fields: create the missing Pipedrive fields.\n"
        "  sandbox [--pipedrive-port N] [--ostendo-port N] [--seed N] [--customers N] [--deals N] [--jobs N]\n"
        "\n"
        "Common options:\n"
        "  --config FILE        Read settings from FILE instead of the platform's config location.\n"
        "  --db PATH            Keep the sync state in the SQLite database at PATH.\n"
        "  --policy FILE        Use this policy file (field mapping, ownership, merge rules).\n"
        "  --version            Print the version and exit.\n"
        "  -h, --help           Print this help and exit.\n"
        "\n"
        "Secrets come from the OS keychain, or from TURFDRIVE_PIPEDRIVE_TOKEN and TURFDRIVE_OSTENDO_API_KEY.\n");
}

// Options every command accepts.
struct Common
{
    QString config;
    QString db;
    QString policy;
};

void addCommonOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("config"), QStringLiteral("Settings file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("db"), QStringLiteral("State database."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("policy"), QStringLiteral("Policy file."), QStringLiteral("FILE")});
}

Common commonFrom(const QCommandLineParser &p)
{
    return {p.value(QStringLiteral("config")), p.value(QStringLiteral("db")), p.value(QStringLiteral("policy"))};
}

QString defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("turfdrive.sqlite"));
}

bool openStore(SyncStore &store, const Common &common, QString *error)
{
    const QString path = common.db.isEmpty() ? defaultDatabasePath() : common.db;
    if (!store.open(path)) {
        *error = store.lastError();
        return false;
    }
    return true;
}

QString currentUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USERNAME");
    }
    return (user.isEmpty() ? QStringLiteral("unknown") : user) + QStringLiteral(" (command line)");
}

QString display(const QString &v)
{
    return v.isNull() ? QStringLiteral("(empty)") : v;
}

int conflictsList(const QStringList &args)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("json"), QStringLiteral("Print a JSON array.")});
    p.addOption({QStringLiteral("status"), QStringLiteral("Only this status."), QStringLiteral("STATUS")});
    if (!p.parse(args)) {
        return usageError(p.errorText());
    }
    if (!p.positionalArguments().isEmpty()) {
        return usageError(
            QStringLiteral("'conflicts list' takes no argument '%1'.").arg(p.positionalArguments().first()));
    }
    ConflictFilter filter;
    if (p.isSet(QStringLiteral("status"))) {
        ConflictStatus status;
        if (!StoreText::parseConflictStatus(p.value(QStringLiteral("status")), &status)) {
            return usageError(
                QStringLiteral("--status must be pending_review, auto_resolved or manually_resolved, not '%1'.")
                    .arg(p.value(QStringLiteral("status"))));
        }
        filter.status = status;
    }
    SyncStore store;
    QString error;
    if (!openStore(store, commonFrom(p), &error)) {
        return failure(error);
    }
    const QList<ConflictRecord> list = store.conflicts(filter);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const ConflictRecord &c : list) {
            array.append(c.toJson());
        }
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return CliCommands::InStep;
    }
    if (list.isEmpty()) {
        out() << "No conflicts.\n";
        return CliCommands::InStep;
    }
    for (const ConflictRecord &r : list) {
        const Conflict &c = r.conflict;
        out() << '#' << r.id << "  " << StoreText::conflictStatus(c.status) << "  " << StoreText::risk(c.risk) << "  "
              << StoreText::entity(c.entity) << "  " << StoreText::conflictKind(c.kind) << "  Pipedrive "
              << (c.pipedriveId.isEmpty() ? QStringLiteral("-") : c.pipedriveId) << " / Ostendo "
              << (c.ostendoKey.isEmpty() ? QStringLiteral("-") : c.ostendoKey) << '\n'
              << "    " << c.rule << '\n';
        for (const ConflictField &f : c.fields) {
            out() << "    " << f.field << ": base " << display(f.base) << " | Pipedrive " << display(f.pipedrive)
                  << " | Ostendo " << display(f.ostendo) << '\n';
        }
    }
    return CliCommands::InStep;
}

int conflictsResolve(const QStringList &args)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("keep"), QStringLiteral("Keep one side."), QStringLiteral("SIDE")});
    p.addOption({QStringLiteral("merge"), QStringLiteral("FIELD=pipedrive|ostendo|VALUE"), QStringLiteral("SPEC")});
    p.addOption({QStringLiteral("link"), QStringLiteral("Link a possible duplicate.")});
    p.addOption({QStringLiteral("keep-separate"), QStringLiteral("Keep a possible duplicate separate.")});
    if (!p.parse(args)) {
        return usageError(p.errorText());
    }
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 1) {
        return usageError(QStringLiteral("'conflicts resolve' needs exactly one conflict ID."));
    }
    bool ok = false;
    const qint64 id = positional.first().toLongLong(&ok);
    if (!ok || id <= 0) {
        return usageError(QStringLiteral("'%1' is not a conflict ID (a positive number).").arg(positional.first()));
    }
    const int chosen = int(p.isSet(QStringLiteral("keep"))) + int(p.isSet(QStringLiteral("merge"))) +
                       int(p.isSet(QStringLiteral("link"))) + int(p.isSet(QStringLiteral("keep-separate")));
    if (chosen != 1) {
        return usageError(QStringLiteral("Give exactly one of --keep, --merge, --link or --keep-separate."));
    }

    if (p.isSet(QStringLiteral("keep"))) {
        const QString side = p.value(QStringLiteral("keep"));
        if (side != QLatin1String("pipedrive") && side != QLatin1String("ostendo")) {
            return usageError(QStringLiteral("--keep takes pipedrive or ostendo, not '%1'.").arg(side));
        }
    }
    for (const QString &spec : p.values(QStringLiteral("merge"))) {
        if (spec.indexOf(QLatin1Char('=')) <= 0) {
            return usageError(QStringLiteral("--merge takes FIELD=pipedrive|ostendo|VALUE, not '%1'.").arg(spec));
        }
    }

    SyncStore store;
    QString error;
    if (!openStore(store, commonFrom(p), &error)) {
        return failure(error);
    }
    const std::optional<ConflictRecord> record = store.conflict(id);
    if (!record) {
        return failure(QStringLiteral("There is no conflict %1.").arg(id));
    }
    const Conflict &conflict = record->conflict;

    QString decision;
    QJsonObject values;
    if (p.isSet(QStringLiteral("keep"))) {
        const QString side = p.value(QStringLiteral("keep"));
        decision = QStringLiteral("keep_") + side;
    } else if (p.isSet(QStringLiteral("merge"))) {
        decision = QStringLiteral("merge");
        for (const QString &spec : p.values(QStringLiteral("merge"))) {
            const qsizetype eq = spec.indexOf(QLatin1Char('='));
            const QString field = spec.left(eq);
            const QString choice = spec.mid(eq + 1);
            const auto it = std::find_if(conflict.fields.cbegin(), conflict.fields.cend(),
                                         [&](const ConflictField &f) { return f.field == field; });
            if (it == conflict.fields.cend()) {
                return usageError(QStringLiteral("Conflict %1 has no field '%2'.").arg(id).arg(field));
            }
            if (choice == QLatin1String("pipedrive")) {
                values.insert(field, it->pipedrive.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it->pipedrive));
            } else if (choice == QLatin1String("ostendo")) {
                values.insert(field, it->ostendo.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it->ostendo));
            } else {
                values.insert(field, choice);
            }
        }
    } else {
        decision = p.isSet(QStringLiteral("link")) ? QStringLiteral("link") : QStringLiteral("keep_separate");
    }

    if (!store.recordDecision(id, decision, values, currentUser(), Clock::current().nowUtc())) {
        return failure(store.lastError());
    }
    out() << "Decision recorded for conflict " << id << "; it is applied on the next sync.\n";
    return CliCommands::InStep;
}

int log(const QStringList &args)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON Lines.")});
    p.addOption({QStringLiteral("since"), QStringLiteral("Only rows since this time."), QStringLiteral("ISO8601")});
    if (!p.parse(args)) {
        return usageError(p.errorText());
    }
    LogFilter filter;
    if (p.isSet(QStringLiteral("since"))) {
        filter.since = QDateTime::fromString(p.value(QStringLiteral("since")), Qt::ISODateWithMs);
        if (!filter.since.isValid()) {
            filter.since = QDateTime::fromString(p.value(QStringLiteral("since")), Qt::ISODate);
        }
        if (!filter.since.isValid()) {
            return usageError(QStringLiteral("--since takes a time such as 2026-11-27T09:00:00Z, not '%1'.")
                                  .arg(p.value(QStringLiteral("since"))));
        }
    }
    SyncStore store;
    QString error;
    if (!openStore(store, commonFrom(p), &error)) {
        return failure(error);
    }
    if (p.isSet(QStringLiteral("json"))) {
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly)) {
            return failure(QStringLiteral("Cannot write to standard output."));
        }
        return store.exportLogJsonLines(&stdoutFile, filter) < 0 ? failure(store.lastError()) : CliCommands::InStep;
    }
    for (const LogEntry &e : store.logEntries(filter)) {
        out() << TimeFormat::toStorage(e.at) << "  " << e.entity << "  " << e.action;
        if (!e.source.isEmpty()) {
            out() << "  " << e.source << " -> " << (e.target.isEmpty() ? QStringLiteral("-") : e.target);
        }
        if (!e.fieldsChanged.isEmpty()) {
            out() << "  [" << e.fieldsChanged.join(QStringLiteral(", ")) << ']';
        }
        if (!e.error.isEmpty()) {
            out() << "  error: " << e.error;
        }
        out() << '\n';
    }
    return CliCommands::InStep;
}

// What a sync or setup needs besides the engine: the policy text, settings read and checked, the sandbox if asked.
struct SyncSetup
{
    SyncEngineConfig config;
    int intervalMinutes = 15;
    std::unique_ptr<SandboxSession> sandbox;
};

bool prepareSync(const Common &common, bool sandbox, SyncSetup *setup, QString *error)
{
    SyncEngineConfig &config = setup->config;
    if (!common.config.isEmpty() && !QFile::exists(common.config)) {
        *error = QStringLiteral("The settings file %1 does not exist.").arg(common.config);
        return false;
    }
    Settings settings(common.config.isEmpty() ? Settings::defaultPath() : common.config);
    const std::optional<SyncEngineConfig> fromSettings = SyncEngineSettings::fromSettings(
        settings, common.policy, common.db.isEmpty() ? defaultDatabasePath() : common.db, !sandbox, error);
    if (!fromSettings) {
        return false;
    }
    config = *fromSettings;
    setup->intervalMinutes = settings.intervalMinutes();

    if (sandbox) {
        // Fresh simulators every time, so the state database must be fresh too (unless the caller chose one).
        setup->sandbox = std::make_unique<SandboxSession>();
        setup->sandbox->configure(&config);
        if (common.db.isEmpty()) {
            const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
            QDir().mkpath(dir);
            config.databasePath = QDir(dir).filePath(QStringLiteral("turfdrive-sandbox.sqlite"));
            QFile::remove(config.databasePath);
        } else {
            config.databasePath = common.db;
        }
    }
    return true;
}

int sync(const QStringList &args)
{
    QCommandLineParser p;
    addCommonOptions(p);
    for (const char *flag : {"once", "dry-run", "full", "json", "sandbox"}) {
        p.addOption({QLatin1String(flag), QString()});
    }
    if (!p.parse(args)) {
        return usageError(p.errorText());
    }
    if (!p.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("'sync' takes no argument '%1'.").arg(p.positionalArguments().first()));
    }
    const bool json = p.isSet(QStringLiteral("json"));
    const bool dryRun = p.isSet(QStringLiteral("dry-run"));
    const auto couldNot = [json, dryRun](const QString &message) {
        if (json) {
            const QJsonObject object{{QStringLiteral("dry_run"), dryRun},
                                     {QStringLiteral("exit_code"), CliCommands::CouldNotSync},
                                     {QStringLiteral("error"), message}};
            out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
            out().flush();
        }
        return failure(message);
    };
    SyncSetup setup;
    QString error;
    if (!prepareSync(commonFrom(p), p.isSet(QStringLiteral("sandbox")), &setup, &error)) {
        return couldNot(error);
    }
    if (p.isSet(QStringLiteral("sandbox")) && !json) {
        err() << "Sandbox: demo company in two in-process simulators; state in " << setup.config.databasePath << '\n';
        err().flush();
    }

    SyncEngine engine(setup.config);
    RunSummary summary;
    QEventLoop loop;
    QObject::connect(&engine, &SyncEngine::runFinished, &loop, [&](const RunSummary &s) {
        summary = s;
        loop.quit();
    });
    QString lastLine;
    QObject::connect(&engine, &SyncEngine::progressChanged, &loop, [&](const SyncProgress &progress) {
        if (json) {
            return;
        }
        const QString entity =
            progress.entity == QLatin1String("customer") ? QStringLiteral("customers") : QStringLiteral("work items");
        const QString line =
            progress.total > 0
                ? QStringLiteral("%1: %2 %3 of %4").arg(entity, progress.phase).arg(progress.done).arg(progress.total)
                : QStringLiteral("%1: %2").arg(entity, progress.phase);
        // A line per phase and per tenth of the writes: enough to see it move, not a flood.
        const int step = std::max(1, progress.total / 10);
        if (progress.total > 0 && progress.done % step != 0 && progress.done != progress.total) {
            return;
        }
        if (line != lastLine) {
            err() << line << '\n';
            err().flush();
            lastLine = line;
        }
    });
    engine.syncWith(p.isSet(QStringLiteral("full")), dryRun);
    loop.exec();
    engine.shutDown();

    if (summary.exitCode == CliCommands::CouldNotSync) {
        if (json) {
            QJsonObject object = summary.json;
            object.insert(QStringLiteral("exit_code"), CliCommands::CouldNotSync);
            object.insert(QStringLiteral("error"), summary.error);
            out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
            out().flush();
        }
        return failure(summary.error);
    }
    if (json) {
        out() << QJsonDocument(summary.json).toJson(QJsonDocument::Indented);
        out().flush();
        return summary.exitCode;
    }
    const QJsonObject &j = summary.json;
    const auto counts = [&j](const char *entity, const char *direction) {
        const QJsonObject o = j.value(QLatin1String(entity)).toObject().value(QLatin1String(direction)).toObject();
        return QStringLiteral("%1 created, %2 updated, %3 archived")
            .arg(o.value(QStringLiteral("created")).toInt())
            .arg(o.value(QStringLiteral("updated")).toInt())
            .arg(o.value(QStringLiteral("archived")).toInt());
    };
    const QJsonObject conflicts = j.value(QStringLiteral("conflicts")).toObject();
    out() << (dryRun ? "Dry run: nothing was written. Planned:\n" : "Sync finished.\n")
          << "  customers   to Pipedrive: " << counts("customers", "to_pipedrive") << '\n'
          << "  customers   to Ostendo:   " << counts("customers", "to_ostendo") << '\n'
          << "  work items  to Pipedrive: " << counts("work_items", "to_pipedrive") << '\n'
          << "  work items  to Ostendo:   " << counts("work_items", "to_ostendo") << '\n'
          << "  conflicts: " << conflicts.value(QStringLiteral("low")).toInt() << " low, "
          << conflicts.value(QStringLiteral("medium")).toInt() << " medium, "
          << conflicts.value(QStringLiteral("high")).toInt() << " high; "
          << conflicts.value(QStringLiteral("pending_review")).toInt() << " waiting for a person\n"
          << "  failed records: " << j.value(QStringLiteral("failed")).toInt() << '\n'
          << "  requests: Pipedrive "
          << qint64(j.value(QStringLiteral("requests")).toObject().value(QStringLiteral("pipedrive")).toDouble())
          << ", Ostendo "
          << qint64(j.value(QStringLiteral("requests")).toObject().value(QStringLiteral("ostendo")).toDouble())
          << "; Pipedrive tokens used: " << qint64(j.value(QStringLiteral("pipedrive_tokens_used")).toDouble()) << '\n';
    if (dryRun) {
        for (const QJsonValue &op : j.value(QStringLiteral("planned")).toArray()) {
            const QJsonObject o = op.toObject();
            out() << "  " << o.value(QStringLiteral("operation")).toString() << ' '
                  << o.value(QStringLiteral("entity")).toString() << " in "
                  << o.value(QStringLiteral("system")).toString() << " (Pipedrive "
                  << o.value(QStringLiteral("pipedrive_id")).toString() << ", Ostendo "
                  << o.value(QStringLiteral("ostendo_key")).toString()
                  << "): " << QJsonDocument(o.value(QStringLiteral("fields")).toObject()).toJson(QJsonDocument::Compact)
                  << '\n';
        }
    }
    out().flush();
    if (summary.exitCode == CliCommands::PendingReview) {
        err() << "Some records wait for a person's decision: see 'turfdrive-cli conflicts list'.\n";
    } else if (summary.exitCode == CliCommands::SomeFailed) {
        if (!summary.error.isEmpty()) {
            err() << summary.error << '\n';
        }
        err() << "Some records failed and will be retried: see 'turfdrive-cli log'.\n";
    }
    err().flush();
    return summary.exitCode;
}

// setup --check / --create-fields: asks Pipedrive for its fields and Ostendo for one page of customers.
int setup(const QStringList &args)
{
    QCommandLineParser p;
    addCommonOptions(p);
    p.addOption({QStringLiteral("check"), QString()});
    p.addOption({QStringLiteral("create-fields"), QString()});
    p.addOption({QStringLiteral("sandbox"), QString()});
    if (!p.parse(args)) {
        return usageError(p.errorText());
    }
    if (!p.isSet(QStringLiteral("check")) && !p.isSet(QStringLiteral("create-fields"))) {
        return usageError(QStringLiteral("'setup' needs --check or --create-fields."));
    }
    SyncSetup setup;
    QString error;
    if (!prepareSync(commonFrom(p), p.isSet(QStringLiteral("sandbox")), &setup, &error)) {
        return failure(error);
    }
    SyncEngineConfig &config = setup.config;
    QString policyError;
    const std::optional<Policy> policy = Policy::fromJson(config.policyJson, &policyError);
    if (!policy) {
        return failure(QStringLiteral("The policy file %1 was refused: %2").arg(config.policySource, policyError));
    }
    QEventLoop loop;
    QStringList problems;
    // Secrets: from the configuration in the sandbox, else the keychain or the environment.
    const auto readSecret = [&loop](SecretStore::Secret which, QString *into, QString *problem) {
        if (!into->isEmpty()) {
            return;
        }
        SecretStore secrets;
        secrets.read(which, [&](const SecretStore::ReadResult &r) {
            if (r.ok) {
                *into = r.value;
            } else {
                *problem = r.notFound ? QStringLiteral("No secret is stored for %1; set %2.")
                                            .arg(SecretStore::keyName(which), SecretStore::environmentVariable(which))
                                      : r.error;
            }
            loop.quit();
        });
        loop.exec();
    };
    QString secretProblem;
    readSecret(SecretStore::Secret::PipedriveToken, &config.pipedrive.apiToken, &secretProblem);
    readSecret(SecretStore::Secret::OstendoApiKey, &config.ostendo.apiKey, &secretProblem);
    if (!secretProblem.isEmpty()) {
        return failure(secretProblem);
    }
    std::unique_ptr<HttpTransport> pdTransport;
    std::unique_ptr<HttpTransport> osTransport;
    if (config.transportFactory) {
        pdTransport.reset(config.transportFactory(Side::Pipedrive));
        osTransport.reset(config.transportFactory(Side::Ostendo));
    } else {
        pdTransport = std::make_unique<NetworkTransport>();
        auto os = std::make_unique<NetworkTransport>();
        os->setPinnedCertificateSha256(config.ostendoPinSha256);
        osTransport = std::move(os);
    }
    PipedriveClient pipedrive(pdTransport.get(), config.pipedrive, RecordMapper::pipedriveFieldSpecs(*policy));
    OstendoClient ostendo(osTransport.get(), config.ostendo, RecordMapper::ostendoMapping(*policy));

    bool pipedriveAnswered = false;
    pipedrive.discoverFields([&](const PipedriveResult<bool> &r) {
        if (r.ok()) {
            pipedriveAnswered = true;
        } else {
            problems << QStringLiteral("Pipedrive: %1").arg(r.error.message);
        }
        loop.quit();
    });
    loop.exec();
    if (pipedriveAnswered && p.isSet(QStringLiteral("create-fields")) && !pipedrive.missingFields().isEmpty()) {
        pipedrive.createMissingFields([&](const PipedriveResult<QList<PipedriveFieldDefinition>> &r) {
            if (r.ok()) {
                for (const PipedriveFieldDefinition &field : r.value) {
                    out() << "Created the Pipedrive field \"" << field.name << "\" (" << field.type << ").\n";
                }
            } else {
                problems << QStringLiteral("Pipedrive: %1").arg(r.error.message);
            }
            loop.quit();
        });
        loop.exec();
    }
    if (pipedriveAnswered) {
        for (const PipedriveFieldSpec &missing : pipedrive.missingFields()) {
            problems << QStringLiteral("Pipedrive has no %1 field \"%2\"; run 'turfdrive-cli setup --create-fields'.")
                            .arg(PipedriveFieldSpec::entityName(missing.entity), missing.name);
        }
    }
    ostendo.findCustomersByPipedriveId(1, [&](const OstendoReadResult<OstendoCustomer> &r) {
        if (r.error.isError()) {
            problems << QStringLiteral("Ostendo: %1").arg(r.error.message);
        }
        loop.quit();
    });
    loop.exec();
    if (!problems.isEmpty()) {
        for (const QString &problem : std::as_const(problems)) {
            err() << "turfdrive-cli: " << problem << '\n';
        }
        err().flush();
        return CliCommands::CouldNotSync;
    }
    out() << "Both systems answer and every mapped field exists.\n";
    return CliCommands::InStep;
}
} // namespace

int CliCommands::run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        err() << usage();
        return BadUsage;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out() << usage();
        return InStep;
    }
    if (args.contains(QStringLiteral("--version"))) {
        out() << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
        return InStep;
    }
    // QCommandLineParser wants the program name first.
    const QString program = arguments.first();
    const QString command = args.first();
    if (command == QLatin1String("conflicts")) {
        const QString sub = args.value(1);
        if (sub == QLatin1String("list")) {
            return conflictsList(QStringList{program} + args.mid(2));
        }
        if (sub == QLatin1String("resolve")) {
            return conflictsResolve(QStringList{program} + args.mid(2));
        }
        return usageError(QStringLiteral("'conflicts' needs 'list' or 'resolve'."));
    }
    if (command == QLatin1String("log")) {
        return log(QStringList{program} + args.mid(1));
    }
    if (command == QLatin1String("sandbox")) {
        return SandboxCommand::run(QStringList{program} + args.mid(1));
    }
    if (command == QLatin1String("sync")) {
        return sync(QStringList{program} + args.mid(1));
    }
    if (command == QLatin1String("setup")) {
        return setup(QStringList{program} + args.mid(1));
    }
    return usageError(QStringLiteral("unknown command '%1'.").arg(command));
}

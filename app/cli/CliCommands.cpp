#include "CliCommands.h"

#include "SandboxCommand.h"
#include "config/Settings.h"
#include "store/SyncStore.h"
#include "util/Clock.h"
#include "util/TimeFormat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
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
    if (command == QLatin1String("sync") || command == QLatin1String("setup")) {
        return failure(QStringLiteral("'%1' is not available in this build yet.").arg(command));
    }
    return usageError(QStringLiteral("unknown command '%1'.").arg(command));
}

#include "CliCommands.h"

#include <QCoreApplication>
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
        "  conflicts resolve ID --keep pipedrive|ostendo\n"
        "  conflicts resolve ID --merge FIELD=pipedrive|ostendo|VALUE ...\n"
        "  log [--since ISO8601] [--json]\n"
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
    err() << QStringLiteral("turfdrive-cli: unknown command '%1'. Run 'turfdrive-cli --help' for the commands.\n")
                 .arg(args.first());
    return BadUsage;
}

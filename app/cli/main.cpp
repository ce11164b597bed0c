// turfdrive-cli: the command line for schedulers and scripts. A QCoreApplication: no widget library.
#include "CliCommands.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    Logging::installRedactingHandler();
    // Standard error carries one clear sentence per problem; progress chatter only when asked for.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*.debug=false\nturfdrive.*.info=false"));
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("TurfDrive"));
    QCoreApplication::setOrganizationName(QStringLiteral("TurfDrive"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TURFDRIVE_VERSION));
    return CliCommands::run(QCoreApplication::arguments());
}

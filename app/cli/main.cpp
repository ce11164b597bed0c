// turfdrive-cli: the command line for schedulers and scripts. A QCoreApplication: no widget library.
#include "CliCommands.h"
#include "util/Logging.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    Logging::installRedactingHandler();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("TurfDrive"));
    QCoreApplication::setOrganizationName(QStringLiteral("TurfDrive"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TURFDRIVE_VERSION));
    return CliCommands::run(QCoreApplication::arguments());
}

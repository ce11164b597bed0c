// turfdrive: the desktop application for the operations staff.
#include "MainWindow.h"
#include "util/Logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    Logging::installRedactingHandler();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TurfDrive"));
    QApplication::setOrganizationName(QStringLiteral("TurfDrive"));
    QApplication::setApplicationVersion(QStringLiteral(TURFDRIVE_VERSION));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("turfdrive"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&translator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "TurfDrive keeps Pipedrive and Ostendo in step."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(QStringLiteral("sandbox"),
                                     QApplication::translate("main", "Run against the built-in simulators."));
    const QCommandLineOption config(
        QStringLiteral("config"), QApplication::translate("main", "Read settings from FILE."), QStringLiteral("FILE"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QApplication::translate("main", "Keep the sync state in the database at PATH."),
                                QStringLiteral("PATH"));
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QApplication::translate("main", "Start minimised to the system tray."));
    parser.addOptions({sandbox, config, db, minimized});
    parser.process(app);

    MainWindow window;
    if (!parser.isSet(minimized)) {
        window.show();
    }
    return QApplication::exec();
}

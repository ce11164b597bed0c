// turfdrive: the desktop application for the operations staff.
#include "MainWindow.h"
#include "StoreService.h"
#include "TrayIcon.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "util/Logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTranslator>

namespace {
QString dataFile(const QString &name)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}
} // namespace

int main(int argc, char *argv[])
{
    Logging::installRedactingHandler();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TurfDrive"));
    QApplication::setOrganizationName(QStringLiteral("TurfDrive"));
    QApplication::setApplicationVersion(QStringLiteral(TURFDRIVE_VERSION));
    // Closing the window with a tray keeps TurfDrive running; Quit (tray or menu) ends it.
    QApplication::setQuitOnLastWindowClosed(!TrayIcon::available());

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

    Settings settings(parser.value(config));
    SecretStore secrets;
    StoreService store;
    // The sandbox keeps its demo state apart from the real one unless a database is named.
    const QString sandboxDb = dataFile(QStringLiteral("sandbox.sqlite"));
    const QString storePath = parser.isSet(db)        ? parser.value(db)
                              : parser.isSet(sandbox) ? sandboxDb
                                                      : dataFile(QStringLiteral("turfdrive.sqlite"));

    // The sync engine is not part of this build yet: the windows run without a controller.
    MainWindow window(&store, nullptr, &settings, &secrets);
    QObject::connect(&store, &StoreService::opened, &window, [&window](bool ok, const QString &error) {
        if (!ok) {
            QMessageBox box(QMessageBox::Warning, QApplication::translate("main", "TurfDrive"),
                            QApplication::translate("main", "The sync state could not be opened: %1").arg(error),
                            QMessageBox::Ok, &window);
            box.setTextFormat(Qt::PlainText);
            box.exec();
        }
    });
    QObject::connect(&window, &MainWindow::sandboxRequested, &window, [&window, &store, sandboxDb, &parser, &db]() {
        window.setBaseTitle(QApplication::translate("main", "TurfDrive (sandbox)"));
        if (!parser.isSet(db)) {
            store.open(sandboxDb);
        }
    });
    store.open(storePath);

    const bool configured = !settings.pipedriveBaseUrl().isEmpty() || !settings.ostendoBaseUrl().isEmpty();
    window.setFirstRun(!configured && !parser.isSet(sandbox));
    if (parser.isSet(sandbox)) {
        window.setBaseTitle(QApplication::translate("main", "TurfDrive (sandbox)"));
    }
    window.restoreLayout();
    if (!parser.isSet(minimized)) {
        window.show();
    } else if (!TrayIcon::available()) {
        window.showMinimized(); // no tray to live in: a minimised window is the closest thing
    }
    return QApplication::exec();
}

// turfdrive: the desktop application for the operations staff.
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "StoreService.h"
#include "TrayIcon.h"
#include "bridge/SandboxSession.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "engine/ConnectionTester.h"
#include "engine/SyncEngineSettings.h"
#include "engine/SyncService.h"
#include "util/Logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTranslator>
#include <optional>

namespace {
QString dataFile(const QString &name)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

// What Test connection checks: the values as typed in the open settings dialog (not yet saved), else the saved
// ones. An empty secret field means the one already in the keychain.
ConnectionTester::Request connectionRequest(const MainWindow &window, const Settings &settings, System system)
{
    ConnectionTester::Request request;
    const SettingsDialog *dialog = window.settingsDialog();
    const auto text = [dialog, &settings](Settings::Key key) {
        const QLineEdit *edit = dialog ? dialog->field(key) : nullptr;
        return edit ? edit->text().trimmed() : settings.value(key).toString();
    };
    if (system == System::Pipedrive) {
        request.baseUrl = QUrl(text(Settings::Key::PipedriveBaseUrl));
        request.secret = dialog ? dialog->pipedriveTokenField()->text() : QString();
    } else {
        request.baseUrl = QUrl(text(Settings::Key::OstendoBaseUrl));
        request.secret = dialog ? dialog->ostendoKeyField()->text() : QString();
        const QSpinBox *configuration = dialog ? dialog->spinBox(Settings::Key::OstendoConfiguration) : nullptr;
        request.ostendoConfiguration =
            configuration ? configuration->value() : settings.value(Settings::Key::OstendoConfiguration).toInt();
        request.ostendoTimeZone = text(Settings::Key::OstendoTimezone);
        request.ostendoPinSha256 = text(Settings::Key::OstendoTlsPinSha256);
    }
    QFile policy(text(Settings::Key::SyncPolicyFile));
    if (!policy.fileName().isEmpty() && policy.open(QIODevice::ReadOnly)) {
        request.policyJson = policy.readAll(); // the custom field names come from the policy
    }
    return request;
}

// Switching between the sandbox and real connections means another engine: start TurfDrive afresh that way.
void relaunch(const QStringList &arguments)
{
    if (QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) {
        QCoreApplication::quit();
    }
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

    // The engine runs on its own thread behind SyncService. Without working settings there is none yet: the
    // windows then offer the first-run choice and the settings, and Sync now says why it is unavailable.
    std::unique_ptr<SandboxSession> sandboxSession;
    std::unique_ptr<SyncService> service;
    QString engineProblem;
    if (parser.isSet(sandbox) && !parser.isSet(db)) {
        // The simulators start afresh with the demo company each time, so the sandbox's state does too.
        for (const char *suffix : {"", "-wal", "-shm"}) {
            QFile::remove(sandboxDb + QLatin1String(suffix));
        }
    }
    std::optional<SyncEngineConfig> engineConfig =
        SyncEngineSettings::fromSettings(settings, QString(), storePath, !parser.isSet(sandbox), &engineProblem);
    if (engineConfig) {
        if (parser.isSet(sandbox)) {
            sandboxSession = std::make_unique<SandboxSession>();
            sandboxSession->configure(&*engineConfig);
        }
        service = std::make_unique<SyncService>(*engineConfig, settings.intervalMinutes());
    }

    MainWindow window(&store, service.get(), &settings, &secrets);
    // Test connection works before the engine exists (first run): it checks the values as typed.
    ConnectionTester tester;
    QObject::connect(&window, &MainWindow::testConnectionRequested, &tester, [&](System system) {
        if (parser.isSet(sandbox)) {
            window.showConnectionResult(system, true,
                                        QApplication::translate("main", "The sandbox needs no connection: TurfDrive "
                                                                        "talks to its built-in simulators."));
            return;
        }
        tester.test(system, connectionRequest(window, settings, system));
    });
    QObject::connect(&tester, &ConnectionTester::connectionTested, &window, &MainWindow::showConnectionResult);
    QObject::connect(&tester, &ConnectionTester::certificateOffered, &window, &MainWindow::offerCertificate);
    QObject::connect(&store, &StoreService::opened, &window, [&window](bool ok, const QString &error) {
        if (!ok) {
            QMessageBox box(QMessageBox::Warning, QApplication::translate("main", "TurfDrive"),
                            QApplication::translate("main", "The sync state could not be opened: %1").arg(error),
                            QMessageBox::Ok, &window);
            box.setTextFormat(Qt::PlainText);
            box.exec();
        }
    });
    QObject::connect(&window, &MainWindow::sandboxRequested, &app, []() { relaunch({QStringLiteral("--sandbox")}); });
    if (!service) {
        // Settings saved for the first time: start again with an engine built from them.
        QObject::connect(&window, &MainWindow::settingsSaved, &app,
                         [&]() { relaunch(QCoreApplication::arguments().mid(1)); });
    }
    store.open(storePath);

    const bool configured = !settings.pipedriveBaseUrl().isEmpty() || !settings.ostendoBaseUrl().isEmpty();
    window.setFirstRun(!configured && !parser.isSet(sandbox));
    if (parser.isSet(sandbox)) {
        window.setBaseTitle(QApplication::translate("main", "TurfDrive (sandbox)"));
    }
    window.restoreLayout();
    if (service) {
        service->startSchedule();
    }
    if (!parser.isSet(minimized)) {
        window.show();
    } else if (!TrayIcon::available()) {
        window.showMinimized(); // no tray to live in: a minimised window is the closest thing
    }
    return QApplication::exec();
}

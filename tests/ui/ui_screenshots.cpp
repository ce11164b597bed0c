// Takes the screenshots in docs/ from windows filled with the demo store: run under `xvfb-run -a`.
// Usage: ui_screenshots OUTPUT_DIR
#include "ConflictFieldModel.h"
#include "ConflictReviewWindow.h"
#include "DemoStore.h"
#include "FakeSyncController.h"
#include "MainWindow.h"
#include "RecordsPage.h"
#include "ScreenshotTools.h"
#include "SettingsDialog.h"
#include "StoreService.h"
#include "SyncLogWindow.h"
#include "config/Settings.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTranslator>

namespace {
using ScreenshotTools::save;
using ScreenshotTools::settle;
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TurfDrive"));
    QTranslator translator;
    if (translator.load(QStringLiteral("turfdrive_en"), QStringLiteral(TURFDRIVE_QM_DIR))) {
        QApplication::installTranslator(&translator);
    }
    if (argc < 2) {
        QTextStream(stderr) << "usage: ui_screenshots OUTPUT_DIR\n";
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    SyncStore store;
    DemoStore::Ids ids;
    if (!store.open(path) || !DemoStore::populate(store, now, &ids)) {
        QTextStream(stderr) << store.lastError() << '\n';
        return 1;
    }
    StoreService service;
    service.open(path);
    FakeSyncController controller(&store);
    controller.setNextRun(now.addSecs(15 * 60));
    Settings settings(dir.filePath(QStringLiteral("turfdrive.ini")));
    settings.setValue(Settings::Key::PipedriveBaseUrl, QStringLiteral("https://greenway.pipedrive.com"));
    settings.setValue(Settings::Key::OstendoBaseUrl, QStringLiteral("https://ostendo.greenway.local:5001"));

    MainWindow window(&service, &controller, &settings, nullptr);
    window.setStateFile(dir.filePath(QStringLiteral("state.ini")));
    window.resize(1180, 760);
    window.show();
    settle(service);
    window.customersPage()->selectLink(ids.harbourView);
    settle(service);
    bool ok = save(&window, out, QStringLiteral("main-window.png"));

    ConflictReviewWindow *review = window.openConflictReview();
    review->resize(1180, 720);
    settle(service);
    review->selectConflicts({ids.addressConflict});
    // The coordinator's merge, half done: the new street from Ostendo, the suite number from Pipedrive.
    review->fieldModel()->setResult(0, QStringLiteral("Suite 4, 18 Customs Street East, Auckland 1010"));
    settle(service);
    ok = save(review, out, QStringLiteral("conflict-review.png")) && ok;
    review->close();

    SyncLogWindow *log = window.openSyncLog();
    log->resize(1180, 640);
    settle(service);
    log->view()->selectRow(0);
    settle(service);
    ok = save(log, out, QStringLiteral("sync-log.png")) && ok;
    log->close();

    SettingsDialog *dialog = window.openSettings();
    dialog->offerCertificate(QStringLiteral("3a7f09c2b1d84e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b"));
    dialog->adjustSize();
    settle(service);
    ok = save(dialog, out, QStringLiteral("settings.png")) && ok;
    dialog->close();

    window.setFirstRun(true);
    settle(service);
    ok = save(&window, out, QStringLiteral("first-run.png")) && ok;
    window.setFirstRun(false);
    window.tabs()->setCurrentIndex(3);
    settle(service);
    ok = save(&window, out, QStringLiteral("dashboard.png")) && ok;
    return ok ? 0 : 1;
}

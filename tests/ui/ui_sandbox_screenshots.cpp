// Takes the screenshots in docs/ from the real app state after the engine synced the sandbox: the main window,
// the conflict review with the coordinator's address case, and the sync log. Run under `xvfb-run -a`.
// Usage: ui_sandbox_screenshots OUTPUT_DIR
#include "ConflictFieldModel.h"
#include "ConflictReviewWindow.h"
#include "MainWindow.h"
#include "RecordsPage.h"
#include "ScreenshotTools.h"
#include "StoreService.h"
#include "SyncLogWindow.h"
#include "bridge/SandboxSession.h"
#include "config/Settings.h"
#include "engine/SyncEngineSettings.h"
#include "engine/SyncService.h"
#include "store/SyncStore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTranslator>

namespace {
void wait(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

void settle(StoreService &service)
{
    ScreenshotTools::settle(service, 800);
}
using ScreenshotTools::save;
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
        QTextStream(stderr) << "usage: ui_sandbox_screenshots OUTPUT_DIR\n";
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("sandbox.sqlite"));
    Settings settings(dir.filePath(QStringLiteral("turfdrive.ini")));
    QString error;
    std::optional<SyncEngineConfig> config = SyncEngineSettings::fromSettings(settings, QString(), db, false, &error);
    if (!config) {
        QTextStream(stderr) << error << '\n';
        return 1;
    }
    SandboxSession sandbox;
    sandbox.configure(&*config);
    SyncService service(*config, settings.intervalMinutes());
    StoreService store;
    store.open(db);

    MainWindow window(&store, &service, &settings, nullptr);
    window.setStateFile(dir.filePath(QStringLiteral("state.ini")));
    window.setBaseTitle(QApplication::translate("main", "TurfDrive (sandbox)"));
    window.resize(1180, 760);
    window.show();

    bool finished = false;
    RunSummary summary;
    QObject::connect(&service, &SyncController::runFinished, [&](const RunSummary &s) {
        summary = s;
        finished = true;
    });
    service.syncNow();
    wait([&] { return finished; }, 180000);
    if (!finished) {
        QTextStream(stderr) << "the sandbox sync did not finish\n";
        return 1;
    }
    QTextStream(stdout) << "sandbox sync finished with exit code " << summary.exitCode << '\n';
    settle(store);

    // The coordinator's customer: the address changed in both systems.
    SyncStore reader;
    reader.open(db);
    const qint64 orgId = sandbox.cases().pipedrive.value(QStringLiteral("address_both_changed"));
    const std::optional<Link> link = reader.linkByPipedriveId(EntityKind::Customer, orgId);
    ConflictFilter ofLink;
    if (link) {
        ofLink.linkId = link->id;
        window.customersPage()->selectLink(link->id);
    }
    const QList<ConflictRecord> conflicts = reader.conflicts(ofLink);
    settle(store);
    bool ok = save(&window, out, QStringLiteral("main-window.png"));

    ConflictReviewWindow *review = window.openConflictReview();
    review->resize(1180, 720);
    settle(store);
    if (!conflicts.isEmpty()) {
        review->setStatusFilter(std::nullopt);
        settle(store);
        review->selectConflicts({conflicts.first().id});
        settle(store);
        // The coordinator's merge, half done: the new street from Ostendo, the suite number from Pipedrive.
        review->fieldModel()->setResult(0, QStringLiteral("40 Rimu Street, Suite 5, Ponsonby, Auckland 1011"));
        settle(store);
    } else {
        QTextStream(stderr) << "no conflict for the address case\n";
        ok = false;
    }
    ok = save(review, out, QStringLiteral("conflict-review.png")) && ok;
    review->close();

    SyncLogWindow *log = window.openSyncLog();
    log->resize(1180, 640);
    settle(store);
    log->view()->selectRow(0);
    settle(store);
    ok = save(log, out, QStringLiteral("sync-log.png")) && ok;
    log->close();
    return ok ? 0 : 1;
}

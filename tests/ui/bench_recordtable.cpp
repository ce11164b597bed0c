// Prints how long the records table takes to take in, sort and filter 20,000 links (the size the issue names),
// and how long the store reader takes to bring them from SQLite while the GUI thread keeps turning.
#include "FilterProxyModel.h"
#include "RecordTableModel.h"
#include "StoreService.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 20000;
    QList<Link> links;
    links.reserve(n);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < n; ++i) {
        Link l;
        l.id = i + 1;
        l.entity = Entity::Customer;
        l.pipedriveId = 1000 + i;
        l.ostendoKey = QString::number(50000 + i);
        l.displayName = QStringLiteral("Customer %1 Landscapes").arg((i * 7919) % n);
        l.status = LinkStatus(i % 4);
        l.lastSyncedAt = t0.addSecs(-i);
        links << l;
    }
    RecordTableModel model(Entity::Customer);
    FilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.setSortingEnabled(true);
    view.sortByColumn(RecordTableModel::NameColumn, Qt::AscendingOrder);
    view.resize(1000, 600);
    view.show();
    QTextStream out(stdout);
    QElapsedTimer timer;
    auto report = [&](const char *what) {
        QApplication::processEvents();
        out << what << ": " << timer.elapsed() << " ms (" << proxy.rowCount() << " rows shown)\n";
        timer.restart();
    };
    timer.start();
    model.setLinks(links);
    report("load and sort by name");
    view.sortByColumn(RecordTableModel::LastSyncedColumn, Qt::DescendingOrder);
    report("sort by last synced");
    proxy.setSearchText(QStringLiteral("Customer 1999"));
    report("search 'Customer 1999'");
    proxy.setSearchText(QString());
    proxy.setStatuses({QStringLiteral("error"), QStringLiteral("blocked")});
    report("filter error or blocked");
    proxy.setStatuses({});
    report("clear filters");

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    {
        SyncStore store;
        if (!store.open(path)) {
            out << store.lastError() << '\n';
            return 1;
        }
        timer.restart();
        store.transaction([&]() {
            for (Link l : links) {
                l.id = 0;
                if (!store.saveLink(&l)) {
                    return false;
                }
            }
            return true;
        });
        out << "store " << n << " links: " << timer.elapsed() << " ms\n";
    }
    StoreService service;
    service.open(path);
    while (!service.isOpen()) {
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    // A 10 ms ticker on the GUI thread: its longest gap shows how long the window would freeze.
    QElapsedTimer gap;
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&]() { longestGap = qMax(longestGap, gap.restart()); });
    bool done = false;
    timer.restart();
    gap.start();
    ticker.start();
    service.run<QList<Link>>(
        &model, [](SyncStore &store) { return store.links(Entity::Customer); },
        [&](const QList<Link> &loaded) {
            const qint64 fetched = timer.elapsed();
            model.setLinks(loaded);
            out << "read " << loaded.size() << " links on the reader thread and show them: " << fetched << " ms + "
                << (timer.elapsed() - fetched) << " ms in the model\n";
            done = true;
        });
    while (!done) {
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    ticker.stop();
    out << "longest GUI-thread gap while reading (includes the model reset): " << longestGap << " ms\n";
    return 0;
}

// Prints how fast the Pipedrive simulator seeds, pages and serves, in process and over loopback HTTP.
#include "common/SimHttpServer.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>
#include <cstdio>

namespace {
const QByteArray Token = "bench-token";

SimResponse get(PipedriveSimulator &sim, const QString &path, const QString &query)
{
    SimRequest r;
    r.method = "GET";
    r.path = path;
    r.query = QUrlQuery(query);
    r.headers.append({QByteArrayLiteral("x-api-token"), Token});
    return sim.handle(r);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int orgs = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const int deals = argc > 2 ? QByteArray(argv[2]).toInt() : 8000;

    PipedriveSimulator sim(1);
    sim.addApiToken(Token, QStringLiteral("ultimate"));
    sim.rateLimiter().setBurstLimit(1000000);
    sim.rateLimiter().setDailyBudget(1LL << 40);
    QElapsedTimer t;
    t.start();
    sim.seedDemo(1, orgs, deals);
    std::printf("seedDemo(%d organizations, %d deals): %lld ms\n", orgs, deals, static_cast<long long>(t.elapsed()));

    // A full incremental scan as the sync does it: update_time order, pages of 500, following next_cursor.
    for (const char *path : {"/api/v2/organizations", "/api/v2/deals"}) {
        t.restart();
        int pages = 0;
        int items = 0;
        QString cursor;
        do {
            QString q = QStringLiteral("limit=500&sort_by=update_time&updated_since=2000-01-01T00:00:00Z");
            if (!cursor.isEmpty()) {
                q += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
            }
            const QJsonObject o = QJsonDocument::fromJson(get(sim, QString::fromLatin1(path), q).body).object();
            items += static_cast<int>(o.value(QStringLiteral("data")).toArray().size());
            ++pages;
            const QJsonValue next =
                o.value(QStringLiteral("additional_data")).toObject().value(QStringLiteral("next_cursor"));
            cursor = next.isNull() ? QString() : next.toString();
        } while (!cursor.isEmpty());
        const qint64 ms = t.elapsed();
        std::printf("in process, full scan of %s: %d items in %d pages, %lld ms (%.1f ms/page)\n", path, items, pages,
                    static_cast<long long>(ms), pages ? double(ms) / pages : 0.0);
    }

    // Loopback HTTP: sequential requests, as one sync worker sends them.
    SimHttpServer server(&sim);
    const quint16 port = server.listenOnLoopback();
    QNetworkAccessManager nam;
    const int total = 300;
    int done = 0;
    qint64 bytes = 0;
    std::function<void()> next;
    next = [&]() {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v2/deals?limit=100").arg(port)));
        req.setRawHeader("x-api-token", Token);
        QNetworkReply *reply = nam.get(req);
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply]() {
            bytes += reply->readAll().size();
            reply->deleteLater();
            if (++done == total) {
                app.quit();
            } else {
                next();
            }
        });
    };
    t.restart();
    next();
    app.exec();
    const qint64 ms = t.elapsed();
    std::printf(
        "loopback HTTP, %d sequential GET /api/v2/deals?limit=100: %lld ms (%.0f requests/s, %.1f KiB/answer)\n", total,
        static_cast<long long>(ms), ms ? total * 1000.0 / ms : 0.0, bytes / 1024.0 / total);
    return 0;
}

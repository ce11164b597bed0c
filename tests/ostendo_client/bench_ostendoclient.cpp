// Prints figures for the Ostendo client: a full customer read from the simulator by page size, answer format and
// transport (in process, loopback HTTP), and the answer parser alone on one page of JSON and of XML.
#include "bridge/SandboxBridge.h"
#include "common/SimHttpServer.h"
#include "connectors/InProcessTransport.h"
#include "connectors/NetworkTransport.h"
#include "connectors/OstendoAnswerParser.h"
#include "connectors/OstendoClient.h"
#include "ostendo/OstendoSimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QUrlQuery>
#include <cstdio>

namespace {
const QString Key = QStringLiteral("bench+key/value==");

struct Figure
{
    qint64 ms = 0;
    int rows = 0;
    int pages = 0;
    bool ok = false;
};

Figure readAll(HttpTransport &transport, const QUrl &base, int pageSize, OstendoConfig::Format format)
{
    OstendoConfig config;
    config.baseUrl = base;
    config.apiKey = Key;
    config.pageSize = pageSize;
    config.format = format;
    OstendoClient client(&transport, config);
    QEventLoop loop; // a benchmark program may wait; the product never does
    Figure f;
    QElapsedTimer timer;
    timer.start();
    client.readAllCustomers([&](const OstendoReadResult<OstendoCustomer> &r) {
        f.ms = timer.elapsed();
        f.rows = int(r.records.size());
        f.pages = r.pages;
        f.ok = !r.error.isError() && r.recordErrors.isEmpty();
        loop.quit();
    });
    loop.exec();
    return f;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int customers = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;

    OstendoSimulator sim;
    OstendoApiKey key;
    key.key = Key;
    key.label = QStringLiteral("bench");
    key.sqlAllowed = true;
    sim.addKey(key);
    QElapsedTimer seeding;
    seeding.start();
    sim.seedDemo(1, customers, 0, 0);
    std::printf("seeded %d customers in %lld ms\n", sim.rowCount(0, QStringLiteral("CUSTOMERMASTER")),
                seeding.elapsed());

    SimHttpServer server(&sim);
    const quint16 port = server.listenOnLoopback();
    InProcessTransport inProcess(SandboxBridge::handlerFor(&sim));
    NetworkTransport network;

    std::printf("%-11s %-5s %6s %7s %6s %9s %11s\n", "transport", "fmt", "page", "rows", "pages", "ms", "rows/s");
    for (const bool overHttp : {false, true}) {
        for (const auto format : {OstendoConfig::Format::Json, OstendoConfig::Format::Xml}) {
            for (const int page : {100, 500, 2000}) {
                HttpTransport &t = overHttp ? static_cast<HttpTransport &>(network) : inProcess;
                const QUrl base(overHttp ? QStringLiteral("http://127.0.0.1:%1").arg(port)
                                         : QStringLiteral("http://sandbox"));
                const Figure f = readAll(t, base, page, format);
                std::printf("%-11s %-5s %6d %7d %6d %9lld %11.0f%s\n", overHttp ? "http" : "in-process",
                            format == OstendoConfig::Format::Json ? "json" : "xml", page, f.rows, f.pages, f.ms,
                            f.ms > 0 ? 1000.0 * f.rows / double(f.ms) : 0.0, f.ok ? "" : "  (errors!)");
            }
        }
    }

    // The parser alone on one 500-row page as the simulator sends it.
    for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
        SimRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/sqlquery");
        // Percent-encoded, as on the wire: a literal '+' would read as a space.
        request.query = QUrlQuery(QStringLiteral("apikey=") + QString::fromLatin1(QUrl::toPercentEncoding(Key)) +
                                  QStringLiteral("&format=") + format);
        request.body = "SELECT * FROM CUSTOMERMASTER ORDER BY SYSUNIQUEID ROWS 1 TO 500";
        const QByteArray body = sim.handle(request).body;
        if (OstendoAnswerParser::parse(body).kind != OstendoAnswer::Kind::Rows) {
            std::printf("the simulator refused the page: %s\n", body.constData());
            continue;
        }
        const int rounds = 50;
        QElapsedTimer timer;
        timer.start();
        qsizetype rows = 0;
        for (int i = 0; i < rounds; ++i) {
            rows += OstendoAnswerParser::parse(body).rows.size();
        }
        const qint64 ns = timer.nsecsElapsed();
        std::printf("parse %-4s page: %lld bytes, %lld rows, %.2f ms per page, %.0f rows/s\n", qPrintable(format),
                    static_cast<long long>(body.size()), static_cast<long long>(rows / rounds), ns / 1e6 / rounds,
                    rows * 1e9 / double(ns));
    }
    return 0;
}

// Prints how fast the Ostendo simulator seeds and answers, so a sandbox sync's cost can be told from the
// simulator's own. Usage: bench_ostendosim [customers] [jobs]
#include "OstendoTestRequests.h"
#include "ostendo/OstendoSimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace OstendoTestRequests;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int customers = args.size() > 1 ? args[1].toInt() : 2000;
    const int jobs = args.size() > 2 ? args[2].toInt() : 5000;
    QTextStream out(stdout);

    OstendoSimulator sim;
    sim.clock().setNow(QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC));
    sim.addKey(OstendoSimulator::demoKey());
    const QString key = OstendoSimulator::demoKey().key;

    QElapsedTimer timer;
    timer.start();
    sim.seedDemo(1, customers, jobs);
    out << "seed " << customers << " customers + " << jobs << " jobs: " << timer.elapsed() << " ms\n";

    // An incremental read as the client does it: ordered by modification, pages of 500 with ROWS a TO b.
    timer.restart();
    int pages = 0;
    int rows = 0;
    qint64 bytes = 0;
    for (int first = 1;; first += 500) {
        const QString sql = QStringLiteral("SELECT * FROM JOBHEADER WHERE SYSDATEMODIFIED >= '2024-01-01 00:00:00' "
                                           "ORDER BY SYSDATEMODIFIED, SYSUNIQUEID ROWS %1 TO %2")
                                .arg(first)
                                .arg(first + 499);
        const SimResponse r = sim.handle(
            post(QStringLiteral("/sqlquery"),
                 {{QStringLiteral("apikey"), key}, {QStringLiteral("format"), QStringLiteral("json")}}, sql.toUtf8()));
        const int n = int(r.body.count("\"SYSUNIQUEID\""));
        ++pages;
        rows += n;
        bytes += r.body.size();
        if (n < 500) {
            break;
        }
    }
    const qint64 readMs = timer.elapsed();
    out << "sqlquery json, " << pages << " pages of 500 (" << rows << " rows, " << bytes / 1024 << " KiB): " << readMs
        << " ms, " << (pages ? double(readMs) / pages : 0.0) << " ms/page\n";

    timer.restart();
    sim.settings().outOfMemoryRows = customers + 1;
    const SimResponse xml = sim.handle(
        get(QStringLiteral("/tabledata"),
            {{QStringLiteral("apikey"), key}, {QStringLiteral("tablename"), QStringLiteral("CUSTOMERMASTER")}}));
    out << "tabledata xml, all " << customers << " customers (" << xml.body.size() / 1024
        << " KiB): " << timer.elapsed() << " ms\n";

    timer.restart();
    const int writes = 200;
    for (int i = 0; i < writes; ++i) {
        const QByteArray body = "<ostendoimport><customermaster><customer>Bench " + QByteArray::number(i) +
                                "</customer><additionalfield_1>" + QByteArray::number(90000 + i) +
                                "</additionalfield_1></customermaster></ostendoimport>";
        sim.handle(post(QStringLiteral("/tabledata"),
                        {{QStringLiteral("apikey"), key},
                         {QStringLiteral("tablename"), QStringLiteral("CUSTOMERMASTER")},
                         {QStringLiteral("keyfield"), QStringLiteral("ADDITIONALFIELD_1")}},
                        body));
    }
    const qint64 writeMs = timer.elapsed();
    out << "tabledata import, " << writes << " inserts: " << writeMs << " ms, " << double(writeMs) / writes
        << " ms/insert\n";
    return 0;
}

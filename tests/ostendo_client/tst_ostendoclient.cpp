// The Ostendo client against a scripted in-process fake: the SQL and URLs it sends, paging, both answer
// formats, the error document, retries, unknown outcomes and the key staying out of every log line.
#include "connectors/HttpTypes.h"
#include "connectors/InProcessTransport.h"
#include "connectors/OstendoClient.h"
#include "util/Clock.h"
#include "util/SecretRedactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

Q_DECLARE_METATYPE(ConnectorError::Kind)
Q_DECLARE_METATYPE(HttpResponse::TransportError)

namespace {
const QString ApiKey = QStringLiteral("Zm9vYmFyLXNlY3JldC1rZXk+/w==");

HttpResponse answer(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    return r;
}

HttpResponse broken(HttpResponse::TransportError error)
{
    HttpResponse r;
    r.error = error;
    r.errorString = QStringLiteral("broken on purpose");
    return r;
}

// Serves a fixed, already ordered table to /sqlquery sliced by "ROWS a TO b", and a look-up table to
// GET /tabledata. Scripted answers, when queued, are served first.
class FakeOstendo
{
public:
    QList<HttpRequest> requests;
    QList<HttpResponse> scripted;
    QList<QJsonObject> rows;
    QList<QJsonObject> lookupRows;
    bool xml = false;
    std::function<void(int request)> beforeAnswer; // may change rows between pages

    HttpResponse handle(const HttpRequest &request)
    {
        requests.append(request);
        if (beforeAnswer) {
            beforeAnswer(int(requests.size()));
        }
        if (!scripted.isEmpty()) {
            return scripted.takeFirst();
        }
        if (request.url.path() == QLatin1String("/sqlquery")) {
            static const QRegularExpression rowsRe(QStringLiteral("ROWS (\\d+) TO (\\d+)$"));
            const auto m = rowsRe.match(QString::fromUtf8(request.body));
            if (!m.hasMatch()) {
                return answer(200, "<response><status>error</status><value>no ROWS clause</value></response>");
            }
            const int from = m.captured(1).toInt() - 1;
            const int to = m.captured(2).toInt();
            return answer(200, encode(rows.mid(from, std::max(0, to - from))));
        }
        if (request.url.path() == QLatin1String("/tabledata") && request.method == "GET") {
            return answer(200, encode(lookupRows));
        }
        return answer(200, "OK");
    }

    QByteArray encode(const QList<QJsonObject> &list) const
    {
        if (!xml) {
            QJsonArray array;
            for (const QJsonObject &o : list) {
                array.append(o);
            }
            return QJsonDocument(array).toJson(QJsonDocument::Compact);
        }
        QByteArray out;
        for (const QJsonObject &o : list) {
            out += "<customermaster>";
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.value().isNull()) {
                    continue; // null columns are left out in XML
                }
                const QByteArray name = it.key().toLower().toUtf8();
                QString text =
                    it.value().isDouble() ? QString::number(it.value().toDouble(), 'f', 0) : it.value().toString();
                text.replace(QLatin1Char('&'), QLatin1String("&amp;")).replace(QLatin1Char('<'), QLatin1String("&lt;"));
                out += '<' + name + '>' + text.toUtf8() + "</" + name + '>';
            }
            out += "</customermaster>";
        }
        return out;
    }
};

QJsonObject customerRow(int key, const QString &name, const QString &modified)
{
    return QJsonObject{{QStringLiteral("SYSUNIQUEID"), double(key)},
                       {QStringLiteral("CUSTOMER"), name},
                       {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")},
                       {QStringLiteral("CUSTOMERPHONE"), QJsonValue::Null},
                       {QStringLiteral("ADDITIONALFIELD_1"), QString::number(key + 1000)},
                       {QStringLiteral("SYSDATEMODIFIED"), modified},
                       {QStringLiteral("SYSDATECREATED"), QStringLiteral("19/01/2018")}};
}

QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;
void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines << message;
    if (g_previousHandler) {
        g_previousHandler(type, context, message);
    }
}
} // namespace

class TestOstendoClient : public QObject
{
    Q_OBJECT

    OstendoConfig config(int pageSize = 3) const
    {
        OstendoConfig c;
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:235"));
        c.apiKey = ApiKey;
        c.configuration = 2;
        c.pageSize = pageSize;
        c.overlapSeconds = 120;
        return c;
    }

    static RetryPolicy noWait()
    {
        RetryPolicy p;
        p.baseDelayMs = 0;
        p.maxAttempts = 3;
        return p;
    }

    template <typename Result, typename Start> static Result await(Start start)
    {
        std::optional<Result> result;
        start([&result](const Result &r) { result = r; });
        if (!QTest::qWaitFor([&result]() { return result.has_value(); }, 10000)) {
            qFatal("the client never called back");
        }
        return *result;
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=true"));
        g_previousHandler = qInstallMessageHandler(captureHandler);
    }

    void pagesUntilShortPage_data()
    {
        QTest::addColumn<int>("rowCount");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("expectedPages");
        QTest::newRow("empty table") << 0 << 3 << 1;
        QTest::newRow("one short page") << 2 << 3 << 1;
        QTest::newRow("exact multiple needs an empty page") << 6 << 3 << 3;
        QTest::newRow("several pages") << 10 << 3 << 4;
        QTest::newRow("page of one") << 3 << 1 << 4;
    }

    void pagesUntilShortPage()
    {
        QFETCH(int, rowCount);
        QFETCH(int, pageSize);
        QFETCH(int, expectedPages);
        FakeOstendo fake;
        for (int i = 0; i < rowCount; ++i) {
            fake.rows << customerRow(100 + i, QStringLiteral("C%1").arg(i), QStringLiteral("3/05/2024 2:41:07 p.m."));
        }
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config(pageSize));
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.pages, expectedPages);
        QCOMPARE(fake.requests.size(), expectedPages);
        QCOMPARE(result.records.size(), rowCount);
        for (int i = 0; i < rowCount; ++i) {
            QCOMPARE(result.records.at(i).key, QString::number(100 + i));
        }
        for (int p = 0; p < expectedPages; ++p) {
            const QString sql = QString::fromUtf8(fake.requests.at(p).body);
            const QString rows = QStringLiteral("ROWS %1 TO %2").arg(p * pageSize + 1).arg((p + 1) * pageSize);
            QVERIFY2(sql.endsWith(rows), qPrintable(sql));
            QVERIFY2(sql.contains(QLatin1String("ORDER BY SYSUNIQUEID ROWS")), qPrintable(sql));
            QCOMPARE(fake.requests.at(p).method, QByteArray("POST"));
            QCOMPARE(fake.requests.at(p).url.path(), QStringLiteral("/sqlquery"));
            QCOMPARE(QUrlQuery(fake.requests.at(p).url).queryItemValue(QStringLiteral("configuration")),
                     QStringLiteral("2"));
        }
    }

    void incrementalReadStartsAnOverlapBeforeTheWatermark_data()
    {
        QTest::addColumn<QDateTime>("watermarkUtc");
        QTest::addColumn<int>("overlap");
        QTest::addColumn<QDateTime>("nowUtc"); // invalid: an hour after the watermark
        QTest::addColumn<QString>("expectedWhere");
        const QDateTime soon;
        // 2024-05-03 is NZ standard time (UTC+12); 2024-01-10 is NZ daylight time (UTC+13). NZ daylight time
        // ended 2024-04-07 03:00 NZDT = 2024-04-06 14:00 UTC, when the clocks went back to 02:00.
        QTest::newRow("winter") << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC) << 120 << soon
                                << QStringLiteral("WHERE SYSDATEMODIFIED >= '2024-05-03 14:39:07' ");
        QTest::newRow("summer, ms rounded down")
            << QDateTime(QDate(2024, 1, 10), QTime(1, 0, 0, 900), Qt::UTC) << 0 << soon
            << QStringLiteral("WHERE SYSDATEMODIFIED >= '2024-01-10 14:00:00' ");
        QTest::newRow("overlap crosses midnight")
            << QDateTime(QDate(2024, 5, 3), QTime(12, 1, 0), Qt::UTC) << 300 << soon
            << QStringLiteral("WHERE SYSDATEMODIFIED >= '2024-05-03 23:56:00' ");
        QTest::newRow("clocks went back since: an hour more")
            << QDateTime(QDate(2024, 4, 6), QTime(13, 50, 0), Qt::UTC) << 120
            << QDateTime(QDate(2024, 4, 6), QTime(15, 0, 0), Qt::UTC)
            << QStringLiteral("WHERE SYSDATEMODIFIED >= '2024-04-07 01:48:00' ");
        QTest::newRow("watermark read as the later instant of the repeated hour")
            << QDateTime(QDate(2024, 4, 6), QTime(14, 50, 0), Qt::UTC) << 120
            << QDateTime(QDate(2024, 4, 6), QTime(15, 0, 0), Qt::UTC)
            << QStringLiteral("WHERE SYSDATEMODIFIED >= '2024-04-07 01:48:00' ");
        QTest::newRow("clocks went forward: no change")
            << QDateTime(QDate(2024, 9, 28), QTime(13, 50, 0), Qt::UTC) << 120
            << QDateTime(QDate(2024, 9, 28), QTime(15, 0, 0), Qt::UTC)
            << QStringLiteral("WHERE SYSDATEMODIFIED >= '2024-09-29 01:48:00' ");
    }

    void incrementalReadStartsAnOverlapBeforeTheWatermark()
    {
        QFETCH(QDateTime, watermarkUtc);
        QFETCH(int, overlap);
        QFETCH(QDateTime, nowUtc);
        QFETCH(QString, expectedWhere);
        ManualClock clock(nowUtc.isValid() ? nowUtc : watermarkUtc.addSecs(3600));
        Clock::setCurrent(&clock);
        auto restore = qScopeGuard([]() { Clock::setCurrent(nullptr); });
        FakeOstendo fake;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoConfig c = config();
        c.overlapSeconds = overlap;
        OstendoClient client(&transport, c);
        const auto result = await<OstendoReadResult<OstendoCustomer>>(
            [&client, watermarkUtc](auto done) { client.readCustomersModifiedSince(watermarkUtc, done); });
        QVERIFY(!result.error.isError());
        QCOMPARE(fake.requests.size(), 1);
        const QString sql = QString::fromUtf8(fake.requests.first().body);
        QVERIFY2(sql.contains(expectedWhere), qPrintable(sql));
        QVERIFY2(sql.contains(QLatin1String("ORDER BY SYSDATEMODIFIED, SYSUNIQUEID ROWS 1 TO 3")), qPrintable(sql));
        QVERIFY(sql.startsWith(QLatin1String("SELECT SYSUNIQUEID, CUSTOMER, ")));
        QVERIFY(sql.contains(QLatin1String(" FROM CUSTOMERMASTER WHERE ")));
    }

    void bothFormatsGiveTheSameRecords_data()
    {
        QTest::addColumn<bool>("xml");
        QTest::newRow("json") << false;
        QTest::newRow("xml") << true;
    }

    void bothFormatsGiveTheSameRecords()
    {
        QFETCH(bool, xml);
        FakeOstendo fake;
        fake.xml = xml;
        fake.rows << customerRow(48213, QStringLiteral("O'Brien Turf & Garden"),
                                 QStringLiteral("19/01/2018 3:43:27 p.m."))
                  << customerRow(48214, QStringLiteral("Acme <Plumbing>"), QStringLiteral("2018-01-19T15:43:28"));
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoConfig c = config(10);
        c.format = xml ? OstendoConfig::Format::Xml : OstendoConfig::Format::Json;
        OstendoClient client(&transport, c);
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QVERIFY(!result.error.isError());
        QCOMPARE(QUrlQuery(fake.requests.first().url).queryItemValue(QStringLiteral("format")),
                 xml ? QStringLiteral("xml") : QStringLiteral("json"));
        QCOMPARE(result.records.size(), 2);
        const OstendoCustomer &a = result.records.at(0);
        QCOMPARE(a.key, QStringLiteral("48213"));
        QCOMPARE(a.name, QStringLiteral("O'Brien Turf & Garden"));
        QCOMPARE(a.pipedriveId, QStringLiteral("49213"));
        QCOMPARE(a.status, QStringLiteral("Active"));
        QVERIFY(a.phone.isEmpty());
        QCOMPARE(a.modifiedUtc, QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC));
        QCOMPARE(a.createdUtc, QDateTime(QDate(2018, 1, 18), QTime(11, 0, 0), Qt::UTC));
        QCOMPARE(result.records.at(1).name, QStringLiteral("Acme <Plumbing>"));
        QCOMPARE(result.records.at(1).modifiedUtc, QDateTime(QDate(2018, 1, 19), QTime(2, 43, 28), Qt::UTC));
    }

    void unreadableDateIsAnErrorForThatRecordOnly()
    {
        FakeOstendo fake;
        fake.rows << customerRow(1, QStringLiteral("Good"), QStringLiteral("3/05/2024 2:41:07 p.m."))
                  << customerRow(2, QStringLiteral("Bad"), QStringLiteral("31/02/2024 2:41:07 p.m."))
                  << customerRow(3, QStringLiteral("Also good"), QStringLiteral("2024-05-03 14:41:07"));
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config(10));
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QVERIFY(!result.error.isError());
        QCOMPARE(result.records.size(), 2);
        QCOMPARE(result.recordErrors.size(), 1);
        QCOMPARE(result.recordErrors.first().key, QStringLiteral("2"));
        QVERIFY(result.recordErrors.first().message.contains(QLatin1String("SYSDATEMODIFIED")));
        for (const OstendoCustomer &c : result.records) {
            QVERIFY(c.modifiedUtc.isValid());
            QVERIFY(c.modifiedUtc.date().year() == 2024);
        }
    }

    void rowThatMovesDuringTheReadStartsItOver()
    {
        // Ordered by modification time: when row 1 is edited after page 1, it jumps to the end and every
        // later row shifts back by one, so the next page would skip one. The client notices the repeat and
        // reads again, so no row is lost.
        FakeOstendo fake;
        for (int i = 1; i <= 5; ++i) {
            fake.rows << customerRow(i, QStringLiteral("C%1").arg(i), QStringLiteral("2024-05-03 10:00:0%1").arg(i));
        }
        fake.beforeAnswer = [&fake](int request) {
            if (request == 2) {
                QJsonObject moved = fake.rows.takeFirst();
                moved[QStringLiteral("SYSDATEMODIFIED")] = QStringLiteral("2024-05-03 11:00:00");
                moved[QStringLiteral("CUSTOMER")] = QStringLiteral("C1 edited");
                fake.rows.append(moved);
            }
        };
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config(2));
        const auto result = await<OstendoReadResult<OstendoCustomer>>([&client](auto done) {
            client.readCustomersModifiedSince(QDateTime(QDate(2024, 5, 2), QTime(0, 0), Qt::UTC), done);
        });
        QVERIFY(!result.error.isError());
        QStringList keys;
        for (const OstendoCustomer &c : result.records) {
            keys << c.key;
            if (c.key == QLatin1String("1")) {
                QCOMPARE(c.name, QStringLiteral("C1 edited"));
            }
        }
        std::sort(keys.begin(), keys.end());
        QCOMPARE(keys, (QStringList{"1", "2", "3", "4", "5"}));
        QVERIFY(result.pages > 3); // a second pass happened
    }

    void serverIgnoringRowsDoesNotLoopForever()
    {
        FakeOstendo fake;
        for (int i = 1; i <= 5; ++i) {
            fake.scripted << answer(200, "[{\"SYSUNIQUEID\":1},{\"SYSUNIQUEID\":2},{\"SYSUNIQUEID\":3},"
                                         "{\"SYSUNIQUEID\":4},{\"SYSUNIQUEID\":5}]");
        }
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config(2));
        const auto result = await<OstendoReadResult<QString>>([&client](auto done) { client.readCustomerKeys(done); });
        QVERIFY(!result.error.isError());
        QCOMPARE(result.records, (QStringList{"1", "2", "3", "4", "5"}));
        QCOMPARE(fake.requests.size(), 1);
    }

    void errors_data()
    {
        QTest::addColumn<HttpResponse>("response");
        QTest::addColumn<ConnectorError::Kind>("kind");
        QTest::addColumn<QString>("messagePart");
        using K = ConnectorError::Kind;
        QTest::newRow("error document with 200, json asked")
            << answer(200, "<response><status>error</status><value>Invalid column name FOO</value></response>")
            << K::Validation << QStringLiteral("Invalid column name FOO");
        QTest::newRow("bad key, 200") << answer(200, "<status>error</status><value>Invalid API Key</value>")
                                      << K::Authentication << QStringLiteral("refused the API key");
        QTest::newRow("bad key, 401 plain")
            << answer(401, "Unauthorized") << K::Authentication << QStringLiteral("refused the API key");
        QTest::newRow("expired key, 200")
            << answer(200, "<response><status>error</status><value>API Key has expired</value></response>")
            << K::Authentication << QStringLiteral("has expired");
        QTest::newRow("expired key, 403")
            << answer(403, "<response><status>error</status><value>The API key expired on 1/01/2024</value></response>")
            << K::Authentication << QStringLiteral("has expired");
        QTest::newRow("sql not allowed, 200")
            << answer(200, "<response><status>error</status><value>SQL not allowed for this API key</value></response>")
            << K::Permission << QStringLiteral("SQL Allowed");
        QTest::newRow("sql not allowed, 403")
            << answer(403, "<response><status>error</status><value>SQL Not Allowed</value></response>") << K::Permission
            << QStringLiteral("SQL Allowed");
        QTest::newRow("table unknown")
            << answer(200, "<response><status>error</status><value>Dynamic SQL Error SQL error code = -204 Table "
                           "unknown SALESPERSON</value></response>")
            << K::Configuration << QStringLiteral("policy file");
        QTest::newRow("database key constraint is data, not the API key")
            << answer(200, "<r><status>error</status><value>violation of PRIMARY or UNIQUE KEY constraint "
                           "\"PK_CUSTOMERMASTER\" on table \"CUSTOMERMASTER\"</value></r>")
            << K::Validation << QStringLiteral("refused the request");
        QTest::newRow("403 plain") << answer(403, "Forbidden") << K::Permission << QStringLiteral("refused access");
        QTest::newRow("404 wrong base url") << answer(404, "") << K::Configuration << QStringLiteral("base URL");
        QTest::newRow("not json nor xml with 200")
            << answer(200, "Hello") << K::Malformed << QStringLiteral("could not be read");
        QTest::newRow("tls") << broken(HttpResponse::TransportError::Tls) << K::Tls << QStringLiteral("broken");
        QTest::newRow("too large") << broken(HttpResponse::TransportError::TooLarge) << K::Malformed
                                   << QStringLiteral("page size");
    }

    void errors()
    {
        QFETCH(HttpResponse, response);
        QFETCH(ConnectorError::Kind, kind);
        QFETCH(QString, messagePart);
        FakeOstendo fake;
        fake.scripted << response;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        client.setRetryPolicy(noWait());
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QCOMPARE(ConnectorError::kindName(result.error.kind), ConnectorError::kindName(kind));
        QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
        QCOMPARE(fake.requests.size(), 1); // none of these is retried
        QVERIFY(result.records.isEmpty());
    }

    void transientErrorsAreRetried_data()
    {
        QTest::addColumn<QList<HttpResponse>>("failures");
        QTest::addColumn<bool>("succeeds");
        QTest::newRow("503 then ok") << QList<HttpResponse>{answer(503, "busy")} << true;
        QTest::newRow("timeout, reset, then ok")
            << QList<HttpResponse>{broken(HttpResponse::TransportError::Timeout),
                                   broken(HttpResponse::TransportError::ConnectionReset)}
            << true;
        QTest::newRow("lock conflict then ok")
            << QList<HttpResponse>{answer(200, "<r><status>error</status><value>lock conflict on no wait "
                                               "transaction</value></r>")}
            << true;
        QTest::newRow("always 500 gives up after 3")
            << QList<HttpResponse>{answer(500, ""), answer(500, ""), answer(500, "")} << false;
    }

    void transientErrorsAreRetried()
    {
        QFETCH(QList<HttpResponse>, failures);
        QFETCH(bool, succeeds);
        FakeOstendo fake;
        fake.scripted = failures;
        fake.rows << customerRow(7, QStringLiteral("Seven"), QStringLiteral("2024-05-03"));
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        client.setRetryPolicy(noWait());
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QCOMPARE(!result.error.isError(), succeeds);
        QCOMPARE(fake.requests.size(), succeeds ? failures.size() + 1 : failures.size());
        if (succeeds) {
            QCOMPARE(result.records.size(), 1);
        } else {
            QCOMPARE(result.error.kind, ConnectorError::Kind::Server);
        }
    }

    void rateLimitIsHonouredOrHandedBack_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<bool>("retried");
        QTest::newRow("short pause: waited here") << QByteArray("0") << true;
        QTest::newRow("longer than the policy allows: handed back") << QByteArray("3600") << false;
    }

    void rateLimitIsHonouredOrHandedBack()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(bool, retried);
        FakeOstendo fake;
        HttpResponse limited = answer(429, "slow down");
        limited.headers.append({QByteArrayLiteral("Retry-After"), retryAfter});
        fake.scripted << limited;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        client.setRetryPolicy(noWait());
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QCOMPARE(fake.requests.size(), retried ? 2 : 1);
        QCOMPARE(result.error.isError(), !retried);
        if (!retried) {
            QCOMPARE(result.error.kind, ConnectorError::Kind::RateLimited);
            QCOMPARE(result.error.retryAfterMs, 3600000);
        }
    }

    void insertFindsTheNewRowByItsCarriedId()
    {
        FakeOstendo fake;
        fake.scripted << answer(200, "something we do not rely on");
        fake.lookupRows << customerRow(900, QStringLiteral("O'Brien Turf & Garden"), QStringLiteral("2024-05-03"))
                        << customerRow(901, QStringLiteral("O'Brien Turf & Garden"), QStringLiteral("2024-05-03"));
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        OstendoCustomer c;
        c.name = QStringLiteral("O'Brien Turf & Garden");
        c.notes = QStringLiteral("'; DROP TABLE CUSTOMERMASTER; --");
        c.pipedriveId = QStringLiteral("777.0");
        std::optional<std::pair<QString, ConnectorError>> out;
        client.insertCustomer(c, [&out](const QString &key, const ConnectorError &e) { out = std::pair{key, e}; });
        QTRY_VERIFY(out.has_value());
        QVERIFY2(!out->second.isError(), qPrintable(out->second.message));
        QCOMPARE(out->first, QStringLiteral("901"));
        QCOMPARE(fake.requests.size(), 2);
        const HttpRequest &post = fake.requests.at(0);
        QCOMPARE(post.method, QByteArray("POST"));
        const QUrlQuery postQuery(post.url);
        QCOMPARE(postQuery.queryItemValue(QStringLiteral("tablename")), QStringLiteral("CUSTOMERMASTER"));
        QCOMPARE(postQuery.queryItemValue(QStringLiteral("keyfield")), QStringLiteral("SYSUNIQUEID"));
        QVERIFY(post.body.startsWith("<ostendoimport><customermaster>"));
        QVERIFY(post.body.contains("<additionalfield_1>777</additionalfield_1>"));
        QVERIFY(post.body.contains("<customer>O'Brien Turf &amp; Garden</customer>"));
        QVERIFY(!post.body.contains("<sysuniqueid>"));
        const HttpRequest &find = fake.requests.at(1);
        QCOMPARE(find.method, QByteArray("GET"));
        QCOMPARE(QUrlQuery(find.url).queryItemValue(QStringLiteral("condition"), QUrl::FullyDecoded),
                 QStringLiteral("ADDITIONALFIELD_1 = '777'"));
    }

    void insertWithLostAnswerIsUnknownAndNotResent_data()
    {
        QTest::addColumn<HttpResponse>("response");
        QTest::addColumn<ConnectorError::Kind>("kind");
        using K = ConnectorError::Kind;
        QTest::newRow("timeout") << broken(HttpResponse::TransportError::Timeout) << K::UnknownOutcome;
        QTest::newRow("reset") << broken(HttpResponse::TransportError::ConnectionReset) << K::UnknownOutcome;
        QTest::newRow("502") << answer(502, "") << K::UnknownOutcome;
        QTest::newRow("refused: never sent") << broken(HttpResponse::TransportError::ConnectionRefused) << K::Network;
        QTest::newRow("error document: refused") << answer(200, "<r><status>error</status><value>Field CUSTOMER "
                                                                "may not be empty</value></r>")
                                                 << K::Validation;
    }

    void insertWithLostAnswerIsUnknownAndNotResent()
    {
        QFETCH(HttpResponse, response);
        QFETCH(ConnectorError::Kind, kind);
        FakeOstendo fake;
        fake.scripted << response;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        client.setRetryPolicy(noWait());
        OstendoJob job;
        job.orderNumber = QStringLiteral("PD55");
        job.pipedriveId = QStringLiteral("55");
        job.requiredDate = QDate(2024, 6, 30);
        std::optional<ConnectorError> error;
        client.insertJob(job, [&error](const QString &, const ConnectorError &e) { error = e; });
        QTRY_VERIFY(error.has_value());
        QCOMPARE(ConnectorError::kindName(error->kind), ConnectorError::kindName(kind));
        QCOMPARE(fake.requests.size(), 1); // never resent, and no look-up after a failure
        QVERIFY(fake.requests.first().body.contains("<requireddate>2024-06-30</requireddate>"));
    }

    // Refused before anything is sent, and still answered from the event loop, never from inside the call.
    void localRefusalsAnswerLater_data()
    {
        QTest::addColumn<QString>("call");
        QTest::newRow("insert without carried id") << QStringLiteral("insert");
        QTest::newRow("update with a bad key") << QStringLiteral("update");
        QTest::newRow("fetch with a bad key") << QStringLiteral("fetch");
        QTest::newRow("bad mapping name") << QStringLiteral("mapping");
        QTest::newRow("no server address") << QStringLiteral("address");
    }

    void localRefusalsAnswerLater()
    {
        QFETCH(QString, call);
        FakeOstendo fake;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoMapping mapping;
        if (call == QLatin1String("mapping")) {
            mapping.jobTable = QStringLiteral("JOBHEADER WHERE 1=1");
        }
        OstendoConfig c = config();
        if (call == QLatin1String("address")) {
            c.baseUrl = QUrl();
        }
        OstendoClient client(&transport, c, mapping);
        std::optional<ConnectorError> error;
        if (call == QLatin1String("insert")) {
            client.insertCustomer(OstendoCustomer{}, [&error](const QString &, const ConnectorError &e) { error = e; });
        } else if (call == QLatin1String("update")) {
            client.updateJob(QStringLiteral("12abc"), OstendoJob{}, OstendoJob::Status,
                             [&error](const ConnectorError &e) { error = e; });
        } else if (call == QLatin1String("fetch")) {
            client.fetchCustomer(QStringLiteral("'; DROP"),
                                 [&error](const OstendoReadResult<OstendoCustomer> &r) { error = r.error; });
        } else if (call == QLatin1String("address")) {
            client.setJobPipedriveId(QStringLiteral("5"), 7, [&error](const ConnectorError &e) { error = e; });
            QTRY_VERIFY(error.has_value());
            QCOMPARE(error->kind, ConnectorError::Kind::Configuration);
            error.reset();
            client.readAllJobs([&error](const OstendoReadResult<OstendoJob> &r) { error = r.error; });
        } else {
            client.readAllJobs([&error](const OstendoReadResult<OstendoJob> &r) { error = r.error; });
        }
        QVERIFY(!error.has_value());
        QTRY_VERIFY(error.has_value());
        QVERIFY(error->isError());
        const bool configuration = call == QLatin1String("mapping") || call == QLatin1String("address");
        QCOMPARE(error->kind, configuration ? ConnectorError::Kind::Configuration : ConnectorError::Kind::Validation);
        QVERIFY(fake.requests.isEmpty());
    }

    void updatesSendKeyAndOnlyNamedFields()
    {
        FakeOstendo fake;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        int done = 0;
        OstendoCustomer values;
        values.phone = QStringLiteral("09 555 0100");
        values.name = QStringLiteral("not sent");
        client.updateCustomer(QStringLiteral("48213.0"), values, OstendoCustomer::Phone,
                              [&done](const ConnectorError &e) { done += e.isError() ? 100 : 1; });
        client.setCustomerPipedriveId(QStringLiteral("48213"), 1234567,
                                      [&done](const ConnectorError &e) { done += e.isError() ? 100 : 1; });
        client.markCustomerInactive(QStringLiteral("48213"),
                                    [&done](const ConnectorError &e) { done += e.isError() ? 100 : 1; });
        QTRY_COMPARE(done, 3);
        QCOMPARE(fake.requests.size(), 3);
        QCOMPARE(fake.requests.at(0).body, QByteArray("<ostendoimport><customermaster><sysuniqueid>48213</sysuniqueid>"
                                                      "<customerphone>09 555 0100</customerphone></customermaster>"
                                                      "</ostendoimport>"));
        QCOMPARE(fake.requests.at(1).body, QByteArray("<ostendoimport><customermaster><sysuniqueid>48213</sysuniqueid>"
                                                      "<additionalfield_1>1234567</additionalfield_1>"
                                                      "</customermaster></ostendoimport>"));
        QVERIFY(fake.requests.at(2).body.contains("<customerstatus>Inactive</customerstatus>"));
        for (const HttpRequest &r : std::as_const(fake.requests)) {
            QCOMPARE(QUrlQuery(r.url).queryItemValue(QStringLiteral("keyfield")), QStringLiteral("SYSUNIQUEID"));
            QCOMPARE(QUrlQuery(r.url).queryItemValue(QStringLiteral("format")), QStringLiteral("xml"));
        }
    }

    void badMappingNameIsAConfigurationError()
    {
        FakeOstendo fake;
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoMapping mapping;
        mapping.customerPhone = QStringLiteral("PHONE; DROP TABLE X");
        OstendoClient client(&transport, config(), mapping);
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QCOMPARE(result.error.kind, ConnectorError::Kind::Configuration);
        QVERIFY(fake.requests.isEmpty());
    }

    void jobsAreRead()
    {
        FakeOstendo fake;
        fake.rows << QJsonObject{{"SYSUNIQUEID", 5001.0},
                                 {"ORDERNUMBER", "PD12"},
                                 {"ORDERSTATUS", "In Progress"},
                                 {"ORDERDATE", "3/05/2024"},
                                 {"REQUIREDDATE", "2024-06-30T00:00:00"},
                                 {"DESCRIPTION", "Sports field renovation"},
                                 {"JOBTYPE", "Renovation"},
                                 {"CUSTOMER", "O'Brien Turf & Garden"},
                                 {"ORDERVALUE", 12216073.7299999},
                                 {"ADDITIONALFIELD_1", "12.0"},
                                 {"ADDITIONALFIELD_2", "Proposal Made"},
                                 {"SYSDATEMODIFIED", "3/05/2024 2:41:07 p.m."}};
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        const auto result = await<OstendoReadResult<OstendoJob>>([&client](auto done) { client.readAllJobs(done); });
        QVERIFY(!result.error.isError());
        QCOMPARE(result.records.size(), 1);
        const OstendoJob &j = result.records.first();
        QCOMPARE(j.key, QStringLiteral("5001"));
        QCOMPARE(j.orderDate, QDate(2024, 5, 3));
        QCOMPARE(j.requiredDate, QDate(2024, 6, 30));
        QCOMPARE(j.value, QStringLiteral("12216073.7299999"));
        QCOMPARE(j.pipedriveId, QStringLiteral("12"));
        QCOMPARE(j.stageName, QStringLiteral("Proposal Made"));
        QCOMPARE(j.modifiedUtc, QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC));
        QVERIFY(QString::fromUtf8(fake.requests.first().body).contains(QLatin1String(" FROM JOBHEADER ")));
    }

    void apiKeyIsInNoLogLineNorErrorMessage()
    {
        g_logLines.clear();
        FakeOstendo fake;
        // A service that echoes the key in its error text, in both encodings.
        const QByteArray encoded = QUrl::toPercentEncoding(ApiKey);
        fake.scripted << answer(200, "<r><status>error</status><value>Invalid API Key " + ApiKey.toUtf8() + " / " +
                                         encoded + "</value></r>")
                      << broken(HttpResponse::TransportError::Timeout);
        fake.rows << customerRow(1, QStringLiteral("x"), QStringLiteral("2024-05-03"));
        InProcessTransport transport([&fake](const HttpRequest &r) { return fake.handle(r); });
        OstendoClient client(&transport, config());
        client.setRetryPolicy(noWait());
        const auto first =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QCOMPARE(first.error.kind, ConnectorError::Kind::Authentication);
        const auto second =
            await<OstendoReadResult<OstendoCustomer>>([&client](auto done) { client.readAllCustomers(done); });
        QVERIFY(!second.error.isError());

        // The key really was on the wire...
        QVERIFY(fake.requests.first().url.toEncoded().contains(encoded));
        // ...and is in no log line or message. The capture handler sees messages before any redacting handler.
        QVERIFY(g_logLines.size() >= 3);
        const QStringList forms{ApiKey, QString::fromLatin1(encoded), QStringLiteral("Zm9vYmFyLXNlY3JldC1rZXk")};
        for (const QString &line : std::as_const(g_logLines)) {
            for (const QString &form : forms) {
                QVERIFY2(!line.contains(form), qPrintable(line));
            }
        }
        QVERIFY(g_logLines.join(QLatin1Char('\n')).contains(QLatin1String("apikey=********")));
        for (const QString &form : forms) {
            QVERIFY2(!first.error.message.contains(form), qPrintable(first.error.message));
        }
    }
};

QTEST_GUILESS_MAIN(TestOstendoClient)
#include "tst_ostendoclient.moc"

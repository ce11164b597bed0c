// In-process tests of the Ostendo API Service simulator: handle() called with SimRequests, no sockets.
#include "OstendoTestRequests.h"
#include "ostendo/OstendoSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>
#include <QXmlStreamReader>

using namespace OstendoTestRequests;

namespace {
const QString kKey = QStringLiteral("Zk3y+/TurfDrive==");           // base64-like: '+', '/' and '=' all need encoding
const QString kNoSqlKey = QStringLiteral("readOnlyKey0123456789="); // a key without "SQL Allowed"
const QString kTable = QStringLiteral("CUSTOMERMASTER");

// The text of <value> in an error document, or a null string when body is not one.
QString errorValue(const QByteArray &body)
{
    QXmlStreamReader reader(body);
    QString status;
    QString value;
    while (reader.readNextStartElement() || !reader.atEnd()) {
        if (reader.isStartElement() && reader.name() == QLatin1String("status")) {
            status = reader.readElementText();
        } else if (reader.isStartElement() && reader.name() == QLatin1String("value")) {
            value = reader.readElementText();
        } else if (!reader.isStartElement()) {
            reader.readNext();
        }
        if (reader.hasError()) {
            return {};
        }
    }
    return status == QLatin1String("error") ? value : QString();
}

// Rows of an XML answer: one map per row element, keyed by child element name.
QList<QVariantMap> xmlRows(const QByteArray &body, const QString &rowName)
{
    QList<QVariantMap> rows;
    QXmlStreamReader reader(body);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == rowName) {
            QVariantMap row;
            while (reader.readNextStartElement()) {
                row.insert(reader.name().toString(), reader.readElementText());
            }
            rows << row;
        }
    }
    return rows;
}
} // namespace

class TestOstendoSimulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<OstendoSimulator> m_sim;

    Params params(const QString &format, const QString &key = kKey) const
    {
        return {{QStringLiteral("apikey"), key},
                {QStringLiteral("configuration"), QStringLiteral("0")},
                {QStringLiteral("format"), format}};
    }

    SimResponse sql(const QString &statement, const QString &format = QStringLiteral("json"))
    {
        return m_sim->handle(post(QStringLiteral("/sqlquery"), params(format), statement.toUtf8()));
    }

    QJsonArray sqlRows(const QString &statement)
    {
        const SimResponse r = sql(statement);
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        if (!doc.isArray()) {
            qWarning() << "not a JSON array:" << r.body;
        }
        return doc.array();
    }

    SimResponse execute(const QString &statement)
    {
        Params p = params(QStringLiteral("json"));
        p << qMakePair(QStringLiteral("exesql"), QStringLiteral("1"));
        return m_sim->handle(post(QStringLiteral("/executesql"), p, statement.toUtf8()));
    }

    SimResponse import(const QString &table, const QString &keyField, const QByteArray &xml)
    {
        Params p = params(QStringLiteral("xml"));
        p << qMakePair(QStringLiteral("tablename"), table) << qMakePair(QStringLiteral("keyfield"), keyField);
        return m_sim->handle(post(QStringLiteral("/tabledata"), p, xml));
    }

    SimResponse tableData(const QString &table, const QString &format, const QString &condition = {})
    {
        Params p = params(format);
        p << qMakePair(QStringLiteral("tablename"), table);
        if (!condition.isNull()) {
            p << qMakePair(QStringLiteral("condition"), condition);
        }
        return m_sim->handle(get(QStringLiteral("/tabledata"), p));
    }

    qint64 addCustomer(const QString &name, const QString &user = QStringLiteral("ADMIN"))
    {
        return m_sim->insertRow(0, kTable,
                                {{QStringLiteral("CUSTOMER"), name},
                                 {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")},
                                 {QStringLiteral("CUSTOMERPHONE"), QStringLiteral("09 555 0100")}},
                                user);
    }

private slots:
    void init()
    {
        m_sim = std::make_unique<OstendoSimulator>();
        // 02:41:07 UTC on 3 May 2024 is 2:41:07 p.m. NZST (+12) in Auckland.
        m_sim->clock().setNow(QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC));
        m_sim->addKey({kKey, QStringLiteral("TurfDrive"), QDate(2030, 1, 1), true, {}});
        m_sim->addKey({kNoSqlKey, QStringLiteral("Reports"), QDate(2030, 1, 1), false, {}});
    }

    void tableDataAnswersXmlByDefault()
    {
        const qint64 id = addCustomer(QStringLiteral("Acme Plumbing Ltd"));
        Params p = params(QString());
        p.removeLast();
        p << qMakePair(QStringLiteral("tablename"), QStringLiteral("customermaster"));
        const SimResponse r = m_sim->handle(get(QStringLiteral("/tabledata"), p));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.startsWith("<?xml"));
        const QList<QVariantMap> rows = xmlRows(r.body, QStringLiteral("customermaster"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(QStringLiteral("customer")).toString(), QStringLiteral("Acme Plumbing Ltd"));
        QCOMPARE(rows[0].value(QStringLiteral("sysuniqueid")).toString(), QString::number(id));
        QCOMPARE(rows[0].value(QStringLiteral("sysdatemodified")).toString(), QStringLiteral("3/05/2024 2:41:07 p.m."));
        QCOMPARE(rows[0].value(QStringLiteral("sysusercreated")).toString(), QStringLiteral("ADMIN"));
        // Null columns are left out, not sent empty.
        QVERIFY(!rows[0].contains(QStringLiteral("customeremail")));
        QVERIFY(!r.body.contains("<CUSTOMER>"));
    }

    void tableDataAnswersJson()
    {
        const qint64 id = addCustomer(QStringLiteral("Acme Plumbing Ltd"));
        m_sim->insertRow(0, QStringLiteral("JOBHEADER"),
                         {{QStringLiteral("ORDERNUMBER"), QStringLiteral("J1")},
                          {QStringLiteral("ORDERDATE"), QStringLiteral("2024-04-30")},
                          {QStringLiteral("ORDERVALUE"), QStringLiteral("12216073.7299999")}});
        const QJsonArray rows = QJsonDocument::fromJson(tableData(kTable, QStringLiteral("json")).body).array();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows[0].toObject();
        QVERIFY(row.contains(QStringLiteral("CUSTOMER")));
        QVERIFY(!row.contains(QStringLiteral("customer")));
        QVERIFY(row.value(QStringLiteral("SYSUNIQUEID")).isDouble());
        QCOMPARE(row.value(QStringLiteral("SYSUNIQUEID")).toDouble(), double(id));
        QCOMPARE(row.value(QStringLiteral("SYSDATECREATED")).toString(), QStringLiteral("2024-05-03T14:41:07"));
        QVERIFY(row.value(QStringLiteral("CUSTOMEREMAIL")).isNull());

        const QJsonObject job =
            QJsonDocument::fromJson(tableData(QStringLiteral("JobHeader"), QStringLiteral("json")).body)
                .array()[0]
                .toObject();
        QVERIFY(job.value(QStringLiteral("ORDERVALUE")).isDouble());
        QCOMPARE(job.value(QStringLiteral("ORDERVALUE")).toDouble(), 12216073.7299999);
        QCOMPARE(job.value(QStringLiteral("ORDERDATE")).toString(), QStringLiteral("2024-04-30"));

        m_sim->formatter().setJsonDates(OstendoFormatter::JsonDates::Locale);
        const QJsonObject local =
            QJsonDocument::fromJson(tableData(QStringLiteral("JOBHEADER"), QStringLiteral("json")).body)
                .array()[0]
                .toObject();
        QCOMPARE(local.value(QStringLiteral("ORDERDATE")).toString(), QStringLiteral("30/04/2024"));
    }

    void jsonKeepsColumnOrderAndText()
    {
        const QString notes = QStringLiteral("Quote \" backslash \\ tab\t bell\x01 M\u0101ori \U0001F333\r\nend");
        m_sim->insertRow(
            0, kTable,
            {{QStringLiteral("CUSTOMER"), QStringLiteral("Text Ltd")}, {QStringLiteral("CUSTOMERNOTES"), notes}});
        const SimResponse r =
            sql(QStringLiteral("SELECT CUSTOMERSTATUS, CUSTOMERNOTES, CUSTOMER, SYSUNIQUEID FROM CUSTOMERMASTER"));
        QVERIFY2(r.body.startsWith("[{\"CUSTOMERSTATUS\":null,\"CUSTOMERNOTES\":"), r.body.constData());
        QVERIFY(r.body.indexOf("\"CUSTOMER\":") < r.body.indexOf("\"SYSUNIQUEID\":"));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(doc.array()[0].toObject().value(QStringLiteral("CUSTOMERNOTES")).toString(), notes);
    }

    void integralDoublesStyle_data()
    {
        QTest::addColumn<bool>("withFraction");
        QTest::newRow("shortest") << false;
        QTest::newRow("with .0") << true;
    }

    void integralDoublesStyle()
    {
        QFETCH(bool, withFraction);
        m_sim->formatter().setIntegralDoublesWithFraction(withFraction);
        const qint64 id = addCustomer(QStringLiteral("Number Ltd"));
        m_sim->insertRow(0, QStringLiteral("JOBHEADER"), {{QStringLiteral("ORDERVALUE"), 1234.5}});
        const SimResponse customers = sql(QStringLiteral("SELECT SYSUNIQUEID FROM CUSTOMERMASTER"));
        const QByteArray expected = "\"SYSUNIQUEID\":" + QByteArray::number(id) + (withFraction ? ".0}" : "}");
        QVERIFY2(customers.body.contains(expected), customers.body.constData());
        QCOMPARE(QJsonDocument::fromJson(customers.body)
                     .array()[0]
                     .toObject()
                     .value(QStringLiteral("SYSUNIQUEID"))
                     .toDouble(),
                 double(id));
        QVERIFY(sql(QStringLiteral("SELECT ORDERVALUE FROM JOBHEADER")).body.contains("\"ORDERVALUE\":1234.5}"));
    }

    void longUrlStoppedBeforeTheService()
    {
        m_sim->settings().maxUrlLength = 2000;
        QStringList members;
        for (int i = 0; i < 300; ++i) {
            members << QString::number(10000 + i);
        }
        const QString condition = QStringLiteral("SYSUNIQUEID IN (%1)").arg(members.join(QLatin1Char(',')));
        const SimResponse r = tableData(kTable, QStringLiteral("json"), condition);
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("Request Too Long"));
        QCOMPARE(m_sim->requestLog().last().outcome, QStringLiteral("request too long"));
        m_sim->settings().maxUrlLength = 16384;
        QCOMPARE(tableData(kTable, QStringLiteral("json"), condition).status, 200);
    }

    void localeTimestamps_data()
    {
        QTest::addColumn<QDateTime>("utc");
        QTest::addColumn<QString>("timeZone");
        QTest::addColumn<QString>("expected");
        // NZ is +12 in winter (NZST) and +13 in summer (NZDT).
        QTest::newRow("afternoon NZST") << QDateTime(QDate(2018, 7, 19), QTime(3, 43, 27), Qt::UTC)
                                        << "Pacific/Auckland"
                                        << "19/07/2018 3:43:27 p.m.";
        QTest::newRow("afternoon NZDT") << QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC)
                                        << "Pacific/Auckland"
                                        << "19/01/2018 3:43:27 p.m.";
        QTest::newRow("just after midnight")
            << QDateTime(QDate(2024, 6, 30), QTime(12, 5, 0), Qt::UTC) << "Pacific/Auckland"
            << "1/07/2024 12:05:00 a.m.";
        QTest::newRow("noon") << QDateTime(QDate(2024, 6, 30), QTime(0, 0, 9), Qt::UTC) << "Pacific/Auckland"
                              << "30/06/2024 12:00:09 p.m.";
        QTest::newRow("another zone") << QDateTime(QDate(2024, 6, 30), QTime(0, 0, 9), Qt::UTC) << "Australia/Perth"
                                      << "30/06/2024 8:00:09 a.m.";
    }

    void localeTimestamps()
    {
        QFETCH(QDateTime, utc);
        QFETCH(QString, timeZone);
        QFETCH(QString, expected);
        QVERIFY(m_sim->clock().setTimeZone(timeZone.toUtf8()));
        m_sim->clock().setNow(utc);
        addCustomer(QStringLiteral("Clocked Ltd"));
        const QList<QVariantMap> rows =
            xmlRows(tableData(kTable, QStringLiteral("xml")).body, QStringLiteral("customermaster"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(QStringLiteral("sysdatecreated")).toString(), expected);
    }

    void paging_data()
    {
        QTest::addColumn<QString>("clause");
        QTest::addColumn<int>("skip");
        QTest::addColumn<int>("take");
        QTest::newRow("first") << "FIRST 5" << 0 << 5;
        QTest::newRow("first skip") << "FIRST 5 SKIP 10" << 10 << 5;
        QTest::newRow("skip past end") << "FIRST 5 SKIP 22" << 22 << 3;
        QTest::newRow("rows a to b") << "ROWS 11 TO 20" << 10 << 10;
        QTest::newRow("rows n") << "ROWS 4" << 0 << 4;
        QTest::newRow("rows beyond") << "ROWS 21 TO 40" << 20 << 5;
    }

    void paging()
    {
        QFETCH(QString, clause);
        QFETCH(int, skip);
        QFETCH(int, take);
        m_sim->seedDemo(7, 25, 0);
        QList<double> all;
        for (const QVariantMap &row : m_sim->rows(0, kTable)) {
            all << row.value(QStringLiteral("SYSUNIQUEID")).toDouble();
        }
        QCOMPARE(all.size(), 25);
        const QString statement =
            clause.startsWith(QLatin1String("ROWS"))
                ? QStringLiteral("SELECT SYSUNIQUEID FROM CUSTOMERMASTER ORDER BY SYSUNIQUEID DESC %1").arg(clause)
                : QStringLiteral("SELECT %1 SYSUNIQUEID FROM CUSTOMERMASTER ORDER BY SYSUNIQUEID DESC").arg(clause);
        std::sort(all.begin(), all.end(), std::greater<double>());
        const QJsonArray rows = sqlRows(statement);
        QList<double> got;
        for (const QJsonValue &v : rows) {
            got << v.toObject().value(QStringLiteral("SYSUNIQUEID")).toDouble();
        }
        QCOMPARE(got, all.mid(skip, take));
    }

    void incrementalReadOrdersByModified()
    {
        const qint64 a = addCustomer(QStringLiteral("A Ltd"));
        const qint64 b = addCustomer(QStringLiteral("B Ltd"));
        const qint64 c = addCustomer(QStringLiteral("C Ltd"));
        m_sim->clock().advance(3600);
        QVERIFY(m_sim->editRow(0, kTable, c, {{QStringLiteral("CUSTOMERPHONE"), QStringLiteral("04 123 4567")}}));
        QVERIFY(m_sim->editRow(0, kTable, a, {{QStringLiteral("CUSTOMERPHONE"), QStringLiteral("04 765 4321")}}));
        m_sim->clock().advance(60);
        QVERIFY(m_sim->editRow(0, kTable, b, {{QStringLiteral("CUSTOMERNOTES"), QStringLiteral("later")}}, "SARAH"));

        // The watermark is the local time between the inserts and the first edit.
        const QJsonArray rows = sqlRows(QStringLiteral(
            "SELECT SYSUNIQUEID, SYSDATEMODIFIED, SYSUSERMODIFIED FROM CUSTOMERMASTER WHERE SYSDATEMODIFIED >= "
            "'2024-05-03 15:00:00' ORDER BY SYSDATEMODIFIED, SYSUNIQUEID ROWS 1 TO 500"));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("SYSUNIQUEID")).toDouble(), double(a));
        QCOMPARE(rows[1].toObject().value(QStringLiteral("SYSUNIQUEID")).toDouble(), double(c));
        QCOMPARE(rows[2].toObject().value(QStringLiteral("SYSUNIQUEID")).toDouble(), double(b));
        QCOMPARE(rows[2].toObject().value(QStringLiteral("SYSDATEMODIFIED")).toString(),
                 QStringLiteral("2024-05-03T15:42:07"));
        QCOMPARE(rows[2].toObject().value(QStringLiteral("SYSUSERMODIFIED")).toString(), QStringLiteral("SARAH"));
    }

    void quotingRoundTrips()
    {
        const QString name = QStringLiteral("O'Brien Turf & Garden");
        const QString notes = QStringLiteral("Call first '; DROP TABLE CUSTOMERMASTER; --\n\n<b>not markup</b>");
        const QByteArray xml = "<ostendoimport><customermaster><customer>O'Brien Turf &amp; Garden</customer>"
                               "<customernotes>Call first '; DROP TABLE CUSTOMERMASTER; --\n\n&lt;b&gt;not "
                               "markup&lt;/b&gt;</customernotes><additionalfield_1>48213</additionalfield_1>"
                               "</customermaster></ostendoimport>";
        const SimResponse inserted = import(kTable, QStringLiteral("ADDITIONALFIELD_1"), xml);
        QCOMPARE(inserted.status, 200);
        QVERIFY2(errorValue(inserted.body).isNull(), inserted.body.constData());

        // Read back through tabledata's condition (a quoted literal with '' for the apostrophe) in both formats.
        const QString condition = QStringLiteral("CUSTOMER = 'O''Brien Turf & Garden'");
        const QJsonArray json =
            QJsonDocument::fromJson(tableData(kTable, QStringLiteral("json"), condition).body).array();
        QCOMPARE(json.size(), 1);
        QCOMPARE(json[0].toObject().value(QStringLiteral("CUSTOMER")).toString(), name);
        QCOMPARE(json[0].toObject().value(QStringLiteral("CUSTOMERNOTES")).toString(), notes);
        const QList<QVariantMap> xmlRowsRead =
            xmlRows(tableData(kTable, QStringLiteral("xml"), condition).body, QStringLiteral("customermaster"));
        QCOMPARE(xmlRowsRead.size(), 1);
        QCOMPARE(xmlRowsRead[0].value(QStringLiteral("customer")).toString(), name);
        QCOMPARE(xmlRowsRead[0].value(QStringLiteral("customernotes")).toString(), notes);

        // And through sqlquery, where the note's text is a literal inside the statement.
        const QJsonArray bySql =
            sqlRows(QStringLiteral("SELECT CUSTOMER FROM CUSTOMERMASTER WHERE CUSTOMERNOTES LIKE '%''; DROP TABLE%'"));
        QCOMPARE(bySql.size(), 1);
        QCOMPARE(bySql[0].toObject().value(QStringLiteral("CUSTOMER")).toString(), name);
        QCOMPARE(m_sim->rowCount(0, kTable), 1);
    }

    void errorDocuments_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << "SELECT * FORM CUSTOMERMASTER"
                                << "Token unknown";
        QTest::newRow("unknown table") << "SELECT * FROM SALESPERSON"
                                       << "Table unknown\nSALESPERSON";
        QTest::newRow("unknown column") << "SELECT NOSUCH FROM CUSTOMERMASTER"
                                        << "Column unknown\nNOSUCH";
        QTest::newRow("second statement") << "SELECT * FROM CUSTOMERMASTER; DELETE FROM CUSTOMERMASTER"
                                          << "Token unknown";
        QTest::newRow("write through sqlquery") << "DELETE FROM CUSTOMERMASTER"
                                                << "Only SELECT";
        QTest::newRow("long in list") << "SELECT * FROM CUSTOMERMASTER WHERE SYSUNIQUEID IN (1,2,3,4,5,6)"
                                      << "Too many values";
    }

    void errorDocuments()
    {
        QFETCH(QString, statement);
        QFETCH(QString, message);
        m_sim->settings().maxInListItems = 5;
        addCustomer(QStringLiteral("Survivor Ltd"));
        const SimResponse r = sql(statement, QStringLiteral("json"));
        // The real service answers SQL errors with 200 and XML even though JSON was asked for.
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.startsWith("<?xml"));
        QVERIFY(QJsonDocument::fromJson(r.body).isNull());
        const QString value = errorValue(r.body);
        QVERIFY2(value.contains(message), qPrintable(value));
        QCOMPARE(m_sim->rowCount(0, kTable), 1);
    }

    void firebirdStrictnessKept_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<int>("rows"); // -1: an error document
        QTest::newRow("like matches case") << "CUSTOMER LIKE 'Kauri%'" << 1;
        QTest::newRow("like is case-sensitive") << "CUSTOMER LIKE 'kauri%'" << 0;
        QTest::newRow("upper for a case-blind match") << "UPPER(CUSTOMER) LIKE 'KAURI%'" << 1;
        QTest::newRow("single quotes") << "CUSTOMER = 'Kauri Landscapes'" << 1;
        QTest::newRow("double quotes are a name") << "CUSTOMER = \"Kauri Landscapes\"" << -1;
        QTest::newRow("sqlite-only function") << "IFNULL(CUSTOMERFAX, '') = ''" << -1;
        QTest::newRow("firebird function") << "COALESCE(CUSTOMERFAX, '') = ''" << 1;
    }

    void firebirdStrictnessKept()
    {
        QFETCH(QString, where);
        QFETCH(int, rows);
        m_sim->insertRow(0, kTable, {{QStringLiteral("CUSTOMER"), QStringLiteral("Kauri Landscapes")}});
        const SimResponse r = sql(QStringLiteral("SELECT CUSTOMER FROM CUSTOMERMASTER WHERE ") + where);
        if (rows < 0) {
            QVERIFY2(!errorValue(r.body).isNull(), r.body.constData());
        } else {
            QVERIFY2(errorValue(r.body).isNull(), r.body.constData());
            QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), rows);
        }
    }

    void errorStatusIsConfigurable()
    {
        m_sim->settings().sqlErrorStatus = 500;
        QCOMPARE(sql(QStringLiteral("SELECT * FROM NOWHERE")).status, 500);
        QCOMPARE(tableData(QStringLiteral("NOWHERE"), QStringLiteral("xml")).status, 500);
        QVERIFY(errorValue(tableData(QStringLiteral("NOWHERE"), QStringLiteral("xml")).body).contains("Table unknown"));
    }

    void keyErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("keyStatus");
        QTest::addColumn<QString>("message");
        const QString tail = QStringLiteral("&tablename=CUSTOMERMASTER&format=json");
        QTest::newRow("missing") << "/tabledata" << QString(QStringLiteral("configuration=0") + tail) << 401
                                 << "API Key is required";
        QTest::newRow("unknown") << "/tabledata" << QString(QStringLiteral("apikey=nope") + tail) << 401
                                 << "Invalid API Key";
        QTest::newRow("sent unencoded") << "/tabledata" << QString(QStringLiteral("apikey=Zk3y+/TurfDrive==") + tail)
                                        << 401 << "Invalid API Key";
        QTest::newRow("encoded twice") << "/tabledata"
                                       << QString(QStringLiteral("apikey=Zk3y%252B%252FTurfDrive%253D%253D") + tail)
                                       << 401 << "Invalid API Key";
        QTest::newRow("expired") << "/tabledata" << QString(QStringLiteral("apikey=oldKey") + tail) << 401
                                 << "API Key has expired";
        QTest::newRow("sql not allowed") << "/sqlquery" << QStringLiteral("apikey=readOnlyKey0123456789%3D&format=json")
                                         << 401 << "SQL not allowed";
        QTest::newRow("executesql not allowed")
            << "/executesql" << QStringLiteral("apikey=readOnlyKey0123456789%3D&exesql=1") << 401 << "SQL not allowed";
        QTest::newRow("other configuration")
            << "/tabledata" << QString(QStringLiteral("apikey=config3only&configuration=0") + tail) << 401
            << "not valid for Config 0";
        QTest::newRow("status is a setting")
            << "/tabledata" << QString(QStringLiteral("apikey=nope") + tail) << 403 << "Invalid API Key";
    }

    void keyErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(int, keyStatus);
        QFETCH(QString, message);
        // The key expired yesterday in Auckland (it is 3 May there).
        m_sim->addKey({QStringLiteral("oldKey"), QStringLiteral("Old"), QDate(2024, 5, 2), true, {}});
        m_sim->addKey({QStringLiteral("config3only"), QStringLiteral("Three"), QDate(), true, {3}});
        m_sim->settings().keyErrorStatus = keyStatus;
        const QByteArray method = path == QLatin1String("/tabledata") ? "GET" : "POST";
        const SimResponse r =
            m_sim->handle(raw(method, path + QLatin1Char('?') + query, "SELECT * FROM CUSTOMERMASTER"));
        QCOMPARE(r.status, keyStatus);
        const QString value = errorValue(r.body);
        QVERIFY2(value.contains(message), qPrintable(value));
        // The refusal never echoes the key it was given.
        QVERIFY(!r.body.contains("Zk3y"));
        QVERIFY(!r.body.contains("readOnlyKey"));
    }

    void keyValidOnItsLastDay()
    {
        m_sim->addKey({QStringLiteral("lastDay"), QStringLiteral("L"), QDate(2024, 5, 3), false, {}});
        const SimResponse r =
            m_sim->handle(get(QStringLiteral("/tabledata"), {{QStringLiteral("apikey"), QStringLiteral("lastDay")},
                                                             {QStringLiteral("tablename"), kTable}}));
        QCOMPARE(r.status, 200);
        QVERIFY(errorValue(r.body).isNull());
        m_sim->clock().advance(24 * 3600);
        QVERIFY(errorValue(m_sim
                               ->handle(get(QStringLiteral("/tabledata"),
                                            {{QStringLiteral("apikey"), QStringLiteral("lastDay")},
                                             {QStringLiteral("tablename"), kTable}}))
                               .body)
                    .contains("expired"));
    }

    void demoKeyMustBeEncodedOnce_data()
    {
        QTest::addColumn<bool>("encodedOnce");
        QTest::newRow("encoded once") << true;
        QTest::newRow("sent raw") << false;
    }

    void demoKeyMustBeEncodedOnce()
    {
        QFETCH(bool, encodedOnce);
        const OstendoApiKey demo = OstendoSimulator::demoKey();
        QVERIFY(demo.sqlAllowed);
        QVERIFY(demo.key.contains(QLatin1Char('+')) && demo.key.endsWith(QLatin1Char('=')));
        m_sim->addKey(demo);
        const QString sent = encodedOnce ? QString::fromLatin1(QUrl::toPercentEncoding(demo.key)) : demo.key;
        const SimResponse r = m_sim->handle(
            raw("POST", QStringLiteral("/sqlquery?format=json&apikey=") + sent, "SELECT * FROM JOBHEADER"));
        QCOMPARE(r.status, encodedOnce ? 200 : 401);
        QCOMPARE(errorValue(r.body).isNull(), encodedOnce);
    }

    void requiredParameters_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("get without tablename") << QByteArray("GET") << QString() << "tablename is required";
        QTest::newRow("post without keyfield") << QByteArray("POST") << "&tablename=CUSTOMERMASTER"
                                               << "tablename and keyfield are required";
    }

    void requiredParameters()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, query);
        QFETCH(QString, message);
        const SimResponse r = m_sim->handle(raw(
            method, QStringLiteral("/tabledata?apikey=") + QString::fromLatin1(QUrl::toPercentEncoding(kKey)) + query,
            "<ostendoimport><customermaster/></ostendoimport>"));
        QCOMPARE(errorValue(r.body), message);
        QCOMPARE(m_sim->rowCount(0, kTable), 0);
    }

    void configurationSelectsDatabase()
    {
        m_sim->enableConfiguration(3);
        addCustomer(QStringLiteral("Config Zero Ltd"));
        QVERIFY(m_sim->insertRow(3, kTable, {{QStringLiteral("CUSTOMER"), QStringLiteral("Config Three Ltd")}}) > 0);
        const auto names = [&](const QString &configuration) {
            Params p = params(QStringLiteral("json"));
            p[1].second = configuration;
            p << qMakePair(QStringLiteral("tablename"), kTable);
            const SimResponse r = m_sim->handle(get(QStringLiteral("/tabledata"), p));
            QStringList found;
            for (const QJsonValue &v : QJsonDocument::fromJson(r.body).array()) {
                found << v.toObject().value(QStringLiteral("CUSTOMER")).toString();
            }
            return found.isEmpty() ? errorValue(r.body) : found.join(QLatin1Char(','));
        };
        QCOMPARE(names(QStringLiteral("0")), QStringLiteral("Config Zero Ltd"));
        QCOMPARE(names(QStringLiteral("3")), QStringLiteral("Config Three Ltd"));
        QCOMPARE(names(QStringLiteral("5")), QStringLiteral("Config 5 is not set up"));
        QCOMPARE(names(QStringLiteral("12")), QStringLiteral("Invalid configuration"));

        // Leaving the parameter out means Config 0.
        const SimResponse r =
            m_sim->handle(get(QStringLiteral("/tabledata"), {{QStringLiteral("apikey"), kKey},
                                                             {QStringLiteral("format"), QStringLiteral("json")},
                                                             {QStringLiteral("tablename"), kTable}}));
        QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 1);
        QCOMPARE(m_sim->configurations(), (QList<int>{0, 3}));
    }

    void outOfMemory_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<bool>("refused");
        QTest::newRow("unfiltered above") << 10 << QString() << true;
        QTest::newRow("empty condition above") << 10 << QStringLiteral(" ") << true;
        QTest::newRow("filtered above") << 10 << QStringLiteral("CUSTOMERSTATUS = 'Active' OR 1 = 1") << false;
        QTest::newRow("unfiltered at the limit") << 12 << QString() << false;
    }

    void outOfMemory()
    {
        QFETCH(int, threshold);
        QFETCH(QString, condition);
        QFETCH(bool, refused);
        m_sim->settings().outOfMemoryRows = threshold;
        m_sim->seedDemo(3, 12, 0);
        const SimResponse r = tableData(kTable, QStringLiteral("json"), condition);
        QCOMPARE(r.status, 200);
        QCOMPARE(errorValue(r.body) == QLatin1String("Out of memory"), refused);
        if (!refused) {
            QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 12);
        }
    }

    void plusInConditionBreaksIt_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<int>("rows"); // -1: an error document
        QTest::newRow("spaces as %20") << "CUSTOMERSTATUS%20%3D%20%27Active%27" << 1;
        QTest::newRow("spaces as +") << "CUSTOMERSTATUS+%3D+%27Active%27" << -1;
        QTest::newRow("raw = and quotes") << "CUSTOMERSTATUS='Active'" << 1;
        QTest::newRow("+ inside the literal") << "CUSTOMER%20%3D%20%27Kauri+Landscapes%27" << 0;
        QTest::newRow("%20 inside the literal") << "CUSTOMER%20%3D%20%27Kauri%20Landscapes%27" << 1;
    }

    void plusInConditionBreaksIt()
    {
        QFETCH(QString, condition);
        QFETCH(int, rows);
        m_sim->insertRow(0, kTable,
                         {{QStringLiteral("CUSTOMER"), QStringLiteral("Kauri Landscapes")},
                          {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")}});
        const SimResponse r = m_sim->handle(raw(
            "GET", QStringLiteral("/tabledata?apikey=Zk3y%2B%2FTurfDrive%3D%3D&format=json&tablename=customermaster&"
                                  "condition=") +
                       condition));
        QCOMPARE(r.status, 200);
        if (rows < 0) {
            QVERIFY2(errorValue(r.body).contains("Token unknown"), r.body.constData());
        } else {
            QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), rows);
        }
    }

    void insertAnswerCarriesNoId()
    {
        const QByteArray xml = "<ostendoimport><customermaster><customer>Harbour Lawn Care</customer>"
                               "<additionalfield_1>48213</additionalfield_1></customermaster></ostendoimport>";
        const SimResponse r = import(QStringLiteral("customermaster"), QStringLiteral("additionalfield_1"), xml);
        QCOMPARE(r.status, 200);
        QVERIFY(errorValue(r.body).isNull());
        const QList<qint64> ids =
            m_sim->findIds(0, kTable, QStringLiteral("ADDITIONALFIELD_1"), QStringLiteral("48213"));
        QCOMPARE(ids.size(), 1);
        QVERIFY(!r.body.contains(QByteArray::number(ids.first())));
        QVERIFY(!r.body.toLower().contains("sysuniqueid"));
        QVERIFY(r.body.contains("1 record(s) inserted"));

        // The client finds the new row again by the id it carried.
        const QJsonArray found =
            sqlRows(QStringLiteral("SELECT SYSUNIQUEID FROM CUSTOMERMASTER WHERE ADDITIONALFIELD_1 = '48213'"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].toObject().value(QStringLiteral("SYSUNIQUEID")).toDouble(), double(ids.first()));
    }

    void importUpdatesOnKeyField()
    {
        const QByteArray first = "<ostendoimport><jobheader><ordernumber>PD77</ordernumber><orderstatus>Quoted"
                                 "</orderstatus><ordervalue>1500.5</ordervalue><requireddate>2024-06-01</requireddate>"
                                 "</jobheader></ostendoimport>";
        QVERIFY(errorValue(import(QStringLiteral("JOBHEADER"), QStringLiteral("ORDERNUMBER"), first).body).isNull());
        const qint64 id =
            m_sim->findIds(0, QStringLiteral("JOBHEADER"), QStringLiteral("ORDERNUMBER"), QStringLiteral("PD77"))
                .value(0);
        QVERIFY(id > 0);
        const QVariantMap before = m_sim->row(0, QStringLiteral("JOBHEADER"), id);
        QCOMPARE(before.value(QStringLiteral("SYSUSERCREATED")).toString(), QStringLiteral("API"));

        m_sim->clock().advance(90);
        const QByteArray second = "<ostendoimport><jobheader><ordernumber>PD77</ordernumber><orderstatus>Approved"
                                  "</orderstatus><requireddate>15/06/2024</requireddate></jobheader></ostendoimport>";
        const SimResponse r = import(QStringLiteral("jobheader"), QStringLiteral("ordernumber"), second);
        QVERIFY(r.body.contains("1 record(s) updated"));
        QCOMPARE(m_sim->rowCount(0, QStringLiteral("JOBHEADER")), 1);
        const QVariantMap after = m_sim->row(0, QStringLiteral("JOBHEADER"), id);
        QCOMPARE(after.value(QStringLiteral("ORDERSTATUS")).toString(), QStringLiteral("Approved"));
        QCOMPARE(after.value(QStringLiteral("ORDERVALUE")).toDouble(), 1500.5);
        QCOMPARE(after.value(QStringLiteral("REQUIREDDATE")).toString(), QStringLiteral("2024-06-15"));
        QCOMPARE(after.value(QStringLiteral("SYSDATECREATED")), before.value(QStringLiteral("SYSDATECREATED")));
        QCOMPARE(after.value(QStringLiteral("SYSDATEMODIFIED")).toString(), QStringLiteral("2024-05-03 14:42:37"));
    }

    void importTakesSeveralRecordsAndPrettyXml()
    {
        const QByteArray xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OstendoImport>\n"
                               "  <CustomerMaster>\n    <Customer>Kowhai Gardens</Customer>\n"
                               "    <AdditionalField_1>501</AdditionalField_1>\n  </CustomerMaster>\n"
                               "  <customermaster><customer><![CDATA[Matai & Sons]]></customer>"
                               "<additionalfield_1>502</additionalfield_1></customermaster>\n</OstendoImport>\n";
        const SimResponse r = import(kTable, QStringLiteral("AdditionalField_1"), xml);
        QVERIFY2(r.body.contains("2 record(s) inserted, 0 record(s) updated"), r.body.constData());
        QCOMPARE(m_sim->findIds(0, kTable, QStringLiteral("CUSTOMER"), QStringLiteral("Kowhai Gardens")).size(), 1);
        QCOMPARE(m_sim->findIds(0, kTable, QStringLiteral("CUSTOMER"), QStringLiteral("Matai & Sons")).size(), 1);
        // Element text is taken as it is: the indentation around rows is not a value.
        const qint64 id =
            m_sim->findIds(0, kTable, QStringLiteral("ADDITIONALFIELD_1"), QStringLiteral("501")).value(0);
        QCOMPARE(m_sim->row(0, kTable, id).value(QStringLiteral("CUSTOMER")).toString(),
                 QStringLiteral("Kowhai Gardens"));
    }

    void serverErrorIsNotAnErrorDocument()
    {
        OstendoFault fault;
        fault.kind = OstendoFault::Kind::ServerError;
        fault.status = 500;
        m_sim->addFault(fault);
        const SimResponse r = sql(QStringLiteral("SELECT * FROM JOBHEADER"));
        QCOMPARE(r.status, 500);
        QVERIFY(errorValue(r.body).isNull());
        QVERIFY(r.body.contains("HTTP Error 500"));
    }

    void importRejects_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("keyField");
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown table") << "SALESPERSON"
                                       << "CUSTOMER" << QByteArray("<ostendoimport><salesperson/></ostendoimport>")
                                       << "Table unknown";
        QTest::newRow("unknown key field")
            << "CUSTOMERMASTER"
            << "NOPE" << QByteArray("<ostendoimport><customermaster/></ostendoimport>") << "Column unknown";
        QTest::newRow("unknown column") << "CUSTOMERMASTER"
                                        << "CUSTOMER"
                                        << QByteArray("<ostendoimport><customermaster><colour>red</colour>"
                                                      "</customermaster></ostendoimport>")
                                        << "Column unknown\nCOLOUR";
        QTest::newRow("wrong row element")
            << "CUSTOMERMASTER"
            << "CUSTOMER" << QByteArray("<ostendoimport><jobheader/></ostendoimport>") << "does not match";
        QTest::newRow("not xml") << "CUSTOMERMASTER"
                                 << "CUSTOMER" << QByteArray("{\"CUSTOMER\":\"x\"}") << "Invalid import document";
        QTest::newRow("too long for the column")
            << "CUSTOMERMASTER"
            << "CUSTOMER"
            << QByteArray("<ostendoimport><customermaster><additionalfield_1>" + QByteArray(101, 'x') +
                          "</additionalfield_1></customermaster></ostendoimport>")
            << "string right truncation";
        QTest::newRow("not a number") << "JOBHEADER"
                                      << "ORDERNUMBER"
                                      << QByteArray("<ostendoimport><jobheader><ordervalue>lots</ordervalue>"
                                                    "</jobheader></ostendoimport>")
                                      << "conversion error";
        QTest::newRow("missing id") << "JOBHEADER"
                                    << "SYSUNIQUEID"
                                    << QByteArray("<ostendoimport><jobheader><sysuniqueid>999999</sysuniqueid>"
                                                  "</jobheader></ostendoimport>")
                                    << "Record not found";
    }

    void importRejects()
    {
        QFETCH(QString, table);
        QFETCH(QString, keyField);
        QFETCH(QByteArray, xml);
        QFETCH(QString, message);
        const SimResponse r = import(table, keyField, xml);
        QCOMPARE(r.status, 200);
        QVERIFY2(errorValue(r.body).contains(message), r.body.constData());
        QCOMPARE(m_sim->rowCount(0, kTable) + m_sim->rowCount(0, QStringLiteral("JOBHEADER")), 0);
    }

    void executeSqlMaintainsSystemColumns()
    {
        QCOMPARE(execute(QStringLiteral("INSERT INTO CUSTOMERMASTER (CUSTOMER, ADDITIONALFIELD_1) VALUES "
                                        "('Tui Gardens', '9001')"))
                     .status,
                 200);
        const qint64 id = m_sim->findIds(0, kTable, QStringLiteral("CUSTOMER"), QStringLiteral("Tui Gardens")).value(0);
        QVERIFY(id > 0);
        QVariantMap row = m_sim->row(0, kTable, id);
        QCOMPARE(row.value(QStringLiteral("SYSDATECREATED")).toString(), QStringLiteral("2024-05-03 14:41:07"));
        QCOMPARE(row.value(QStringLiteral("SYSUSERMODIFIED")).toString(), QStringLiteral("API"));

        m_sim->clock().advance(120);
        const SimResponse r = execute(QStringLiteral("UPDATE CUSTOMERMASTER SET CUSTOMERPHONE = '09 555 0199' WHERE "
                                                     "ADDITIONALFIELD_1 = '9001'"));
        QVERIFY(r.body.contains("1 row(s) affected"));
        row = m_sim->row(0, kTable, id);
        QCOMPARE(row.value(QStringLiteral("CUSTOMERPHONE")).toString(), QStringLiteral("09 555 0199"));
        QCOMPARE(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(), QStringLiteral("2024-05-03 14:43:07"));
        QCOMPARE(row.value(QStringLiteral("SYSDATECREATED")).toString(), QStringLiteral("2024-05-03 14:41:07"));

        // A second insert gets a different, higher id from the generator.
        execute(QStringLiteral("INSERT INTO CUSTOMERMASTER (CUSTOMER) VALUES ('Rimu Homes')"));
        const qint64 second =
            m_sim->findIds(0, kTable, QStringLiteral("CUSTOMER"), QStringLiteral("Rimu Homes")).value(0);
        QVERIFY(second > id);

        QVERIFY(errorValue(execute(QStringLiteral("SELECT * FROM CUSTOMERMASTER")).body).contains("sqlquery"));
        Params noFlag = params(QStringLiteral("json"));
        QVERIFY(
            errorValue(m_sim->handle(post(QStringLiteral("/executesql"), noFlag, "DELETE FROM CUSTOMERMASTER")).body)
                .contains("exesql=1"));
        QCOMPARE(m_sim->rowCount(0, kTable), 2);
    }

    void noTouchSwitchLeavesModifiedAlone()
    {
        const qint64 id = addCustomer(QStringLiteral("Untouched Ltd"));
        m_sim->settings().touchModifiedOnSql = false;
        m_sim->clock().advance(600);
        execute(
            QStringLiteral("UPDATE CUSTOMERMASTER SET CUSTOMERPHONE = '021 000 000' WHERE CUSTOMER = 'Untouched Ltd'"));
        QVariantMap row = m_sim->row(0, kTable, id);
        QCOMPARE(row.value(QStringLiteral("CUSTOMERPHONE")).toString(), QStringLiteral("021 000 000"));
        QCOMPARE(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(), QStringLiteral("2024-05-03 14:41:07"));
        QCOMPARE(row.value(QStringLiteral("SYSUSERMODIFIED")).toString(), QStringLiteral("ADMIN"));

        execute(QStringLiteral("INSERT INTO CUSTOMERMASTER (CUSTOMER) VALUES ('Quiet Ltd')"));
        const qint64 quiet =
            m_sim->findIds(0, kTable, QStringLiteral("CUSTOMER"), QStringLiteral("Quiet Ltd")).value(0);
        QVERIFY(quiet > id);
        QVERIFY(m_sim->row(0, kTable, quiet).value(QStringLiteral("SYSDATEMODIFIED")).isNull());

        // A statement that sets the columns itself still works, as the S8 client does.
        execute(QStringLiteral("UPDATE CUSTOMERMASTER SET SYSUSERMODIFIED = 'TURFDRIVE', SYSDATEMODIFIED = 'NOW' "
                               "WHERE SYSUNIQUEID = %1")
                    .arg(id));
        row = m_sim->row(0, kTable, id);
        QCOMPARE(row.value(QStringLiteral("SYSUSERMODIFIED")).toString(), QStringLiteral("TURFDRIVE"));
        QCOMPARE(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(), QStringLiteral("2024-05-03 14:51:07"));

        // Writes through tabledata are Ostendo's own import and always touch the row.
        m_sim->clock().advance(60);
        import(kTable, QStringLiteral("CUSTOMER"),
               "<ostendoimport><customermaster><customer>Untouched Ltd</customer><customerfax>09 1</customerfax>"
               "</customermaster></ostendoimport>");
        QCOMPARE(m_sim->row(0, kTable, id).value(QStringLiteral("SYSDATEMODIFIED")).toString(),
                 QStringLiteral("2024-05-03 14:52:07"));
    }

    void userEditsBumpModified()
    {
        const qint64 id = addCustomer(QStringLiteral("Edited Ltd"), QStringLiteral("MIKE"));
        m_sim->clock().advance(3 * 86400);
        QString error;
        QVERIFY(m_sim->editRow(0, QStringLiteral("customermaster"), id,
                               {{QStringLiteral("customerstatus"), QStringLiteral("Inactive")}},
                               QStringLiteral("SARAH"), &error));
        const QVariantMap row = m_sim->row(0, kTable, id);
        QCOMPARE(row.value(QStringLiteral("CUSTOMERSTATUS")).toString(), QStringLiteral("Inactive"));
        QCOMPARE(row.value(QStringLiteral("SYSUSERCREATED")).toString(), QStringLiteral("MIKE"));
        QCOMPARE(row.value(QStringLiteral("SYSUSERMODIFIED")).toString(), QStringLiteral("SARAH"));
        QCOMPARE(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(), QStringLiteral("2024-05-06 14:41:07"));
        QVERIFY(!m_sim->editRow(0, kTable, id, {{QStringLiteral("NOPE"), 1}}, QStringLiteral("SARAH"), &error));
        QVERIFY(error.contains(QLatin1String("Column unknown")));
        QVERIFY(!m_sim->editRow(0, kTable, id + 1000, {{QStringLiteral("CUSTOMERFAX"), QStringLiteral("1")}}));
    }

    void firebirdDateForms()
    {
        m_sim->insertRow(0, QStringLiteral("JOBHEADER"),
                         {{QStringLiteral("ORDERNUMBER"), QStringLiteral("J1")},
                          {QStringLiteral("REQUIREDDATE"), QDate(2024, 5, 3)},
                          {QStringLiteral("ORDERDATE"), QDate(2023, 12, 1)}});
        m_sim->insertRow(0, QStringLiteral("JOBHEADER"),
                         {{QStringLiteral("ORDERNUMBER"), QStringLiteral("J2")},
                          {QStringLiteral("REQUIREDDATE"), QDate(2024, 5, 2)},
                          {QStringLiteral("ORDERDATE"), QDate(2024, 1, 2)}});
        const auto numbers = [&](const QString &where) {
            QStringList found;
            for (const QJsonValue &v : sqlRows(
                     QStringLiteral("SELECT ORDERNUMBER FROM JOBHEADER WHERE %1 ORDER BY ORDERNUMBER").arg(where))) {
                found << v.toObject().value(QStringLiteral("ORDERNUMBER")).toString();
            }
            return found.join(QLatin1Char(','));
        };
        QCOMPARE(numbers(QStringLiteral("REQUIREDDATE >= CURRENT_DATE")), QStringLiteral("J1"));
        QCOMPARE(numbers(QStringLiteral("REQUIREDDATE < 'TODAY'")), QStringLiteral("J2"));
        QCOMPARE(numbers(QStringLiteral("EXTRACT(YEAR FROM ORDERDATE) = 2024")), QStringLiteral("J2"));
        QCOMPARE(numbers(QStringLiteral("SYSDATEMODIFIED <= 'NOW'")), QStringLiteral("J1,J2"));
        QCOMPARE(numbers(QStringLiteral("CAST(SYSDATECREATED AS DATE) = '2024-05-03'")), QStringLiteral("J1,J2"));
        QCOMPARE(numbers(QStringLiteral("ORDERDATE > DATE '2023-12-31'")), QStringLiteral("J2"));
        const QJsonArray count = sqlRows(QStringLiteral("SELECT COUNT(*) FROM JOBHEADER"));
        QCOMPARE(count[0].toObject().value(QStringLiteral("COUNT")).toDouble(), 2.0);
    }

    void sqlQueryFormsAndXml()
    {
        addCustomer(QStringLiteral("Slash Ltd"));
        Params p = params(QStringLiteral("xml"));
        SimRequest r = post(QStringLiteral("/sqlquery/"), p, "select customer as name from customermaster");
        r.headers.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
        const SimResponse answer = m_sim->handle(r);
        QCOMPARE(answer.status, 200);
        const QList<QVariantMap> rows = xmlRows(answer.body, QStringLiteral("customermaster"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(QStringLiteral("name")).toString(), QStringLiteral("Slash Ltd"));
        QCOMPARE(m_sim->handle(raw("GET", QStringLiteral("/nothing"))).status, 404);
    }

    void demoDataIsDeterministic()
    {
        OstendoSimulator other;
        other.clock().setNow(m_sim->clock().nowUtc());
        m_sim->seedDemo(42, 60, 80);
        other.seedDemo(42, 60, 80);
        QCOMPARE(m_sim->rows(0, kTable), other.rows(0, kTable));
        QCOMPARE(m_sim->rows(0, QStringLiteral("JOBHEADER")), other.rows(0, QStringLiteral("JOBHEADER")));

        OstendoSimulator third;
        third.clock().setNow(m_sim->clock().nowUtc());
        third.seedDemo(43, 60, 80);
        QVERIFY(third.rows(0, kTable) != m_sim->rows(0, kTable));
    }

    void demoDataIsRealistic()
    {
        m_sim->seedDemo(42, 60, 80);
        const QList<QVariantMap> customers = m_sim->rows(0, kTable);
        const QList<QVariantMap> jobs = m_sim->rows(0, QStringLiteral("JOBHEADER"));
        QCOMPARE(customers.size(), 60);
        QCOMPARE(jobs.size(), 80);

        const QRegularExpression nzPhone(QStringLiteral("^(0[349]|02[127]) \\d{3} \\d{4}$"));
        const QStringList cities{QStringLiteral("Auckland"), QStringLiteral("Wellington"), QStringLiteral("Lower Hutt"),
                                 QStringLiteral("Paraparaumu")};
        QSet<QString> names;
        bool apostrophe = false;
        const QString now = QStringLiteral("2024-05-03 14:41:07");
        for (const QVariantMap &c : customers) {
            const QString name = c.value(QStringLiteral("CUSTOMER")).toString();
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            apostrophe |= name.contains(QLatin1Char('\''));
            QVERIFY2(nzPhone.match(c.value(QStringLiteral("CUSTOMERPHONE")).toString()).hasMatch(),
                     qPrintable(c.value(QStringLiteral("CUSTOMERPHONE")).toString()));
            QVERIFY(c.value(QStringLiteral("CUSTOMEREMAIL")).toString().endsWith(QLatin1String(".co.nz")));
            QVERIFY(cities.contains(c.value(QStringLiteral("DELIVERYCITY")).toString()));
            QVERIFY(c.value(QStringLiteral("SYSDATEMODIFIED")).toString() >=
                    c.value(QStringLiteral("SYSDATECREATED")).toString());
            QVERIFY(c.value(QStringLiteral("SYSDATEMODIFIED")).toString() <= now);
        }
        QVERIFY(apostrophe);
        const QStringList statuses{QStringLiteral("Quoted"),      QStringLiteral("Approved"),
                                   QStringLiteral("In Progress"), QStringLiteral("Completed"),
                                   QStringLiteral("Closed"),      QStringLiteral("Cancelled")};
        QSet<QString> seenTypes;
        for (const QVariantMap &j : jobs) {
            QVERIFY(names.contains(j.value(QStringLiteral("CUSTOMER")).toString()));
            QVERIFY(statuses.contains(j.value(QStringLiteral("ORDERSTATUS")).toString()));
            QVERIFY(j.value(QStringLiteral("REQUIREDDATE")).toString() >
                    j.value(QStringLiteral("ORDERDATE")).toString());
            QVERIFY(j.value(QStringLiteral("ORDERVALUE")).toDouble() > 0);
            QVERIFY(j.value(QStringLiteral("SYSDATEMODIFIED")).toString() <= now);
            seenTypes.insert(j.value(QStringLiteral("JOBTYPE")).toString());
        }
        QVERIFY(seenTypes.contains(QStringLiteral("Lawn renovation")));
        QVERIFY(seenTypes.contains(QStringLiteral("Irrigation")));
        QVERIFY(seenTypes.contains(QStringLiteral("Hardscaping")));
    }

    void faults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("expectedFault"); // SimResponse::Fault
        QTest::addColumn<int>("expectedStatus");
        QTest::addColumn<bool>("applied");
        QTest::newRow("server error") << "server_error" << int(SimResponse::Fault::None) << 503 << false;
        QTest::newRow("hang") << "hang" << int(SimResponse::Fault::Hang) << 200 << false;
        QTest::newRow("reset") << "reset" << int(SimResponse::Fault::Reset) << 200 << false;
        QTest::newRow("truncate") << "truncate" << int(SimResponse::Fault::Truncate) << 200 << true;
        QTest::newRow("applied then lost") << "applied_then_lost" << int(SimResponse::Fault::Reset) << 200 << true;
        QTest::newRow("lock conflict") << "lock_conflict" << int(SimResponse::Fault::None) << 200 << false;
        QTest::newRow("slow") << "slow" << int(SimResponse::Fault::None) << 200 << true;
    }

    void faults()
    {
        QFETCH(QString, kind);
        QFETCH(int, expectedFault);
        QFETCH(int, expectedStatus);
        QFETCH(bool, applied);
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::TableDataPost;
        fault.kind = *OstendoFaultPlan::kindFromName(kind);
        fault.delayMs = 20;
        m_sim->addFault(fault);

        // A fault on one endpoint leaves the others alone.
        QCOMPARE(sql(QStringLiteral("SELECT * FROM CUSTOMERMASTER")).fault, SimResponse::Fault::None);

        const QByteArray xml = "<ostendoimport><customermaster><customer>Fault Ltd</customer></customermaster>"
                               "</ostendoimport>";
        const SimResponse r = import(kTable, QStringLiteral("CUSTOMER"), xml);
        QCOMPARE(int(r.fault), expectedFault);
        if (r.fault == SimResponse::Fault::None || r.fault == SimResponse::Fault::Truncate) {
            QCOMPARE(r.status, expectedStatus);
        }
        if (kind == QLatin1String("lock_conflict")) {
            QVERIFY(errorValue(r.body).contains("lock conflict"));
        }
        QCOMPARE(m_sim->rowCount(0, kTable), applied ? 1 : 0);
        QVERIFY(m_sim->requestLog().last().outcome.contains(kind == QLatin1String("lock_conflict") ? "lock conflict"
                                                                                                   : "fault"));

        // Used once: the retry goes through and applies (or, after an applied fault, updates the same row).
        const SimResponse retry = import(kTable, QStringLiteral("CUSTOMER"), xml);
        QCOMPARE(retry.fault, SimResponse::Fault::None);
        QVERIFY(errorValue(retry.body).isNull());
        QCOMPARE(m_sim->rowCount(0, kTable), 1);
        QCOMPARE(m_sim->faults().pending(), 0);
    }

    void repeatingFaultUntilCleared()
    {
        OstendoFault fault;
        fault.kind = OstendoFault::Kind::ServerError;
        fault.status = 502;
        fault.times = -1;
        m_sim->addFault(fault);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(sql(QStringLiteral("SELECT * FROM CUSTOMERMASTER")).status, 502);
        }
        m_sim->faults().clear();
        QCOMPARE(sql(QStringLiteral("SELECT * FROM CUSTOMERMASTER")).status, 200);
    }

    void requestLogNeverHoldsTheKey()
    {
        sql(QStringLiteral("SELECT CUSTOMER FROM CUSTOMERMASTER"));
        tableData(QStringLiteral("jobheader"), QStringLiteral("xml"), QStringLiteral("ORDERSTATUS = 'Quoted'"));
        const QList<OstendoRequestLogEntry> log = m_sim->requestLog();
        QCOMPARE(log.size(), 2);
        QCOMPARE(log[0].endpoint, QStringLiteral("sqlquery"));
        QCOMPARE(log[0].table, QStringLiteral("CUSTOMERMASTER"));
        QCOMPARE(log[0].keyLabel, QStringLiteral("TurfDrive"));
        QCOMPARE(log[1].endpoint, QStringLiteral("tabledata_get"));
        QCOMPARE(log[1].sql, QStringLiteral("ORDERSTATUS = 'Quoted'"));
        QCOMPARE(log[1].status, 200);
        const SimResponse logged = m_sim->handle(raw("GET", QStringLiteral("/_sim/log")));
        QCOMPARE(QJsonDocument::fromJson(logged.body).array().size(), 2);
        QVERIFY(!logged.body.contains("Zk3y"));
    }

    void controlApi()
    {
        const auto control = [&](const QByteArray &method, const QString &path, const QByteArray &body = {}) {
            return m_sim->handle(raw(method, path, body));
        };
        QCOMPARE(control("POST", QStringLiteral("/_sim/time"), R"({"now":"2025-01-10T00:00:00Z"})").status, 200);
        QCOMPARE(m_sim->clock().nowLocal(), QDateTime(QDate(2025, 1, 10), QTime(13, 0)));
        QCOMPARE(control("POST", QStringLiteral("/_sim/time"), R"({"advanceSeconds":60})").status, 200);
        QCOMPARE(m_sim->clock().nowLocal(), QDateTime(QDate(2025, 1, 10), QTime(13, 1)));

        QCOMPARE(control("POST", QStringLiteral("/_sim/keys"),
                         R"({"key":"ctl=","label":"Ctl","expires":"2025-12-31","sqlAllowed":true})")
                     .status,
                 200);
        QCOMPARE(control("POST", QStringLiteral("/_sim/seed"), R"({"seed":5,"customers":4,"jobs":6})").status, 200);
        QCOMPARE(m_sim->rowCount(0, QStringLiteral("JOBHEADER")), 6);

        const SimResponse added =
            control("POST", QStringLiteral("/_sim/rows"),
                    R"({"table":"customermaster","values":{"CUSTOMER":"Ctl Ltd"},"user":"TANIA"})");
        QCOMPARE(added.status, 200);
        const qint64 id = qint64(QJsonDocument::fromJson(added.body).object().value(QStringLiteral("id")).toDouble());
        QVERIFY(id > 0);
        control("POST", QStringLiteral("/_sim/time"), R"({"advanceSeconds":5})");
        const SimResponse edited = control(
            "PATCH", QStringLiteral("/_sim/rows"),
            QStringLiteral(R"({"table":"CUSTOMERMASTER","id":%1,"values":{"CUSTOMERPHONE":"09 1"},"user":"MIKE"})")
                .arg(id)
                .toUtf8());
        QCOMPARE(edited.status, 200);
        const QJsonObject row = QJsonDocument::fromJson(edited.body).object();
        QCOMPARE(row.value(QStringLiteral("SYSUSERMODIFIED")).toString(), QStringLiteral("MIKE"));
        QCOMPARE(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(), QStringLiteral("2025-01-10 13:01:05"));
        QCOMPARE(control("GET", QStringLiteral("/_sim/rows?table=customermaster&id=%1").arg(id)).status, 200);
        QCOMPARE(QJsonDocument::fromJson(control("GET", QStringLiteral("/_sim/rows?table=customermaster")).body)
                     .array()
                     .size(),
                 5);

        QCOMPARE(
            control("POST", QStringLiteral("/_sim/settings"),
                    R"({"outOfMemoryRows":3,"keyErrorStatus":403,"jsonDates":"locale","timeZone":"Pacific/Chatham"})")
                .status,
            200);
        QCOMPARE(m_sim->settings().outOfMemoryRows, 3);
        QCOMPARE(m_sim->settings().keyErrorStatus, 403);
        QCOMPARE(m_sim->formatter().jsonDates(), OstendoFormatter::JsonDates::Locale);
        QCOMPARE(control("POST", QStringLiteral("/_sim/settings"), R"({"timeZone":"Nowhere/Atlantis"})").status, 400);

        QCOMPARE(control("POST", QStringLiteral("/_sim/faults"), R"({"endpoint":"sqlquery","kind":"hang"})").status,
                 200);
        QCOMPARE(control("POST", QStringLiteral("/_sim/faults"), R"({"endpoint":"sqlquery","kind":"melt"})").status,
                 400);
        QCOMPARE(m_sim->faults().pending(), 1);
        const SimResponse state = control("GET", QStringLiteral("/_sim/state"));
        const QJsonObject s = QJsonDocument::fromJson(state.body).object();
        QCOMPARE(s.value(QStringLiteral("faultsPending")).toInt(), 1);
        QCOMPARE(
            s.value(QStringLiteral("counts")).toObject().value(QStringLiteral("0")).toObject().value(kTable).toInt(),
            5);
        QCOMPARE(control("DELETE", QStringLiteral("/_sim/faults")).status, 200);
        QCOMPARE(m_sim->faults().pending(), 0);

        QCOMPARE(control("DELETE", QStringLiteral("/_sim/rows?table=customermaster&id=%1").arg(id)).status, 200);
        QCOMPARE(m_sim->rowCount(0, kTable), 4);
        QCOMPARE(control("POST", QStringLiteral("/_sim/configurations"), R"({"configuration":7})").status, 200);
        QVERIFY(m_sim->hasConfiguration(7));
        QCOMPARE(control("GET", QStringLiteral("/_sim/nothing")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestOstendoSimulator)
#include "tst_ostendosimulator.moc"

#include "connectors/OstendoAnswerParser.h"

#include <QTest>

using Row = OstendoAnswer::Row;

Q_DECLARE_METATYPE(OstendoAnswer::Kind)

class TestOstendoAnswerParser : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<OstendoAnswer::Kind>("kind");
        QTest::addColumn<QList<Row>>("rows");
        QTest::addColumn<QString>("message"); // error document message; checked only for ErrorDocument

        const auto rows = OstendoAnswer::Kind::Rows;
        const auto error = OstendoAnswer::Kind::ErrorDocument;
        const auto bad = OstendoAnswer::Kind::Malformed;

        QTest::newRow("json rows, number key")
            << QByteArray("[{\"CUSTOMER\":\"Acme Plumbing Ltd\",\"CUSTOMERSTATUS\":\"Active\",\"SYSUNIQUEID\":48213},"
                          "{\"CUSTOMER\":\"O'Brien Turf & Garden\",\"SYSUNIQUEID\":48214.0,\"CUSTOMERPHONE\":null}]")
            << rows
            << QList<Row>{Row{{"CUSTOMER", "Acme Plumbing Ltd"},
                              {"CUSTOMERSTATUS", "Active"},
                              {"SYSUNIQUEID", "48213"}},
                          Row{{"CUSTOMER", "O'Brien Turf & Garden"}, {"SYSUNIQUEID", "48214"}}}
            << QString();
        QTest::newRow("json money and booleans")
            << QByteArray("[{\"ORDERVALUE\":12216073.7299999,\"ISACTIVE\":true,\"n\":0.1}]") << rows
            << QList<Row>{Row{{"ORDERVALUE", "12216073.7299999"}, {"ISACTIVE", "1"}, {"N", "0.1"}}} << QString();
        QTest::newRow("json empty array") << QByteArray("[]") << rows << QList<Row>{} << QString();
        QTest::newRow("empty body") << QByteArray("  \r\n") << rows << QList<Row>{} << QString();
        QTest::newRow("json with BOM") << QByteArray("\xEF\xBB\xBF[{\"A\":\"x\"}]") << rows
                                       << QList<Row>{Row{{"A", "x"}}} << QString();

        QTest::newRow("xml rows without wrapper, absent column is null")
            << QByteArray("<customermaster><customer>Acme Plumbing Ltd</customer><customerstatus>Active"
                          "</customerstatus><sysdatemodified>3/05/2024 2:41:07 p.m.</sysdatemodified>"
                          "<sysuniqueid>48213</sysuniqueid></customermaster>\n"
                          "<customermaster><customer>O&apos;Brien Turf &amp; Garden</customer>"
                          "<sysuniqueid>48214</sysuniqueid></customermaster>")
            << rows
            << QList<Row>{Row{{"CUSTOMER", "Acme Plumbing Ltd"},
                              {"CUSTOMERSTATUS", "Active"},
                              {"SYSDATEMODIFIED", "3/05/2024 2:41:07 p.m."},
                              {"SYSUNIQUEID", "48213"}},
                          Row{{"CUSTOMER", "O'Brien Turf & Garden"}, {"SYSUNIQUEID", "48214"}}}
            << QString();
        QTest::newRow("xml with declaration and wrapper")
            << QByteArray("<?xml version=\"1.0\" encoding=\"utf-8\"?><data><jobheader><ordernumber>PD12</ordernumber>"
                          "<customernotes/></jobheader></data>")
            << rows << QList<Row>{Row{{"ORDERNUMBER", "PD12"}, {"CUSTOMERNOTES", ""}}} << QString();
        QTest::newRow("xml empty wrapper") << QByteArray("<customermaster/>") << rows << QList<Row>{} << QString();
        QTest::newRow("xml CDATA kept as text") << QByteArray("<t><notes><![CDATA[a <b> & c]]></notes></t>") << rows
                                                << QList<Row>{Row{{"NOTES", "a <b> & c"}}} << QString();

        QTest::newRow("error document")
            << QByteArray("<response><status>error</status><value>Dynamic SQL Error Table unknown SALESPERSON"
                          "</value></response>")
            << error << QList<Row>{} << QStringLiteral("Dynamic SQL Error Table unknown SALESPERSON");
        QTest::newRow("error document with declaration, upper case")
            << QByteArray("<?xml version=\"1.0\"?>\n<Result><Status>Error</Status><Value>Invalid API Key</Value>"
                          "</Result>")
            << error << QList<Row>{} << QStringLiteral("Invalid API Key");
        QTest::newRow("error document without wrapper")
            << QByteArray("<status>error</status><value>SQL not allowed</value>") << error << QList<Row>{}
            << QStringLiteral("SQL not allowed");
        QTest::newRow("error as attribute")
            << QByteArray("<response status=\"error\"><value>API key expired</value></response>") << error
            << QList<Row>{} << QStringLiteral("API key expired");
        QTest::newRow("json error object") << QByteArray("{\"status\":\"error\",\"value\":\"lock conflict\"}") << error
                                           << QList<Row>{} << QStringLiteral("lock conflict");
        QTest::newRow("a STATUS column deep in rows is data")
            << QByteArray("<data><t><status>error</status><value>x</value></t><t><status>ok</status></t></data>")
            << rows << QList<Row>{Row{{"STATUS", "error"}, {"VALUE", "x"}}, Row{{"STATUS", "ok"}}} << QString();

        QTest::newRow("html page") << QByteArray("Service Unavailable") << bad << QList<Row>{} << QString();
        QTest::newRow("truncated json") << QByteArray("[{\"A\":\"x\"},{\"B\":") << bad << QList<Row>{} << QString();
        QTest::newRow("truncated xml") << QByteArray("<t><a>x</a><b>") << bad << QList<Row>{} << QString();
        QTest::newRow("json object not rows") << QByteArray("{\"A\":1}") << bad << QList<Row>{} << QString();
        QTest::newRow("json nested") << QByteArray("[{\"A\":{\"B\":1}}]") << bad << QList<Row>{} << QString();
    }

    void parse()
    {
        QFETCH(QByteArray, body);
        QFETCH(OstendoAnswer::Kind, kind);
        QFETCH(QList<Row>, rows);
        QFETCH(QString, message);
        const OstendoAnswer answer = OstendoAnswerParser::parse(body);
        QCOMPARE(int(answer.kind), int(kind));
        QCOMPARE(answer.rows, rows);
        if (kind == OstendoAnswer::Kind::ErrorDocument) {
            QCOMPARE(answer.message, message);
        }
        if (kind == OstendoAnswer::Kind::Malformed) {
            QVERIFY(!answer.message.isEmpty());
        }
    }

    void numberText_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("integral") << 48213.0 << QStringLiteral("48213");
        QTest::newRow("large integral") << 123456789012.0 << QStringLiteral("123456789012");
        QTest::newRow("fraction") << 12216073.7299999 << QStringLiteral("12216073.7299999");
        QTest::newRow("negative") << -0.5 << QStringLiteral("-0.5");
    }

    void numberText()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(OstendoAnswerParser::numberText(value), expected);
    }
};

QTEST_GUILESS_MAIN(TestOstendoAnswerParser)
#include "tst_ostendoanswerparser.moc"

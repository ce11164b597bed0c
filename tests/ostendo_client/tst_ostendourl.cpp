#include "connectors/OstendoImportXml.h"
#include "connectors/OstendoUrl.h"

#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

class TestOstendoUrl : public QObject
{
    Q_OBJECT
private slots:
    void keyEncodedOnce_data()
    {
        QTest::addColumn<QString>("configuredKey");
        QTest::addColumn<QString>("rawKey");
        QTest::addColumn<QByteArray>("encodedInUrl");
        QTest::newRow("raw base64 with =")
            << QStringLiteral("AbC+dE/f9=") << QStringLiteral("AbC+dE/f9=") << QByteArray("apikey=AbC%2BdE%2Ff9%3D&");
        QTest::newRow("shown by Ostendo, already encoded")
            << QStringLiteral("AbC%2BdE%2Ff9%3D") << QStringLiteral("AbC+dE/f9=")
            << QByteArray("apikey=AbC%2BdE%2Ff9%3D&");
        QTest::newRow("lower-case escape")
            << QStringLiteral("xyz123%3d") << QStringLiteral("xyz123=") << QByteArray("apikey=xyz123%3D&");
        QTest::newRow("plain") << QStringLiteral(" plainKey123 ") << QStringLiteral("plainKey123")
                               << QByteArray("apikey=plainKey123&");
    }

    void keyEncodedOnce()
    {
        QFETCH(QString, configuredKey);
        QFETCH(QString, rawKey);
        QFETCH(QByteArray, encodedInUrl);
        QCOMPARE(OstendoUrl::rawApiKey(configuredKey), rawKey);

        OstendoConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://ostendo.example.local:442"));
        config.apiKey = configuredKey;
        config.configuration = 3;
        const QUrl url = OstendoUrl::build(config, QStringLiteral("sqlquery"), {}, OstendoConfig::Format::Json);
        const QByteArray wire = url.toEncoded();
        QVERIFY2(wire.contains(encodedInUrl), wire.constData());
        QVERIFY(!wire.contains("%25")); // never encoded twice
        QCOMPARE(url.path(), QStringLiteral("/sqlquery"));
        // What the server decodes is the raw key again.
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("apikey"), QUrl::FullyDecoded), rawKey);
        QCOMPARE(query.queryItemValue(QStringLiteral("configuration")), QStringLiteral("3"));
        QCOMPARE(query.queryItemValue(QStringLiteral("format")), QStringLiteral("json"));
    }

    void conditionUsesPercent20AndPercent27()
    {
        OstendoConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:235"));
        config.apiKey = QStringLiteral("k3y-value");
        const QString condition = QStringLiteral("CUSTOMER = 'O''Brien Turf & Garden'");
        const QUrl url = OstendoUrl::build(
            config, QStringLiteral("tabledata"),
            {{QStringLiteral("tablename"), QStringLiteral("CUSTOMERMASTER")}, {QStringLiteral("condition"), condition}},
            OstendoConfig::Format::Xml);
        const QByteArray wire = url.toEncoded();
        QVERIFY2(wire.contains("condition=CUSTOMER%20%3D%20%27O%27%27Brien%20Turf%20%26%20Garden%27"),
                 wire.constData());
        QVERIFY(!wire.contains('+'));
        QVERIFY(wire.contains("format=xml"));
        QCOMPARE(QUrlQuery(url).queryItemValue(QStringLiteral("condition"), QUrl::FullyDecoded), condition);
    }

    void basePathIsKept()
    {
        OstendoConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://host:82/ostendo"));
        config.apiKey = QStringLiteral("abcd");
        QCOMPARE(OstendoUrl::build(config, QStringLiteral("tabledata"), {}, OstendoConfig::Format::Json).path(),
                 QStringLiteral("/ostendo/tabledata"));
    }

    void importXml()
    {
        const QByteArray xml = OstendoImportXml::build(
            QStringLiteral("CUSTOMERMASTER"),
            {{QStringLiteral("CUSTOMER"), QStringLiteral("O'Brien Turf & Garden")},
             {QStringLiteral("CUSTOMERNOTES"), QStringLiteral("'; DROP TABLE CUSTOMERMASTER; -- <b>")},
             {QStringLiteral("ADDITIONALFIELD_1"), QStringLiteral("48213")}});
        QVERIFY(xml.startsWith("<ostendoimport><customermaster>"));
        QVERIFY(!xml.contains("<?xml"));
        QVERIFY(!xml.contains("xmlns"));
        QVERIFY(xml.contains("<additionalfield_1>48213</additionalfield_1>"));
        // Read back with a real XML reader: the text is exactly the data that went in.
        QXmlStreamReader reader(xml);
        QHash<QString, QString> values;
        while (!reader.atEnd()) {
            if (reader.readNext() == QXmlStreamReader::StartElement &&
                reader.name() != QLatin1String("ostendoimport") && reader.name() != QLatin1String("customermaster")) {
                const QString name = reader.name().toString();
                values.insert(name, reader.readElementText());
            }
        }
        QVERIFY(!reader.hasError());
        QCOMPARE(values.value(QStringLiteral("customer")), QStringLiteral("O'Brien Turf & Garden"));
        QCOMPARE(values.value(QStringLiteral("customernotes")), QStringLiteral("'; DROP TABLE CUSTOMERMASTER; -- <b>"));
    }
};

QTEST_GUILESS_MAIN(TestOstendoUrl)
#include "tst_ostendourl.moc"

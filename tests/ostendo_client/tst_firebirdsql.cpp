#include "connectors/FirebirdSql.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

class TestFirebirdSql : public QObject
{
    Q_OBJECT
private slots:
    void literal_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain text") << QVariant(QStringLiteral("Acme")) << QStringLiteral("'Acme'");
        QTest::newRow("apostrophe") << QVariant(QStringLiteral("O'Brien Turf & Garden"))
                                    << QStringLiteral("'O''Brien Turf & Garden'");
        QTest::newRow("injection attempt") << QVariant(QStringLiteral("'; DROP TABLE CUSTOMERMASTER; --"))
                                           << QStringLiteral("'''; DROP TABLE CUSTOMERMASTER; --'");
        QTest::newRow("only quotes") << QVariant(QStringLiteral("''")) << QStringLiteral("''''''");
        QTest::newRow("backslash is not an escape") << QVariant(QStringLiteral("a\\'b")) << QStringLiteral("'a\\''b'");
        QTest::newRow("empty text") << QVariant(QString(QLatin1String(""))) << QStringLiteral("''");
        QTest::newRow("unicode and newline")
            << QVariant(QStringLiteral("Māori\nline")) << QStringLiteral("'Māori\nline'");
        QTest::newRow("integer") << QVariant(qint64(48213)) << QStringLiteral("48213");
        QTest::newRow("negative int") << QVariant(-5) << QStringLiteral("-5");
        QTest::newRow("double") << QVariant(12216073.7299999) << QStringLiteral("12216073.7299999");
        QTest::newRow("nan is null") << QVariant(std::numeric_limits<double>::quiet_NaN()) << QStringLiteral("NULL");
        QTest::newRow("bool") << QVariant(true) << QStringLiteral("1");
        QTest::newRow("null") << QVariant() << QStringLiteral("NULL");
        QTest::newRow("date") << QVariant(QDate(2024, 5, 3)) << QStringLiteral("'2024-05-03'");
        QTest::newRow("invalid date") << QVariant(QDate()) << QStringLiteral("NULL");
        QTest::newRow("timestamp drops ms (rounds down)")
            << QVariant(QDateTime(QDate(2024, 5, 3), QTime(14, 41, 7, 999), QTimeZone("Pacific/Auckland")))
            << QStringLiteral("'2024-05-03 14:41:07'");
        QTest::newRow("number-looking text stays text")
            << QVariant(QStringLiteral("1 OR 1=1")) << QStringLiteral("'1 OR 1=1'");
    }

    void literal()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        QCOMPARE(FirebirdSql::literal(value), expected);
    }

    // A literal is one token: stripping the outer quotes and undoubling gives back the exact text, and no single
    // quote is left unpaired inside.
    void textRoundTrips_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("O'Brien") << QStringLiteral("O'Brien Turf & Garden");
        QTest::newRow("drop table") << QStringLiteral("note: '; DROP TABLE CUSTOMERMASTER; --");
        QTest::newRow("trailing quote") << QStringLiteral("it's'");
    }

    void textRoundTrips()
    {
        QFETCH(QString, text);
        const QString lit = FirebirdSql::literal(text);
        QVERIFY(lit.startsWith(QLatin1Char('\'')) && lit.endsWith(QLatin1Char('\'')));
        const QString inner = lit.mid(1, lit.size() - 2);
        QCOMPARE(inner.count(QLatin1Char('\'')) % 2, 0);
        QVERIFY(!inner.contains(QRegularExpression(QStringLiteral("(?<!')'(?!')"))));
        QString back = inner;
        back.replace(QLatin1String("''"), QLatin1String("'"));
        QCOMPARE(back, text);
    }

    void identifier_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("table") << QStringLiteral("CUSTOMERMASTER") << QStringLiteral("CUSTOMERMASTER");
        QTest::newRow("lower case") << QStringLiteral("additionalfield_1") << QStringLiteral("ADDITIONALFIELD_1");
        QTest::newRow("user table") << QStringLiteral("OSTDEF_LINKS") << QStringLiteral("OSTDEF_LINKS");
        QTest::newRow("dollar") << QStringLiteral("RDB$RELATION_FIELDS") << QStringLiteral("RDB$RELATION_FIELDS");
        QTest::newRow("space") << QStringLiteral("CUSTOMER NAME") << QString();
        QTest::newRow("injection") << QStringLiteral("X; DROP TABLE Y") << QString();
        QTest::newRow("quote") << QStringLiteral("A'B") << QString();
        QTest::newRow("leading digit") << QStringLiteral("1ABC") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void identifier()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const auto id = FirebirdSql::identifier(name);
        QCOMPARE(id.has_value(), !expected.isEmpty());
        if (id) {
            QCOMPARE(*id, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestFirebirdSql)
#include "tst_firebirdsql.moc"

// Unit tests of the Firebird-to-SQLite translation the Ostendo simulator runs every query through.
#include "ostendo/FirebirdSqlTranslator.h"

#include <QTest>

class TestFirebirdSqlTranslator : public QObject
{
    Q_OBJECT

private:
    static FirebirdSqlContext context()
    {
        FirebirdSqlContext c;
        c.nowLocal = QDateTime(QDate(2024, 5, 3), QTime(14, 41, 7));
        c.user = QStringLiteral("API");
        c.maxInListItems = 3;
        return c;
    }

private slots:
    void translates_data()
    {
        QTest::addColumn<QString>("firebird");
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("table");

        QTest::newRow("plain select") << "SELECT CUSTOMER FROM CUSTOMERMASTER"
                                      << "SELECT CUSTOMER FROM CUSTOMERMASTER"
                                      << "CUSTOMERMASTER";
        QTest::newRow("first") << "SELECT FIRST 10 * FROM jobheader"
                               << "SELECT * FROM jobheader LIMIT 10"
                               << "JOBHEADER";
        QTest::newRow("first skip") << "select first 5 skip 20 SYSUNIQUEID from CUSTOMERMASTER order by SYSUNIQUEID"
                                    << "select SYSUNIQUEID from CUSTOMERMASTER order by SYSUNIQUEID LIMIT 5 OFFSET 20"
                                    << "CUSTOMERMASTER";
        QTest::newRow("first in parentheses") << "SELECT FIRST (2) SKIP (4) * FROM T"
                                              << "SELECT * FROM T LIMIT 2 OFFSET 4"
                                              << "T";
        QTest::newRow("skip only") << "SELECT SKIP 3 * FROM T"
                                   << "SELECT * FROM T LIMIT -1 OFFSET 3"
                                   << "T";
        QTest::newRow("rows a to b") << "SELECT * FROM T ORDER BY SYSDATEMODIFIED, SYSUNIQUEID ROWS 501 TO 1000"
                                     << "SELECT * FROM T ORDER BY SYSDATEMODIFIED , SYSUNIQUEID LIMIT 500 OFFSET 500"
                                     << "T";
        QTest::newRow("rows n") << "SELECT * FROM T ROWS 7;"
                                << "SELECT * FROM T LIMIT 7"
                                << "T";
        QTest::newRow("rows 1 to 1") << "SELECT * FROM T ROWS 1 TO 1"
                                     << "SELECT * FROM T LIMIT 1 OFFSET 0"
                                     << "T";
        QTest::newRow("quoted literal kept") << "SELECT * FROM T WHERE C = 'O''Brien; -- x'"
                                             << "SELECT * FROM T WHERE C = 'O''Brien; -- x'"
                                             << "T";
        QTest::newRow("comments dropped") << "SELECT * /* all */ FROM T -- trailing\nWHERE A = 1"
                                          << "SELECT * FROM T WHERE A = 1"
                                          << "T";
        QTest::newRow("current date") << "SELECT * FROM T WHERE REQUIREDDATE >= CURRENT_DATE"
                                      << "SELECT * FROM T WHERE REQUIREDDATE >= '2024-05-03'"
                                      << "T";
        QTest::newRow("now literal") << "SELECT * FROM T WHERE SYSDATEMODIFIED < 'NOW'"
                                     << "SELECT * FROM T WHERE SYSDATEMODIFIED < '2024-05-03 14:41:07'"
                                     << "T";
        QTest::newRow("typed timestamp literal") << "SELECT * FROM T WHERE X > TIMESTAMP '2024-05-01 00:00:00'"
                                                 << "SELECT * FROM T WHERE X > '2024-05-01 00:00:00'"
                                                 << "T";
        QTest::newRow("short timestamp literal") << "SELECT * FROM T WHERE SYSDATEMODIFIED >= '2024-05-03 9:05'"
                                                 << "SELECT * FROM T WHERE SYSDATEMODIFIED >= '2024-05-03 09:05:00'"
                                                 << "T";
        QTest::newRow("fractional timestamp literal")
            << "SELECT * FROM T WHERE SYSDATEMODIFIED >= '2024-05-03 14:00:00.0000'"
            << "SELECT * FROM T WHERE SYSDATEMODIFIED >= '2024-05-03 14:00:00'"
            << "T";
        QTest::newRow("date literal unchanged") << "SELECT * FROM T WHERE ORDERDATE >= '2024-05-01'"
                                                << "SELECT * FROM T WHERE ORDERDATE >= '2024-05-01'"
                                                << "T";
        QTest::newRow("extract") << "SELECT * FROM T WHERE EXTRACT(YEAR FROM ORDERDATE) = 2024"
                                 << "SELECT * FROM T WHERE CAST(strftime('%Y', ORDERDATE ) AS INTEGER) = 2024"
                                 << "T";
        QTest::newRow("extract in the select list")
            << "SELECT EXTRACT(MONTH FROM ORDERDATE) AS M FROM JOBHEADER"
            << "SELECT CAST(strftime('%m', ORDERDATE ) AS INTEGER) AS M FROM JOBHEADER"
            << "JOBHEADER";
        QTest::newRow("subquery") << "SELECT * FROM JOBHEADER WHERE CUSTOMER IN (SELECT CUSTOMER FROM CUSTOMERMASTER)"
                                  << "SELECT * FROM JOBHEADER WHERE CUSTOMER IN ( SELECT CUSTOMER FROM CUSTOMERMASTER )"
                                  << "JOBHEADER";
        QTest::newRow("cast as date") << "SELECT * FROM T WHERE CAST(SYSDATEMODIFIED AS DATE) = '2024-05-03'"
                                      << "SELECT * FROM T WHERE date( SYSDATEMODIFIED ) = '2024-05-03'"
                                      << "T";
        QTest::newRow("short in list") << "SELECT * FROM T WHERE A IN (1, 2, 3)"
                                       << "SELECT * FROM T WHERE A IN ( 1 , 2 , 3 )"
                                       << "T";
        QTest::newRow("update touches") << "UPDATE JOBHEADER SET ORDERSTATUS = 'Approved' WHERE SYSUNIQUEID = 5"
                                        << "UPDATE JOBHEADER SET ORDERSTATUS = 'Approved' , SYSDATEMODIFIED = "
                                           "'2024-05-03 14:41:07' , SYSUSERMODIFIED = 'API' WHERE SYSUNIQUEID = 5"
                                        << "JOBHEADER";
        QTest::newRow("update keeps explicit user") << "UPDATE T SET A = 1, SYSUSERMODIFIED = 'TD'"
                                                    << "UPDATE T SET A = 1 , SYSUSERMODIFIED = 'TD' , "
                                                       "SYSDATEMODIFIED = '2024-05-03 14:41:07'"
                                                    << "T";
        QTest::newRow("quoted names") << "SELECT \"CUSTOMER\" AS \"Name\" FROM \"CUSTOMERMASTER\" ORDER BY \"Name\""
                                      << "SELECT \"CUSTOMER\" AS \"Name\" FROM \"CUSTOMERMASTER\" ORDER BY \"Name\""
                                      << "CUSTOMERMASTER";
        QTest::newRow("functions and keywords before parentheses")
            << "SELECT COUNT(*), MAX(ORDERVALUE) FROM JOBHEADER WHERE (A = 1) AND NOT (B IN (1)) AND EXISTS (SELECT 1 "
               "FROM T)"
            << "SELECT COUNT ( * ) , MAX ( ORDERVALUE ) FROM JOBHEADER WHERE ( A = 1 ) AND NOT ( B IN ( 1 ) ) AND "
               "EXISTS ( SELECT 1 FROM T )"
            << "JOBHEADER";
        QTest::newRow("insert") << "INSERT INTO CUSTOMERMASTER (CUSTOMER) VALUES ('A')"
                                << "INSERT INTO CUSTOMERMASTER ( CUSTOMER ) VALUES ( 'A' )"
                                << "CUSTOMERMASTER";
    }

    void translates()
    {
        QFETCH(QString, firebird);
        QFETCH(QString, sqlite);
        QFETCH(QString, table);
        const FirebirdTranslation t = FirebirdSqlTranslator(context()).translate(firebird);
        QVERIFY2(t.ok, qPrintable(t.error));
        QCOMPARE(t.sql, sqlite);
        QCOMPARE(t.table, table);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("firebird");
        QTest::addColumn<QString>("message");

        QTest::newRow("second statement") << "SELECT * FROM T; DROP TABLE T"
                                          << "Token unknown";
        QTest::newRow("not a statement kind") << "DROP TABLE CUSTOMERMASTER"
                                              << "Token unknown";
        QTest::newRow("pragma") << "PRAGMA table_info(T)"
                                << "Token unknown";
        QTest::newRow("sqlite catalogue") << "SELECT * FROM sqlite_master"
                                          << "Table unknown";
        QTest::newRow("unterminated literal") << "SELECT * FROM T WHERE A = 'x"
                                              << "Unexpected end of command";
        QTest::newRow("unknown character") << "SELECT * FROM T WHERE A = #1"
                                           << "Token unknown";
        QTest::newRow("long in list") << "SELECT * FROM T WHERE A IN (1, 2, 3, 4)"
                                      << "Too many values (more than 3)";
        QTest::newRow("first and rows") << "SELECT FIRST 1 * FROM T ROWS 2"
                                        << "Token unknown";
        QTest::newRow("rows not last") << "SELECT * FROM T ROWS 2 ORDER BY A"
                                       << "Token unknown";
        QTest::newRow("empty") << "  ;"
                               << "Unexpected end of command";
        QTest::newRow("iso T timestamp") << "SELECT * FROM T WHERE SYSDATEMODIFIED > '2024-05-03T14:00:00'"
                                         << "conversion error from string";
        QTest::newRow("impossible timestamp") << "SELECT * FROM T WHERE SYSDATEMODIFIED > '2024-02-30 10:00:00'"
                                              << "conversion error from string";
        QTest::newRow("string in double quotes") << "SELECT * FROM CUSTOMERMASTER WHERE CUSTOMER = \"O'Brien\""
                                                 << "Column unknown\nO'Brien";
        QTest::newRow("quoted name in lower case") << "SELECT \"customer\" FROM CUSTOMERMASTER"
                                                   << "Column unknown\ncustomer";
        QTest::newRow("sqlite-only function") << "SELECT IFNULL(CUSTOMERFAX, '') FROM CUSTOMERMASTER"
                                              << "Function unknown\nIFNULL";
        QTest::newRow("length is not firebird") << "SELECT * FROM T WHERE LENGTH(A) > 3"
                                                << "Function unknown\nLENGTH";
    }

    void rejects()
    {
        QFETCH(QString, firebird);
        QFETCH(QString, message);
        const FirebirdTranslation t = FirebirdSqlTranslator(context()).translate(firebird);
        QVERIFY(!t.ok);
        QVERIFY2(t.error.contains(message), qPrintable(t.error));
        QVERIFY(t.error.startsWith(QLatin1String("Dynamic SQL Error")) ||
                t.error.startsWith(QLatin1String("conversion")));
    }

    void noTouchLeavesUpdateAlone()
    {
        FirebirdSqlContext c = context();
        c.touchModified = false;
        const FirebirdTranslation t = FirebirdSqlTranslator(c).translate(QStringLiteral("UPDATE T SET A = 1"));
        QVERIFY(t.ok);
        QCOMPARE(t.sql, QStringLiteral("UPDATE T SET A = 1"));
    }

    void sqliteMessagesReadLikeFirebird_data()
    {
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("firebird");
        QTest::newRow("table") << "no such table: salesperson"
                               << "Table unknown\nSALESPERSON";
        QTest::newRow("column") << "no such column: foo"
                                << "Column unknown\nFOO";
        QTest::newRow("function") << "no such function: left"
                                  << "Function unknown\nLEFT";
        QTest::newRow("syntax") << "near \"=\": syntax error"
                                << "Token unknown\n=";
        QTest::newRow("length") << "CHECK constraint failed: length(CUSTOMER) <= 50"
                                << "string right truncation";
    }

    void sqliteMessagesReadLikeFirebird()
    {
        QFETCH(QString, sqlite);
        QFETCH(QString, firebird);
        const QString message = FirebirdSqlTranslator::firebirdMessageFor(sqlite);
        QVERIFY2(message.contains(firebird), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestFirebirdSqlTranslator)
#include "tst_firebirdsqltranslator.moc"

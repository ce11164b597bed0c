#include "connectors/OstendoDateParser.h"

#include <QTest>

class TestOstendoDateParser : public QObject
{
    Q_OBJECT
private slots:
    void timestamp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDateTime>("expectedUtc"); // invalid: must be refused
        const QByteArray nz("Pacific/Auckland");
        // NZ daylight time in January is UTC+13; in June standard time UTC+12.
        QTest::newRow("NZ locale p.m.") << QStringLiteral("19/01/2018 3:43:27 p.m.") << nz
                                        << QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC);
        QTest::newRow("NZ locale a.m.") << QStringLiteral("19/01/2018 3:43:27 a.m.") << nz
                                        << QDateTime(QDate(2018, 1, 18), QTime(14, 43, 27), Qt::UTC);
        QTest::newRow("12 p.m. is noon") << QStringLiteral("19/06/2018 12:00:00 p.m.") << nz
                                         << QDateTime(QDate(2018, 6, 19), QTime(0, 0, 0), Qt::UTC);
        QTest::newRow("12 a.m. is midnight") << QStringLiteral("19/06/2018 12:30:00 a.m.") << nz
                                             << QDateTime(QDate(2018, 6, 18), QTime(12, 30, 0), Qt::UTC);
        QTest::newRow("AM/PM upper case")
            << QStringLiteral("3/05/2024 2:41:07 PM") << nz << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC);
        QTest::newRow("pm without dots") << QStringLiteral("3/05/2024 2:41:07 pm") << nz
                                         << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC);
        QTest::newRow("24 hour locale") << QStringLiteral("3/05/2024 14:41:07") << nz
                                        << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC);
        QTest::newRow("locale without seconds")
            << QStringLiteral("3/05/2024 14:41") << nz << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 0), Qt::UTC);
        QTest::newRow("locale date only")
            << QStringLiteral("19/01/2018") << nz << QDateTime(QDate(2018, 1, 18), QTime(11, 0, 0), Qt::UTC);
        QTest::newRow("ISO T") << QStringLiteral("2024-05-03T14:41:07") << nz
                               << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC);
        QTest::newRow("ISO space and ms") << QStringLiteral("2024-05-03 14:41:07.250") << nz
                                          << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7, 250), Qt::UTC);
        QTest::newRow("ISO Firebird 4 decimals") << QStringLiteral("2024-05-03 14:41:07.2500") << nz
                                                 << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7, 250), Qt::UTC);
        QTest::newRow("ISO date only") << QStringLiteral("2024-05-03") << nz
                                       << QDateTime(QDate(2024, 5, 2), QTime(12, 0, 0), Qt::UTC);
        QTest::newRow("ISO Z is already UTC")
            << QStringLiteral("2024-05-03T14:41:07Z") << nz << QDateTime(QDate(2024, 5, 3), QTime(14, 41, 7), Qt::UTC);
        QTest::newRow("ISO offset") << QStringLiteral("2024-05-03T14:41:07+12:00") << nz
                                    << QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC);
        QTest::newRow("other server zone") << QStringLiteral("3/05/2024 2:41:07 p.m.") << QByteArray("Australia/Sydney")
                                           << QDateTime(QDate(2024, 5, 3), QTime(4, 41, 7), Qt::UTC);
        QTest::newRow("surrounding spaces") << QStringLiteral("  19/01/2018 3:43:27 p.m. ") << nz
                                            << QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC);

        QTest::newRow("empty") << QString() << nz << QDateTime();
        QTest::newRow("zero date") << QStringLiteral("0000-00-00 00:00:00") << nz << QDateTime();
        QTest::newRow("30 February") << QStringLiteral("30/02/2024") << nz << QDateTime();
        QTest::newRow("month 13") << QStringLiteral("2024-13-01") << nz << QDateTime();
        QTest::newRow("hour 25") << QStringLiteral("3/05/2024 25:00:00") << nz << QDateTime();
        QTest::newRow("13 p.m.") << QStringLiteral("3/05/2024 13:00:00 p.m.") << nz << QDateTime();
        QTest::newRow("US words") << QStringLiteral("May 3, 2024") << nz << QDateTime();
        QTest::newRow("two-digit year") << QStringLiteral("3/05/24") << nz << QDateTime();
        QTest::newRow("garbage") << QStringLiteral("yesterday") << nz << QDateTime();
        QTest::newRow("number") << QStringLiteral("45413.5") << nz << QDateTime();
    }

    void timestamp()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, zone);
        QFETCH(QDateTime, expectedUtc);
        const auto parsed = OstendoDateParser::parseTimestamp(text, QTimeZone(zone));
        QCOMPARE(parsed.has_value(), expectedUtc.isValid());
        if (parsed) {
            QCOMPARE(parsed->timeSpec(), Qt::UTC);
            QCOMPARE(*parsed, expectedUtc);
            QCOMPARE(parsed->toMSecsSinceEpoch(), expectedUtc.toMSecsSinceEpoch());
        }
    }

    void monthFirstLocale_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("dayFirst");   // invalid: refused
        QTest::addColumn<QDate>("monthFirst"); // invalid: refused
        QTest::newRow("unambiguous NZ") << QStringLiteral("19/01/2018") << QDate(2018, 1, 19) << QDate();
        QTest::newRow("unambiguous US") << QStringLiteral("1/19/2018 3:43:27 PM") << QDate() << QDate(2018, 1, 19);
        QTest::newRow("ambiguous follows the setting")
            << QStringLiteral("3/05/2024") << QDate(2024, 5, 3) << QDate(2024, 3, 5);
        QTest::newRow("ISO ignores the setting")
            << QStringLiteral("2024-03-05") << QDate(2024, 3, 5) << QDate(2024, 3, 5);
    }

    void monthFirstLocale()
    {
        QFETCH(QString, text);
        QFETCH(QDate, dayFirst);
        QFETCH(QDate, monthFirst);
        const auto d = OstendoDateParser::parseDate(text, OstendoDateParser::DateOrder::DayFirst);
        const auto m = OstendoDateParser::parseDate(text, OstendoDateParser::DateOrder::MonthFirst);
        QCOMPARE(d.value_or(QDate()), dayFirst);
        QCOMPARE(m.value_or(QDate()), monthFirst);
        const auto t = OstendoDateParser::parseTimestamp(text, QTimeZone("Pacific/Auckland"),
                                                         OstendoDateParser::DateOrder::MonthFirst);
        QCOMPARE(t.has_value(), monthFirst.isValid());
    }

    void date_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("locale") << QStringLiteral("19/01/2018") << QDate(2018, 1, 19);
        QTest::newRow("locale single digits") << QStringLiteral("3/5/2024") << QDate(2024, 5, 3);
        QTest::newRow("locale with midnight") << QStringLiteral("19/01/2018 12:00:00 a.m.") << QDate(2018, 1, 19);
        QTest::newRow("ISO") << QStringLiteral("2018-01-19") << QDate(2018, 1, 19);
        QTest::newRow("ISO timestamp keeps the written day")
            << QStringLiteral("2018-01-19T23:30:00") << QDate(2018, 1, 19);
        QTest::newRow("invalid day") << QStringLiteral("31/04/2018") << QDate();
        QTest::newRow("garbage") << QStringLiteral("soon") << QDate();
    }

    void date()
    {
        QFETCH(QString, text);
        QFETCH(QDate, expected);
        const auto parsed = OstendoDateParser::parseDate(text);
        QCOMPARE(parsed.has_value(), expected.isValid());
        if (parsed) {
            QCOMPARE(*parsed, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestOstendoDateParser)
#include "tst_ostendodateparser.moc"

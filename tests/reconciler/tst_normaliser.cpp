// Formatting differences that must compare equal, real differences that must not, and the notes merge.
#include "engine/Normaliser.h"
#include "engine/NotesMerger.h"

#include <QTest>

Q_DECLARE_METATYPE(FieldRule::Kind)

class TestNormaliser : public QObject
{
    Q_OBJECT
private slots:
    void sameOrDifferent_data()
    {
        QTest::addColumn<FieldRule::Kind>("kind");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        using K = FieldRule::Kind;
        QTest::newRow("text: surrounding and repeated whitespace") << K::Text << " Acme  Turf\tLtd "
                                                                   << "Acme Turf Ltd" << true;
        QTest::newRow("text: case is a real change") << K::Text << "ACME Turf"
                                                     << "Acme Turf" << false;
        QTest::newRow("email: case and spaces") << K::Email << " Ops@Acme.CO.NZ"
                                                << "ops@acme.co.nz" << true;
        QTest::newRow("email: another address") << K::Email << "ops@acme.co.nz"
                                                << "op@acme.co.nz" << false;
        QTest::newRow("phone: punctuation") << K::Phone << "(09) 555-0100"
                                            << "09 555 0100" << true;
        QTest::newRow("phone: +64 prefix") << K::Phone << "+64 9 555 0100"
                                           << "09 555 0100" << true;
        QTest::newRow("phone: 0064 prefix") << K::Phone << "0064 9 555 0100"
                                            << "095550100" << true;
        QTest::newRow("phone: 64 without plus") << K::Phone << "64 9 555 0100"
                                                << "09 555 0100" << true;
        QTest::newRow("phone: another country") << K::Phone << "+61 9 555 0100"
                                                << "09 555 0100" << false;
        QTest::newRow("phone: another number") << K::Phone << "09 555 0101"
                                               << "09 555 0100" << false;
        QTest::newRow("phone: words compare as words") << K::Phone << "n/a"
                                                       << "" << false;
        QTest::newRow("money: trailing zeros") << K::Money << "1200.00"
                                               << "1200" << true;
        QTest::newRow("money: trailing zero of cents") << K::Money << "1200.50"
                                                       << "1,200.5" << true;
        QTest::newRow("money: currency symbol") << K::Money << "$1200"
                                                << "1200.0" << true;
        QTest::newRow("money: a different amount") << K::Money << "1200.05"
                                                   << "1200.5" << false;
        QTest::newRow("money: leading zeros") << K::Money << "0012"
                                              << "12" << true;
        QTest::newRow("date: ISO and day-first") << K::Date << "2026-03-01"
                                                 << "1/03/2026" << true;
        QTest::newRow("date: Ostendo locale with time") << K::Date << "19/01/2018 3:43:27 p.m."
                                                        << "2018-01-19" << true;
        QTest::newRow("date: ISO date-time") << K::Date << "2026-03-01T00:00:00Z"
                                             << "01.03.2026" << true;
        QTest::newRow("date: another day") << K::Date << "2026-03-02"
                                           << "1/03/2026" << false;
        QTest::newRow("address: spacing, commas and case") << K::Address << "1 Queen St,Auckland  1010"
                                                           << "1 queen st, Auckland 1010" << true;
        QTest::newRow("address: another street") << K::Address << "2 Queen St, Auckland"
                                                 << "1 Queen St, Auckland" << false;
        QTest::newRow("notes: whitespace inside paragraphs") << K::Notes << "Gate  code\n1234\n\n\nDog"
                                                             << "Gate code 1234\n\nDog" << true;
        QTest::newRow("notes: paragraph order matters") << K::Notes << "Dog\n\nGate"
                                                        << "Gate\n\nDog" << false;
        QTest::newRow("empty and null are the same") << K::Text << "" << QString() << true;
    }

    void sameOrDifferent()
    {
        QFETCH(FieldRule::Kind, kind);
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        const Normaliser normaliser{NormalisationSettings()};
        QCOMPARE(normaliser.key(kind, a) == normaliser.key(kind, b), same);
    }

    void cleanForm_data()
    {
        QTest::addColumn<FieldRule::Kind>("kind");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("clean");
        using K = FieldRule::Kind;
        QTest::newRow("text") << K::Text << "  Acme   Turf "
                              << "Acme Turf";
        QTest::newRow("email") << K::Email << " Ops@Acme.co.nz "
                               << "ops@acme.co.nz";
        QTest::newRow("phone in international form") << K::Phone << "(09) 555-0100"
                                                     << "+6495550100";
        QTest::newRow("money") << K::Money << "$1,200.50"
                               << "1200.5";
        QTest::newRow("negative money") << K::Money << "-15.00"
                                        << "-15";
        QTest::newRow("date") << K::Date << "5/3/26"
                              << "2026-03-05";
        QTest::newRow("an unparsable date stays as written") << K::Date << " TBC "
                                                             << "TBC";
        QTest::newRow("address") << K::Address << "1 Queen St ,Auckland ,, 1010"
                                 << "1 Queen St, Auckland, 1010";
    }

    void cleanForm()
    {
        QFETCH(FieldRule::Kind, kind);
        QFETCH(QString, value);
        QFETCH(QString, clean);
        const Normaliser normaliser{NormalisationSettings()};
        QCOMPARE(normaliser.clean(kind, value), clean);
        QCOMPARE(normaliser.key(kind, normaliser.clean(kind, value)), normaliser.key(kind, value));
    }

    void countryIsASetting()
    {
        NormalisationSettings australia;
        australia.defaultCountry = QStringLiteral("AU");
        australia.countryCallingCode = NormalisationSettings::callingCodeFor(QStringLiteral("au"));
        const Normaliser normaliser(australia);
        QCOMPARE(normaliser.phoneKey(QStringLiteral("02 9555 0100")), QStringLiteral("+61295550100"));
    }

    void monthFirstDatesWhenTheSettingSaysSo()
    {
        NormalisationSettings us;
        us.dayFirstDates = false;
        QCOMPARE(Normaliser(us).dateKey(QStringLiteral("3/1/2026")), QStringLiteral("2026-03-01"));
        QCOMPARE(Normaliser(NormalisationSettings()).dateKey(QStringLiteral("3/1/2026")), QStringLiteral("2026-01-03"));
    }

    void nameKeyForMatching_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("Ltd and Limited") << "Acme Turf Ltd"
                                         << "ACME turf limited" << true;
        QTest::newRow("punctuation") << "O'Brien Lawns"
                                     << "O Brien Lawns" << true;
        QTest::newRow("different names") << "Acme Turf"
                                         << "Acme Lawns" << false;
    }

    void nameKeyForMatching()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(Normaliser::nameKey(a) == Normaliser::nameKey(b), same);
    }

    void notesMerge_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("merged");
        QTest::newRow("both texts, blank line between") << "Dog on site"
                                                        << "Call first"
                                                        << "Dog on site\n\nCall first";
        QTest::newRow("a paragraph already present is not repeated") << "Gate 1234\n\nDog on site"
                                                                     << "Dog  on\nsite\n\nCall first"
                                                                     << "Gate 1234\n\nDog on site\n\nCall first";
        QTest::newRow("the same text twice gives it once") << "A\n\nB"
                                                           << "A\n\nB"
                                                           << "A\n\nB";
        QTest::newRow("an empty side adds nothing") << ""
                                                    << "Call first"
                                                    << "Call first";
        QTest::newRow("line breaks inside a new paragraph are kept") << "A"
                                                                     << "line one\nline two"
                                                                     << "A\n\nline one\nline two";
    }

    void notesMerge()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, merged);
        const QString result = NotesMerger::merge(first, second);
        QCOMPARE(result, merged);
        // Never drops text: every word of both sides is still there.
        const QString both = first + QLatin1Char(' ') + second;
        for (const QString &word : both.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
            QVERIFY2(result.contains(word), qPrintable(word));
        }
    }
};

QTEST_GUILESS_MAIN(TestNormaliser)
#include "tst_normaliser.moc"

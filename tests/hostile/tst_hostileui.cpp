// Every hostile value where the UI shows remote text: the record table shows it as given, and the tooltip that
// carries it as rich text renders it literally (no image, link or formatting comes out of the value).
#include "HostileValues.h"
#include "RecordTableModel.h"
#include "UiText.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

namespace {
// What a reader sees of the text: runs of whitespace as one space, line and paragraph breaks included.
QString seen(QString text)
{
    text.replace(QChar(QChar::ParagraphSeparator), QLatin1Char(' '));
    text.replace(QChar(QChar::LineSeparator), QLatin1Char(' '));
    return text.simplified();
}

// Whether a tooltip can show the text at all: HTML has no way to show C0 controls, and a tooltip collapses spaces.
bool showable(const QString &text)
{
    for (const QChar c : text) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) || c.unicode() == 0x7f ||
            c.category() == QChar::Other_Control || c.isSurrogate() || c.unicode() >= 0xFFFE) {
            return false;
        }
    }
    return HostileValues::isStorable(text);
}
} // namespace

class TestHostileUi : public QObject
{
    Q_OBJECT
private slots:
    void remoteTextIsShownLiterally_data()
    {
        QTest::addColumn<QString>("value");
        for (const HostileValue &v : HostileValues::all()) {
            QTest::newRow(qPrintable(v.label)) << v.text;
        }
    }

    void remoteTextIsShownLiterally()
    {
        QFETCH(QString, value);
        Link link;
        link.id = 1;
        link.pipedriveId = 7;
        link.ostendoKey = QStringLiteral("48213");
        link.displayName = value;
        link.lastError = value;
        RecordTableModel model(Entity::Customer);
        model.setLinks({link});
        QCOMPARE(model.index(0, RecordTableModel::NameColumn).data().toString(), value);

        const QString tip = model.index(0, RecordTableModel::ProblemColumn).data(Qt::ToolTipRole).toString();
        if (value.isEmpty()) {
            QVERIFY(tip.isEmpty());
            return;
        }
        QTextDocument doc;
        doc.setHtml(tip);
        for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat format = it.fragment().charFormat();
                QVERIFY2(!format.isImageFormat(), "an image came out of the value");
                QVERIFY2(!format.isAnchor(), "a link came out of the value");
                QVERIFY(format.fontWeight() <= QFont::Normal);
                QVERIFY(!format.fontItalic() && !format.fontUnderline() && !format.fontStrikeOut());
                QCOMPARE(format.foreground().style(), Qt::NoBrush);
            }
        }
        QVERIFY(doc.toHtml().contains(QLatin1String("<img")) == false);
        if (showable(value)) {
            QCOMPARE(seen(doc.toPlainText()), seen(value));
        }
    }
};

QTEST_MAIN(TestHostileUi)
#include "tst_hostileui.moc"

#include "HostileValues.h"

#include <QSet>
#include <QStringList>

namespace {
void add(QList<HostileValue> &out, const QString &label, const QString &text)
{
    out.append({label, text});
}

QString fromUtf16(std::initializer_list<char16_t> units)
{
    QString s;
    for (char16_t u : units) {
        s.append(QChar(u));
    }
    return s;
}
} // namespace

QList<HostileValue> HostileValues::all()
{
    QList<HostileValue> v;

    // Markup and script: must come back as the same characters, never as markup.
    const QStringList markup{
        QStringLiteral("<b>bold</b><img src=x>"),
        QStringLiteral("<script>alert(1)</script>"),
        QStringLiteral("<img src=x onerror=alert(document.cookie)>"),
        QStringLiteral("<svg/onload=alert(1)>"),
        QStringLiteral("<a href=\"javascript:alert(1)\">click</a>"),
        QStringLiteral("<iframe src=\"https://evil.example\"></iframe>"),
        QStringLiteral("<style>body{display:none}</style>"),
        QStringLiteral("</textarea><script>x</script>"),
        QStringLiteral("\"><script>alert('x')</script>"),
        QStringLiteral("'><svg onload=alert`1`>"),
        QStringLiteral("<!-- comment --> after"),
        QStringLiteral("<html><body><h1>Big</h1></body></html>"),
        QStringLiteral("<p style=\"color:red\">red</p>"),
        QStringLiteral("<table><tr><td>cell</td></tr></table>"),
        QStringLiteral("<br><br/><hr>"),
        QStringLiteral("<input type=hidden value=1>"),
        QStringLiteral("<math><mi>x</mi></math>"),
        QStringLiteral("<object data=x.swf></object>"),
        QStringLiteral("<meta http-equiv=refresh content=0;url=x>"),
        QStringLiteral("{{constructor.constructor('alert(1)')()}}"),
        QStringLiteral("${7*7} #{7*7} <%= 7*7 %>"),
        QStringLiteral("javascript:alert(1)"),
        QStringLiteral("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        QStringLiteral("<qt><b>Qt rich text</b></qt>"),
        QStringLiteral("<font color=red>Qt font</font>"),
        QStringLiteral("&lt;b&gt;escaped&lt;/b&gt;"),
        QStringLiteral("a < b > c"),
        QStringLiteral("<<>>"),
        QStringLiteral("<"),
        QStringLiteral(">"),
    };
    for (int i = 0; i < markup.size(); ++i) {
        add(v, QStringLiteral("markup %1").arg(i), markup.at(i));
    }

    // SQL, Firebird's dialect included: must stay data inside one literal.
    const QStringList sql{
        QStringLiteral("'; DROP TABLE CUSTOMERMASTER; --"),
        QStringLiteral("' OR '1'='1"),
        QStringLiteral("' OR 1=1 --"),
        QStringLiteral("\" OR \"\"=\""),
        QStringLiteral("1; DELETE FROM JOBHEADER"),
        QStringLiteral("x' UNION SELECT SYSUNIQUEID, CUSTOMER FROM CUSTOMERMASTER --"),
        QStringLiteral("'); INSERT INTO CUSTOMERMASTER (CUSTOMER) VALUES ('pwned'); --"),
        QStringLiteral("' || (SELECT FIRST 1 CUSTOMER FROM CUSTOMERMASTER) || '"),
        QStringLiteral("O'Brien"),
        QStringLiteral("O''Brien"),
        QStringLiteral("'''"),
        QStringLiteral("''"),
        QStringLiteral("'"),
        QStringLiteral("' AND SYSUNIQUEID > 0 ROWS 1 TO 1 --"),
        QStringLiteral("x' ORDER BY 1 --"),
        QStringLiteral("EXECUTE BLOCK AS BEGIN END"),
        QStringLiteral("' ; COMMIT; SET TRANSACTION; --"),
        QStringLiteral("1' WAITFOR DELAY '0:0:5' --"),
        QStringLiteral("\\'; DROP TABLE x; --"),
        QStringLiteral("%' OR CUSTOMER LIKE '%"),
        QStringLiteral("_%"),
        QStringLiteral("NULL"),
        QStringLiteral("null"),
        QStringLiteral("' IS NULL OR '' = '"),
        QStringLiteral("SELECT * FROM RDB$RELATIONS"),
        QStringLiteral("?"),
        QStringLiteral(":name"),
        QStringLiteral("$1"),
        QStringLiteral("'||chr(39)||'"),
        QStringLiteral("x'; UPDATE CUSTOMERMASTER SET CUSTOMERSTATUS='Inactive'; --"),
    };
    for (int i = 0; i < sql.size(); ++i) {
        add(v, QStringLiteral("sql %1").arg(i), sql.at(i));
    }

    // Firebird and C comment markers, alone and half-open.
    const QStringList comments{QStringLiteral("/* open"),
                               QStringLiteral("close */"),
                               QStringLiteral("a /* b */ c"),
                               QStringLiteral("-- rest"),
                               QStringLiteral("x--"),
                               QStringLiteral("*/ ' /*"),
                               QStringLiteral("/**/'/**/OR/**/1=1"),
                               QStringLiteral("#hash comment")};
    for (int i = 0; i < comments.size(); ++i) {
        add(v, QStringLiteral("comment %1").arg(i), comments.at(i));
    }

    // Quotes and backslashes, as JSON, C and SQL escape them.
    const QStringList quotes{
        QStringLiteral("\""),
        QStringLiteral("\\"),
        QStringLiteral("\\\\"),
        QStringLiteral("\\\""),
        QStringLiteral("\\n not a newline"),
        QStringLiteral("\\u0000"),
        QStringLiteral("\\x27"),
        QStringLiteral("`backtick`"),
        QStringLiteral("\u2018curly\u2019 \u201cquotes\u201d"),
        QStringLiteral("\"\"\"\""),
        QStringLiteral("'\"'\"'"),
        QStringLiteral("C:\\Users\\Public\\file.txt"),
        QStringLiteral("\\\\server\\share"),
        QStringLiteral("a\\'b"),
        QStringLiteral("end\\"),
        QStringLiteral("{\"json\":\"inside\"}"),
        QStringLiteral("[1,2,3]"),
        QStringLiteral("{}"),
    };
    for (int i = 0; i < quotes.size(); ++i) {
        add(v, QStringLiteral("quote %1").arg(i), quotes.at(i));
    }

    // Percent-encodings and URL syntax: text, never decoded.
    const QStringList percent{
        QStringLiteral("%27%20OR%201%3D1"),
        QStringLiteral("%00"),
        QStringLiteral("%"),
        QStringLiteral("%%"),
        QStringLiteral("100%"),
        QStringLiteral("%3Cscript%3E"),
        QStringLiteral("%25"),
        QStringLiteral("%2525"),
        QStringLiteral("a+b=c&d=e"),
        QStringLiteral("?apikey=x&configuration=9"),
        QStringLiteral("#fragment"),
        QStringLiteral("%E2%80%AE"),
        QStringLiteral("%u0027"),
        QStringLiteral("%ZZ"),
    };
    for (int i = 0; i < percent.size(); ++i) {
        add(v, QStringLiteral("percent %1").arg(i), percent.at(i));
    }

    // XML: entities, CDATA markers, declarations; the import body and XML answers must carry them as text.
    const QStringList xml{
        QStringLiteral("&amp;"),
        QStringLiteral("&lt;&gt;&quot;&apos;"),
        QStringLiteral("&#39;&#x27;"),
        QStringLiteral("&nbsp;"),
        QStringLiteral("&unknown;"),
        QStringLiteral("&"),
        QStringLiteral("Turf & Garden"),
        QStringLiteral("<![CDATA[x]]>"),
        QStringLiteral("]]>"),
        QStringLiteral("<![CDATA["),
        QStringLiteral("]]]]><![CDATA[>"),
        QStringLiteral("<?xml version=\"1.0\"?>"),
        QStringLiteral("<!DOCTYPE x [<!ENTITY e \"boom\">]>&e;"),
        QStringLiteral("</customer><customerstatus>Inactive</customerstatus><customer>"),
        QStringLiteral("</ostendoimport>"),
        QStringLiteral("<status>error</status><value>fake</value>"),
        QStringLiteral("<row><a>1</a></row>"),
    };
    for (int i = 0; i < xml.size(); ++i) {
        add(v, QStringLiteral("xml %1").arg(i), xml.at(i));
    }

    // Every C0 control character and DEL, between letters.
    for (int c = 0; c < 0x20; ++c) {
        add(v, QStringLiteral("control 0x%1").arg(c, 2, 16, QLatin1Char('0')),
            QStringLiteral("a") + QChar(char16_t(c)) + QStringLiteral("b"));
    }
    add(v, QStringLiteral("control DEL"),
        QStringLiteral("a\x7f"
                       "b"));
    add(v, QStringLiteral("CRLF lines"), QStringLiteral("line one\r\nline two\r\n"));
    add(v, QStringLiteral("LF lines"), QStringLiteral("line one\nline two\n\nparagraph"));
    add(v, QStringLiteral("lone CR"), QStringLiteral("one\rtwo"));
    add(v, QStringLiteral("tabs"), QStringLiteral("\tcol1\tcol2\t"));
    add(v, QStringLiteral("NUL only"), QString(QChar(u'\0')));
    add(v, QStringLiteral("C1 controls"), QStringLiteral("a\u0085b\u0080c\u009fd"));

    // Whitespace and invisible characters.
    add(v, QStringLiteral("leading and trailing spaces"), QStringLiteral("  padded  "));
    add(v, QStringLiteral("only spaces"), QStringLiteral("   "));
    add(v, QStringLiteral("NBSP"), QStringLiteral("a\u00a0b"));
    add(v, QStringLiteral("zero width space"), QStringLiteral("a\u200bb"));
    add(v, QStringLiteral("zero width joiner"), QStringLiteral("a\u200db"));
    add(v, QStringLiteral("BOM inside"), QStringLiteral("a\ufeffb"));
    add(v, QStringLiteral("BOM leading"), QStringLiteral("\ufeffAcme"));
    add(v, QStringLiteral("line separator"), QStringLiteral("a\u2028b\u2029c"));
    add(v, QStringLiteral("ideographic space"), QStringLiteral("a\u3000b"));

    // Bidirectional marks and overrides.
    add(v, QStringLiteral("RLM"), QStringLiteral("abc\u200fdef"));
    add(v, QStringLiteral("LRM"), QStringLiteral("\u200eabc"));
    add(v, QStringLiteral("RLO override"), QStringLiteral("invoice\u202egpj.exe"));
    add(v, QStringLiteral("isolates"), QStringLiteral("\u2066a\u2067b\u2068c\u2069"));
    add(v, QStringLiteral("Arabic"),
        QStringLiteral("\u0634\u0631\u0643\u0629 \u0627\u0644\u062d\u062f\u0627\u0626\u0642"));
    add(v, QStringLiteral("Hebrew mixed"), QStringLiteral("\u05d2\u05df 123 Garden"));
    add(v, QStringLiteral("PDF alone"), QStringLiteral("\u202c"));

    // Emoji, combining marks and other scripts.
    add(v, QStringLiteral("emoji"), QStringLiteral("Lawn \U0001F33F\U0001F69C"));
    add(v, QStringLiteral("emoji ZWJ family"), QStringLiteral("\U0001F468\u200d\U0001F469\u200d\U0001F467"));
    add(v, QStringLiteral("flag"), QStringLiteral("\U0001F1F3\U0001F1FF"));
    add(v, QStringLiteral("skin tone"), QStringLiteral("\U0001F44D\U0001F3FD"));
    add(v, QStringLiteral("combining acute"), QStringLiteral("Cafe\u0301"));
    add(v, QStringLiteral("precomposed"), QStringLiteral("Caf\u00e9"));
    add(v, QStringLiteral("zalgo"), QStringLiteral("Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334a\u0310"));
    add(v, QStringLiteral("Maori macrons"), QStringLiteral("T\u0101maki Makaurau"));
    add(v, QStringLiteral("CJK"), QStringLiteral("\u8349\u576a\u4fee\u526a"));
    add(v, QStringLiteral("Devanagari"), QStringLiteral("\u0918\u093e\u0938"));
    add(v, QStringLiteral("math bold"), QStringLiteral("\U0001D400\U0001D401"));
    add(v, QStringLiteral("private use"), QStringLiteral("\ue000\U000F0000"));
    add(v, QStringLiteral("noncharacter FFFF"), QStringLiteral("a\uffffb"));
    add(v, QStringLiteral("replacement char"), QStringLiteral("\ufffd"));
    add(v, QStringLiteral("Turkish dotless"), QStringLiteral("\u0131I\u0130i"));
    add(v, QStringLiteral("German sharp s"), QStringLiteral("Stra\u00dfe"));

    // Invalid UTF-8 as it reaches a QString (each bad sequence becomes U+FFFD), and lone surrogates.
    const QList<QByteArray> badUtf8{
        QByteArray("\xff\xfe"),         QByteArray("a\xc3"),    QByteArray("\xc0\xaf"), QByteArray("\xed\xa0\x80"),
        QByteArray("\xf4\x90\x80\x80"), QByteArray("\xe2\x82"), QByteArray("x\x80y"),   QByteArray("\xfe\xfe\xff\xff")};
    for (int i = 0; i < badUtf8.size(); ++i) {
        add(v, QStringLiteral("invalid utf-8 %1").arg(i), QString::fromUtf8(badUtf8.at(i)));
    }
    add(v, QStringLiteral("lone high surrogate"), fromUtf16({u'a', 0xD800, u'b'}));
    add(v, QStringLiteral("lone low surrogate"), fromUtf16({u'a', 0xDC00, u'b'}));
    add(v, QStringLiteral("reversed surrogates"), fromUtf16({0xDE00, 0xD83D}));

    // Lengths around the limits (Ostendo: CUSTOMER 50, PHONE 30, EMAIL 100, DESCRIPTION 200, POSTALCODE 20;
    // Pipedrive: varchar 255, text 65536), counted in code points and in UTF-16 units.
    for (int n : {20, 21, 30, 31, 50, 51, 100, 101, 200, 201, 255, 256, 10000}) {
        add(v, QStringLiteral("length %1").arg(n), QString(n, QLatin1Char('x')));
    }
    add(v, QStringLiteral("length 65537"), QString(65537, QLatin1Char('n')));
    add(v, QStringLiteral("50 emoji"), QStringLiteral("\U0001F33F").repeated(50));
    add(v, QStringLiteral("26 emoji"), QStringLiteral("\U0001F33F").repeated(26));
    add(v, QStringLiteral("10k quotes"), QStringLiteral("'").repeated(10000));
    add(v, QStringLiteral("10k markup"), QStringLiteral("<b>").repeated(3334));
    add(v, QStringLiteral("long notes"),
        QStringLiteral("Paragraph with <b>markup</b> & 'quotes'.\r\n\r\n").repeated(200));

    // A few mixtures, as real data mixes them.
    add(v, QStringLiteral("mix name"), QStringLiteral("O'Brien <Turf> & \"Garden\" \U0001F33F"));
    add(v, QStringLiteral("mix sql xml"), QStringLiteral("'; --</customer>&amp;"));
    add(v, QStringLiteral("mix rtl sql"), QStringLiteral("\u202e'; DROP TABLE JOBHEADER; --"));
    add(v, QStringLiteral("mix phone"), QStringLiteral("+64 (9) 555-0101 ext. 2 #3"));
    add(v, QStringLiteral("mix email"), QStringLiteral("\"o'brien\"+<x>@example.co.nz"));
    add(v, QStringLiteral("mix address"), QStringLiteral("Unit 3/12 O'Connell St, Auckland 1010"));
    add(v, QStringLiteral("number text"), QStringLiteral("48213.0"));
    add(v, QStringLiteral("scientific text"), QStringLiteral("1e309"));
    add(v, QStringLiteral("date text"), QStringLiteral("19/01/2018 3:43:27 p.m."));
    add(v, QStringLiteral("boolean text"), QStringLiteral("true"));
    add(v, QStringLiteral("format placeholders"), QStringLiteral("%1 %2 %s %n {0} {deal_id}"));
    return v;
}

int HostileValues::codePoints(const QString &text)
{
    return int(text.toUcs4().size());
}

bool HostileValues::isXmlCarriable(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if ((c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (QChar::isSurrogate(c)) {
            return false;
        }
    }
    return true;
}

bool HostileValues::isUtf8Carriable(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            return false;
        }
    }
    return true;
}

bool HostileValues::isStorable(const QString &text)
{
    return isUtf8Carriable(text) && !text.contains(QChar(0xFFFE)) && !text.contains(QChar(0xFFFF)) &&
           !text.startsWith(QChar(0xFEFF));
}

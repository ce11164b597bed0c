#include "Normaliser.h"

#include <QDate>
#include <QStringList>

namespace {
QString simplifiedOrEmpty(const QString &value)
{
    return value.simplified();
}
} // namespace

QString Normaliser::phoneKey(const QString &value) const
{
    QString digits;
    digits.reserve(value.size());
    bool plus = false;
    for (const QChar c : value) {
        if (c.isDigit()) {
            digits.append(c);
        } else if (c == QLatin1Char('+') && digits.isEmpty()) {
            plus = true;
        }
    }
    if (digits.isEmpty()) {
        return {};
    }
    const QString &code = m_settings.countryCallingCode;
    if (plus) {
        return QLatin1Char('+') + digits;
    }
    if (digits.startsWith(QLatin1String("00"))) {
        return QLatin1Char('+') + digits.mid(2);
    }
    if (digits.startsWith(QLatin1Char('0'))) {
        return QLatin1Char('+') + code + digits.mid(1); // trunk prefix of a national number
    }
    // Written with the country code but without "+" ("64 9 555 0100"): long enough to hold a national number too.
    if (!code.isEmpty() && digits.startsWith(code) && digits.size() >= code.size() + 8) {
        return QLatin1Char('+') + digits;
    }
    return QLatin1Char('+') + code + digits;
}

QString Normaliser::moneyKey(const QString &value)
{
    QString number;
    number.reserve(value.size());
    bool negative = false;
    bool dot = false;
    for (const QChar c : value) {
        if (c.isDigit()) {
            number.append(c);
        } else if (c == QLatin1Char('.') && !dot) {
            number.append(c);
            dot = true;
        } else if (c == QLatin1Char('-') && number.isEmpty()) {
            negative = true;
        } else if (c == QLatin1Char(',') || c.isSpace() || c == QLatin1Char('$') || c.isLetter()) {
            continue; // thousands separators, currency symbols and codes ("NZD 1,200.00")
        } else {
            return {};
        }
    }
    if (number.isEmpty() || number == QLatin1String(".")) {
        return {};
    }
    if (dot) {
        while (number.endsWith(QLatin1Char('0'))) {
            number.chop(1);
        }
        if (number.endsWith(QLatin1Char('.'))) {
            number.chop(1);
        }
    }
    int leading = 0;
    while (leading < number.size() - 1 && number.at(leading) == QLatin1Char('0') &&
           number.at(leading + 1) != QLatin1Char('.')) {
        ++leading;
    }
    number.remove(0, leading);
    if (number.startsWith(QLatin1Char('.'))) {
        number.prepend(QLatin1Char('0'));
    }
    if (negative && number != QLatin1String("0")) {
        number.prepend(QLatin1Char('-'));
    }
    return number;
}

QString Normaliser::dateKey(const QString &value) const
{
    // Up to three groups of digits at the start: "2026-03-01", "1/03/2026 3:43:27 p.m.", "2026-03-01T00:00:00Z".
    int groups[3] = {0, 0, 0};
    int lengths[3] = {0, 0, 0};
    int count = 0;
    const QString text = value.trimmed();
    int i = 0;
    while (i < text.size() && count < 3) {
        const QChar c = text.at(i);
        if (c.isDigit()) {
            groups[count] = groups[count] * 10 + c.digitValue();
            ++lengths[count];
            if (lengths[count] > 4) {
                return {};
            }
            ++i;
            continue;
        }
        if (lengths[count] == 0) {
            return {};
        }
        ++count;
        if (count == 3) {
            break;
        }
        if (c != QLatin1Char('-') && c != QLatin1Char('/') && c != QLatin1Char('.')) {
            return {};
        }
        ++i;
    }
    if (count < 3 && i >= text.size() && lengths[count] > 0) {
        ++count;
    }
    if (count < 3) {
        return {};
    }
    int year = 0;
    int month = 0;
    int day = 0;
    if (lengths[0] == 4) {
        year = groups[0];
        month = groups[1];
        day = groups[2];
    } else {
        year = lengths[2] == 2 ? 2000 + groups[2] : groups[2];
        day = m_settings.dayFirstDates ? groups[0] : groups[1];
        month = m_settings.dayFirstDates ? groups[1] : groups[0];
    }
    const QDate date(year, month, day);
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString Normaliser::notesKey(const QString &value)
{
    QStringList paragraphs;
    QString current;
    const QStringList lines = value.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString simple = line.simplified();
        if (simple.isEmpty()) {
            if (!current.isEmpty()) {
                paragraphs << current;
                current.clear();
            }
            continue;
        }
        current = current.isEmpty() ? simple : current + QLatin1Char(' ') + simple;
    }
    if (!current.isEmpty()) {
        paragraphs << current;
    }
    return paragraphs.join(QLatin1String("\n\n"));
}

QString Normaliser::addressClean(const QString &value)
{
    QStringList parts = value.split(QLatin1Char(','));
    QStringList kept;
    for (QString &part : parts) {
        part = part.simplified();
        if (!part.isEmpty()) {
            kept << part;
        }
    }
    return kept.join(QLatin1String(", "));
}

QString Normaliser::nameKey(const QString &value)
{
    QString key;
    key.reserve(value.size());
    for (const QChar c : value) {
        if (c.isLetterOrNumber()) {
            key.append(c.toLower());
        } else if (!key.isEmpty() && !key.endsWith(QLatin1Char(' '))) {
            key.append(QLatin1Char(' '));
        }
    }
    key = key.trimmed();
    for (const char *suffix : {" limited", " ltd"}) {
        if (key.endsWith(QLatin1String(suffix))) {
            key.chop(int(qstrlen(suffix)));
            break;
        }
    }
    return key;
}

QString Normaliser::key(FieldRule::Kind kind, const QString &value) const
{
    if (value.isEmpty()) {
        return QStringLiteral("");
    }
    QString result;
    switch (kind) {
    case FieldRule::Kind::Text:
    case FieldRule::Kind::Status:
        return simplifiedOrEmpty(value);
    case FieldRule::Kind::Identifier:
        return value.trimmed();
    case FieldRule::Kind::Email:
        return value.trimmed().toLower();
    case FieldRule::Kind::Phone:
        result = phoneKey(value);
        break;
    case FieldRule::Kind::Money:
        result = moneyKey(value);
        break;
    case FieldRule::Kind::Date:
        result = dateKey(value);
        break;
    case FieldRule::Kind::Address:
        return addressClean(value).toLower().remove(QLatin1Char(','));
    case FieldRule::Kind::Notes:
        return notesKey(value);
    }
    // Text that does not parse as this kind ("n/a", "TBC") still compares by its words, never as empty.
    return result.isEmpty() ? QStringLiteral("?") + value.simplified() : result;
}

QString Normaliser::clean(FieldRule::Kind kind, const QString &value) const
{
    if (value.isEmpty()) {
        return value;
    }
    switch (kind) {
    case FieldRule::Kind::Text:
    case FieldRule::Kind::Status:
        return value.simplified();
    case FieldRule::Kind::Identifier:
        return value.trimmed();
    case FieldRule::Kind::Email:
        return value.trimmed().toLower();
    case FieldRule::Kind::Address:
        return addressClean(value);
    case FieldRule::Kind::Notes:
        return value.trimmed();
    case FieldRule::Kind::Phone:
    case FieldRule::Kind::Money:
    case FieldRule::Kind::Date: {
        const QString k = key(kind, value);
        return k.startsWith(QLatin1Char('?')) ? value.simplified() : k;
    }
    }
    return value;
}

// The hostile text values pushed through every mapped field of both systems, with what each one is made of.
#pragma once

#include <QList>
#include <QString>

struct HostileValue
{
    QString label; // short, printable, unique: the data row's name
    QString text;
};

namespace HostileValues {
// More than 200 values: markup and script, SQL and Firebird comments, quotes and backslashes, long strings around
// the column limits, every C0 control character, invalid UTF-8 decoded the way Qt decodes it, lone surrogates,
// bidirectional marks, emoji and combining marks, percent-encodings, XML entities and CDATA markers.
QList<HostileValue> all();

// Characters as Firebird (and SQLite) count them: code points, so an emoji is one, not two UTF-16 units.
int codePoints(const QString &text);
// Whether XML 1.0 can carry the text at all (no C0 control but tab, LF and CR; no lone surrogate; no U+FFFE/F).
bool isXmlCarriable(const QString &text);
// Whether UTF-8 can carry the text unchanged (no lone surrogate).
bool isUtf8Carriable(const QString &text);
// Whether every reader and the store keep the text: UTF-8 carriable, without the noncharacters U+FFFE/U+FFFF and
// without a leading U+FEFF (SQLite drops it).
bool isStorable(const QString &text);
} // namespace HostileValues

// Reads remote JSON with Qt into text the rest of TurfDrive can store and compare: no lost U+FEFF, no lone surrogates.
#pragma once

#include <QByteArray>
#include <QJsonDocument>

namespace JsonBytes {
// QJsonDocument::fromJson, except that Qt 6.4 drops U+FEFF at the start of a string written without escapes (each
// such string is decoded on its own, and a leading byte order mark is skipped), so "\xEF\xBB\xBF" + "Acme" came
// back as "Acme". Every EF BB BF is rewritten as the escape \ufeff first: inside a string that is the same text;
// outside one it was invalid JSON and stays invalid. A byte order mark before the document is removed as before.
//
// Remote text can also hold what is not Unicode text: "\ud800" escapes (lone surrogates) and the noncharacters
// U+FFFE and U+FFFF. SQLite rewrites them when storing (a lone surrogate became a different character), so a value
// read that way never equals its stored base again and would be re-sent every run. Each is read as U+FFFD, once,
// here at the edge; every key and string is checked, and the document is rebuilt only when one needs it.
QJsonDocument parse(const QByteArray &json, QJsonParseError *error = nullptr);

// Whether the text holds only characters every store and both systems keep (no lone surrogate, no U+FFFE/U+FFFF).
bool isStorableText(const QString &text);
// The text with each lone surrogate, U+FFFE and U+FFFF replaced by U+FFFD.
QString storableText(const QString &text);
} // namespace JsonBytes

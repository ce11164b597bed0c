// Turns text from the remote systems into text TurfDrive can store and compare: what is read is what is kept.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

// Some characters do not survive the trip into TurfDrive's store or back out: SQLite drops a U+FEFF that starts a
// text (it reads it as a UTF-16 byte order mark) and rewrites lone surrogates (one became a different character),
// and every reader turns U+FFFE/U+FFFF into U+FFFD. A value holding one would never equal its stored base again
// and be re-sent on every run. So remote text is made storable once, where it is read, and the clients refuse to
// write text that is not.
namespace RemoteText {
// Whether the text survives unchanged: no leading U+FEFF, no lone surrogate, no U+FFFE/U+FFFF.
bool isStorable(const QString &text);
// The text with leading U+FEFFs removed and each lone surrogate, U+FFFE and U+FFFF replaced by U+FFFD.
QString storable(const QString &text);

// QJsonDocument::fromJson (a byte order mark before the document is skipped) with every key and string made
// storable; the document is rebuilt only when one needs it. Also evens out Qt 6.4's own reading, which drops a
// leading U+FEFF from a string written without escapes but keeps it in one with escapes.
QJsonDocument parseJson(const QByteArray &json, QJsonParseError *error = nullptr);
} // namespace RemoteText

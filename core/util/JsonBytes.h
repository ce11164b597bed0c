// Reads remote JSON with Qt without losing a U+FEFF that starts a string value.
#pragma once

#include <QByteArray>
#include <QJsonDocument>

namespace JsonBytes {
// QJsonDocument::fromJson, except that Qt 6.4 drops U+FEFF at the start of a string written without escapes (each
// such string is decoded on its own, and a leading byte order mark is skipped), so "\xEF\xBB\xBF" + "Acme" came
// back as "Acme". Every EF BB BF is rewritten as the escape \ufeff first: inside a string that is the same text;
// outside one it was invalid JSON and stays invalid. A byte order mark before the document is removed as before.
QJsonDocument parse(const QByteArray &json, QJsonParseError *error = nullptr);
} // namespace JsonBytes

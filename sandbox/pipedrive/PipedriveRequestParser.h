// Reads request parameters and bodies strictly, as API v2 does: a malformed value is the client's 400.
#pragma once

#include "common/SimTypes.h"

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

namespace PipedriveRequestParser {
// A positive integer written plainly (no sign, no leading zero, no spaces).
bool parseId(const QString &text, qint64 *id);
// An optional integer query parameter; present but not an integer sets `error` and returns false.
bool optionalInt(const QUrlQuery &q, const char *name, qint64 *value, bool *present, QString *error);
// An optional boolean query parameter: exactly "true" or "false".
bool parseBool(const QUrlQuery &q, const char *name, bool *value, QString *error);
// The body as a JSON object; anything else sets `error`.
QJsonObject parseBody(const SimRequest &request, QString *error);
} // namespace PipedriveRequestParser

// The one textual form of timestamps in the store and the logs: RFC 3339 UTC with milliseconds.
#pragma once

#include <QDateTime>
#include <QString>

namespace TimeFormat {
QString toStorage(const QDateTime &time);   // "2026-11-27T19:11:06.123Z"; empty for an invalid time
QDateTime fromStorage(const QString &text); // invalid for empty or malformed text
} // namespace TimeFormat

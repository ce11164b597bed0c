// Words and small pictures for people: every stored code (status, risk, field name) shown in plain language,
// every time in the user's locale, and the status dots. Nothing here is ever stored or scripted against.
#pragma once

#include "store/StoreTypes.h"

#include <QColor>
#include <QIcon>
#include <QJsonValue>
#include <QString>

namespace UiText {
QString entity(Entity e);
QString entityText(const QString &storedEntity); // "customer" / "work_item" / "run" -> words
QString linkStatus(LinkStatus s);
QString risk(Risk r);
QString riskText(const QString &storedRisk);
QString conflictStatus(ConflictStatus s);
QString conflictKind(ConflictKind k);
QString decision(const QString &storedDecision);
QString field(const QString &storedField);
QString action(const QString &storedAction);
QString source(const QString &storedSource);

// A remote or stored value as one line of plain text: null and empty become "(empty)".
QString value(const QJsonValue &v);
// A local, short, locale time ("27/11/2026 14:02"), or "never" for an invalid time.
QString time(const QDateTime &t);
// "changed 27/11/2026 14:02", or "change time unknown".
QString changedAt(const QDateTime &t);

// Plain text made safe for places that guess between text and markup (tooltips): always shown literally.
QString literalToolTip(const QString &plain);

enum class Light
{
    Green,
    Yellow,
    Red
};
Light light(LinkStatus s);
Light light(ConflictStatus s);
QIcon dot(Light light);
QString lightName(Light light); // "green"; for accessibility and tests
} // namespace UiText

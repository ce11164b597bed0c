// Builds Ostendo API Service addresses: the key encoded exactly once, configuration and format always present.
#pragma once

#include "OstendoConfig.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace OstendoUrl {
using Items = QList<QPair<QString, QString>>;

// The raw key: a key pasted as Ostendo displays it (already percent-encoded, "...%3D") is decoded first,
// since a raw key (base64-like) never contains '%'.
QString rawApiKey(const QString &key);

// base/resource?apikey=…&configuration=N&format=json|xml&<items>. Every value is percent-encoded once,
// spaces as %20 (never '+', which Ostendo reads as a plus) and quotes as %27.
QUrl build(const OstendoConfig &config, const QString &resource, const Items &items, OstendoConfig::Format format);
} // namespace OstendoUrl

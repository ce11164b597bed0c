// Builds SimRequests for the Ostendo simulator the way SimHttpServer decodes a client's URL.
#pragma once

#include "common/SimTypes.h"

#include <QList>
#include <QPair>
#include <QString>

namespace OstendoTestRequests {
using Params = QList<QPair<QString, QString>>;

// "a=v&b=w" with every value percent-encoded once, as a careful client sends it (spaces %20, '=' %3D).
QString encodedQuery(const Params &params);
// path plus an already encoded query string, e.g. "/tabledata?condition=A+%3D+1" to send a raw '+'.
SimRequest raw(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {});
SimRequest get(const QString &path, const Params &params);
SimRequest post(const QString &path, const Params &params, const QByteArray &body);
} // namespace OstendoTestRequests

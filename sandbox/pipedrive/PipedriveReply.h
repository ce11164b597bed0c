// The JSON envelopes of Pipedrive's answers: success with data (and paging), and the error form.
#pragma once

#include "common/SimTypes.h"

#include <QJsonObject>
#include <QJsonValue>

namespace PipedriveReply {
QByteArray toJson(const QJsonObject &o);
// {"success": true, "data": ...} plus "additional_data" when given.
SimResponse ok(const QJsonValue &data, const QJsonValue &additional = QJsonValue::Undefined);
// {"success": false, "error", "error_info", "data": null, "additional_data": null}
SimResponse error(int status, const QString &message);
// additional_data of a cursor-paged list: next_cursor, null on the last page.
QJsonObject cursorPage(const QJsonValue &nextCursor);
} // namespace PipedriveReply

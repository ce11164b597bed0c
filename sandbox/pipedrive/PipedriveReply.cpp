#include "PipedriveReply.h"

#include <QJsonDocument>

namespace {
QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}
} // namespace

QByteArray PipedriveReply::toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SimResponse PipedriveReply::ok(const QJsonValue &data, const QJsonValue &additional)
{
    QJsonObject o;
    o.insert(s("success"), true);
    o.insert(s("data"), data);
    if (!additional.isUndefined()) {
        o.insert(s("additional_data"), additional);
    }
    return SimResponse::json(200, toJson(o));
}

SimResponse PipedriveReply::error(int status, const QString &message)
{
    QJsonObject o;
    o.insert(s("success"), false);
    o.insert(s("error"), message);
    o.insert(s("error_info"), s("Please check developers.pipedrive.com for more information about Pipedrive API."));
    o.insert(s("data"), QJsonValue());
    o.insert(s("additional_data"), QJsonValue());
    return SimResponse::json(status, toJson(o));
}

QJsonObject PipedriveReply::cursorPage(const QJsonValue &nextCursor)
{
    return QJsonObject{{s("next_cursor"), nextCursor}};
}

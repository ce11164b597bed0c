#include "PipedrivePager.h"

#include "PipedriveClock.h"
#include "PipedriveReply.h"
#include "PipedriveRequestParser.h"
#include "PipedriveWriteValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace {
QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}
} // namespace

bool PipedrivePager::parseLimit(const QUrlQuery &q, int *limit, QString *error)
{
    *limit = DefaultLimit;
    if (!q.hasQueryItem(s("limit"))) {
        return true;
    }
    qint64 v = 0;
    if (!PipedriveRequestParser::parseId(q.queryItemValue(s("limit"), QUrl::FullyDecoded), &v) || v > MaxLimit) {
        *error = QStringLiteral("Parameter limit must be an integer from 1 to %1").arg(MaxLimit);
        return false;
    }
    *limit = static_cast<int>(v);
    return true;
}

QString PipedrivePager::encodeCursor(const QString &field, const QJsonValue &fieldValue, const QString &direction,
                                     qint64 id)
{
    const QJsonObject o{
        {s("field"), field}, {s("fieldValue"), fieldValue}, {s("sortDirection"), direction}, {s("id"), id}};
    return QString::fromLatin1(
        PipedriveReply::toJson(o).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool PipedrivePager::decodeCursor(const QString &text, const QString &field, const QString &direction, QJsonObject *out)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                             QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return false;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return false;
    }
    const QJsonObject o = doc.object();
    if (o.value(s("field")).toString() != field || o.value(s("sortDirection")).toString() != direction ||
        !o.value(s("id")).isDouble()) {
        return false;
    }
    *out = o;
    return true;
}

SimResponse PipedrivePager::page(QList<Item> items, const QUrlQuery &q, const QStringList &sortFields,
                                 const Renderer &render)
{
    QString error;
    int limit = DefaultLimit;
    if (!parseLimit(q, &limit, &error)) {
        return PipedriveReply::error(400, error);
    }
    const QString sortBy = q.hasQueryItem(s("sort_by")) ? q.queryItemValue(s("sort_by"), QUrl::FullyDecoded) : s("id");
    const QString direction =
        q.hasQueryItem(s("sort_direction")) ? q.queryItemValue(s("sort_direction"), QUrl::FullyDecoded) : s("asc");
    if (!sortFields.contains(sortBy)) {
        return PipedriveReply::error(
            400, QStringLiteral("Parameter sort_by must be one of %1").arg(sortFields.join(s(", "))));
    }
    if (direction != QLatin1String("asc") && direction != QLatin1String("desc")) {
        return PipedriveReply::error(400, s("Parameter sort_direction must be asc or desc"));
    }
    const bool asc = direction == QLatin1String("asc");
    // id breaks ties, so records sharing an update_time keep one order across pages.
    std::sort(items.begin(), items.end(), [asc](const Item &a, const Item &b) {
        if (a.sortValue != b.sortValue) {
            return asc ? a.sortValue < b.sortValue : a.sortValue > b.sortValue;
        }
        return asc ? a.id < b.id : a.id > b.id;
    });
    int start = 0;
    if (q.hasQueryItem(s("cursor"))) {
        QJsonObject c;
        if (!decodeCursor(q.queryItemValue(s("cursor"), QUrl::FullyDecoded), sortBy, direction, &c)) {
            return PipedriveReply::error(400, s("Invalid cursor"));
        }
        const qint64 cid = c.value(s("id")).toInteger();
        const QJsonValue cv = c.value(s("fieldValue"));
        const qint64 csort = cv.isString() ? PipedriveWriteValidator::parseRfc3339(cv.toString()) : cv.toInteger();
        start = static_cast<int>(items.size());
        for (int i = 0; i < items.size(); ++i) {
            const Item &k = items.at(i);
            const bool atOrAfter = asc ? (k.sortValue > csort || (k.sortValue == csort && k.id >= cid))
                                       : (k.sortValue < csort || (k.sortValue == csort && k.id <= cid));
            if (atOrAfter) {
                start = i;
                break;
            }
        }
    }
    QJsonArray data;
    const int end = std::min<int>(static_cast<int>(items.size()), start + limit);
    for (int i = start; i < end; ++i) {
        data.append(render ? render(items.at(i)) : items.at(i).item);
    }
    QJsonValue next;
    if (end < items.size()) {
        const Item &k = items.at(end);
        // Times go into the cursor as the API shows them; formatting only this one keeps big scans cheap.
        const bool isTime = sortBy == QLatin1String("update_time") || sortBy == QLatin1String("add_time");
        next =
            encodeCursor(sortBy, isTime ? QJsonValue(PipedriveClock::formatTime(k.sortValue)) : QJsonValue(k.sortValue),
                         direction, k.id);
    }
    return PipedriveReply::ok(data, PipedriveReply::cursorPage(next));
}

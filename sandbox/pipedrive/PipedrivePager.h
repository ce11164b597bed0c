// Cursor paging as API v2 does it: sort by one field with id as tie-break, `limit` up to 500, and an opaque
// keyset cursor naming the first item of the next page.
#pragma once

#include "common/SimTypes.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrlQuery>
#include <functional>

struct PipedriveRecord;

namespace PipedrivePager {
constexpr int DefaultLimit = 100;
constexpr int MaxLimit = 500;

struct Item
{
    qint64 sortValue; // the sort field's value; times as seconds since the epoch
    qint64 id;
    QJsonObject item; // the rendered item, or empty when a Renderer makes it
    const PipedriveRecord *record = nullptr;
};

// Records are rendered only once they are on the page, so a full scan of thousands stays linear.
using Renderer = std::function<QJsonObject(const Item &)>;

// One page of `items` as sort_by, sort_direction, limit and cursor in `q` ask, in the list envelope; a 400 for a
// parameter outside `sortFields`, a bad limit or a cursor this list did not mint.
SimResponse page(QList<Item> items, const QUrlQuery &q, const QStringList &sortFields,
                 const Renderer &render = nullptr);

bool parseLimit(const QUrlQuery &q, int *limit, QString *error);
// The spec's example cursor is base64url JSON {"field","fieldValue","sortDirection","id"}; the same form here.
QString encodeCursor(const QString &field, const QJsonValue &fieldValue, const QString &direction, qint64 id);
bool decodeCursor(const QString &text, const QString &field, const QString &direction, QJsonObject *out);
} // namespace PipedrivePager

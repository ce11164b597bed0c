// One organization or deal as the simulator stores it: API-shaped fields plus the times it sorts and filters on.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>

struct PipedriveRecord
{
    qint64 id = 0;
    QJsonObject fields; // standard fields in their v2 shape, without id, times and is_deleted
    QJsonObject custom; // custom field key -> value, only the keys that hold a value
    qint64 addTime = 0;
    qint64 updateTime = 0;
    bool deleted = false;
    qint64 deleteTime = 0;
    // What the search index knows: snapshots of the searchable values with the time they were written, so a
    // search sees a change only after the configured indexing delay.
    QList<QPair<qint64, QJsonObject>> searchHistory;
};

// The recent-activity feed: the latest runs newest first, each with its log rows (also newest first) beneath.
#pragma once

#include "store/StoreTypes.h"

#include <QHash>
#include <QStandardItemModel>

class ActivityModel : public QStandardItemModel
{
    Q_OBJECT
public:
    explicit ActivityModel(QObject *parent = nullptr);

    // runs newest first; entries: run id -> that run's log rows; names: link id -> record name.
    void setActivity(const QList<RunRecord> &runs, const QHash<QString, QList<LogEntry>> &entries,
                     const QHash<qint64, QString> &names);

    static QString runText(const RunRecord &run, int rows);
    static QString entryText(const LogEntry &entry, const QString &name);
};

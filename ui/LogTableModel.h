// The structured sync log as a table: one row per operation, with the record's name where TurfDrive knows it.
#pragma once

#include "store/StoreTypes.h"

#include <QAbstractTableModel>
#include <QHash>

class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        RecordColumn,
        ActionColumn,
        DirectionColumn,
        FieldsColumn,
        RiskColumn,
        DurationColumn,
        ResultColumn, // last: it stretches, error sentences are long
        ColumnCount
    };

    explicit LogTableModel(QObject *parent = nullptr);

    // names: link id -> the record's name, for people.
    void setEntries(const QList<LogEntry> &entries, const QHash<qint64, QString> &names);
    const LogEntry *entryAt(int row) const;
    QString recordText(const LogEntry &entry) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LogEntry> m_entries;
    QHash<qint64, QString> m_names;
};

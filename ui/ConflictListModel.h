// The conflicts the review window lists: one row each, pending ones first as the store orders them.
#pragma once

#include "ConflictRow.h"

#include <QAbstractTableModel>

class ConflictListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        StatusColumn,
        RecordColumn,
        KindColumn,
        FieldsColumn,
        RiskColumn,
        DetectedColumn,
        ColumnCount
    };

    explicit ConflictListModel(QObject *parent = nullptr);

    void setRows(const QList<ConflictRow> &rows);
    const QList<ConflictRow> &rows() const { return m_rows; }
    const ConflictRow *rowAt(int row) const;
    int rowOfConflict(qint64 conflictId) const; // -1 when absent

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ConflictRow> m_rows;
};

// Customers or work items as the main window lists them: status dot, name, both systems' ids, last synced.
// Holds plain Link values; 20,000 rows stay fast because nothing is computed per paint but a string.
#pragma once

#include "store/StoreTypes.h"

#include <QAbstractTableModel>

class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        StatusColumn,
        NameColumn,
        PipedriveColumn,
        OstendoColumn,
        LastSyncedColumn,
        ProblemColumn,
        ColumnCount
    };

    explicit RecordTableModel(Entity entity, QObject *parent = nullptr);

    Entity entity() const { return m_entity; }
    void setLinks(const QList<Link> &links);
    const Link *linkAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Entity m_entity;
    QList<Link> m_links;
};

// The side-by-side view of one conflict: a row per field with the agreed value, each system's value and the
// value it will become. The last column is editable for a Merge and starts from what the rules chose.
#pragma once

#include "store/StoreTypes.h"

#include <QAbstractTableModel>

class ConflictFieldModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FieldColumn,
        BaseColumn,
        PipedriveColumn,
        OstendoColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role
    {
        DiffersRole = Qt::UserRole + 100 // true when the two systems hold different values for the field
    };

    explicit ConflictFieldModel(QObject *parent = nullptr);

    void setConflict(const ConflictRecord &conflict);
    void clear();
    bool hasConflict() const { return m_conflict.id != 0; }
    const ConflictRecord &conflict() const { return m_conflict; }
    void setEditable(bool editable) { m_editable = editable; }

    // Sets the merge value of one row from one system's side.
    void useSide(int row, System side);
    void setResult(int row, const QJsonValue &value);
    QJsonValue result(int row) const;
    // Every field has a value chosen (the rules' or a person's).
    bool allChosen() const;
    // field -> chosen value, for recordDecision("merge", ...).
    QJsonObject mergeValues() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool differs(int row) const;

    ConflictRecord m_conflict;
    QList<QJsonValue> m_results; // Undefined: nothing chosen yet
    bool m_editable = true;
};

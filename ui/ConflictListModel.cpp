#include "ConflictListModel.h"

#include "UiRoles.h"
#include "UiText.h"

ConflictListModel::ConflictListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConflictListModel::setRows(const QList<ConflictRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

const ConflictRow *ConflictListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ConflictListModel::rowOfConflict(qint64 conflictId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).conflict.id == conflictId) {
            return i;
        }
    }
    return -1;
}

int ConflictListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConflictListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ConflictRow &row = m_rows.at(index.row());
    const ConflictRecord &c = row.conflict;
    switch (role) {
    case UiRoles::IdRole:
        return c.id;
    case UiRoles::LinkIdRole:
        return c.linkId;
    case UiRoles::StatusRole:
        return StoreText::conflictStatus(c.conflict.status);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(UiText::dot(UiText::light(c.conflict.status))) : QVariant();
    case Qt::DisplayRole:
    case UiRoles::SortRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case StatusColumn:
        if (role == UiRoles::SortRole) {
            return c.conflict.status == ConflictStatus::PendingReview ? 0 : 1;
        }
        return UiText::conflictStatus(c.conflict.status);
    case RecordColumn:
        return QString(UiText::entity(c.conflict.entity) + QStringLiteral(": ") + row.displayName);
    case KindColumn:
        return UiText::conflictKind(c.conflict.kind);
    case FieldsColumn: {
        QStringList names;
        for (const ConflictField &f : c.conflict.fields) {
            names << UiText::field(f.field);
        }
        return names.join(QStringLiteral(", "));
    }
    case RiskColumn:
        return role == UiRoles::SortRole ? QVariant(int(c.conflict.risk)) : QVariant(UiText::risk(c.conflict.risk));
    case DetectedColumn:
        return role == UiRoles::SortRole ? QVariant(c.detectedAt.toMSecsSinceEpoch())
                                         : QVariant(UiText::time(c.detectedAt));
    default:
        return {};
    }
}

QVariant ConflictListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case RecordColumn:
        return tr("Record");
    case KindColumn:
        return tr("What happened");
    case FieldsColumn:
        return tr("Fields");
    case RiskColumn:
        return tr("Risk");
    case DetectedColumn:
        return tr("Found");
    default:
        return {};
    }
}

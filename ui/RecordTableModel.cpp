#include "RecordTableModel.h"

#include "UiRoles.h"
#include "UiText.h"

RecordTableModel::RecordTableModel(Entity entity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entity(entity)
{}

void RecordTableModel::setLinks(const QList<Link> &links)
{
    beginResetModel();
    m_links = links;
    endResetModel();
}

const Link *RecordTableModel::linkAt(int row) const
{
    return row >= 0 && row < m_links.size() ? &m_links.at(row) : nullptr;
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_links.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Link &l = m_links.at(index.row());
    switch (role) {
    case UiRoles::IdRole:
    case UiRoles::LinkIdRole:
        return l.id;
    case UiRoles::StatusRole:
        return StoreText::linkStatus(l.status);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(UiText::dot(UiText::light(l.status))) : QVariant();
    case Qt::ToolTipRole:
        // The problem sentence is remote text and often longer than its column: escaped to read literally.
        return index.column() == ProblemColumn ? UiText::literalToolTip(l.lastError) : QString();
    case Qt::DisplayRole:
    case UiRoles::SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == UiRoles::SortRole;
    switch (index.column()) {
    case StatusColumn:
        return sort ? QVariant(int(l.status)) : QVariant(UiText::linkStatus(l.status));
    case NameColumn:
        return l.displayName;
    case PipedriveColumn:
        if (sort) {
            return l.pipedriveId;
        }
        return l.pipedriveId ? QString::number(l.pipedriveId) : tr("not there yet");
    case OstendoColumn:
        if (sort) {
            return l.ostendoKey;
        }
        return l.ostendoKey.isEmpty() ? tr("not there yet") : l.ostendoKey;
    case LastSyncedColumn:
        return sort ? QVariant(l.lastSyncedAt.isValid() ? l.lastSyncedAt.toMSecsSinceEpoch() : qint64(0))
                    : QVariant(UiText::time(l.lastSyncedAt));
    case ProblemColumn:
        return l.lastError;
    default:
        return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case NameColumn:
        return m_entity == Entity::Customer ? tr("Customer") : tr("Work item");
    case PipedriveColumn:
        return m_entity == Entity::Customer ? tr("Pipedrive org.") : tr("Pipedrive deal");
    case OstendoColumn:
        return m_entity == Entity::Customer ? tr("Ostendo no.") : tr("Ostendo job");
    case LastSyncedColumn:
        return tr("Last synced");
    case ProblemColumn:
        return tr("Problem");
    default:
        return {};
    }
}

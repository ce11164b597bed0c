#include "FilterProxyModel.h"

#include "UiRoles.h"

FilterProxyModel::FilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(UiRoles::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

void FilterProxyModel::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void FilterProxyModel::setStatuses(const QStringList &statuses)
{
    m_statuses = statuses;
    invalidateFilter();
}

bool FilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (!model) {
        return false;
    }
    if (!m_statuses.isEmpty()) {
        const QString status = model->index(sourceRow, 0, sourceParent).data(UiRoles::StatusRole).toString();
        if (!m_statuses.contains(status)) {
            return false;
        }
    }
    if (m_search.isEmpty()) {
        return true;
    }
    const int columns = model->columnCount(sourceParent);
    for (int c = 0; c < columns; ++c) {
        if (model->index(sourceRow, c, sourceParent).data().toString().contains(m_search, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

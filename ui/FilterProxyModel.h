// Sorting and filtering for every table: a search text over all columns plus an optional status filter, both
// applied through the models' UiRoles so the proxy never needs to know which model it sits on.
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

class FilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FilterProxyModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    // Only rows whose UiRoles::StatusRole is one of these; empty shows every row.
    void setStatuses(const QStringList &statuses);
    QStringList statuses() const { return m_statuses; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    QStringList m_statuses;
};

// The figures TurfDrive is judged by, per week over the last eight weeks: how many conflicts the rules settled
// and how many needed a person; and how much of the Pipedrive token budget today's syncing used.
#pragma once

#include "engine/SyncTypes.h"
#include "store/StoreTypes.h"

#include <QWidget>

class QBarSet;
class QBarCategoryAxis;
class QChartView;
class QLabel;
class QProgressBar;
class QValueAxis;
class StoreService;

class DashboardWidget : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardWidget(StoreService *store, QWidget *parent = nullptr);

    const QList<WeekStats> &weeks() const { return m_weeks; }
    QBarSet *rateSet() const { return m_rate; }
    QBarSet *personSet() const { return m_person; }
    QProgressBar *budgetBar() const { return m_budgetBar; }
    QString budgetText() const;

public slots:
    void reload();
    void showBudget(const BudgetSnapshot &budget);

signals:
    void reloaded();

private:
    void showWeeks(const QList<WeekStats> &weeks);

    StoreService *m_store;
    QList<WeekStats> m_weeks;
    QBarSet *m_rate;
    QBarSet *m_person;
    QBarCategoryAxis *m_rateWeeks;
    QBarCategoryAxis *m_personWeeks;
    QValueAxis *m_personAxis;
    QLabel *m_summary;
    QLabel *m_budgetLabel;
    QProgressBar *m_budgetBar;
};

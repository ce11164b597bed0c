#include "DashboardWidget.h"

#include "StoreService.h"
#include "util/Clock.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QValueAxis>

namespace {
QChartView *chartView(QWidget *parent, const QString &title, QBarSet *set, QBarCategoryAxis *xAxis, QValueAxis *yAxis)
{
    auto *series = new QBarSeries;
    series->append(set);
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->addSeries(series);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    return view;
}
} // namespace

DashboardWidget::DashboardWidget(StoreService *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_rate(new QBarSet(tr("Settled by the rules (%)")))
    , m_person(new QBarSet(tr("Needed a person")))
    , m_rateWeeks(new QBarCategoryAxis)
    , m_personWeeks(new QBarCategoryAxis)
    , m_personAxis(new QValueAxis)
    , m_summary(new QLabel(this))
    , m_budgetLabel(new QLabel(this))
    , m_budgetBar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("dashboard"));
    m_rate->setColor(QColor(46, 125, 50));
    m_person->setColor(QColor(198, 40, 40));
    auto *rateAxis = new QValueAxis;
    rateAxis->setRange(0, 100);
    rateAxis->setLabelFormat(QStringLiteral("%d%%"));
    m_personAxis->setLabelFormat(QStringLiteral("%d"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_budgetLabel->setTextFormat(Qt::PlainText);
    m_budgetBar->setObjectName(QStringLiteral("budgetBar"));
    m_budgetBar->setRange(0, 100);
    m_budgetBar->setValue(0);

    auto *layout = new QGridLayout(this);
    layout->addWidget(m_summary, 0, 0, 1, 2);
    layout->addWidget(chartView(this, tr("Conflicts settled automatically, per week"), m_rate, m_rateWeeks, rateAxis),
                      1, 0);
    layout->addWidget(
        chartView(this, tr("Conflicts that needed a person, per week"), m_person, m_personWeeks, m_personAxis), 1, 1);
    layout->addWidget(m_budgetLabel, 2, 0, 1, 2);
    layout->addWidget(m_budgetBar, 3, 0, 1, 2);
    layout->setRowStretch(1, 1);
    showBudget(BudgetSnapshot());
    connect(m_store, &StoreService::changed, this, &DashboardWidget::reload);
}

void DashboardWidget::reload()
{
    const QDateTime now = Clock::current().nowUtc();
    m_store->run<QList<WeekStats>>(
        this, [now](SyncStore &store) { return store.weeklyConflictStats(now, 8); },
        [this](const QList<WeekStats> &weeks) {
            showWeeks(weeks);
            emit reloaded();
        });
}

void DashboardWidget::showWeeks(const QList<WeekStats> &weeks)
{
    m_weeks = weeks;
    m_rate->remove(0, m_rate->count());
    m_person->remove(0, m_person->count());
    QStringList labels;
    int total = 0;
    int automatic = 0;
    int person = 0;
    int most = 1;
    for (const WeekStats &w : weeks) {
        labels << QLocale().toString(w.weekStart, QStringLiteral("d MMM"));
        m_rate->append(w.total ? 100.0 * w.autoResolutionRate() : 0.0);
        m_person->append(w.neededPerson);
        total += w.total;
        automatic += w.autoResolved;
        person += w.neededPerson;
        most = qMax(most, w.neededPerson);
    }
    m_rateWeeks->clear();
    m_rateWeeks->append(labels);
    m_personWeeks->clear();
    m_personWeeks->append(labels);
    m_personAxis->setRange(0, most + 1);
    m_personAxis->setTickCount(qMin(most + 2, 6));
    if (total == 0) {
        m_summary->setText(tr("No conflicts in the last eight weeks."));
    } else {
        m_summary->setText(tr("Last eight weeks: %1 conflicts, %2% settled automatically by the rules, %3 needed a "
                              "person (about %4 a week).")
                               .arg(total)
                               .arg(qRound(100.0 * automatic / total))
                               .arg(person)
                               .arg(QLocale().toString(person / 8.0, 'f', 1)));
    }
}

void DashboardWidget::showBudget(const BudgetSnapshot &b)
{
    if (b.dailyLimit <= 0) {
        m_budgetLabel->setText(tr("Pipedrive token budget: not known yet (it is reported after the first sync)."));
        m_budgetBar->setValue(0);
        m_budgetBar->setEnabled(false);
        return;
    }
    const int percent = int(qBound(qint64(0), (100 * b.dailyUsed) / b.dailyLimit, qint64(100)));
    m_budgetBar->setEnabled(true);
    m_budgetBar->setValue(percent);
    m_budgetLabel->setText(tr("Pipedrive token budget today: %1 of %2 used (%3%).")
                               .arg(QLocale().toString(b.dailyUsed), QLocale().toString(b.dailyLimit))
                               .arg(percent));
}

QString DashboardWidget::budgetText() const
{
    return m_budgetLabel->text();
}

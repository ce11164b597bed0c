#include "ActivityPage.h"

#include "ActivityModel.h"
#include "StoreService.h"
#include "UiRoles.h"

#include <QHeaderView>
#include <QTreeView>
#include <QVBoxLayout>

namespace {
struct Activity
{
    QList<RunRecord> runs;
    QHash<QString, QList<LogEntry>> entries;
    QHash<qint64, QString> names;
};
const int kRunsShown = 10;
const int kRowsPerRun = 200; // a run that touched more is summarised; the sync log has every row
} // namespace

ActivityPage::ActivityPage(StoreService *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new ActivityModel(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("activityPage"));
    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformRowHeights(true);
    m_view->header()->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const qint64 linkId = index.data(UiRoles::LinkIdRole).toLongLong();
        if (linkId) {
            emit logRequested(linkId);
        }
    });
    connect(m_store, &StoreService::changed, this, &ActivityPage::reload);
}

void ActivityPage::reload()
{
    m_store->run<Activity>(
        this,
        [](SyncStore &store) {
            Activity a;
            a.runs = store.recentRuns(kRunsShown);
            for (const RunRecord &run : std::as_const(a.runs)) {
                LogFilter f;
                f.runId = run.id;
                f.limit = kRowsPerRun;
                const QList<LogEntry> rows = store.logEntries(f);
                for (const LogEntry &e : rows) {
                    if (e.linkId && !a.names.contains(e.linkId)) {
                        const std::optional<Link> l = store.link(e.linkId);
                        a.names.insert(e.linkId, l ? l->displayName : QString());
                    }
                }
                a.entries.insert(run.id, rows);
            }
            return a;
        },
        [this](const Activity &a) {
            m_model->setActivity(a.runs, a.entries, a.names);
            if (m_model->rowCount() > 0) {
                m_view->expand(m_model->index(0, 0)); // the latest run open, the older ones closed
            }
            emit reloaded();
        });
}

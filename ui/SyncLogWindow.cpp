#include "SyncLogWindow.h"

#include "FilterProxyModel.h"
#include "LogTableModel.h"
#include "StoreService.h"
#include "UiRoles.h"
#include "UiText.h"
#include "util/Clock.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {
struct LogPage
{
    QList<LogEntry> entries;
    QHash<qint64, QString> names;
};
struct ExportOutcome
{
    qint64 rows = -1;
    QString error;
};
} // namespace

SyncLogWindow::SyncLogWindow(StoreService *store, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_store(store)
    , m_model(new LogTableModel(this))
    , m_proxy(new FilterProxyModel(this))
    , m_time(new QComboBox(this))
    , m_entity(new QComboBox(this))
    , m_action(new QComboBox(this))
    , m_result(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_record(new QLabel(this))
    , m_allRecords(new QPushButton(tr("Show every record"), this))
    , m_export(new QPushButton(tr("&Export as JSON Lines…"), this))
    , m_view(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("syncLogWindow"));
    setWindowTitle(tr("Sync log"));
    m_time->setObjectName(QStringLiteral("timeFilter"));
    m_time->addItem(tr("Last hour"), 1);
    m_time->addItem(tr("Last 24 hours"), 24);
    m_time->addItem(tr("Last 7 days"), 24 * 7);
    m_time->addItem(tr("Last 30 days"), 24 * 30);
    m_time->addItem(tr("All time"), 0);
    m_time->setCurrentIndex(2);
    m_entity->setObjectName(QStringLiteral("entityFilter"));
    m_entity->addItem(tr("Every kind of record"), QString());
    m_entity->addItem(tr("Customers"), StoreText::entity(Entity::Customer));
    m_entity->addItem(tr("Work items"), StoreText::entity(Entity::WorkItem));
    m_entity->addItem(tr("Sync runs"), QStringLiteral("run"));
    m_action->setObjectName(QStringLiteral("actionFilter"));
    m_action->addItem(tr("Every action"), QString());
    for (const char *a : {"create", "update", "archive", "conflict", "decision", "skip", "summary"}) {
        m_action->addItem(UiText::action(QLatin1String(a)), QLatin1String(a));
    }
    m_result->setObjectName(QStringLiteral("resultFilter"));
    m_result->addItem(tr("Any result"), false);
    m_result->addItem(tr("Failed only"), true);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search the rows shown"));
    m_search->setClearButtonEnabled(true);
    m_record->setTextFormat(Qt::PlainText);
    m_record->setObjectName(QStringLiteral("recordFilterLabel"));
    m_allRecords->setObjectName(QStringLiteral("allRecordsButton"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_detail->setObjectName(QStringLiteral("rowDetail"));
    m_detail->setReadOnly(true);

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("logTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LogTableModel::TimeColumn, Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    // Widths from the text they hold: measuring thousands of rows to fit them would make the table slow.
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(LogTableModel::TimeColumn,
                           metrics.horizontalAdvance(UiText::time(QDateTime::currentDateTime())) + 24);
    m_view->setColumnWidth(LogTableModel::RecordColumn, 300);
    m_view->setColumnWidth(LogTableModel::ActionColumn,
                           metrics.horizontalAdvance(UiText::action(QStringLiteral("summary"))) + 24);
    m_view->setColumnWidth(LogTableModel::DirectionColumn,
                           metrics.horizontalAdvance(QStringLiteral("Pipedrive → Ostendo")) + 24);
    m_view->setColumnWidth(LogTableModel::RiskColumn, metrics.horizontalAdvance(QStringLiteral("Medium")) + 24);
    m_view->setColumnWidth(LogTableModel::DurationColumn, metrics.horizontalAdvance(QStringLiteral("12345 ms")) + 24);

    auto *filters = new QHBoxLayout;
    for (QComboBox *box : {m_time, m_entity, m_action, m_result}) {
        filters->addWidget(box);
    }
    filters->addWidget(m_search, 1);
    auto *recordRow = new QHBoxLayout;
    recordRow->addWidget(m_record, 1);
    recordRow->addWidget(m_allRecords);
    recordRow->addWidget(m_export);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("logSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(recordRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    for (QComboBox *box : {m_time, m_entity, m_action, m_result}) {
        connect(box, &QComboBox::currentIndexChanged, this, &SyncLogWindow::reload);
    }
    connect(m_search, &QLineEdit::textChanged, m_proxy, &FilterProxyModel::setSearchText);
    connect(m_allRecords, &QPushButton::clicked, this, [this]() { showLink(0); });
    connect(m_export, &QPushButton::clicked, this, &SyncLogWindow::chooseExportFile);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SyncLogWindow::showDetail);
    connect(m_store, &StoreService::changed, this, &SyncLogWindow::reload);
    showLink(0);
    resize(1100, 650);
}

LogFilter SyncLogWindow::filter() const
{
    LogFilter f;
    const int hours = m_time->currentData().toInt();
    if (hours > 0) {
        f.since = Clock::current().nowUtc().addSecs(-qint64(hours) * 3600);
    }
    f.entity = m_entity->currentData().toString();
    f.action = m_action->currentData().toString();
    f.errorsOnly = m_result->currentData().toBool();
    f.linkId = m_linkId;
    return f;
}

void SyncLogWindow::setHours(int hours)
{
    m_time->setCurrentIndex(qMax(0, m_time->findData(hours)));
}

void SyncLogWindow::setEntity(const QString &storedEntity)
{
    m_entity->setCurrentIndex(qMax(0, m_entity->findData(storedEntity)));
}

void SyncLogWindow::setAction(const QString &storedAction)
{
    m_action->setCurrentIndex(qMax(0, m_action->findData(storedAction)));
}

void SyncLogWindow::setErrorsOnly(bool errorsOnly)
{
    m_result->setCurrentIndex(errorsOnly ? 1 : 0);
}

void SyncLogWindow::showLink(qint64 linkId, const QString &name)
{
    m_linkId = linkId;
    m_allRecords->setVisible(linkId != 0);
    if (!linkId) {
        m_record->setText(tr("Showing every record."));
    } else {
        m_record->setText(name.isEmpty() ? tr("Showing one record only.") : tr("Showing only: %1").arg(name));
        // A record's rows are wanted whatever their age.
        m_time->blockSignals(true);
        m_time->setCurrentIndex(m_time->findData(0));
        m_time->blockSignals(false);
    }
    reload();
}

void SyncLogWindow::reload()
{
    LogFilter f = filter();
    f.limit = kRowLimit;
    const quint64 generation = ++m_generation;
    m_store->run<LogPage>(
        this,
        [f](SyncStore &store) {
            LogPage page;
            page.entries = store.logEntries(f);
            for (const LogEntry &e : std::as_const(page.entries)) {
                if (e.linkId && !page.names.contains(e.linkId)) {
                    const std::optional<Link> l = store.link(e.linkId);
                    page.names.insert(e.linkId, l ? l->displayName : QString());
                }
            }
            return page;
        },
        [this, generation](const LogPage &page) {
            if (generation != m_generation) {
                return;
            }
            m_model->setEntries(page.entries, page.names);
            m_status->setText(
                page.entries.size() >= kRowLimit
                    ? tr("Showing the latest %1 rows; narrow the filters, or export to get them all.").arg(kRowLimit)
                    : tr("%n row(s).", nullptr, int(page.entries.size())));
            showDetail();
            emit reloaded();
        });
}

void SyncLogWindow::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    const LogEntry *e = current.isValid() ? m_model->entryAt(m_proxy->mapToSource(current).row()) : nullptr;
    if (!e) {
        m_detail->setPlainText(tr("Select a row to see everything it recorded."));
        return;
    }
    // The row exactly as it is exported, so what people see is what scripts read.
    m_detail->setPlainText(QString::fromUtf8(QJsonDocument(e->toJson()).toJson(QJsonDocument::Indented)));
}

void SyncLogWindow::chooseExportFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the sync log"), QStringLiteral("turfdrive-log.jsonl"),
                                     tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty()) {
        exportTo(path);
    }
}

void SyncLogWindow::exportTo(const QString &path)
{
    const LogFilter f = filter();
    m_export->setEnabled(false);
    m_store->run<ExportOutcome>(
        this,
        [f, path](SyncStore &store) {
            ExportOutcome outcome;
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                outcome.error = tr("Could not write %1: %2").arg(path, file.errorString());
                return outcome;
            }
            outcome.rows = store.exportLogJsonLines(&file, f);
            if (outcome.rows < 0) {
                outcome.error = store.lastError();
                file.cancelWriting();
            } else if (!file.commit()) {
                outcome.rows = -1;
                outcome.error = tr("Could not write %1: %2").arg(path, file.errorString());
            }
            return outcome;
        },
        [this, path](const ExportOutcome &outcome) {
            m_export->setEnabled(true);
            m_status->setText(outcome.rows >= 0 ? tr("Exported %n row(s) to %1.", nullptr, int(outcome.rows)).arg(path)
                                                : outcome.error);
            emit exported(outcome.rows, outcome.error);
        });
}

QString SyncLogWindow::detailText() const
{
    return m_detail->toPlainText();
}

QString SyncLogWindow::statusText() const
{
    return m_status->text();
}

#include "RecordsPage.h"

#include "FilterProxyModel.h"
#include "RecordTableModel.h"
#include "StoreService.h"
#include "UiRoles.h"
#include "UiText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {
struct RecordDetail
{
    std::optional<Link> link;
    QList<ConflictRecord> conflicts;
    QList<LogEntry> log;
};
} // namespace

RecordsPage::RecordsPage(Entity entity, StoreService *store, QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_store(store)
    , m_model(new RecordTableModel(entity, this))
    , m_proxy(new FilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_view(new QTableView(this))
    , m_title(new QLabel(this))
    , m_fields(new QTableView(this))
    , m_fieldsModel(new QStandardItemModel(this))
    , m_detail(new QPlainTextEdit(this))
{
    const QString kind = entity == Entity::Customer ? QStringLiteral("customers") : QStringLiteral("workItems");
    setObjectName(kind + QStringLiteral("Page"));
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(entity == Entity::Customer ? tr("Search customers by name or number")
                                                            : tr("Search work items by title or number"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Every status"), QStringList());
    m_status->addItem(tr("In step"), QStringList{StoreText::linkStatus(LinkStatus::Synced)});
    m_status->addItem(tr("Pending"), QStringList{StoreText::linkStatus(LinkStatus::Pending)});
    m_status->addItem(tr("Error or waiting for a decision"), QStringList{StoreText::linkStatus(LinkStatus::Error),
                                                                         StoreText::linkStatus(LinkStatus::Blocked)});
    m_count->setTextFormat(Qt::PlainText);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setObjectName(QStringLiteral("recordTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("recordTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RecordTableModel::NameColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    // Fixed row heights keep 20,000 rows fast: the view never measures every row.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    // Widths from the text they hold: measuring 20,000 rows to fit them would make the table slow.
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(RecordTableModel::StatusColumn,
                           metrics.horizontalAdvance(UiText::linkStatus(LinkStatus::Blocked)) + 48);
    for (int column : {int(RecordTableModel::PipedriveColumn), int(RecordTableModel::OstendoColumn)}) {
        m_view->setColumnWidth(column,
                               metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 36);
    }
    m_view->setColumnWidth(RecordTableModel::LastSyncedColumn,
                           metrics.horizontalAdvance(UiText::time(QDateTime::currentDateTime())) + 24);
    m_view->setColumnWidth(RecordTableModel::NameColumn, 320);
    m_view->horizontalHeader()->setSectionResizeMode(RecordTableModel::NameColumn, QHeaderView::Interactive);

    m_fields->setObjectName(QStringLiteral("recordFields"));
    m_fields->setModel(m_fieldsModel);
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->verticalHeader()->hide();
    m_fields->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_detail->setObjectName(QStringLiteral("recordDetail"));
    m_detail->setReadOnly(true); // a plain-text widget: remote notes can never be taken for markup

    auto *logButton = new QPushButton(tr("Show in sync &log"), this);
    logButton->setObjectName(QStringLiteral("showLogButton"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_status, 1);
    filters->addWidget(m_count);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(logButton);
    detailLayout->addLayout(titleRow);
    auto *detailSplit = new QSplitter(Qt::Horizontal, detail);
    detailSplit->addWidget(m_fields);
    detailSplit->addWidget(m_detail);
    detailLayout->addWidget(detailSplit, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(kind + QStringLiteral("Splitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        m_count->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, &RecordsPage::applyStatusFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RecordsPage::showDetail);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.column() == RecordTableModel::StatusColumn) {
            emit logRequested(index.data(UiRoles::LinkIdRole).toLongLong());
        }
    });
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() == RecordTableModel::StatusColumn) {
            emit logRequested(index.data(UiRoles::LinkIdRole).toLongLong());
        }
    });
    connect(logButton, &QPushButton::clicked, this, [this]() {
        if (m_shownLinkId) {
            emit logRequested(m_shownLinkId);
        }
    });
    connect(m_store, &StoreService::changed, this, &RecordsPage::reload);
    setTabOrder(m_search, m_status);
    setTabOrder(m_status, m_view);
    setTabOrder(m_view, logButton);
    showDetail();
}

void RecordsPage::applyStatusFilter()
{
    m_proxy->setStatuses(m_status->currentData().toStringList());
    m_count->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void RecordsPage::reload()
{
    if (!m_wantedLinkId) {
        m_wantedLinkId = m_shownLinkId;
    }
    const Entity entity = m_entity;
    const quint64 generation = ++m_generation;
    m_store->run<QList<Link>>(
        this, [entity](SyncStore &store) { return store.links(entity); },
        [this, generation](const QList<Link> &links) {
            if (generation != m_generation) {
                return;
            }
            m_model->setLinks(links);
            m_count->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
            const qint64 wanted = m_wantedLinkId;
            m_wantedLinkId = 0;
            if (wanted) {
                selectLink(wanted);
            }
            emit reloaded();
        });
}

void RecordsPage::selectLink(qint64 linkId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(UiRoles::LinkIdRole).toLongLong() == linkId) {
            m_view->selectionModel()->setCurrentIndex(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_view->scrollTo(index);
            return;
        }
    }
}

void RecordsPage::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    const qint64 linkId = current.isValid() ? current.data(UiRoles::LinkIdRole).toLongLong() : 0;
    m_shownLinkId = linkId;
    if (!linkId) {
        m_title->setText(tr("Select a record to see both sides, its conflicts and its log."));
        m_fieldsModel->clear();
        m_detail->clear();
        return;
    }
    const quint64 generation = ++m_detailGeneration;
    m_store->run<RecordDetail>(
        this,
        [linkId](SyncStore &store) {
            RecordDetail d;
            d.link = store.link(linkId);
            ConflictFilter cf;
            cf.linkId = linkId;
            d.conflicts = store.conflicts(cf);
            LogFilter lf;
            lf.linkId = linkId;
            lf.limit = 50;
            d.log = store.logEntries(lf);
            return d;
        },
        [this, generation, linkId](const RecordDetail &d) {
            if (generation != m_detailGeneration || !d.link) {
                return;
            }
            const Link &l = *d.link;
            m_title->setText(tr("%1 — %2. Last synced %3.")
                                 .arg(l.displayName, UiText::linkStatus(l.status), UiText::time(l.lastSyncedAt)));
            // Each side's value: the agreed one, unless an undecided conflict says the sides differ.
            QMap<QString, QPair<QJsonValue, QJsonValue>> sides;
            for (auto it = l.base.begin(); it != l.base.end(); ++it) {
                sides.insert(it.key(), {it.value(), it.value()});
            }
            for (const ConflictRecord &c : d.conflicts) {
                if (c.conflict.status != ConflictStatus::PendingReview) {
                    continue;
                }
                for (const ConflictField &f : c.conflict.fields) {
                    sides.insert(f.field, {f.pipedrive, f.ostendo});
                }
            }
            m_fieldsModel->clear();
            m_fieldsModel->setHorizontalHeaderLabels(
                {tr("Field"), l.pipedriveId ? tr("Pipedrive (%1)").arg(l.pipedriveId) : QStringLiteral("Pipedrive"),
                 l.ostendoKey.isEmpty() ? QStringLiteral("Ostendo") : tr("Ostendo (%1)").arg(l.ostendoKey)});
            for (auto it = sides.cbegin(); it != sides.cend(); ++it) {
                QList<QStandardItem *> row{new QStandardItem(UiText::field(it.key())),
                                           new QStandardItem(UiText::value(it.value().first)),
                                           new QStandardItem(UiText::value(it.value().second))};
                if (it.value().first != it.value().second) {
                    row[1]->setBackground(QColor(255, 236, 179));
                    row[2]->setBackground(QColor(255, 236, 179));
                }
                m_fieldsModel->appendRow(row);
            }

            QStringList lines;
            if (!l.lastError.isEmpty()) {
                lines << tr("Problem: %1").arg(l.lastError) << QString();
            }
            lines << tr("Conflicts (%1):").arg(d.conflicts.size());
            for (const ConflictRecord &c : d.conflicts) {
                QStringList fields;
                for (const ConflictField &f : c.conflict.fields) {
                    fields << UiText::field(f.field);
                }
                lines << QStringLiteral("  • %1  %2: %3 (%4)")
                             .arg(UiText::time(c.detectedAt), UiText::conflictStatus(c.conflict.status),
                                  fields.join(QStringLiteral(", ")), c.conflict.rule);
            }
            lines << QString() << tr("Log (latest %1):").arg(d.log.size());
            for (auto it = d.log.crbegin(); it != d.log.crend(); ++it) {
                QStringList fields;
                for (const QString &f : it->fieldsChanged) {
                    fields << UiText::field(f);
                }
                QString line = QStringLiteral("  • %1  %2").arg(UiText::time(it->at), UiText::action(it->action));
                if (!it->source.isEmpty() && !it->target.isEmpty()) {
                    line += QStringLiteral(" %1 → %2").arg(UiText::source(it->source), UiText::source(it->target));
                }
                if (!fields.isEmpty()) {
                    line += QStringLiteral(": ") + fields.join(QStringLiteral(", "));
                }
                if (!it->error.isEmpty()) {
                    line += QStringLiteral(" — ") + it->error;
                }
                lines << line;
            }
            m_detail->setPlainText(lines.join(QLatin1Char('\n')));
            emit detailShown(linkId);
        });
}

QString RecordsPage::detailText() const
{
    return m_detail->toPlainText();
}

#include "ConflictReviewWindow.h"

#include "ConflictFieldModel.h"
#include "ConflictListModel.h"
#include "FilterProxyModel.h"
#include "StoreService.h"
#include "UiRoles.h"
#include "UiText.h"
#include "engine/SyncController.h"
#include "util/Clock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {
QLabel *plainLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

// The best name for people when a conflict has no link (a possible duplicate): the name either side gives.
QString nameFromFields(const ConflictRecord &c)
{
    for (const ConflictField &f : c.conflict.fields) {
        if (f.field == QLatin1String("name") || f.field == QLatin1String("title")) {
            const QString name = f.pipedrive.isEmpty() ? f.ostendo : f.pipedrive;
            if (!name.isEmpty()) {
                return name;
            }
        }
    }
    QStringList ids;
    if (!c.conflict.pipedriveId.isEmpty()) {
        ids << ConflictReviewWindow::tr("Pipedrive %1").arg(c.conflict.pipedriveId);
    }
    if (!c.conflict.ostendoKey.isEmpty()) {
        ids << ConflictReviewWindow::tr("Ostendo %1").arg(c.conflict.ostendoKey);
    }
    return ids.join(QStringLiteral(" / "));
}

struct RecordOutcome
{
    QList<qint64> recorded;
    QStringList problems;
};
} // namespace

ConflictReviewWindow::ConflictReviewWindow(StoreService *store, SyncController *controller, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_store(store)
    , m_controller(controller)
    , m_userName(qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")))
    , m_listModel(new ConflictListModel(this))
    , m_proxy(new FilterProxyModel(this))
    , m_fieldModel(new ConflictFieldModel(this))
    , m_summary(plainLabel(this, QStringLiteral("summaryLabel")))
    , m_list(new QTableView(this))
    , m_title(plainLabel(this, QStringLiteral("titleLabel")))
    , m_rule(plainLabel(this, QStringLiteral("ruleLabel")))
    , m_state(plainLabel(this, QStringLiteral("stateLabel")))
    , m_fields(new QTableView(this))
    , m_usePipedrive(new QPushButton(tr("Use Pipedrive's value"), this))
    , m_useOstendo(new QPushButton(tr("Use Ostendo's value"), this))
    , m_keepPipedrive(new QPushButton(tr("Keep &Pipedrive"), this))
    , m_keepOstendo(new QPushButton(tr("Keep &Ostendo"), this))
    , m_merge(new QPushButton(tr("&Merge"), this))
    , m_link(new QPushButton(tr("&Link: same record"), this))
    , m_keepSeparate(new QPushButton(tr("Keep &separate"), this))
    , m_message(plainLabel(this, QStringLiteral("messageLabel")))
{
    setObjectName(QStringLiteral("conflictReviewWindow"));
    setWindowTitle(tr("Conflict review"));
    if (m_userName.isEmpty()) {
        m_userName = tr("TurfDrive user");
    }

    auto *bar = new QWidget(this);
    buildFilters(bar);

    m_proxy->setSourceModel(m_listModel);
    m_list->setObjectName(QStringLiteral("conflictList"));
    m_list->setModel(m_proxy);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(ConflictListModel::StatusColumn, Qt::AscendingOrder);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->horizontalHeader()->setSectionResizeMode(ConflictListModel::RecordColumn, QHeaderView::Stretch);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setWordWrap(false);
    const QFontMetrics metrics = m_list->fontMetrics();
    m_list->setColumnWidth(ConflictListModel::StatusColumn,
                           metrics.horizontalAdvance(UiText::conflictStatus(ConflictStatus::ManuallyResolved)) + 48);
    m_list->setColumnWidth(ConflictListModel::KindColumn,
                           metrics.horizontalAdvance(UiText::conflictKind(ConflictKind::Deletion)) + 24);
    m_list->setColumnWidth(ConflictListModel::FieldsColumn,
                           metrics.horizontalAdvance(QStringLiteral("Name, Email, Ph")));
    m_list->setColumnWidth(ConflictListModel::RiskColumn, metrics.horizontalAdvance(QStringLiteral("Medium")) + 24);

    m_fields->setObjectName(QStringLiteral("fieldTable"));
    m_fields->setModel(m_fieldModel);
    // No selection colour: it would hide the highlight on the differing values. The current cell still says
    // which field "Use Pipedrive's value" acts on.
    m_fields->setSelectionMode(QAbstractItemView::NoSelection);
    m_fields->verticalHeader()->hide();
    m_fields->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_fields->horizontalHeader()->setSectionResizeMode(ConflictFieldModel::FieldColumn, QHeaderView::ResizeToContents);
    m_fields->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                              QAbstractItemView::AnyKeyPressed);
    m_fields->setWordWrap(true);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);

    m_keepPipedrive->setObjectName(QStringLiteral("keepPipedriveButton"));
    m_keepOstendo->setObjectName(QStringLiteral("keepOstendoButton"));
    m_merge->setObjectName(QStringLiteral("mergeButton"));
    m_link->setObjectName(QStringLiteral("linkButton"));
    m_keepSeparate->setObjectName(QStringLiteral("keepSeparateButton"));
    m_usePipedrive->setObjectName(QStringLiteral("usePipedriveButton"));
    m_useOstendo->setObjectName(QStringLiteral("useOstendoButton"));
    m_keepPipedrive->setToolTip(tr("Make Ostendo match Pipedrive for the selected conflicts (Ctrl+1)"));
    m_keepOstendo->setToolTip(tr("Make Pipedrive match Ostendo for the selected conflicts (Ctrl+2)"));
    m_merge->setToolTip(tr("Write the values in the \"Will become\" column to both systems (Ctrl+3)"));
    m_link->setToolTip(tr("They are the same record: join them (Ctrl+4)"));
    m_keepSeparate->setToolTip(tr("They are different records: leave both as they are (Ctrl+5)"));

    // The three everyday decisions also work from the keyboard, wherever the focus is in this window.
    const QList<QPair<QPushButton *, QKeySequence>> keys{
        {m_keepPipedrive, QKeySequence(Qt::CTRL | Qt::Key_1)}, {m_keepOstendo, QKeySequence(Qt::CTRL | Qt::Key_2)},
        {m_merge, QKeySequence(Qt::CTRL | Qt::Key_3)},         {m_link, QKeySequence(Qt::CTRL | Qt::Key_4)},
        {m_keepSeparate, QKeySequence(Qt::CTRL | Qt::Key_5)},
    };
    for (const auto &k : keys) {
        auto *shortcut = new QShortcut(k.second, this);
        QPushButton *button = k.first;
        connect(shortcut, &QShortcut::activated, button, [button]() {
            if (button->isEnabled()) {
                button->click();
            }
        });
    }

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_rule);
    detailLayout->addWidget(m_state);
    detailLayout->addWidget(m_fields, 1);
    auto *hint = new QLabel(tr("To merge, double-click the value to keep in the Pipedrive or Ostendo column, or "
                               "type the value you want in the \"Will become\" column; then press Merge."),
                            detail);
    hint->setWordWrap(true);
    detailLayout->addWidget(hint);
    auto *pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("For the selected field:"), detail));
    pick->addWidget(m_usePipedrive);
    pick->addWidget(m_useOstendo);
    pick->addStretch();
    detailLayout->addLayout(pick);
    auto *decisions = new QHBoxLayout;
    decisions->addWidget(m_keepPipedrive);
    decisions->addWidget(m_keepOstendo);
    decisions->addWidget(m_merge);
    decisions->addSpacing(24);
    decisions->addWidget(m_link);
    decisions->addWidget(m_keepSeparate);
    decisions->addStretch();
    detailLayout->addLayout(decisions);
    detailLayout->addWidget(m_message);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("reviewSplitter"));
    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    setTabOrder(m_list, m_fields);
    setTabOrder(m_fields, m_usePipedrive);
    setTabOrder(m_usePipedrive, m_useOstendo);
    setTabOrder(m_useOstendo, m_keepPipedrive);
    setTabOrder(m_keepPipedrive, m_keepOstendo);
    setTabOrder(m_keepOstendo, m_merge);
    setTabOrder(m_merge, m_link);
    setTabOrder(m_link, m_keepSeparate);

    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConflictReviewWindow::showSelected);
    connect(m_fields->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConflictReviewWindow::updateButtons);
    connect(m_fields, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        // Double-clicking a system's value is the quickest way to pick it for a merge.
        if (index.column() == ConflictFieldModel::PipedriveColumn) {
            m_fieldModel->useSide(index.row(), System::Pipedrive);
        } else if (index.column() == ConflictFieldModel::OstendoColumn) {
            m_fieldModel->useSide(index.row(), System::Ostendo);
        }
    });
    connect(m_fieldModel, &QAbstractItemModel::dataChanged, this, [this]() {
        m_fields->resizeRowsToContents();
        updateButtons();
    });
    connect(m_usePipedrive, &QPushButton::clicked, this, [this]() { useSide(int(System::Pipedrive)); });
    connect(m_useOstendo, &QPushButton::clicked, this, [this]() { useSide(int(System::Ostendo)); });
    connect(m_keepPipedrive, &QPushButton::clicked, this, [this]() { decide(QStringLiteral("keep_pipedrive")); });
    connect(m_keepOstendo, &QPushButton::clicked, this, [this]() { decide(QStringLiteral("keep_ostendo")); });
    connect(m_merge, &QPushButton::clicked, this, [this]() { decide(QStringLiteral("merge")); });
    connect(m_link, &QPushButton::clicked, this, [this]() { decide(QStringLiteral("link")); });
    connect(m_keepSeparate, &QPushButton::clicked, this, [this]() { decide(QStringLiteral("keep_separate")); });
    connect(m_store, &StoreService::changed, this, &ConflictReviewWindow::reload);

    resize(1000, 700);
    showSelected();
    reload();
}

void ConflictReviewWindow::buildFilters(QWidget *bar)
{
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto addBox = [&](const QString &label, const QString &name) {
        auto *box = new QComboBox(bar);
        box->setObjectName(name);
        auto *l = new QLabel(label, bar);
        l->setBuddy(box);
        layout->addWidget(l);
        layout->addWidget(box);
        return box;
    };
    m_periodBox = addBox(tr("S&hown:"), QStringLiteral("periodFilter"));
    m_periodBox->addItem(tr("Last 7 days"), 7);
    m_periodBox->addItem(tr("Last 30 days"), 30);
    m_periodBox->addItem(tr("All time"), 0);
    m_statusBox = addBox(tr("S&tatus:"), QStringLiteral("statusFilter"));
    m_statusBox->addItem(tr("Any"), QString());
    for (ConflictStatus s :
         {ConflictStatus::PendingReview, ConflictStatus::AutoResolved, ConflictStatus::ManuallyResolved}) {
        m_statusBox->addItem(UiText::conflictStatus(s), StoreText::conflictStatus(s));
    }
    m_riskBox = addBox(tr("R&isk:"), QStringLiteral("riskFilter"));
    m_riskBox->addItem(tr("Any"), QString());
    for (Risk r : {Risk::High, Risk::Medium, Risk::Low}) {
        m_riskBox->addItem(UiText::risk(r), StoreText::risk(r));
    }
    m_entityBox = addBox(tr("Re&cords:"), QStringLiteral("entityFilter"));
    m_entityBox->addItem(tr("Customers and work items"), QString());
    m_entityBox->addItem(tr("Customers"), StoreText::entity(Entity::Customer));
    m_entityBox->addItem(tr("Work items"), StoreText::entity(Entity::WorkItem));
    layout->addStretch();

    auto changed = [this]() {
        m_periodDays = m_periodBox->currentData().toInt();
        ConflictStatus s;
        m_status = StoreText::parseConflictStatus(m_statusBox->currentData().toString(), &s)
                       ? std::optional<ConflictStatus>(s)
                       : std::nullopt;
        Risk r;
        m_risk = StoreText::parseRisk(m_riskBox->currentData().toString(), &r) ? std::optional<Risk>(r) : std::nullopt;
        Entity e;
        m_entity =
            StoreText::parseEntity(m_entityBox->currentData().toString(), &e) ? std::optional<Entity>(e) : std::nullopt;
        reload();
    };
    for (QComboBox *box : {m_periodBox, m_statusBox, m_riskBox, m_entityBox}) {
        connect(box, &QComboBox::activated, this, changed);
    }
}

void ConflictReviewWindow::setPeriodDays(int days)
{
    m_periodDays = days;
    m_periodBox->setCurrentIndex(qMax(0, m_periodBox->findData(days)));
    reload();
}

void ConflictReviewWindow::setStatusFilter(std::optional<ConflictStatus> status)
{
    m_status = status;
    m_statusBox->setCurrentIndex(
        qMax(0, m_statusBox->findData(status ? StoreText::conflictStatus(*status) : QString())));
    reload();
}

void ConflictReviewWindow::setRiskFilter(std::optional<Risk> risk)
{
    m_risk = risk;
    m_riskBox->setCurrentIndex(qMax(0, m_riskBox->findData(risk ? StoreText::risk(*risk) : QString())));
    reload();
}

void ConflictReviewWindow::setEntityFilter(std::optional<Entity> entity)
{
    m_entity = entity;
    m_entityBox->setCurrentIndex(qMax(0, m_entityBox->findData(entity ? StoreText::entity(*entity) : QString())));
    reload();
}

void ConflictReviewWindow::reload()
{
    if (m_wantedSelection.isEmpty()) {
        m_wantedSelection = selectedConflictIds();
    }
    ConflictFilter filter;
    filter.status = m_status;
    filter.risk = m_risk;
    filter.entity = m_entity;
    if (m_periodDays > 0) {
        filter.detectedSince = Clock::current().nowUtc().addDays(-m_periodDays);
    }
    const quint64 generation = ++m_generation;
    m_store->run<QList<ConflictRow>>(
        this,
        [filter](SyncStore &store) {
            QList<ConflictRow> rows;
            QHash<qint64, QString> names;
            QList<ConflictRecord> conflicts = store.conflicts(filter);
            // The period never hides a conflict that still waits for a person: the tray counts those too.
            if (filter.detectedSince.isValid() && (!filter.status || *filter.status == ConflictStatus::PendingReview)) {
                ConflictFilter waiting = filter;
                waiting.detectedSince = QDateTime();
                waiting.status = ConflictStatus::PendingReview;
                QList<ConflictRecord> merged = store.conflicts(waiting);
                for (const ConflictRecord &c : std::as_const(conflicts)) {
                    if (c.conflict.status != ConflictStatus::PendingReview) {
                        merged.append(c);
                    }
                }
                conflicts = merged;
            }
            rows.reserve(conflicts.size());
            for (const ConflictRecord &c : conflicts) {
                ConflictRow row;
                row.conflict = c;
                if (c.linkId) {
                    auto it = names.find(c.linkId);
                    if (it == names.end()) {
                        const std::optional<Link> link = store.link(c.linkId);
                        it = names.insert(c.linkId, link ? link->displayName : QString());
                    }
                    row.displayName = it.value();
                }
                if (row.displayName.isEmpty()) {
                    row.displayName = nameFromFields(c);
                }
                rows.append(row);
            }
            return rows;
        },
        [this, generation](const QList<ConflictRow> &rows) {
            if (generation != m_generation) {
                return; // a newer request is on its way; showing this one would flicker stale rows
            }
            const QList<qint64> wanted = m_wantedSelection;
            m_wantedSelection.clear();
            m_listModel->setRows(rows);
            const int waiting = int(std::count_if(rows.cbegin(), rows.cend(), [](const ConflictRow &r) {
                return r.conflict.conflict.status == ConflictStatus::PendingReview;
            }));
            m_summary->setText(tr("%n conflict(s) shown, ", nullptr, int(rows.size())) +
                               tr("%n waiting for you.", nullptr, waiting));
            setWindowTitle(waiting ? tr("Conflict review (%n waiting)", nullptr, waiting) : tr("Conflict review"));
            selectConflicts(wanted);
            emit reloaded();
        });
}

void ConflictReviewWindow::selectConflicts(const QList<qint64> &ids)
{
    QItemSelection selection;
    QModelIndex first;
    for (qint64 id : ids) {
        const int row = m_listModel->rowOfConflict(id);
        if (row < 0) {
            continue;
        }
        const QModelIndex proxyIndex = m_proxy->mapFromSource(m_listModel->index(row, 0));
        if (!first.isValid()) {
            first = proxyIndex;
        }
        selection.select(proxyIndex, proxyIndex.siblingAtColumn(ConflictListModel::ColumnCount - 1));
    }
    if (!first.isValid() && m_proxy->rowCount() > 0) {
        first = m_proxy->index(0, 0);
        selection.select(first, first.siblingAtColumn(ConflictListModel::ColumnCount - 1));
    }
    m_list->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) {
        m_list->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_list->scrollTo(first);
    }
    showSelected();
}

QList<qint64> ConflictReviewWindow::selectedConflictIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        ids << index.data(UiRoles::IdRole).toLongLong();
    }
    return ids;
}

QList<ConflictRow> ConflictReviewWindow::selectedRows() const
{
    QList<ConflictRow> rows;
    const QModelIndexList selected = m_list->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected) {
        if (const ConflictRow *row = m_listModel->rowAt(m_proxy->mapToSource(index).row())) {
            rows << *row;
        }
    }
    return rows;
}

void ConflictReviewWindow::showSelected()
{
    const QList<ConflictRow> rows = selectedRows();
    if (rows.isEmpty()) {
        m_fieldModel->clear();
        m_title->setText(m_listModel->rowCount() ? tr("Select a conflict to see both sides.")
                                                 : tr("Nothing to review here."));
        m_rule->clear();
        m_state->clear();
        updateButtons();
        return;
    }
    // With several selected, the first is shown; a Keep decision applies to all of them.
    const ConflictRow &row = rows.constFirst();
    const ConflictRecord &c = row.conflict;
    m_fieldModel->setEditable(c.conflict.status != ConflictStatus::ManuallyResolved &&
                              c.conflict.kind != ConflictKind::Duplicate);
    m_fieldModel->setConflict(c);
    QString title = UiText::entity(c.conflict.entity) + QStringLiteral(": ") + row.displayName + QStringLiteral(" — ") +
                    UiText::conflictKind(c.conflict.kind);
    if (rows.size() > 1) {
        title += QLatin1Char(' ') + tr("(and %n more selected)", nullptr, int(rows.size() - 1));
    }
    m_title->setText(title);
    switch (c.conflict.status) {
    case ConflictStatus::PendingReview:
        m_rule->setText(tr("Why it waits for you: %1").arg(c.conflict.rule));
        m_state->setText(tr("Nothing has been written for this record yet. Found %1, %2 risk.")
                             .arg(UiText::time(c.detectedAt), UiText::risk(c.conflict.risk).toLower()));
        break;
    case ConflictStatus::AutoResolved:
        m_rule->setText(tr("Settled by the rule: %1").arg(c.conflict.rule));
        m_state->setText(tr("Found %1, %2 risk. You can still override it with a decision below.")
                             .arg(UiText::time(c.detectedAt), UiText::risk(c.conflict.risk).toLower()));
        break;
    case ConflictStatus::ManuallyResolved:
        m_rule->setText(tr("The rule said: %1").arg(c.conflict.rule));
        m_state->setText(c.appliedAt.isValid()
                             ? tr("%1 by %2 on %3; written to both systems %4.")
                                   .arg(UiText::decision(c.decision), c.decidedBy, UiText::time(c.decidedAt),
                                        UiText::time(c.appliedAt))
                             : tr("%1 by %2 on %3; waiting to be written to both systems.")
                                   .arg(UiText::decision(c.decision), c.decidedBy, UiText::time(c.decidedAt)));
        break;
    }
    if (m_fieldModel->rowCount() > 0) {
        // Current without being selected: a selection colour would hide the highlight on the differing values.
        m_fields->selectionModel()->setCurrentIndex(m_fieldModel->index(0, ConflictFieldModel::ResultColumn),
                                                    QItemSelectionModel::NoUpdate);
    }
    m_fields->resizeRowsToContents();
    updateButtons();
}

void ConflictReviewWindow::updateButtons()
{
    const QList<ConflictRow> rows = selectedRows();
    bool allOpen = !rows.isEmpty();
    bool allDuplicates = !rows.isEmpty();
    bool noDuplicates = !rows.isEmpty();
    for (const ConflictRow &r : rows) {
        allOpen = allOpen && r.conflict.conflict.status != ConflictStatus::ManuallyResolved;
        allDuplicates = allDuplicates && r.conflict.conflict.kind == ConflictKind::Duplicate;
        noDuplicates = noDuplicates && r.conflict.conflict.kind != ConflictKind::Duplicate;
    }
    m_keepPipedrive->setEnabled(allOpen && noDuplicates);
    m_keepOstendo->setEnabled(allOpen && noDuplicates);
    // A merge is chosen field by field, so it is for one conflict at a time.
    m_merge->setEnabled(allOpen && noDuplicates && rows.size() == 1 && m_fieldModel->rowCount() > 0);
    m_link->setEnabled(allOpen && allDuplicates);
    m_keepSeparate->setEnabled(allOpen && allDuplicates);
    const bool canPick = allOpen && noDuplicates && rows.size() == 1 && m_fields->currentIndex().isValid();
    m_usePipedrive->setEnabled(canPick);
    m_useOstendo->setEnabled(canPick);
}

void ConflictReviewWindow::useSide(int side)
{
    const QModelIndex current = m_fields->currentIndex();
    if (current.isValid()) {
        m_fieldModel->useSide(current.row(), System(side));
    }
}

void ConflictReviewWindow::decide(const QString &decision)
{
    const QList<ConflictRow> rows = selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    QJsonObject values;
    if (decision == QLatin1String("merge")) {
        if (!m_fieldModel->allChosen()) {
            showMessage(tr("Choose a value for every field first: double-click a system's value, or type one in "
                           "the \"Will become\" column."),
                        true);
            return;
        }
        values = m_fieldModel->mergeValues();
    }
    QList<qint64> ids;
    for (const ConflictRow &r : rows) {
        ids << r.conflict.id;
    }
    const QString by = m_userName;
    const QDateTime at = Clock::current().nowUtc();
    m_wantedSelection = ids;
    setEnabled(false); // one decision at a time; the answer comes back in a moment
    m_store->run<RecordOutcome>(
        this,
        [ids, decision, values, by, at](SyncStore &store) {
            RecordOutcome outcome;
            for (qint64 id : ids) {
                if (store.recordDecision(id, decision, values, by, at)) {
                    outcome.recorded << id;
                } else {
                    outcome.problems << store.lastError();
                }
            }
            return outcome;
        },
        [this, decision](const RecordOutcome &outcome) {
            setEnabled(true);
            if (!outcome.recorded.isEmpty()) {
                if (m_controller) {
                    m_controller->applyDecisions();
                }
                emit decisionsRecorded(outcome.recorded);
            }
            if (!outcome.problems.isEmpty()) {
                showMessage(outcome.problems.join(QLatin1Char(' ')), true);
            } else if (outcome.recorded.isEmpty()) {
                showMessage(tr("Nothing was recorded: the sync state is not open."), true);
            } else {
                const QString done = tr("%1: recorded for %n conflict(s).", nullptr, int(outcome.recorded.size()))
                                         .arg(UiText::decision(decision));
                showMessage(m_controller ? done + QLatin1Char(' ') + tr("TurfDrive is writing it to both systems now.")
                                         : done + QLatin1Char(' ') + tr("It will be written at the next sync."),
                            false);
            }
            m_store->notifyChanged();
        });
}

void ConflictReviewWindow::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

QString ConflictReviewWindow::messageText() const
{
    return m_message->text();
}

QString ConflictReviewWindow::ruleText() const
{
    return m_rule->text();
}

QString ConflictReviewWindow::titleText() const
{
    return m_title->text();
}

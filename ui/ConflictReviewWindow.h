// The conflict review window: the conflicts of the last days (pending first), one selected conflict side by
// side with each system's name and change time, and the decisions a person can record. Decisions go to the
// store with who and when; the engine is asked to apply them at once.
#pragma once

#include "ConflictRow.h"

#include <QPointer>
#include <QWidget>

class ConflictFieldModel;
class ConflictListModel;
class FilterProxyModel;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class StoreService;
class SyncController;

class ConflictReviewWindow : public QWidget
{
    Q_OBJECT
public:
    ConflictReviewWindow(StoreService *store, SyncController *controller, QWidget *parent = nullptr);

    // Who decisions are recorded as; the login name unless set.
    void setUserName(const QString &name) { m_userName = name; }
    QString userName() const { return m_userName; }

    // Filters; each reloads the list. Days 0 shows every conflict however old.
    void setPeriodDays(int days);
    void setStatusFilter(std::optional<ConflictStatus> status);
    void setRiskFilter(std::optional<Risk> risk);
    void setEntityFilter(std::optional<Entity> entity);

    // Selects these conflicts in the list (the first becomes the one shown side by side).
    void selectConflicts(const QList<qint64> &ids);
    QList<qint64> selectedConflictIds() const;

    ConflictListModel *listModel() const { return m_listModel; }
    ConflictFieldModel *fieldModel() const { return m_fieldModel; }
    QTableView *listView() const { return m_list; }
    QTableView *fieldView() const { return m_fields; }
    QPushButton *keepPipedriveButton() const { return m_keepPipedrive; }
    QPushButton *keepOstendoButton() const { return m_keepOstendo; }
    QPushButton *mergeButton() const { return m_merge; }
    QPushButton *linkButton() const { return m_link; }
    QPushButton *keepSeparateButton() const { return m_keepSeparate; }
    QPushButton *usePipedriveButton() const { return m_usePipedrive; }
    QPushButton *useOstendoButton() const { return m_useOstendo; }
    QString messageText() const;
    QString ruleText() const;
    QString titleText() const;

public slots:
    void reload();

signals:
    void reloaded();
    void decisionsRecorded(const QList<qint64> &conflictIds);

private:
    void buildFilters(QWidget *bar);
    void showSelected();
    void updateButtons();
    void decide(const QString &decision);
    void useSide(int side);
    QList<ConflictRow> selectedRows() const;
    void showMessage(const QString &text, bool problem);

    StoreService *m_store;
    QPointer<SyncController> m_controller;
    QString m_userName;
    int m_periodDays = 7;
    std::optional<ConflictStatus> m_status;
    std::optional<Risk> m_risk;
    std::optional<Entity> m_entity;
    QList<qint64> m_wantedSelection;
    quint64 m_generation = 0;

    ConflictListModel *m_listModel;
    FilterProxyModel *m_proxy;
    ConflictFieldModel *m_fieldModel;
    QComboBox *m_periodBox = nullptr;
    QComboBox *m_statusBox = nullptr;
    QComboBox *m_riskBox = nullptr;
    QComboBox *m_entityBox = nullptr;
    QLabel *m_summary;
    QTableView *m_list;
    QLabel *m_title;
    QLabel *m_rule;
    QLabel *m_state;
    QTableView *m_fields;
    QPushButton *m_usePipedrive;
    QPushButton *m_useOstendo;
    QPushButton *m_keepPipedrive;
    QPushButton *m_keepOstendo;
    QPushButton *m_merge;
    QPushButton *m_link;
    QPushButton *m_keepSeparate;
    QLabel *m_message;
};

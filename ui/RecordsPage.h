// One tab of the main window: the customers (or work items) with a status dot, both systems' ids and the last
// sync, searchable and filterable by status; the selected record's fields on each side, conflicts and log rows.
#pragma once

#include "store/StoreTypes.h"

#include <QWidget>

class FilterProxyModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStandardItemModel;
class QTableView;
class RecordTableModel;
class StoreService;

class RecordsPage : public QWidget
{
    Q_OBJECT
public:
    RecordsPage(Entity entity, StoreService *store, QWidget *parent = nullptr);

    RecordTableModel *model() const { return m_model; }
    FilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *statusBox() const { return m_status; }
    QStandardItemModel *fieldsModel() const { return m_fieldsModel; }
    QString detailText() const;
    qint64 shownLinkId() const { return m_shownLinkId; }

    void selectLink(qint64 linkId);

public slots:
    void reload();

signals:
    void reloaded();
    void detailShown(qint64 linkId);
    // The record's status dot was activated: show its rows in the sync log.
    void logRequested(qint64 linkId);

private:
    void showDetail();
    void applyStatusFilter();

    Entity m_entity;
    StoreService *m_store;
    RecordTableModel *m_model;
    FilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_status;
    QLabel *m_count;
    QTableView *m_view;
    QLabel *m_title;
    QTableView *m_fields;
    QStandardItemModel *m_fieldsModel;
    QPlainTextEdit *m_detail;
    qint64 m_shownLinkId = 0;
    qint64 m_wantedLinkId = 0;
    quint64 m_generation = 0;
    quint64 m_detailGeneration = 0;
};

// The sync log window: the structured log as a table, filtered by time, record kind, action, result and record,
// a row's full detail, and JSON Lines export of everything the filters match.
#pragma once

#include "store/StoreTypes.h"

#include <QWidget>

class FilterProxyModel;
class LogTableModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class StoreService;

class SyncLogWindow : public QWidget
{
    Q_OBJECT
public:
    explicit SyncLogWindow(StoreService *store, QWidget *parent = nullptr);

    // The most rows the table holds; export always writes every matching row.
    static constexpr int kRowLimit = 5000;

    LogFilter filter() const;
    void setHours(int hours); // 0: all time
    void setEntity(const QString &storedEntity);
    void setAction(const QString &storedAction);
    void setErrorsOnly(bool errorsOnly);
    // Shows only this record's rows (0: every record).
    void showLink(qint64 linkId, const QString &name = QString());

    LogTableModel *model() const { return m_model; }
    FilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QPushButton *exportButton() const { return m_export; }
    QString detailText() const;
    QString statusText() const;

public slots:
    void reload();
    // Writes the rows matching the filters as JSON Lines; exported() tells the outcome.
    void exportTo(const QString &path);

signals:
    void reloaded();
    void exported(qint64 rows, const QString &error);

private:
    void chooseExportFile();
    void showDetail();

    StoreService *m_store;
    LogTableModel *m_model;
    FilterProxyModel *m_proxy;
    QComboBox *m_time;
    QComboBox *m_entity;
    QComboBox *m_action;
    QComboBox *m_result;
    QLineEdit *m_search;
    QLabel *m_record;
    QPushButton *m_allRecords;
    QPushButton *m_export;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QLabel *m_status;
    qint64 m_linkId = 0;
    quint64 m_generation = 0;
};

// The recent-activity tab: the latest runs, newest first, each opening onto what it did.
#pragma once

#include <QWidget>

class ActivityModel;
class QTreeView;
class StoreService;

class ActivityPage : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPage(StoreService *store, QWidget *parent = nullptr);

    ActivityModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

public slots:
    void reload();

signals:
    void reloaded();
    void logRequested(qint64 linkId);

private:
    StoreService *m_store;
    ActivityModel *m_model;
    QTreeView *m_view;
};

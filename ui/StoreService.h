// Lets the widgets read and write the state store without ever blocking the GUI thread: a SyncStore connection
// of its own lives on a worker thread (WAL lets it read while the engine writes); each request runs there and
// its result comes back to the GUI thread as a value.
#pragma once

#include "store/SyncStore.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

class StoreService : public QObject
{
    Q_OBJECT
public:
    explicit StoreService(QObject *parent = nullptr);
    ~StoreService() override;

    // Opens the database on the worker thread; opened() tells how it went.
    void open(const QString &path);
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    // Requests sent whose answer has not been delivered yet; tests wait for 0.
    int pendingRequests() const { return m_pending; }

    // Runs work(store) on the worker thread and then done(result) on the GUI thread, unless `context` was
    // destroyed meanwhile. Results must be values: nothing may refer to the store once work returns.
    template <typename Result>
    void run(QObject *context, std::function<Result(SyncStore &)> work, std::function<void(const Result &)> done)
    {
        ++m_pending;
        QPointer<QObject> guard(context);
        auto store = m_store;
        QMetaObject::invokeMethod(
            m_worker,
            [this, guard, store, work = std::move(work), done = std::move(done)]() mutable {
                Result result = (*store && (*store)->isOpen()) ? work(**store) : Result{};
                QMetaObject::invokeMethod(
                    this,
                    [this, guard, result = std::move(result), done = std::move(done)]() {
                        --m_pending;
                        if (guard) {
                            done(result);
                        }
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Tells every view that something it shows may have changed (a decision recorded here, a run finished).
    void notifyChanged() { emit changed(); }

signals:
    void opened(bool ok, const QString &error);
    void changed();

private:
    QThread m_thread;
    QObject *m_worker = nullptr;
    // Created, used and destroyed on the worker thread only; shared so queued work can hold it safely.
    std::shared_ptr<std::unique_ptr<SyncStore>> m_store;
    QString m_path;
    bool m_open = false;
    int m_pending = 0;
};

#include "StoreService.h"

#include "util/Logging.h"

StoreService::StoreService(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
    , m_store(std::make_shared<std::unique_ptr<SyncStore>>())
{
    m_thread.setObjectName(QStringLiteral("turfdrive-ui-store"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

StoreService::~StoreService()
{
    // The connection must be closed on the thread that opened it.
    auto store = m_store;
    QMetaObject::invokeMethod(
        m_worker, [store]() { store->reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void StoreService::open(const QString &path)
{
    m_path = path;
    // Opening is the one request that works on the holder rather than on an open store.
    ++m_pending;
    auto store = m_store;
    QMetaObject::invokeMethod(
        m_worker,
        [this, store, path]() {
            *store = std::make_unique<SyncStore>();
            const bool ok = (*store)->open(path);
            const QString error = ok ? QString() : (*store)->lastError();
            if (!ok) {
                store->reset();
            }
            QMetaObject::invokeMethod(
                this,
                [this, ok, error]() {
                    --m_pending;
                    m_open = ok;
                    if (!ok) {
                        qCWarning(lcUi) << "could not open the state store:" << error;
                    }
                    emit opened(ok, error);
                    emit changed();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

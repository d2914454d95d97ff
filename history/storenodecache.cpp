#include "storenodecache.h"

#include "storedb.h"

#include <QThread>

namespace Flow {

// Lives in the cache's thread and owns its connection.
class StoreNodeCache::Worker : public QObject
{
public:
    explicit Worker(const QString &path)
        : m_path(path)
    {}

    // Opened on first use, and again after a failure: the file may not exist yet when the cache
    // is made (the app's RunStore creates it in its own thread).
    StoreDb *db()
    {
        if (!m_db)
            m_db = std::make_unique<StoreDb>();
        if (!m_db->isOpen())
            m_db->open(m_path, StoreDb::OpenMode::ExistingOnly);
        return m_db->isOpen() ? m_db.get() : nullptr;
    }

    void close() { m_db.reset(); }

private:
    QString m_path;
    std::unique_ptr<StoreDb> m_db;
};

StoreNodeCache::StoreNodeCache(const QString &path)
    : m_path(path)
    , m_thread(new QThread)
    , m_worker(std::make_unique<Worker>(path))
{
    m_thread->setObjectName(QStringLiteral("RunStore cache"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

StoreNodeCache::~StoreNodeCache()
{
    // Queued after every store(): those are written before the connection closes.
    QMetaObject::invokeMethod(
        m_worker.get(), [w = m_worker.get()] { w->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

std::optional<CacheHit> StoreNodeCache::lookup(const QByteArray &key)
{
    std::optional<CacheHit> hit;
    const auto find = [&] {
        if (StoreDb *db = m_worker->db()) {
            if (auto found = db->lookupCached(key))
                hit = CacheHit{std::move(found->first), std::move(found->second)};
        }
    };
    if (QThread::currentThread() == m_thread)
        find();
    else
        QMetaObject::invokeMethod(m_worker.get(), find, Qt::BlockingQueuedConnection);
    return hit;
}

void StoreNodeCache::store(const QByteArray &key, const QVariantMap &outputs, const QString &runId)
{
    // A result that cannot be kept (locked file, no history) is only a later cache miss.
    QMetaObject::invokeMethod(
        m_worker.get(),
        [w = m_worker.get(), key, outputs, runId] {
            if (StoreDb *db = w->db())
                db->storeCached(key, outputs, runId);
        },
        Qt::QueuedConnection);
}

} // namespace Flow

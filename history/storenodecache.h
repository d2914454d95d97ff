#pragma once

#include "runs/nodecache.h"

#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Flow {

// The result cache of `cache: true` nodes kept in the run history file (its node_cache table):
// outputs survive the process, are shared by flowrun and the app, and each names the run that
// computed it. The file must exist (RunStore creates and migrates it); until it does, nothing is
// found and nothing is kept.
//
// Qt Sql uses a connection only in the thread that opened it, and the executor calls from any of
// its workers: so the connection lives in a thread of its own. lookup() waits for that thread (a
// worker may block; the GUI thread never calls this), store() only queues.
class StoreNodeCache : public NodeCache
{
public:
    explicit StoreNodeCache(const QString &path);
    // Writes what store() queued, then closes the file. No run may use the cache any more.
    ~StoreNodeCache() override;
    StoreNodeCache(const StoreNodeCache &) = delete;
    StoreNodeCache &operator=(const StoreNodeCache &) = delete;

    QString path() const { return m_path; }

    std::optional<CacheHit> lookup(const QByteArray &key) override;
    void store(const QByteArray &key, const QVariantMap &outputs, const QString &runId) override;

private:
    class Worker;

    QString m_path;
    QThread *m_thread;
    std::unique_ptr<Worker> m_worker;
};

} // namespace Flow

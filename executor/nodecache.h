#pragma once

#include "runs/nodecache.h"

#include <QHash>

#include <mutex>

namespace Flow {

// SHA-256 (hex) over the node type, its resolved config and its inputs, each as canonical JSON
// (object keys sorted), so equal work gives equal keys across runs and processes.
QByteArray nodeCacheKey(const QString &type, const QVariantMap &config, const QVariantMap &inputs);

// The NodeCache of one process (tests, runs without a history). history/storenodecache.h keeps
// results across processes in the run history.
class MemoryNodeCache : public NodeCache
{
public:
    std::optional<CacheHit> lookup(const QByteArray &key) override;
    void store(const QByteArray &key, const QVariantMap &outputs, const QString &runId) override;

private:
    std::mutex m_mutex;
    QHash<QByteArray, CacheHit> m_entries;
};

} // namespace Flow

#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariantMap>

#include <mutex>
#include <optional>

namespace Flow {

// Outputs of nodes with `cache: true`, keyed by what determines them. The executor asks before it
// runs such a node and reports `node.cached` on a hit. RunStore implements it over SQLite; the
// in-memory one below serves tests and the single-process CLI. Implementations must be thread-safe:
// workers call them.
class NodeCache
{
public:
    virtual ~NodeCache() = default;
    virtual std::optional<QVariantMap> lookup(const QByteArray &key) = 0;
    virtual void store(const QByteArray &key, const QVariantMap &outputs) = 0;
};

// SHA-256 (hex) over the node type, its resolved config and its inputs, each as canonical JSON
// (object keys sorted), so equal work gives equal keys across runs and processes.
QByteArray nodeCacheKey(const QString &type, const QVariantMap &config, const QVariantMap &inputs);

class MemoryNodeCache : public NodeCache
{
public:
    std::optional<QVariantMap> lookup(const QByteArray &key) override;
    void store(const QByteArray &key, const QVariantMap &outputs) override;

private:
    std::mutex m_mutex;
    QHash<QByteArray, QVariantMap> m_entries;
};

} // namespace Flow

#pragma once

#include <QByteArray>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace Flow {

// A cached result: the outputs, and the run that computed them (empty when unknown).
struct CacheHit
{
    QVariantMap outputs;
    QString fromRun;
};

// Outputs of nodes with `cache: true`, keyed by what determines them (executor/nodecache.h makes
// the key). The executor asks before it runs such a node and reports `node.cached {outputs, run}` on a
// hit. Here in runs/ because the executor calls it and history/ implements it over SQLite
// (StoreNodeCache), and neither may depend on the other. Implementations must be thread-safe: workers
// call them, and may block in them (never the GUI thread).
class NodeCache
{
public:
    virtual ~NodeCache() = default;
    virtual std::optional<CacheHit> lookup(const QByteArray &key) = 0;
    // `runId`: the run whose node computed `outputs`, reported to later hits.
    virtual void store(const QByteArray &key, const QVariantMap &outputs, const QString &runId) = 0;
};

} // namespace Flow

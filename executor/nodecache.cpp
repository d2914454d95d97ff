#include "nodecache.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace Flow {

QByteArray nodeCacheKey(const QString &type, const QVariantMap &config, const QVariantMap &inputs)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(type.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    // QJsonObject keeps keys sorted, which makes the text canonical.
    hash.addData(QJsonDocument(QJsonObject::fromVariantMap(config)).toJson(QJsonDocument::Compact));
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(QJsonDocument(QJsonObject::fromVariantMap(inputs)).toJson(QJsonDocument::Compact));
    return hash.result().toHex();
}

std::optional<CacheHit> MemoryNodeCache::lookup(const QByteArray &key)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return std::nullopt;
    return *it;
}

void MemoryNodeCache::store(const QByteArray &key, const QVariantMap &outputs, const QString &runId)
{
    std::lock_guard lock(m_mutex);
    m_entries.insert(key, CacheHit{outputs, runId});
}

} // namespace Flow

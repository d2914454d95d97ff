#include "registry.h"

#include <algorithm>

namespace Flow {

void NodeRegistry::add(NodeTypeInfo info, NodeFactory factory)
{
    const QString id = info.id;
    if (auto it = m_index.constFind(id); it != m_index.cend()) {
        m_entries[*it] = Entry{std::move(info), std::move(factory)};
        return;
    }
    m_index.insert(id, m_entries.size());
    m_entries.append(Entry{std::move(info), std::move(factory)});
}

const NodeTypeInfo *NodeRegistry::find(QStringView typeId) const
{
    auto it = m_index.constFind(typeId.toString());
    return it == m_index.cend() ? nullptr : &m_entries.at(*it).info;
}

QList<const NodeTypeInfo *> NodeRegistry::all() const
{
    QList<const NodeTypeInfo *> result;
    result.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        result.append(&e.info);
    std::sort(result.begin(), result.end(), [](const NodeTypeInfo *a, const NodeTypeInfo *b) {
        return std::tie(a->category, a->id) < std::tie(b->category, b->id);
    });
    return result;
}

std::unique_ptr<NodeJob> NodeRegistry::create(QStringView typeId) const
{
    auto it = m_index.constFind(typeId.toString());
    if (it == m_index.cend() || !m_entries.at(*it).factory)
        return nullptr;
    return m_entries.at(*it).factory();
}

bool NodeRegistry::canRun(QStringView typeId) const
{
    auto it = m_index.constFind(typeId.toString());
    return it != m_index.cend() && bool(m_entries.at(*it).factory);
}

} // namespace Flow

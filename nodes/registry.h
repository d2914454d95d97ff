#pragma once

#include "model/nodetypeinfo.h"
#include "node.h"

#include <QHash>

#include <functional>
#include <memory>

namespace Flow {

using NodeFactory = std::function<std::unique_ptr<NodeJob>()>;

// The node types a run or an editor knows: metadata + factory. Read-only after setup, so one instance
// may be shared between threads; it holds no run state.
class NodeRegistry : public NodeTypeCatalog
{
public:
    NodeRegistry() = default;

    void add(NodeTypeInfo info, NodeFactory factory);

    const NodeTypeInfo *find(QStringView typeId) const override;
    QList<const NodeTypeInfo *> all() const override; // sorted by category, then id
    // Null when the type is unknown or has metadata only (no implementation yet).
    std::unique_ptr<NodeJob> create(QStringView typeId) const;
    bool canRun(QStringView typeId) const;

    // The built-in types of DESIGN.md §4 (metadata for all; implementations for those that exist).
    static const NodeRegistry &builtins();

private:
    struct Entry
    {
        NodeTypeInfo info;
        NodeFactory factory;
    };
    QList<Entry> m_entries;
    QHash<QString, qsizetype> m_index;
};

// The built-in node types as the model's catalog (what the validator, the palette and the CLI see):
// the one place that answers "which types are there", for every program and test.
const NodeTypeCatalog *builtinCatalog();

} // namespace Flow

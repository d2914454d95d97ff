#include "nodecommands.h"

#include "model/workflowdocument.h"

#include <algorithm>

namespace Flow {

// --- AddNodesCommand ---

AddNodesCommand::AddNodesCommand(WorkflowDocument *document, const QList<Node> &nodes,
                                 const QList<Edge> &extraEdges, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_nodes(nodes)
    , m_extraEdges(extraEdges)
{}

void AddNodesCommand::redo()
{
    for (const Node &node : std::as_const(m_nodes))
        m_document->addNode(node);
    for (const Edge &edge : std::as_const(m_extraEdges))
        m_document->addEdge(edge);
}

void AddNodesCommand::undo()
{
    // Reverse order: the extra edges were appended last to their targets' inputs, and nodes were
    // appended at the end of the list.
    for (auto it = m_extraEdges.crbegin(); it != m_extraEdges.crend(); ++it)
        m_document->removeEdge(*it);
    for (auto it = m_nodes.crbegin(); it != m_nodes.crend(); ++it)
        m_document->removeNode(it->id);
}

// --- RemoveNodeCommand ---

RemoveNodeCommand::RemoveNodeCommand(WorkflowDocument *document, const QString &id, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_id(id)
{}

void RemoveNodeCommand::redo()
{
    // What removeNode() takes away from the other nodes is captured now, in the state the removal
    // really happens in (earlier removals of the same macro have run already).
    const Workflow &wf = m_document->workflow();
    m_index = wf.indexOf(m_id);
    if (m_index < 0)
        return;
    m_node = wf.nodes.at(m_index);
    m_fed.clear();
    m_afterRefs.clear();
    for (const Node &other : wf.nodes) {
        if (other.id == m_id)
            continue;
        for (int i = 0; i < other.inputs.size(); ++i) {
            const InputBinding &b = other.inputs.at(i);
            if (b.sourceNode == m_id)
                m_fed.append({Edge{b.sourceNode, b.sourcePort, other.id, b.port}, i});
        }
        if (other.after.contains(m_id))
            m_afterRefs.append({other.id, other.after});
    }
    m_document->removeNode(m_id);
}

void RemoveNodeCommand::undo()
{
    if (m_index < 0)
        return;
    m_document->addNode(m_node, m_index);
    // Ascending original indices: each insert lands where the binding was.
    for (const FedInput &f : std::as_const(m_fed))
        m_document->addEdge(f.edge, f.index);
    for (const AfterRef &a : std::as_const(m_afterRefs))
        m_document->setAfter(a.node, a.after);
}

// --- RenameNodeCommand ---

RenameNodeCommand::RenameNodeCommand(WorkflowDocument *document, const QString &oldId, const QString &newId,
                                     QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_oldId(oldId)
    , m_newId(newId)
{}

void RenameNodeCommand::redo()
{
    m_document->renameNode(m_oldId, m_newId);
}

void RenameNodeCommand::undo()
{
    m_document->renameNode(m_newId, m_oldId);
}

// --- SetNodeSettingsCommand ---

SetNodeSettingsCommand::SetNodeSettingsCommand(WorkflowDocument *document, const QString &id,
                                               const Node &newSettings, int mergeKey, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_nodeId(id)
    , m_after(newSettings)
    , m_mergeKey(mergeKey)
{
    if (const Node *node = document->node(id))
        m_before = *node;
}

void SetNodeSettingsCommand::redo()
{
    m_document->setNodeSettings(m_nodeId, m_after);
}

void SetNodeSettingsCommand::undo()
{
    m_document->setNodeSettings(m_nodeId, m_before);
}

int SetNodeSettingsCommand::id() const
{
    return m_mergeKey == 0 ? -1 : 0x464c5753; // "FLWS"
}

bool SetNodeSettingsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetNodeSettingsCommand *>(other);
    if (o->m_mergeKey != m_mergeKey || o->m_nodeId != m_nodeId)
        return false;
    m_after = o->m_after;
    return true;
}

// --- SetAfterCommand ---

SetAfterCommand::SetAfterCommand(WorkflowDocument *document, const QString &id, const QStringList &after,
                                 QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_nodeId(id)
    , m_after(after)
{
    if (const Node *node = document->node(id))
        m_before = node->after;
}

void SetAfterCommand::redo()
{
    m_document->setAfter(m_nodeId, m_after);
}

void SetAfterCommand::undo()
{
    m_document->setAfter(m_nodeId, m_before);
}

} // namespace Flow

#include "workflowdocument.h"

#include <QRegularExpression>

#include <algorithm>

namespace Flow {

WorkflowDocument::WorkflowDocument(QObject *parent)
    : QObject(parent)
{}

const Node *WorkflowDocument::node(QStringView id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_workflow.nodes.at(i);
}

int WorkflowDocument::indexOf(QStringView id) const
{
    return m_index.value(id.toString(), -1);
}

Node *WorkflowDocument::findNode(QStringView id)
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_workflow.nodes[i];
}

void WorkflowDocument::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_workflow.nodes.size());
    for (int i = 0; i < int(m_workflow.nodes.size()); ++i)
        if (!m_index.contains(m_workflow.nodes.at(i).id))
            m_index.insert(m_workflow.nodes.at(i).id, i);
}

void WorkflowDocument::setWorkflow(const Workflow &workflow)
{
    m_workflow = workflow;
    rebuildIndex();
    emit reset();
    emit changed();
}

bool WorkflowDocument::addNode(const Node &node, int index)
{
    if (node.id.isEmpty() || indexOf(node.id) >= 0)
        return false;
    if (index < 0 || index > m_workflow.nodes.size())
        index = int(m_workflow.nodes.size());
    m_workflow.nodes.insert(index, node);
    if (index == m_workflow.nodes.size() - 1)
        m_index.insert(node.id, index);
    else
        rebuildIndex();
    emit nodeAdded(node.id);
    for (const InputBinding &b : node.inputs) {
        if (indexOf(b.sourceNode) >= 0)
            emit edgeAdded(Edge{b.sourceNode, b.sourcePort, node.id, b.port});
    }
    // Inputs elsewhere that named this id while it was missing become wires now.
    for (const Node &other : std::as_const(m_workflow.nodes)) {
        if (other.id == node.id)
            continue;
        for (const InputBinding &b : other.inputs) {
            if (b.sourceNode == node.id)
                emit edgeAdded(Edge{b.sourceNode, b.sourcePort, other.id, b.port});
        }
    }
    emit changed();
    return true;
}

bool WorkflowDocument::removeNode(const QString &id)
{
    const int index = indexOf(id);
    if (index < 0)
        return false;
    // Incoming wires go with the node; emit them so views drop their items first.
    for (const InputBinding &b : m_workflow.nodes.at(index).inputs) {
        if (indexOf(b.sourceNode) >= 0)
            emit edgeRemoved(Edge{b.sourceNode, b.sourcePort, id, b.port});
    }
    // Outgoing wires and `after` references are removed from the other nodes.
    for (Node &other : m_workflow.nodes) {
        if (other.id == id)
            continue;
        bool afterChanged = false;
        for (qsizetype i = other.inputs.size() - 1; i >= 0; --i) {
            const InputBinding b = other.inputs.at(i);
            if (b.sourceNode != id)
                continue;
            other.inputs.removeAt(i);
            emit edgeRemoved(Edge{b.sourceNode, b.sourcePort, other.id, b.port});
        }
        if (other.after.removeAll(id) > 0)
            afterChanged = true;
        if (afterChanged)
            emit nodeChanged(other.id);
    }
    m_workflow.nodes.removeAt(indexOf(id));
    rebuildIndex();
    emit nodeRemoved(id);
    emit changed();
    return true;
}

bool WorkflowDocument::setNodeSettings(const QString &id, const Node &settings)
{
    Node *node = findNode(id);
    if (!node)
        return false;
    Node updated = settings;
    updated.id = node->id;
    updated.inputs = node->inputs;
    updated.after = node->after;
    updated.position = node->position;
    updated.pos = node->pos;
    if (updated == *node)
        return true;
    *node = updated;
    emit nodeChanged(id);
    emit changed();
    return true;
}

bool WorkflowDocument::renameNode(const QString &oldId, const QString &newId)
{
    Node *node = findNode(oldId);
    if (!node || newId.isEmpty() || indexOf(newId) >= 0)
        return false;
    node->id = newId;
    rebuildIndex(); // a duplicated old id (invalid file) may now be found at another position
    for (Node &other : m_workflow.nodes) {
        for (InputBinding &b : other.inputs) {
            if (b.sourceNode == oldId)
                b.sourceNode = newId;
        }
        for (QString &a : other.after) {
            if (a == oldId)
                a = newId;
        }
    }
    for (OutputBinding &o : m_workflow.outputs) {
        if (o.sourceNode == oldId)
            o.sourceNode = newId;
    }
    emit nodeRenamed(oldId, newId);
    emit changed();
    return true;
}

bool WorkflowDocument::moveNode(const QString &id, const QPointF &position)
{
    Node *node = findNode(id);
    if (!node)
        return false;
    if (node->position == position)
        return true;
    node->position = position;
    emit nodeMoved(id, position);
    emit changed();
    return true;
}

bool WorkflowDocument::clearPosition(const QString &id)
{
    Node *node = findNode(id);
    if (!node)
        return false;
    if (!node->position)
        return true;
    node->position.reset();
    emit nodeChanged(id);
    emit changed();
    return true;
}

bool WorkflowDocument::addEdge(const Edge &edge, int index)
{
    Node *target = findNode(edge.toNode);
    if (!target || indexOf(edge.fromNode) < 0 || edge.toPort.isEmpty() || edge.fromPort.isEmpty())
        return false;
    if (target->input(edge.toPort))
        return false;
    if (index < 0 || index > target->inputs.size())
        index = int(target->inputs.size());
    target->inputs.insert(index, InputBinding{edge.toPort, edge.fromNode, edge.fromPort, {}});
    emit edgeAdded(edge);
    emit changed();
    return true;
}

bool WorkflowDocument::removeEdge(const Edge &edge)
{
    const int index = edgeIndex(edge);
    if (index < 0)
        return false;
    findNode(edge.toNode)->inputs.removeAt(index);
    emit edgeRemoved(edge);
    emit changed();
    return true;
}

int WorkflowDocument::edgeIndex(const Edge &edge) const
{
    const Node *target = node(edge.toNode);
    if (!target)
        return -1;
    const InputBinding wanted{edge.toPort, edge.fromNode, edge.fromPort, {}};
    const auto it = std::find(target->inputs.begin(), target->inputs.end(), wanted);
    return it == target->inputs.end() ? -1 : int(it - target->inputs.begin());
}

bool WorkflowDocument::setAfter(const QString &id, const QStringList &after)
{
    Node *node = findNode(id);
    if (!node)
        return false;
    if (node->after == after)
        return true;
    node->after = after;
    emit nodeChanged(id);
    emit changed();
    return true;
}

void WorkflowDocument::setMetadata(const QString &name, const QString &description,
                                   const QList<ParamSpec> &params, const Settings &settings,
                                   const QList<OutputBinding> &outputs)
{
    m_workflow.name = name;
    m_workflow.description = description;
    m_workflow.params = params;
    m_workflow.settings = settings;
    m_workflow.outputs = outputs;
    emit metadataChanged();
    emit changed();
}

QString WorkflowDocument::uniqueId(const QString &base) const
{
    static const QRegularExpression invalid(QStringLiteral("[^A-Za-z0-9_-]"));
    QString stem = base;
    stem.replace(invalid, QStringLiteral("_"));
    if (stem.isEmpty() || !(stem.at(0).isLetter() || stem.at(0) == u'_'))
        stem.prepend(u'n');
    if (indexOf(stem) < 0)
        return stem;
    for (int i = 2;; ++i) {
        const QString candidate = stem + u'_' + QString::number(i);
        if (indexOf(candidate) < 0)
            return candidate;
    }
}

} // namespace Flow

#include "runselection.h"

#include "expressions.h"

#include <QSet>

namespace Flow {

QStringList upstreamOf(const Node &node)
{
    QStringList ids;
    for (const InputBinding &b : node.inputs)
        ids.append(b.sourceNode);
    ids += node.after;
    collectReferencedNodes(node.config, ids);
    if (node.forEach.isString())
        ids += referencedNodes(node.forEach.toString());
    ids += referencedNodes(node.when);
    return ids;
}

Workflow workflowForNodes(const Workflow &workflow, const QStringList &ids)
{
    QSet<QString> keep;
    QStringList todo = ids;
    while (!todo.isEmpty()) {
        const QString id = todo.takeLast();
        const Node *node = workflow.node(id);
        if (!node || keep.contains(id))
            continue;
        keep.insert(id);
        todo += upstreamOf(*node);
    }
    Workflow part = workflow;
    part.nodes.clear();
    for (const Node &node : workflow.nodes) {
        if (keep.contains(node.id))
            part.nodes.append(node);
    }
    part.outputs.clear();
    for (const OutputBinding &o : workflow.outputs) {
        if (keep.contains(o.sourceNode))
            part.outputs.append(o);
    }
    return part;
}

} // namespace Flow

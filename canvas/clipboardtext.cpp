#include "clipboardtext.h"

#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <QCoreApplication>
#include <QSet>

namespace Flow {

PastePlan planPaste(const QByteArray &yaml, const WorkflowDocument &document)
{
    PastePlan plan;
    const LoadResult loaded = readWorkflow(yaml);
    if (!loaded.workflow || loaded.workflow->nodes.isEmpty()) {
        plan.error
            = QCoreApplication::translate("Flow::GraphController", "The clipboard holds no workflow nodes.");
        return plan;
    }
    const Workflow &pasted = *loaded.workflow;

    // New ids first: free in the document and among the ids already chosen for this paste.
    QHash<QString, QString> renamed;
    QSet<QString> taken;
    for (const Node &node : pasted.nodes) {
        QString id = document.uniqueId(node.id);
        for (int i = 2; taken.contains(id); ++i)
            id = document.uniqueId(node.id + u'_' + QString::number(i));
        taken.insert(id);
        renamed.insert(node.id, id);
    }
    // References inside the pasted group follow the renames; references to nodes outside it stay when
    // such a node exists (text pasted from an editor may wire into the graph), else they are dropped.
    auto resolve = [&](const QString &ref) -> QString {
        if (renamed.contains(ref))
            return renamed.value(ref);
        return document.node(ref) ? ref : QString();
    };
    for (const Node &source : pasted.nodes) {
        Node node = source;
        node.id = renamed.value(source.id);
        node.inputs.clear();
        for (InputBinding b : source.inputs) {
            b.sourceNode = resolve(b.sourceNode);
            if (!b.sourceNode.isEmpty())
                node.inputs.append(b);
        }
        node.after.clear();
        for (const QString &a : source.after) {
            const QString r = resolve(a);
            if (!r.isEmpty() && !node.after.contains(r))
                node.after.append(r);
        }
        plan.nodes.append(node);
    }
    return plan;
}

} // namespace Flow

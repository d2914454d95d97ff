#pragma once

#include "model/workflow.h"

#include <QStringList>

namespace Flow {

// "Run the selected nodes only": the part of `workflow` that `ids` need, i.e. those nodes and,
// transitively, every node they wait for (inputs, `after`, and nodes named in expressions), in file
// order. A selected node cannot run without its inputs, so its upstream runs too (as KNIME does);
// nothing downstream of the selection runs. Workflow outputs whose source is left out are dropped.
// Unknown ids are ignored; an empty result means nothing to run.
Workflow workflowForNodes(const Workflow &workflow, const QStringList &ids);

// The ids `node` waits for: input sources, `after`, and nodes named in its expressions (config,
// for_each, when). May repeat ids and name nodes that do not exist.
QStringList upstreamOf(const Node &node);

} // namespace Flow

#pragma once

#include "diagnostic.h"
#include "workflow.h"

#include <vector>

namespace Flow {

// One diagnostic per dependency cycle (a strongly connected group of nodes): "cycle: a → b → c → a",
// starting at the node of the group that comes first in the file, in the direction data flows.
// Self-references are left to the caller. `expressionDependencies[i]` holds the node ids that the
// expressions of node i read (empty when there are none).
void findCycles(const Workflow &workflow, const std::vector<QStringList> &expressionDependencies,
                Diagnostics &diagnostics);

} // namespace Flow

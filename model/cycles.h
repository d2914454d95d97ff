#pragma once

#include "diagnostic.h"
#include "workflow.h"

namespace Flow {

// One diagnostic per dependency cycle (a strongly connected group of nodes): "cycle: a → b → c → a",
// starting at the node of the group that comes first in the file, in the direction data flows.
// Self-references are left to the caller.
void findCycles(const Workflow &workflow, Diagnostics &diagnostics);

} // namespace Flow

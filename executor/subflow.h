#pragma once

// flow.subflow: runs another workflow file as one attempt of one node. Lives in the executor, not in
// nodes/, because it needs a whole run of its own (nodes/ may not depend on the executor).

#include "attempt.h"

namespace Flow {

QString subflowTypeId(); // "flow.subflow"

// One attempt of a flow.subflow node: reads and validates the file named by config `path`
// (relative to the calling workflow's file), runs it with params from config `params` and the
// node's inputs (an input wins over a `params` entry of the same name), and returns the
// sub-workflow's `outputs:` as the node's outputs.
//
// While it runs, every event of the sub-run is re-announced through host.nestedEvent() under
// "node/child" (so seq stays one sequence per run), and the node's progress is done/total of the
// sub-workflow's own nodes. A cancel of the node or its timeout cancels the sub-run; its nodes end
// `node.cancelled` before this returns, so no process of it outlives the attempt. The sub-run
// takes the calling run's on_error policy when the sub-workflow sets none. Each retry of the node
// is a new sub-run from scratch. A file that does not load, does not validate, or would include
// a workflow already running around it fails the attempt without a retry.
AttemptResult runSubflowAttempt(const NodeRegistry &registry, AttemptHost &host, AttemptRequest request);

} // namespace Flow

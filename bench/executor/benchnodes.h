#pragma once

namespace Flow {
class NodeRegistry;
}

namespace Flow::Bench {
// `bench.noop`: a node that does nothing, to measure what the scheduler itself costs; `bench.log`: logs
// config `lines` lines as fast as it can. In a file of its
// own: nodes/node.h and model/workflow.h cannot meet in one translation unit.
const NodeRegistry &benchRegistry();
} // namespace Flow::Bench

#pragma once

namespace Flow {
class NodeTypeCatalog;
}

namespace Flow::Studio {

// The built-in node types. In a file of its own because nodes/node.h (the runnable Flow::Node) and
// model/workflow.h (the Flow::Node of a workflow) cannot be included in the same translation unit.
const NodeTypeCatalog *builtinCatalog();

} // namespace Flow::Studio

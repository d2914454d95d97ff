#pragma once

namespace Flow {

class NodeTypeCatalog;

// NodeRegistry::builtins() as a catalog. Kept apart because nodes/node.h (the runtime Flow::Node) and
// model/workflow.h (the Flow::Node of a document) cannot be included in one translation unit.
const NodeTypeCatalog *defaultCatalog();

} // namespace Flow

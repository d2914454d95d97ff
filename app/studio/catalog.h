#pragma once

namespace Flow {
class NodeTypeCatalog;
}

namespace Flow::Studio {

// The built-in node types (NodeRegistry::builtins() as a catalog).
const NodeTypeCatalog *builtinCatalog();

} // namespace Flow::Studio

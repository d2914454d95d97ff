#pragma once

namespace Flow {

class NodeTypeCatalog;

// NodeRegistry::builtins() as a catalog.
const NodeTypeCatalog *defaultCatalog();

} // namespace Flow

#include "catalog.h"

#include "nodes/registry.h"

namespace Flow::Studio {

const NodeTypeCatalog *builtinCatalog()
{
    return &NodeRegistry::builtins();
}

} // namespace Flow::Studio

#include "builtincatalog.h"

#include "nodes/registry.h"

namespace Flow::Test {

const NodeTypeCatalog *builtinCatalog()
{
    return &NodeRegistry::builtins();
}

} // namespace Flow::Test

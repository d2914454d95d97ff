#include "roundtrip.h"

#include "nodes/registry.h"

namespace Flow::Fuzz {

const NodeTypeCatalog *builtinCatalog()
{
    return &NodeRegistry::builtins();
}

} // namespace Flow::Fuzz

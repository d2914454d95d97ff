#include "defaultcatalog.h"

#include "nodes/registry.h"

namespace Flow {

const NodeTypeCatalog *defaultCatalog()
{
    return &NodeRegistry::builtins();
}

} // namespace Flow

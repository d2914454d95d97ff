#include "cliutil.h"

#include "nodes/registry.h"

namespace Flow::Cli {

const NodeTypeCatalog *builtinCatalog()
{
    return &NodeRegistry::builtins();
}

} // namespace Flow::Cli

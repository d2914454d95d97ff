#include "flownodes.h"

namespace Flow {

void ValueNode::run(NodeContext &context)
{
    context.setOutput(QStringLiteral("value"), context.config(QStringLiteral("value")));
}

} // namespace Flow

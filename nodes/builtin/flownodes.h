#pragma once

#include "nodes/node.h"

namespace Flow {

// flow.value: outputs its config `value` as `value`. With `${{ params.x }}` (a whole-string expression
// keeps its type) it is how a sub-workflow hands a param to a node's input port: "Extract selection
// into subflow" makes one for every wire that came into the selection from outside.
class ValueNode : public NodeJob
{
public:
    explicit ValueNode(QVariantMap) {}
    void run(NodeContext &context) override;
};

} // namespace Flow

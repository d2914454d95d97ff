#include "benchnodes.h"

#include "nodes/registry.h"

namespace Flow::Bench {
namespace {

class NoopNode : public Node
{
public:
    void run(NodeContext &) override {}
};

} // namespace

const NodeRegistry &benchRegistry()
{
    static const NodeRegistry registry = [] {
        NodeRegistry r;
        NodeTypeInfo info;
        info.id = QStringLiteral("bench.noop");
        info.title = info.id;
        info.category = QStringLiteral("Bench");
        info.inputs = {{QStringLiteral("in"), {}}};
        info.outputs = {{QStringLiteral("out"), {}}};
        r.add(info, [] { return std::make_unique<NoopNode>(); });
        return r;
    }();
    return registry;
}

} // namespace Flow::Bench

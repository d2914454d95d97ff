#include "benchnodes.h"

#include "nodes/registry.h"

namespace Flow::Bench {
namespace {

class NoopNode : public NodeJob
{
public:
    void run(NodeContext &) override {}
};

// Logs `lines` lines as fast as it can: the log path from a worker to the listeners.
class LogNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        const int lines = c.config(QStringLiteral("lines")).toInt();
        for (int i = 0; i < lines; ++i)
            c.log(LogStream::Stdout, QStringLiteral("log line number %1 with some text").arg(i));
    }
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
        NodeTypeInfo log = info;
        log.id = QStringLiteral("bench.log");
        r.add(log, [] { return std::make_unique<LogNode>(); });
        return r;
    }();
    return registry;
}

} // namespace Flow::Bench

#include "testnodes.h"

#include "nodes/registry.h"

#include <QElapsedTimer>
#include <QThread>

#include <stdexcept>

namespace Flow::Test {
namespace {

class NoopNode : public NodeJob
{
public:
    void run(NodeContext &) override {}
};

class EchoNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        const QVariantMap config = c.config();
        c.setOutput("value", config.contains("value") ? config.value("value") : c.input("value"));
        c.setOutput("inputs", c.inputs());
        c.setOutput("config", config);
    }
};

class SleepNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        if (!c.wait(std::chrono::milliseconds(c.config("ms").toLongLong())))
            throw NodeError("interrupted");
        c.setOutput("value", c.hasInput("value") ? c.input("value") : c.config("value"));
    }
};

class SpinNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < c.config("ms").toLongLong()) {
            if (c.isCancelled())
                throw NodeError("stopped");
            QThread::yieldCurrentThread();
        }
    }
};

class FailNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        const int until = c.config("until").toInt();
        if (until == 0 || c.attempt() < until)
            throw NodeError(c.config("message").toString());
        c.setOutput("attempt", c.attempt());
    }
};

class LogNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        const int lines = c.config("lines").toInt();
        const QString text = c.config("text").toString();
        for (int i = 1; i <= lines; ++i) {
            c.log(LogStream::Stdout, QStringLiteral("%1 %2").arg(text).arg(i));
            c.progress(double(i) / lines, QStringLiteral("%1/%2").arg(i).arg(lines));
        }
        c.setOutput("count", lines);
    }
};

class ThrowNode : public NodeJob
{
public:
    void run(NodeContext &c) override
    {
        throw std::runtime_error(c.config("message").toString().toStdString());
    }
};

ConfigField field(const QString &name, FieldKind kind, Value def = {})
{
    ConfigField f;
    f.name = name;
    f.kind = kind;
    f.defaultValue = std::move(def);
    return f;
}

NodeTypeInfo type(const QString &id, QList<PortInfo> inputs, QList<PortInfo> outputs,
                  QList<ConfigField> config)
{
    NodeTypeInfo info;
    info.id = id;
    info.title = id;
    info.category = QStringLiteral("Test");
    info.inputs = std::move(inputs);
    info.outputs = std::move(outputs);
    info.config = std::move(config);
    return info;
}

template<typename T>
NodeFactory make()
{
    return [] {
        return std::make_unique<T>();
    };
}

NodeRegistry build()
{
    NodeRegistry r;
    const NodeRegistry &builtins = NodeRegistry::builtins();
    for (const NodeTypeInfo *info : builtins.all()) {
        const QString id = info->id;
        r.add(*info, builtins.canRun(id) ? NodeFactory([id] { return NodeRegistry::builtins().create(id); })
                                         : NodeFactory());
    }
    r.add(type("test.noop", {}, {}, {}), make<NoopNode>());
    NodeTypeInfo echo = type("test.echo", {{"value", {}}}, {{"value", {}}, {"inputs", {}}, {"config", {}}},
                             {field("value", FieldKind::Any), field("extra", FieldKind::Any)});
    echo.dynamicInputs = true;
    r.add(echo, make<EchoNode>());
    r.add(type("test.sleep", {{"value", {}}}, {{"value", {}}},
               {field("ms", FieldKind::Integer, 100), field("value", FieldKind::Any)}),
          make<SleepNode>());
    r.add(type("test.spin", {}, {}, {field("ms", FieldKind::Integer, 10000)}), make<SpinNode>());
    r.add(type("test.fail", {}, {{"attempt", {}}},
               {field("until", FieldKind::Integer, 0), field("message", FieldKind::String, "boom")}),
          make<FailNode>());
    r.add(type("test.log", {}, {{"count", {}}},
               {field("lines", FieldKind::Integer, 3), field("text", FieldKind::String, "line")}),
          make<LogNode>());
    r.add(type("test.throw", {}, {}, {field("message", FieldKind::String, "std boom")}), make<ThrowNode>());
    return r;
}

} // namespace

const NodeRegistry &testRegistry()
{
    static const NodeRegistry registry = build();
    return registry;
}

const NodeTypeCatalog *testCatalog()
{
    return &testRegistry();
}

} // namespace Flow::Test

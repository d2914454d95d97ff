// writeWorkflow(): the canonical text of a workflow. Fixed key order, layout last, so that saving an
// unchanged workflow changes no byte and a one-node edit is a small diff.
#include "workflowio.h"

#include "yamlemitter.h"

#include <cmath>

namespace Flow {
namespace {

Value reference(const QString &node, const QString &port)
{
    return Value(node + u'.' + port);
}

Value paramValue(const ParamSpec &param)
{
    Value entry = Value::makeMap();
    if (!param.defaultValue.isNull())
        entry.insert(QStringLiteral("default"), param.defaultValue);
    if (!param.description.isEmpty())
        entry.insert(QStringLiteral("description"), param.description);
    return entry;
}

Value retryValue(const RetryPolicy &retry)
{
    Value v = Value::makeMap();
    v.insert(QStringLiteral("attempts"), retry.attempts);
    v.insert(QStringLiteral("delay"), formatDuration(retry.delay));
    v.insert(QStringLiteral("backoff"), retry.backoff);
    if (retry.maxDelay)
        v.insert(QStringLiteral("max_delay"), formatDuration(*retry.maxDelay));
    return v;
}

// The node's keys in canonical order, leaving out what is unset.
Value nodeValue(const Node &node)
{
    Value v = Value::makeMap();
    // A node without a type is written without one: `type: ""` would read back as a different error.
    if (!node.type.isEmpty())
        v.insert(QStringLiteral("type"), node.type);
    if (!node.description.isEmpty())
        v.insert(QStringLiteral("description"), node.description);
    if (!node.inputs.isEmpty()) {
        Value inputs = Value::makeMap();
        for (const InputBinding &b : node.inputs)
            inputs.map().emplace_back(b.port, reference(b.sourceNode, b.sourcePort));
        v.insert(QStringLiteral("inputs"), inputs);
    }
    if (!node.when.isEmpty())
        v.insert(QStringLiteral("when"), node.when);
    if (!node.forEach.isNull())
        v.insert(QStringLiteral("for_each"), node.forEach);
    if (node.concurrency)
        v.insert(QStringLiteral("concurrency"), *node.concurrency);
    if (!node.config.isNull() && !(node.config.isMap() && node.config.size() == 0))
        v.insert(QStringLiteral("config"), node.config);
    if (node.retry)
        v.insert(QStringLiteral("retry"), retryValue(*node.retry));
    if (node.timeout)
        v.insert(QStringLiteral("timeout"), formatDuration(*node.timeout));
    if (node.cache)
        v.insert(QStringLiteral("cache"), true);
    if (node.backend)
        v.insert(QStringLiteral("backend"), backendName(*node.backend));
    if (node.slurm)
        v.insert(QStringLiteral("slurm"), slurmValue(*node.slurm));
    if (!node.after.isEmpty()) {
        Value after = Value::makeList();
        for (const QString &id : node.after)
            after.append(id);
        v.insert(QStringLiteral("after"), after);
    }
    return v;
}

Value coordinate(qreal c)
{
    if (std::isfinite(c) && c == std::floor(c) && std::abs(c) < 1e15)
        return Value(qint64(c));
    return Value(double(c));
}

void writeSettings(Yaml::Emitter &out, const Settings &settings)
{
    if (!settings.maxParallel && !settings.onError && !settings.timeout && !settings.backend && !settings.slurm)
        return;
    out.key(0, QStringLiteral("settings"));
    if (settings.maxParallel)
        out.entry(2, QStringLiteral("max_parallel"), *settings.maxParallel);
    if (settings.onError)
        out.entry(2, QStringLiteral("on_error"), onErrorName(*settings.onError));
    if (settings.timeout)
        out.entry(2, QStringLiteral("timeout"), formatDuration(*settings.timeout));
    if (settings.backend)
        out.entry(2, QStringLiteral("backend"), backendName(*settings.backend));
    if (settings.slurm)
        out.entry(2, QStringLiteral("slurm"), slurmValue(*settings.slurm));
}

void writeNodesAndLayout(Yaml::Emitter &out, const QList<Node> &nodes)
{
    if (nodes.isEmpty()) {
        out.entry(0, QStringLiteral("nodes"), Value::makeMap());
        return;
    }
    out.key(0, QStringLiteral("nodes"));
    for (const Node &node : nodes) {
        out.key(2, node.id);
        out.mapEntries(nodeValue(node).map(), 4);
    }
    bool anyPosition = false;
    for (const Node &node : nodes)
        anyPosition = anyPosition || node.position.has_value();
    if (!anyPosition)
        return;
    out.key(0, QStringLiteral("layout"));
    for (const Node &node : nodes) {
        if (node.position)
            out.entry(2, node.id,
                      Value(Value::List{coordinate(node.position->x()), coordinate(node.position->y())}));
    }
}

} // namespace

QByteArray writeWorkflow(const Workflow &workflow)
{
    Yaml::Emitter out;
    out.entry(0, QStringLiteral("flowstudio"), workflow.version);
    if (!workflow.name.isEmpty())
        out.entry(0, QStringLiteral("name"), workflow.name);
    if (!workflow.description.isEmpty())
        out.entry(0, QStringLiteral("description"), workflow.description);
    if (!workflow.params.isEmpty()) {
        out.key(0, QStringLiteral("params"));
        for (const ParamSpec &param : workflow.params)
            out.entry(2, param.name, paramValue(param));
    }
    writeSettings(out, workflow.settings);
    if (!workflow.outputs.isEmpty()) {
        out.key(0, QStringLiteral("outputs"));
        for (const OutputBinding &o : workflow.outputs)
            out.entry(2, o.name, reference(o.sourceNode, o.sourcePort));
    }
    writeNodesAndLayout(out, workflow.nodes);
    return out.toUtf8();
}

QByteArray writeFragment(const Workflow &workflow, const QStringList &nodeIds)
{
    Workflow fragment;
    fragment.version = workflow.version;
    for (const Node &node : workflow.nodes) {
        if (!nodeIds.contains(node.id))
            continue;
        Node copy = node;
        copy.inputs.removeIf([&](const InputBinding &b) { return !nodeIds.contains(b.sourceNode); });
        copy.after.removeIf([&](const QString &id) { return !nodeIds.contains(id); });
        fragment.nodes.append(copy);
    }
    return writeWorkflow(fragment);
}

} // namespace Flow

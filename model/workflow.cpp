#include "workflow.h"

#include <QHashFunctions>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Flow {

QString onErrorName(OnError policy)
{
    switch (policy) {
    case OnError::Stop:
        return QStringLiteral("stop");
    case OnError::Continue:
        return QStringLiteral("continue");
    case OnError::FinishRunning:
        return QStringLiteral("finish_running");
    }
    return {};
}

std::optional<OnError> onErrorFromName(QStringView name)
{
    if (name == u"stop")
        return OnError::Stop;
    if (name == u"continue")
        return OnError::Continue;
    if (name == u"finish_running")
        return OnError::FinishRunning;
    return std::nullopt;
}

Millis RetryPolicy::delayBefore(int nextAttempt) const
{
    const int retryIndex = std::max(0, nextAttempt - 2);
    double ms = double(delay.count()) * std::pow(backoff, retryIndex);
    if (maxDelay)
        ms = std::min(ms, double(maxDelay->count()));
    ms = std::min(ms, 1e12);
    return Millis(qint64(ms));
}

const InputBinding *Node::input(QStringView port) const
{
    auto it = std::find_if(inputs.begin(), inputs.end(),
                           [port](const InputBinding &b) { return b.port == port; });
    return it == inputs.end() ? nullptr : &*it;
}

bool Node::operator==(const Node &o) const
{
    return id == o.id && type == o.type && description == o.description && config == o.config
           && inputs == o.inputs && after == o.after && when == o.when && forEach == o.forEach
           && concurrency == o.concurrency && retry == o.retry && timeout == o.timeout && cache == o.cache
           && backend == o.backend && slurm == o.slurm && position == o.position;
}

int Workflow::indexOf(QStringView nodeId) const
{
    for (int i = 0; i < nodes.size(); ++i) {
        if (nodes.at(i).id == nodeId)
            return i;
    }
    return -1;
}

const Node *Workflow::node(QStringView nodeId) const
{
    const int i = indexOf(nodeId);
    return i < 0 ? nullptr : &nodes.at(i);
}

Node *Workflow::node(QStringView nodeId)
{
    const int i = indexOf(nodeId);
    return i < 0 ? nullptr : &nodes[i];
}

QStringList Workflow::nodeIds() const
{
    QStringList ids;
    ids.reserve(nodes.size());
    for (const Node &n : nodes)
        ids.append(n.id);
    return ids;
}

QStringList Workflow::dependencies(QStringView nodeId) const
{
    QStringList deps;
    const Node *n = node(nodeId);
    if (!n)
        return deps;
    for (const InputBinding &b : n->inputs) {
        if (!deps.contains(b.sourceNode))
            deps.append(b.sourceNode);
    }
    for (const QString &a : n->after) {
        if (!deps.contains(a))
            deps.append(a);
    }
    return deps;
}

size_t qHash(const Edge &e, size_t seed)
{
    return qHashMulti(seed, e.fromNode, e.fromPort, e.toNode, e.toPort);
}

QList<Edge> edgesOf(const Workflow &workflow)
{
    QSet<QString> ids;
    ids.reserve(workflow.nodes.size());
    for (const Node &n : workflow.nodes)
        ids.insert(n.id);
    QList<Edge> edges;
    for (const Node &n : workflow.nodes) {
        for (const InputBinding &b : n.inputs) {
            if (ids.contains(b.sourceNode))
                edges.append(Edge{b.sourceNode, b.sourcePort, n.id, b.port});
        }
    }
    return edges;
}

} // namespace Flow

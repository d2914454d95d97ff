#include "cycles.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <queue>
#include <vector>

namespace Flow {
namespace {

using Graph = std::vector<std::vector<int>>;

// Edges run from a node to the nodes that wait for it.
Graph buildGraph(const Workflow &workflow, const std::vector<QStringList> &expressionDependencies)
{
    QHash<QString, int> index;
    for (int i = 0; i < workflow.nodes.size(); ++i) {
        if (!index.contains(workflow.nodes.at(i).id))
            index.insert(workflow.nodes.at(i).id, i);
    }
    Graph graph(size_t(workflow.nodes.size()));
    for (int i = 0; i < workflow.nodes.size(); ++i) {
        // Not Workflow::dependencies(): it looks the node up by id, quadratic over a big workflow.
        const Node &node = workflow.nodes.at(i);
        QStringList deps = node.after;
        for (const InputBinding &b : node.inputs)
            deps.append(b.sourceNode);
        if (size_t(i) < expressionDependencies.size())
            deps += expressionDependencies[size_t(i)];
        for (const QString &dep : std::as_const(deps)) {
            const int j = index.value(dep, -1);
            if (j < 0 || j == i)
                continue;
            auto &out = graph[size_t(j)];
            if (std::find(out.begin(), out.end(), i) == out.end())
                out.push_back(i);
        }
    }
    return graph;
}

// Tarjan's algorithm without recursion (a long chain must not exhaust the stack).
std::vector<std::vector<int>> stronglyConnected(const Graph &graph)
{
    const int n = int(graph.size());
    std::vector<int> index(size_t(n), -1), low(size_t(n), 0);
    std::vector<bool> onStack(size_t(n), false);
    std::vector<int> stack;
    std::vector<std::vector<int>> components;
    int counter = 0;
    struct Frame
    {
        int node;
        size_t next;
    };
    for (int root = 0; root < n; ++root) {
        if (index[size_t(root)] >= 0)
            continue;
        std::vector<Frame> calls{{root, 0}};
        index[size_t(root)] = low[size_t(root)] = counter++;
        stack.push_back(root);
        onStack[size_t(root)] = true;
        while (!calls.empty()) {
            Frame &frame = calls.back();
            const int v = frame.node;
            if (frame.next < graph[size_t(v)].size()) {
                const int w = graph[size_t(v)][frame.next++];
                if (index[size_t(w)] < 0) {
                    index[size_t(w)] = low[size_t(w)] = counter++;
                    stack.push_back(w);
                    onStack[size_t(w)] = true;
                    calls.push_back({w, 0});
                } else if (onStack[size_t(w)]) {
                    low[size_t(v)] = std::min(low[size_t(v)], index[size_t(w)]);
                }
                continue;
            }
            if (low[size_t(v)] == index[size_t(v)]) {
                std::vector<int> component;
                int w = -1;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[size_t(w)] = false;
                    component.push_back(w);
                } while (w != v);
                components.push_back(std::move(component));
            }
            calls.pop_back();
            if (!calls.empty()) {
                const int parent = calls.back().node;
                low[size_t(parent)] = std::min(low[size_t(parent)], low[size_t(v)]);
            }
        }
    }
    return components;
}

// The shortest way from `start` around back to itself inside one component.
std::vector<int> shortestCycle(const Graph &graph, const std::vector<int> &component, int start)
{
    std::vector<int> parent(graph.size(), -2);
    std::vector<bool> inComponent(graph.size(), false);
    for (int v : component)
        inComponent[size_t(v)] = true;
    std::queue<int> queue;
    queue.push(start);
    parent[size_t(start)] = -1;
    while (!queue.empty()) {
        const int v = queue.front();
        queue.pop();
        for (int w : graph[size_t(v)]) {
            if (w == start) {
                std::vector<int> path;
                for (int u = v; u != -1; u = parent[size_t(u)])
                    path.push_back(u);
                std::reverse(path.begin(), path.end());
                path.push_back(start);
                return path;
            }
            if (inComponent[size_t(w)] && parent[size_t(w)] == -2) {
                parent[size_t(w)] = v;
                queue.push(w);
            }
        }
    }
    return {};
}

} // namespace

void findCycles(const Workflow &workflow, const std::vector<QStringList> &expressionDependencies,
                Diagnostics &diagnostics)
{
    const Graph graph = buildGraph(workflow, expressionDependencies);
    for (const std::vector<int> &component : stronglyConnected(graph)) {
        if (component.size() < 2)
            continue;
        const int start = *std::min_element(component.begin(), component.end());
        QStringList names;
        for (int v : shortestCycle(graph, component, start))
            names.append(workflow.nodes.at(v).id);
        Diagnostic d;
        d.pos = workflow.nodes.at(start).pos;
        d.nodeId = workflow.nodes.at(start).id;
        d.message = QCoreApplication::translate("Flow::Validator", "cycle: %1").arg(names.join(u" \u2192 "));
        diagnostics.append(d);
    }
}

} // namespace Flow

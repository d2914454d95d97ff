#include "autolayout.h"

#include <QMutex>

#include <algorithm>
#include <numeric>

#ifdef FLOW_HAVE_GRAPHVIZ
#include <graphviz/gvc.h>
#endif

namespace Flow {
namespace {

constexpr qreal RankGap = 80;
constexpr qreal NodeGap = 40;

// Longest-path ranks in dependency order; nodes on a cycle are ranked after what precedes them.
QList<int> computeRanks(const LayoutGraph &graph, const QList<QList<int>> &preds,
                        const QList<QList<int>> &succs)
{
    const int n = int(graph.boxes.size());
    QList<int> rank(n, 0);
    QList<int> indegree(n, 0);
    for (int i = 0; i < n; ++i)
        indegree[i] = int(preds.at(i).size());
    QList<int> ready;
    for (int i = 0; i < n; ++i) {
        if (indegree.at(i) == 0)
            ready.append(i);
    }
    QList<bool> done(n, false);
    int processed = 0;
    while (processed < n) {
        if (ready.isEmpty()) {
            // A cycle: release its first node so layout still terminates.
            for (int i = 0; i < n; ++i) {
                if (!done.at(i)) {
                    ready.append(i);
                    indegree[i] = 0;
                    break;
                }
            }
        }
        const int v = ready.takeFirst();
        if (done.at(v))
            continue;
        done[v] = true;
        ++processed;
        for (int s : succs.at(v)) {
            if (done.at(s))
                continue;
            rank[s] = std::max(rank.at(s), rank.at(v) + 1);
            if (--indegree[s] == 0)
                ready.append(s);
        }
    }
    return rank;
}

// A few barycentre sweeps: each node moves towards the average slot of its neighbours in the previous
// rank, which removes most crossings in workflow-shaped graphs.
void orderColumns(QList<QList<int>> &columns, const QList<QList<int>> &preds, const QList<QList<int>> &succs,
                  int n)
{
    QList<qreal> slot(n, 0);
    auto renumber = [&] {
        for (const QList<int> &col : std::as_const(columns)) {
            for (int i = 0; i < col.size(); ++i)
                slot[col.at(i)] = i;
        }
    };
    renumber();
    for (int sweep = 0; sweep < 4; ++sweep) {
        const bool down = sweep % 2 == 0;
        for (int c = 0; c < columns.size(); ++c) {
            QList<int> &col = columns[down ? c : columns.size() - 1 - c];
            QHash<int, qreal> key;
            for (int v : std::as_const(col)) {
                const QList<int> &nb = down ? preds.at(v) : succs.at(v);
                if (nb.isEmpty()) {
                    key[v] = slot.at(v);
                    continue;
                }
                qreal sum = 0;
                for (int u : nb)
                    sum += slot.at(u);
                key[v] = sum / nb.size();
            }
            std::stable_sort(col.begin(), col.end(),
                             [&](int a, int b) { return key.value(a) < key.value(b); });
            for (int i = 0; i < col.size(); ++i)
                slot[col.at(i)] = i;
        }
    }
}

QHash<QString, QPointF> normalized(const LayoutGraph &graph, const QList<QPointF> &pos)
{
    QHash<QString, QPointF> result;
    if (pos.isEmpty())
        return result;
    qreal minX = pos.first().x(), minY = pos.first().y();
    for (const QPointF &p : pos) {
        minX = std::min(minX, p.x());
        minY = std::min(minY, p.y());
    }
    for (int i = 0; i < graph.boxes.size(); ++i)
        result.insert(graph.boxes.at(i).id,
                      QPointF(std::round(pos.at(i).x() - minX), std::round(pos.at(i).y() - minY)));
    return result;
}

#ifdef FLOW_HAVE_GRAPHVIZ
// cgraph keeps global state (discipline, error handler): one layout at a time.
QMutex graphvizMutex;

QHash<QString, QPointF> graphvizLayout(const LayoutGraph &graph)
{
    QMutexLocker lock(&graphvizMutex);
    GVC_t *gvc = gvContext();
    Agraph_t *g = agopen(const_cast<char *>("g"), Agdirected, nullptr);
    agattr(g, AGRAPH, const_cast<char *>("rankdir"), const_cast<char *>("LR"));
    // Wires leave a node in the order of its output ports: edges are added in that order.
    agattr(g, AGRAPH, const_cast<char *>("ordering"), const_cast<char *>("out"));
    agattr(g, AGRAPH, const_cast<char *>("nodesep"), const_cast<char *>("0.5"));
    agattr(g, AGRAPH, const_cast<char *>("ranksep"), const_cast<char *>("1.0"));
    agattr(g, AGRAPH, const_cast<char *>("splines"), const_cast<char *>("false"));
    agattr(g, AGNODE, const_cast<char *>("shape"), const_cast<char *>("box"));
    agattr(g, AGNODE, const_cast<char *>("fixedsize"), const_cast<char *>("true"));
    agattr(g, AGNODE, const_cast<char *>("label"), const_cast<char *>(""));
    Agsym_t *width = agattr(g, AGNODE, const_cast<char *>("width"), const_cast<char *>("1"));
    Agsym_t *height = agattr(g, AGNODE, const_cast<char *>("height"), const_cast<char *>("1"));
    Agsym_t *tailport = agattr(g, AGEDGE, const_cast<char *>("tailport"), const_cast<char *>("e"));
    Agsym_t *headport = agattr(g, AGEDGE, const_cast<char *>("headport"), const_cast<char *>("w"));
    Q_UNUSED(tailport)
    Q_UNUSED(headport)

    QList<Agnode_t *> nodes;
    nodes.reserve(graph.boxes.size());
    for (int i = 0; i < graph.boxes.size(); ++i) {
        const QByteArray name = "n" + QByteArray::number(i);
        Agnode_t *n = agnode(g, const_cast<char *>(name.constData()), 1);
        // Graphviz sizes are inches; scene units are points (72 per inch).
        agxset(n, width, QByteArray::number(graph.boxes.at(i).size.width() / 72.0).data());
        agxset(n, height, QByteArray::number(graph.boxes.at(i).size.height() / 72.0).data());
        nodes.append(n);
    }
    QList<LayoutGraph::Link> links = graph.links;
    std::stable_sort(links.begin(), links.end(), [](const LayoutGraph::Link &a, const LayoutGraph::Link &b) {
        return std::tie(a.from, a.fromPort, a.toPort) < std::tie(b.from, b.fromPort, b.toPort);
    });
    for (const LayoutGraph::Link &l : std::as_const(links)) {
        if (l.from != l.to)
            agedge(g, nodes.at(l.from), nodes.at(l.to), nullptr, 1);
    }
    QList<QPointF> pos;
    if (gvLayout(gvc, g, "dot") == 0) {
        const boxf bb = GD_bb(g);
        for (int i = 0; i < nodes.size(); ++i) {
            const pointf c = ND_coord(nodes.at(i));
            const QSizeF size = graph.boxes.at(i).size;
            pos.append(QPointF(c.x - size.width() / 2, (bb.UR.y - c.y) - size.height() / 2));
        }
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    gvFreeContext(gvc);
    return normalized(graph, pos);
}
#endif

} // namespace

bool hasGraphviz()
{
#ifdef FLOW_HAVE_GRAPHVIZ
    return true;
#else
    return false;
#endif
}

QHash<QString, QPointF> computeLayeredLayout(const LayoutGraph &graph)
{
    const int n = int(graph.boxes.size());
    QList<QList<int>> preds(n), succs(n);
    for (const LayoutGraph::Link &l : graph.links) {
        if (l.from == l.to || preds.at(l.to).contains(l.from))
            continue;
        preds[l.to].append(l.from);
        succs[l.from].append(l.to);
    }
    const QList<int> rank = computeRanks(graph, preds, succs);
    const int rankCount = n == 0 ? 0 : *std::max_element(rank.begin(), rank.end()) + 1;
    QList<QList<int>> columns(rankCount);
    for (int i = 0; i < n; ++i)
        columns[rank.at(i)].append(i);
    orderColumns(columns, preds, succs, n);

    QList<QPointF> pos(n);
    qreal x = 0;
    for (const QList<int> &col : std::as_const(columns)) {
        qreal columnWidth = 0;
        qreal nextFreeY = 0;
        for (int v : col) {
            const QSizeF size = graph.boxes.at(v).size;
            // Near the middle of its predecessors, but never over the previous node in the column.
            qreal wanted = nextFreeY;
            if (!preds.at(v).isEmpty()) {
                qreal sum = 0;
                for (int u : preds.at(v))
                    sum += pos.at(u).y() + graph.boxes.at(u).size.height() / 2;
                wanted = sum / preds.at(v).size() - size.height() / 2;
            }
            const qreal y = std::max(nextFreeY, wanted);
            pos[v] = QPointF(x, y);
            nextFreeY = y + size.height() + NodeGap;
            columnWidth = std::max(columnWidth, size.width());
        }
        x += columnWidth + RankGap;
    }
    return normalized(graph, pos);
}

QHash<QString, QPointF> computeLayout(const LayoutGraph &graph)
{
#ifdef FLOW_HAVE_GRAPHVIZ
    QHash<QString, QPointF> result = graphvizLayout(graph);
    if (result.size() == graph.boxes.size())
        return result;
#endif
    return computeLayeredLayout(graph);
}

} // namespace Flow

#include "canvastestutil.h"

#include "canvas/nodeitem.h"

#include <algorithm>
#include <cmath>

namespace CanvasTest {

Flow::Workflow generatedWorkflow(int count, int extraEdges, int afterEdges, bool withPositions,
                                 bool longEdges)
{
    // Column chains of simple types; every fifth node is a script.js that takes extra wires (any
    // input name is accepted). Extra wires and `after` entries always go from a lower to a higher
    // index, so the graph stays acyclic.
    static const char *types[] = {"json.parse", "script.js", "json.select", "time.delay", "debug.log"};
    static const char *inPort[] = {"text", "in", "value", "value", "message"};
    static const char *outPort[] = {"value", "result", "value", "value", "message"};
    Flow::Workflow wf;
    wf.name = QStringLiteral("generated");
    const int columns = std::max(1, int(std::sqrt(double(count))));
    for (int i = 0; i < count; ++i) {
        Flow::Node n;
        n.id = QStringLiteral("n%1").arg(i);
        n.type = QString::fromLatin1(types[i % 5]);
        if (withPositions)
            n.position = QPointF((i / columns) * 280, (i % columns) * 140);
        if (i >= columns) {
            const int src = i - columns;
            n.inputs.append({QString::fromLatin1(inPort[i % 5]),
                             QStringLiteral("n%1").arg(src),
                             QString::fromLatin1(outPort[src % 5]),
                             {}});
        }
        wf.nodes.append(n);
    }
    quint32 seed = 12345;
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    // Extra wires are local, as in real (laid out) workflows: from one to three columns back, a few
    // rows up or down. `longEdges` makes them random across the whole graph instead (a stress case).
    for (int e = 0; e < extraEdges && count > 6; ++e) {
        int to = 6 + int(next() % quint32(count - 6));
        to -= (to % 5) - 1; // a script.js node
        if (to <= 1 || to >= count)
            to = 6;
        int from;
        if (longEdges) {
            from = int(next() % quint32(to));
        } else {
            const int column = to / columns - 1 - int(next() % 3);
            const int row = std::clamp(to % columns + int(next() % 17) - 8, 0, columns - 1);
            from = std::clamp(column * columns + row, 0, to - 1);
        }
        wf.nodes[to].inputs.append({QStringLiteral("x%1").arg(e),
                                    QStringLiteral("n%1").arg(from),
                                    QString::fromLatin1(outPort[from % 5]),
                                    {}});
    }
    for (int e = 0; e < afterEdges && count > 1; ++e) {
        const int to = 1 + int(next() % quint32(count - 1));
        const QString dep = QStringLiteral("n%1").arg(int(next() % quint32(to)));
        if (!wf.nodes[to].after.contains(dep))
            wf.nodes[to].after.append(dep);
    }
    return wf;
}

bool noOverlap(const Flow::GraphScene &scene, QString *clash)
{
    struct R
    {
        QString id;
        QRectF rect;
    };
    QList<R> rects;
    for (const Flow::NodeItem *item : scene.nodeItems())
        rects.append({item->id(), item->cardRect().translated(item->pos())});
    std::sort(rects.begin(), rects.end(),
              [](const R &a, const R &b) { return a.rect.left() < b.rect.left(); });
    for (int i = 0; i < rects.size(); ++i) {
        for (int j = i + 1; j < rects.size() && rects.at(j).rect.left() < rects.at(i).rect.right(); ++j) {
            if (rects.at(i).rect.intersects(rects.at(j).rect)) {
                if (clash)
                    *clash = rects.at(i).id + u'/' + rects.at(j).id;
                return false;
            }
        }
    }
    return true;
}

} // namespace CanvasTest

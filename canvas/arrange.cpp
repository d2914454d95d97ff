// GraphController: align, distribute and auto-layout (all of them move nodes as one undo step).
#include "autolayout.h"
#include "documents/commands/movecommands.h"
#include "graphcontroller.h"
#include "graphscene.h"
#include "model/workflowdocument.h"
#include "nodeitem.h"
#include "wireitem.h"

#include <QFutureWatcher>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace Flow {
namespace {

struct Box
{
    QString id;
    QRectF rect;
};

// Layouts keep at least 36 units between nodes, so rounding to the 20-unit grid cannot make two overlap.
QPointF onGrid(const QPointF &p)
{
    const qreal g = GraphScene::GridSize;
    return QPointF(std::round(p.x() / g) * g, std::round(p.y() / g) * g);
}

QList<Box> boxesOf(GraphScene *scene, const QStringList &ids)
{
    QList<Box> boxes;
    for (const QString &id : ids)
        boxes.append({id, scene->nodeRect(id)});
    return boxes;
}

} // namespace

void GraphController::alignSelection(Action how)
{
    const QList<Box> boxes = boxesOf(m_scene, m_scene->selectedNodeIds());
    if (boxes.size() < 2)
        return;
    QRectF all;
    for (const Box &b : boxes)
        all = all.united(b.rect);
    QHash<QString, QPointF> positions;
    QString text;
    for (const Box &b : boxes) {
        QPointF p = b.rect.topLeft();
        switch (how) {
        case Action::AlignLeft:
            p.setX(all.left());
            text = tr("Align left");
            break;
        case Action::AlignRight:
            p.setX(all.right() - b.rect.width());
            text = tr("Align right");
            break;
        case Action::AlignTop:
            p.setY(all.top());
            text = tr("Align top");
            break;
        case Action::AlignBottom:
            p.setY(all.bottom() - b.rect.height());
            text = tr("Align bottom");
            break;
        default:
            return;
        }
        positions.insert(b.id, p);
    }
    m_undoStack->push(new MoveNodesCommand(document(), positions, text));
}

void GraphController::distributeSelection(Action how)
{
    QList<Box> boxes = boxesOf(m_scene, m_scene->selectedNodeIds());
    if (boxes.size() < 3)
        return;
    const bool horizontal = how == Action::DistributeHorizontally;
    if (!horizontal && how != Action::DistributeVertically)
        return;
    auto start = [horizontal](const QRectF &r) {
        return horizontal ? r.left() : r.top();
    };
    auto length = [horizontal](const QRectF &r) {
        return horizontal ? r.width() : r.height();
    };
    std::stable_sort(boxes.begin(), boxes.end(), [&](const Box &a, const Box &b) {
        return start(a.rect) + length(a.rect) / 2 < start(b.rect) + length(b.rect) / 2;
    });
    // Equal gaps between neighbours, the outermost two staying where they are. When the nodes are
    // too crowded for that, their centres are spread evenly instead.
    const qreal first = start(boxes.first().rect);
    const qreal last = start(boxes.last().rect) + length(boxes.last().rect);
    qreal total = 0;
    for (const Box &b : std::as_const(boxes))
        total += length(b.rect);
    const qreal gap = (last - first - total) / (boxes.size() - 1);
    QHash<QString, QPointF> positions;
    qreal cursor = first;
    const qreal firstCenter = first + length(boxes.first().rect) / 2;
    const qreal centerStep = (last - length(boxes.last().rect) / 2 - firstCenter) / (boxes.size() - 1);
    for (int i = 0; i < boxes.size(); ++i) {
        const QRectF &r = boxes.at(i).rect;
        const qreal s = gap >= 0 ? cursor : firstCenter + i * centerStep - length(r) / 2;
        positions.insert(boxes.at(i).id, horizontal ? QPointF(s, r.top()) : QPointF(r.left(), s));
        cursor += length(r) + gap;
    }
    m_undoStack->push(new MoveNodesCommand(
        document(), positions, horizontal ? tr("Distribute horizontally") : tr("Distribute vertically")));
}

void GraphController::autoLayout()
{
    autoLayoutNodes({});
}

void GraphController::autoLayoutSelection()
{
    const QStringList ids = m_scene->selectedNodeIds();
    if (!ids.isEmpty())
        autoLayoutNodes(ids);
}

void GraphController::autoLayoutNodes(const QStringList &requested)
{
    if (m_layoutRunning)
        return;
    const QStringList ids = requested.isEmpty() ? document()->workflow().nodeIds() : requested;
    if (ids.isEmpty()) {
        emit layoutFinished();
        return;
    }
    LayoutGraph graph;
    QHash<QString, int> index;
    QRectF current;
    for (const QString &id : ids) {
        const NodeItem *item = m_scene->nodeItem(id);
        if (!item)
            continue;
        index.insert(id, int(graph.boxes.size()));
        graph.boxes.append({id, item->cardRect().size()});
        current = current.united(m_scene->nodeRect(id));
    }
    for (const QString &id : ids) {
        const NodeItem *item = m_scene->nodeItem(id);
        if (!item)
            continue;
        for (const WireItem *w : item->wires()) {
            if (w->toItem() != item || !index.contains(w->fromItem()->id()))
                continue;
            const int fromPort = int(w->fromItem()->outputPorts().indexOf(w->edge().fromPort));
            const int toPort = int(item->inputPorts().indexOf(w->edge().toPort));
            graph.links.append({index.value(w->fromItem()->id()), std::max(0, fromPort), index.value(id),
                                std::max(0, toPort)});
        }
    }
    // The layout keeps the graph's top-left corner where it was.
    const QPointF origin = current.topLeft();
    const bool whole = requested.isEmpty();
    m_layoutRunning = true;
    auto *watcher = new QFutureWatcher<QHash<QString, QPointF>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, origin, whole] {
        watcher->deleteLater();
        m_layoutRunning = false;
        QHash<QString, QPointF> positions;
        for (const auto &[id, p] : watcher->result().asKeyValueRange()) {
            if (document()->node(id)) // it may have gone while the layout ran
                positions.insert(id, onGrid(origin + p));
        }
        if (!positions.isEmpty())
            m_undoStack->push(new MoveNodesCommand(document(), positions,
                                                   whole ? tr("Auto-layout") : tr("Auto-layout selection")));
        emit layoutFinished();
    });
    watcher->setFuture(QtConcurrent::run([graph] { return computeLayout(graph); }));
}

} // namespace Flow

// GraphScene: connection rules and the feedback while a wire is dragged.
#include "graphscene.h"
#include "nodeitem.h"
#include "wireitem.h"

namespace Flow {

// --- Connections ---

PortRef GraphScene::portAt(const QPointF &scenePos) const
{
    const QRectF probe(scenePos - QPointF(16, 16), QSizeF(32, 32));
    for (QGraphicsItem *i : items(probe, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
        if (i->type() != NodeItem::Type)
            continue;
        auto *node = static_cast<NodeItem *>(i);
        const PortRef port = node->portAt(node->mapFromScene(scenePos));
        if (port.isValid())
            return port;
    }
    return {};
}

QPointF GraphScene::portScenePos(const PortRef &port) const
{
    const NodeItem *item = nodeItem(port.node);
    return item ? item->pos() + item->portPos(port) : QPointF();
}

bool GraphScene::dependsOn(QStringView node, QStringView ancestor) const
{
    const NodeItem *start = nodeItem(node);
    const NodeItem *target = nodeItem(ancestor);
    if (!start || !target)
        return false;
    QSet<const NodeItem *> seen{start};
    QList<const NodeItem *> queue{start};
    while (!queue.isEmpty()) {
        const NodeItem *n = queue.takeLast();
        if (n == target)
            return true;
        for (const WireItem *w : n->wires()) {
            if (w->toItem() == n && !seen.contains(w->fromItem())) {
                seen.insert(w->fromItem());
                queue.append(w->fromItem());
            }
        }
    }
    return false;
}

ConnectionRefusal GraphScene::connectionRefusal(const PortRef &a, const PortRef &b) const
{
    if (a.output && b.output)
        return ConnectionRefusal::OutputToOutput;
    if (!a.output && !b.output)
        return ConnectionRefusal::InputToInput;
    const PortRef &out = a.output ? a : b;
    const PortRef &in = a.output ? b : a;
    const NodeItem *from = nodeItem(out.node);
    const NodeItem *to = nodeItem(in.node);
    if (!from || !to || !from->hasPort(out) || !to->hasPort(in))
        return ConnectionRefusal::UnknownPort;
    if (from == to)
        return ConnectionRefusal::SameNode;
    if (!in.isFreePort() && to->isInputWired(in.port))
        return ConnectionRefusal::InputTaken;
    if (dependsOn(out.node, in.node))
        return ConnectionRefusal::WouldCycle;
    return ConnectionRefusal::None;
}

void GraphScene::beginConnectionDrag(const PortRef &from, const PortRef &released)
{
    ConnectionDrag drag;
    drag.from = from;
    drag.released = released;
    // One walk per drag instead of one per painted port: from an output, the nodes it depends on are
    // refused; from an input, the nodes that depend on it.
    const NodeItem *start = nodeItem(from.node);
    QList<const NodeItem *> queue{start};
    QSet<QString> &reach = from.output ? drag.ancestors : drag.descendants;
    while (start && !queue.isEmpty()) {
        const NodeItem *n = queue.takeLast();
        for (const WireItem *w : n->wires()) {
            const NodeItem *next = from.output ? (w->toItem() == n ? w->fromItem() : nullptr)
                                               : (w->fromItem() == n ? w->toItem() : nullptr);
            if (next && !reach.contains(next->id())) {
                reach.insert(next->id());
                queue.append(next);
            }
        }
    }
    m_drag = std::move(drag);
    m_dragHover = {};
    ++m_staticRevision;
    update();
}

void GraphScene::endConnectionDrag()
{
    if (!m_drag)
        return;
    m_drag.reset();
    m_dragHover = {};
    ++m_staticRevision;
    update();
}

const PortRef &GraphScene::dragSource() const
{
    static const PortRef none;
    return m_drag ? m_drag->from : none;
}

void GraphScene::setDragHover(const PortRef &port)
{
    if (m_dragHover == port)
        return;
    for (const PortRef &p : {m_dragHover, port}) {
        if (NodeItem *item = m_nodes.value(p.node))
            item->update();
    }
    m_dragHover = port;
}

ConnectionRefusal GraphScene::dragRefusal(const PortRef &target) const
{
    if (!m_drag)
        return ConnectionRefusal::None;
    const PortRef &from = m_drag->from;
    if (from.output == target.output)
        return from.output ? ConnectionRefusal::OutputToOutput : ConnectionRefusal::InputToInput;
    if (from.node == target.node)
        return ConnectionRefusal::SameNode;
    const PortRef &in = from.output ? target : from;
    if (!in.isFreePort() && !(in == m_drag->released)) {
        const NodeItem *to = nodeItem(in.node);
        if (to && to->isInputWired(in.port))
            return ConnectionRefusal::InputTaken;
    }
    if (from.output ? m_drag->ancestors.contains(target.node) : m_drag->descendants.contains(target.node))
        return ConnectionRefusal::WouldCycle;
    return ConnectionRefusal::None;
}

bool GraphScene::isDimmed(const NodeItem *item) const
{
    if (!m_drag)
        return false;
    const PortRef &from = m_drag->from;
    if (item->id() == from.node)
        return false; // the node the wire comes from stays as it is
    const QSet<QString> &refused = from.output ? m_drag->ancestors : m_drag->descendants;
    if (refused.contains(item->id()))
        return true;
    // A node none of whose ports could take the wire.
    if (from.output) {
        if (item->hasFreeInput())
            return false;
        for (const QString &p : item->inputPorts()) {
            if (!item->isInputWired(p) || PortRef{item->id(), p, false} == m_drag->released)
                return false;
        }
        return true;
    }
    return item->outputPorts().isEmpty() && !item->hasFreeOutput();
}

} // namespace Flow

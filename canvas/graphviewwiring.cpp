// GraphView: dragging wires, the quick-add popup and drops from the palette.
#include "graphcontroller.h"
#include "graphscene.h"
#include "graphview.h"
#include "nodeitem.h"
#include "palettewidget.h"
#include "quickaddpopup.h"
#include "wireitem.h"

#include <QDropEvent>
#include <QGraphicsPathItem>
#include <QMimeData>

namespace Flow {

// --- Wires ---

WireItem *GraphView::wireInto(const PortRef &input) const
{
    const NodeItem *node = m_scene->nodeItem(input.node);
    if (!node || input.isFreePort())
        return nullptr;
    for (WireItem *w : node->wires()) {
        if (w->kind() == WireItem::Kind::Data && w->toItem() == node && w->edge().toPort == input.port)
            return w;
    }
    return nullptr;
}

void GraphView::startWire(const PortRef &from, const QPointF &scenePos, const PortRef &released)
{
    m_mode = Mode::Wire;
    m_wireFrom = from;
    m_scene->beginConnectionDrag(from, released);
    if (!m_rubberWire) {
        m_rubberWire = new QGraphicsPathItem;
        m_rubberWire->setZValue(10);
        m_scene->addItem(m_rubberWire);
    }
    QPen pen(m_scene->theme().cardSelected, 2);
    pen.setStyle(Qt::DashLine);
    m_rubberWire->setPen(pen);
    m_rubberWire->show();
    continueWire(scenePos);
}

void GraphView::continueWire(const QPointF &scenePos)
{
    PortRef target = m_scene->portAt(scenePos);
    m_scene->setDragHover(target);
    const QPointF start = m_scene->portScenePos(m_wireFrom);
    QPointF end = scenePos;
    if (target.isValid() && m_scene->dragRefusal(target) == ConnectionRefusal::None)
        end = m_scene->portScenePos(target); // snap the loose end onto an allowed port
    m_rubberWire->setPath(m_wireFrom.output ? WireItem::bezier(start, end) : WireItem::bezier(end, start));
}

void GraphView::cancelWire()
{
    m_mode = Mode::None;
    m_scene->endConnectionDrag();
    if (m_rubberWire)
        m_rubberWire->hide();
    if (m_pickedWire) {
        if (WireItem *wire = m_scene->wireItem(*m_pickedWire))
            wire->show();
        m_pickedWire.reset();
    }
}

void GraphView::finishWire(const QPoint &viewPos)
{
    const PortRef from = m_wireFrom;
    const QPointF scenePos = mapToScene(viewPos);
    PortRef target = m_scene->portAt(scenePos);
    if (!target.isValid()) {
        // Dropped on a node's body: its first port that may take the wire.
        const QList<QGraphicsItem *> hits = m_scene->items(scenePos);
        for (QGraphicsItem *item : hits) {
            if (item->type() != NodeItem::Type)
                continue;
            auto *node = static_cast<NodeItem *>(item);
            const QStringList &ports = from.output ? node->inputPorts() : node->outputPorts();
            for (const QString &p : ports) {
                const PortRef candidate{node->id(), p, !from.output};
                if (m_scene->dragRefusal(candidate) == ConnectionRefusal::None) {
                    target = candidate;
                    break;
                }
            }
            if (!target.isValid() && (from.output ? node->hasFreeInput() : node->hasFreeOutput()))
                target = PortRef{node->id(), QString(), !from.output};
            if (!target.isValid())
                target = PortRef{node->id(), ports.value(0), !from.output}; // refused, with its reason
            break;
        }
    }
    const std::optional<Edge> picked = m_pickedWire;
    cancelWire();
    if (picked) {
        // A picked-up wire goes to the input it was dropped on, or away when dropped elsewhere.
        if (target.isValid())
            m_controller->reconnect(*picked, target);
        else
            m_controller->disconnect(*picked);
        return;
    }
    if (target.isValid()) {
        if (!(target == from))
            m_controller->connectPorts(from, target);
        return;
    }
    if (!itemAt(viewPos) || itemAt(viewPos)->type() != NodeItem::Type)
        openQuickAdd(viewPos, from);
}

// --- Quick add ---

void GraphView::openQuickAdd(const QPoint &viewPos, const PortRef &from)
{
    m_quickAddScenePos = mapToScene(viewPos);
    m_quickAddFrom = from;
    QuickAddPopup::PortFilter filter = QuickAddPopup::PortFilter::Any;
    if (from.isValid())
        filter = from.output ? QuickAddPopup::PortFilter::NeedsInput : QuickAddPopup::PortFilter::NeedsOutput;
    m_quickAdd->popup(viewport()->mapToGlobal(viewPos), filter);
}

void GraphView::quickAddChosen(const QString &typeId)
{
    if (m_quickAddFrom.isValid())
        m_controller->addConnectedNode(typeId, m_quickAddScenePos, m_quickAddFrom);
    else
        m_controller->addNode(typeId, m_quickAddScenePos - QPointF(NodeItem::Width / 2, 20));
    m_quickAddFrom = {};
}

// --- Drops from the palette ---

void GraphView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(NodeTypeMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void GraphView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(NodeTypeMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void GraphView::dropEvent(QDropEvent *event)
{
    const QString type
        = QString::fromUtf8(event->mimeData()->data(QLatin1String(NodeTypeMimeType))).trimmed();
    if (type.isEmpty()) {
        event->ignore();
        return;
    }
    const QPointF scenePos = mapToScene(event->position().toPoint());
    // The cursor holds the card by the middle of its header.
    if (m_controller->addNode(type, scenePos - QPointF(NodeItem::Width / 2, NodeItem::HeaderHeight / 2))
            .isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    setFocus(Qt::OtherFocusReason);
}

} // namespace Flow

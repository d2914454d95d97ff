#include "wireitem.h"

#include "graphscene.h"
#include "nodeitem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace Flow {
namespace {

constexpr qreal WireWidth = 2.0;
constexpr qreal HitWidth = 10.0;
// Below this level of detail a wire is a straight line: cheaper, and curves are invisible anyway.
constexpr qreal CurveLod = 0.3;

} // namespace

WireItem::WireItem(const Edge &edge, NodeItem *from, NodeItem *to)
    : m_kind(Kind::Data)
    , m_edge(edge)
    , m_from(from)
    , m_to(to)
{
    setFlag(ItemIsSelectable);
    setZValue(0);
    m_from->addWire(this);
    m_to->addWire(this);
    updatePath();
}

WireItem::WireItem(NodeItem *from, NodeItem *to)
    : m_kind(Kind::After)
    , m_edge{from->id(), QString(), to->id(), QString()}
    , m_from(from)
    , m_to(to)
{
    setFlag(ItemIsSelectable);
    setZValue(-0.5);
    m_from->addWire(this);
    m_to->addWire(this);
    updatePath();
}

WireItem::~WireItem()
{
    detach();
}

void WireItem::detach()
{
    if (m_from)
        m_from->removeWire(this);
    if (m_to && m_to != m_from)
        m_to->removeWire(this);
    m_from = nullptr;
    m_to = nullptr;
}

QPainterPath WireItem::bezier(const QPointF &from, const QPointF &to)
{
    // Horizontal tangents at both ends; the further apart, the rounder. Backward wires loop around.
    const qreal dx = to.x() - from.x();
    const qreal handle = std::max(40.0, std::abs(dx) * 0.5) + (dx < 0 ? std::min(120.0, -dx * 0.25) : 0.0);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(handle, 0), to - QPointF(handle, 0), to);
    return path;
}

void WireItem::updatePath()
{
    if (!m_from || !m_to)
        return;
    if (m_kind == Kind::Data) {
        m_p1 = m_from->pos() + m_from->outputPos(m_edge.fromPort);
        m_p2 = m_to->pos() + m_to->inputPos(m_edge.toPort);
    } else {
        // Ordering wires join the headers, apart from the port rows.
        m_p1 = m_from->pos() + QPointF(NodeItem::Width, NodeItem::HeaderHeight / 2);
        m_p2 = m_to->pos() + QPointF(0, NodeItem::HeaderHeight / 2);
    }
    prepareGeometryChange();
    m_path = bezier(m_p1, m_p2);
    const qreal m = HitWidth / 2 + 1;
    m_bounds = m_path.controlPointRect().adjusted(-m, -m, m, m);
}

QRectF WireItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath WireItem::shape() const
{
    // Built on demand only: hit tests are rare compared to moves and paints.
    QPainterPathStroker stroker;
    stroker.setWidth(HitWidth);
    return stroker.createStroke(m_path);
}

void WireItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    auto *graph = static_cast<GraphScene *>(scene());
    const CanvasTheme &theme = graph->theme();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool selected = isSelected();
    const bool touchesSelection = (m_from && m_from->isSelected()) || (m_to && m_to->isSelected());
    QColor color = m_kind == Kind::After ? theme.wireAfter : theme.wire;
    if (selected || touchesSelection)
        color = theme.cardSelected;
    QPen pen(color, selected ? WireWidth + 1.5 : WireWidth);
    if (lod < CurveLod) {
        pen.setWidthF(0); // cosmetic one-pixel line
        if (m_kind == Kind::After)
            pen.setStyle(Qt::DotLine);
        painter->setPen(pen);
        painter->drawLine(m_p1, m_p2);
        return;
    }
    if (m_kind == Kind::After)
        pen.setDashPattern({4, 3});
    pen.setCapStyle(Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
}

} // namespace Flow

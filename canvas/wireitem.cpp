#include "wireitem.h"

#include "graphscene.h"
#include "nodeitem.h"
#include "nodestatestyle.h"
#include "runoverlay.h"

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
    setFlag(ItemUsesExtendedStyleOption); // exposedRect, to draw only the visible part of long wires
    setZValue(0);
    attach();
    updatePath();
}

WireItem::WireItem(NodeItem *from, NodeItem *to)
    : m_kind(Kind::After)
    , m_edge{from->id(), QString(), to->id(), QString()}
    , m_from(from)
    , m_to(to)
{
    setFlag(ItemIsSelectable);
    setFlag(ItemUsesExtendedStyleOption);
    setZValue(-0.5);
    attach();
    updatePath();
}

WireItem::~WireItem()
{
    detach();
}

void WireItem::attach()
{
    // A node wired to itself (an invalid file that must still open) holds the wire once.
    m_from->addWire(this);
    if (m_to != m_from)
        m_to->addWire(this);
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

namespace {

qreal handleLength(const QPointF &from, const QPointF &to)
{
    // Horizontal tangents at both ends; the further apart, the rounder. Backward wires loop around.
    const qreal dx = to.x() - from.x();
    return std::max(40.0, std::abs(dx) * 0.5) + (dx < 0 ? std::min(120.0, -dx * 0.25) : 0.0);
}

} // namespace

QPainterPath WireItem::bezier(const QPointF &from, const QPointF &to)
{
    const qreal handle = handleLength(from, to);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(handle, 0), to - QPointF(handle, 0), to);
    return path;
}

const QPainterPath &WireItem::path() const
{
    if (!m_pathValid) {
        m_path = bezier(m_p1, m_p2);
        m_pathValid = true;
    }
    return m_path;
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
    auto *graph = static_cast<GraphScene *>(scene());
    if (graph)
        graph->markDirty(m_bounds);
    prepareGeometryChange();
    m_pathValid = false;
    m_polyline.clear();
    // A cubic bezier lies inside the box of its control points.
    const qreal handle = handleLength(m_p1, m_p2);
    const QPointF c1 = m_p1 + QPointF(handle, 0);
    const QPointF c2 = m_p2 - QPointF(handle, 0);
    const qreal m = HitWidth / 2 + 1;
    m_bounds = QRectF(QPointF(std::min({m_p1.x(), c1.x(), c2.x(), m_p2.x()}), std::min(m_p1.y(), m_p2.y())),
                      QPointF(std::max({m_p1.x(), c1.x(), c2.x(), m_p2.x()}), std::max(m_p1.y(), m_p2.y())))
                   .adjusted(-m, -m, m, m);
    if (graph)
        graph->markDirty(m_bounds);
}

bool WireItem::carriedData() const
{
    if (m_kind != Kind::Data || !m_from)
        return false;
    const auto *graph = static_cast<const GraphScene *>(scene());
    const NodeStatus *status = graph ? graph->nodeRunStatus(m_from->id()) : nullptr;
    return status && RunOverlay::carriesData(status->state);
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
    return stroker.createStroke(path());
}

void WireItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    auto *graph = static_cast<GraphScene *>(scene());
    const CanvasTheme &theme = graph->theme();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool selected = isSelected();
    const bool touchesSelection = (m_from && m_from->isSelected()) || (m_to && m_to->isSelected());
    QColor color = m_kind == Kind::After ? theme.wireAfter : theme.wire;
    qreal width = WireWidth;
    if (carriedData()) {
        color = graph->runOverlay().color(NodeState::Succeeded, theme.dark);
        width = WireWidth + 1;
    }
    if (selected || touchesSelection)
        color = theme.cardSelected;
    QPen pen(color, selected ? WireWidth + 1.5 : width);
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
    // A long wire crossing a small exposed area: stroking all of it (thousands of pixels off screen)
    // cost 100x more than drawing the visible stretch.
    const QRectF visible = option->exposedRect.adjusted(-HitWidth, -HitWidth, HitWidth, HitWidth);
    if (!visible.contains(m_bounds) && (m_bounds.width() + m_bounds.height()) * lod > 800) {
        paintClipped(painter, visible);
        return;
    }
    painter->drawPath(path());
}

void WireItem::paintClipped(QPainter *painter, const QRectF &visible) const
{
    if (m_polyline.isEmpty())
        m_polyline = path().toSubpathPolygons().value(0);
    // Runs of consecutive segments that touch the visible area, each drawn as one polyline.
    qsizetype runStart = -1;
    for (qsizetype i = 0; i + 1 < m_polyline.size(); ++i) {
        const QRectF segment = QRectF(m_polyline.at(i), m_polyline.at(i + 1)).normalized();
        const bool shown = segment.adjusted(-0.5, -0.5, 0.5, 0.5).intersects(visible);
        if (shown && runStart < 0)
            runStart = i;
        if (!shown && runStart >= 0) {
            painter->drawPolyline(m_polyline.constData() + runStart, int(i - runStart + 1));
            runStart = -1;
        }
    }
    if (runStart >= 0)
        painter->drawPolyline(m_polyline.constData() + runStart, int(m_polyline.size() - runStart));
}

} // namespace Flow

#pragma once

#include "model/workflow.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace Flow {

class NodeItem;

// A wire between two node cards: a data edge (output port -> input port, solid) or an `after:`
// ordering dependency (dashed, from the right edge of the earlier node to the left edge of the later).
// A cubic bezier; its path is recomputed only when one of its nodes moves.
class WireItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    enum class Kind { Data, After };

    // Data wire.
    WireItem(const Edge &edge, NodeItem *from, NodeItem *to);
    // `after` wire: `to` runs after `from`.
    WireItem(NodeItem *from, NodeItem *to);
    ~WireItem() override;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    Kind kind() const { return m_kind; }
    const Edge &edge() const { return m_edge; } // for After wires: fromNode/toNode only
    NodeItem *fromItem() const { return m_from; }
    NodeItem *toItem() const { return m_to; }
    void setEdge(const Edge &edge) { m_edge = edge; } // after a rename
    // Detaches from both nodes (before the nodes go away).
    void detach();

    // Run overlay: a data wire whose source node succeeded or was cached delivered its outputs. Drawn
    // thicker in the "succeeded" colour.
    bool carriedData() const;

    void updatePath();
    // The straight line drawn in overview mode.
    QLineF overviewLine() const { return QLineF(m_p1, m_p2); }
    static QPainterPath bezier(const QPointF &from, const QPointF &to);

private:
    void attach();
    Kind m_kind;
    Edge m_edge;
    NodeItem *m_from = nullptr;
    NodeItem *m_to = nullptr;
    QPointF m_p1;
    QPointF m_p2;
    void paintClipped(QPainter *painter, const QRectF &visible) const;
    const QPainterPath &path() const;

    // The bezier is built on first use (paint or hit test), not on every move: in a drag of hundreds
    // of nodes most wires are off screen or drawn as lines.
    mutable QPainterPath m_path;
    mutable bool m_pathValid = false;
    mutable QPolygonF m_polyline; // m_path flattened, built when a long wire is first drawn clipped
    QRectF m_bounds;
};

} // namespace Flow

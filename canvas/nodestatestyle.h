#pragma once

#include "runs/runstate.h"

#include <QColor>
#include <QRectF>
#include <QString>

class QPainter;

namespace Flow {

// How a node's run state looks, the same everywhere it is drawn: the canvas overlay, the run panel's
// table and the timeline. A colour that reads on light and dark backgrounds, a short translated
// label, and a small vector glyph (no image files, so it scales with the zoom).
struct NodeStateStyle
{
    QColor color;
    QString label;
};

NodeStateStyle nodeStateStyle(NodeState state, bool dark = false);
// Draws the state's glyph (check, cross, clock, arrows...) centred in `rect`, in `color`.
void paintStateGlyph(QPainter *painter, const QRectF &rect, NodeState state, const QColor &color);

} // namespace Flow

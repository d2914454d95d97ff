#pragma once

#include "model/workflow.h"

#include <QHash>
#include <QPointF>
#include <QSizeF>

namespace Flow {

// Input of a layout: boxes and the wires between them (ports ordered by index so that wires leave and
// enter in port order). Plain data so that it can be computed on a worker thread.
struct LayoutGraph
{
    struct Box
    {
        QString id;
        QSizeF size;
    };
    struct Link
    {
        int from;     // index into boxes
        int fromPort; // output port index (ordering)
        int to;
        int toPort; // input port index
    };
    QList<Box> boxes;
    QList<Link> links;
};

// Top-left position of every box, left to right by dependency, no two boxes overlapping, top-left of
// the whole result at (0, 0). Uses Graphviz dot when built with it, else a layered fallback.
QHash<QString, QPointF> computeLayout(const LayoutGraph &graph);
QHash<QString, QPointF> computeLayeredLayout(const LayoutGraph &graph); // the fallback, always there
bool hasGraphviz();

} // namespace Flow

// GraphScene's overview mode: the whole graph at very low zoom in a few batched draw calls.
#include "graphscene.h"
#include "nodeitem.h"
#include "nodestatestyle.h"
#include "runoverlay.h"
#include "wireitem.h"

#include <QPainter>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <vector>

namespace Flow {
namespace {

// Many small dirty rectangles (a drag of hundreds of nodes) become at most Grid x Grid cells of their
// bounding box, merged along rows: the repaint stays near what changed without handing the view a
// region of thousands of rectangles (whose union and item search would cost more than the paint).
QList<QRectF> coalesce(const QList<QRectF> &rects)
{
    constexpr int Grid = 8;
    if (rects.size() <= Grid)
        return rects;
    QRectF bounds;
    for (const QRectF &r : rects)
        bounds |= r;
    const qreal cw = bounds.width() / Grid;
    const qreal ch = bounds.height() / Grid;
    if (cw <= 0 || ch <= 0)
        return {bounds};
    bool cells[Grid][Grid] = {};
    for (const QRectF &r : rects) {
        const int x0 = std::clamp(int((r.left() - bounds.left()) / cw), 0, Grid - 1);
        const int x1 = std::clamp(int((r.right() - bounds.left()) / cw), 0, Grid - 1);
        const int y0 = std::clamp(int((r.top() - bounds.top()) / ch), 0, Grid - 1);
        const int y1 = std::clamp(int((r.bottom() - bounds.top()) / ch), 0, Grid - 1);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x)
                cells[y][x] = true;
        }
    }
    QList<QRectF> out;
    for (int y = 0; y < Grid; ++y) {
        for (int x = 0; x < Grid;) {
            if (!cells[y][x]) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < Grid && cells[y][x])
                ++x;
            out.append(QRectF(bounds.left() + start * cw, bounds.top() + y * ch, (x - start) * cw, ch));
        }
    }
    return out;
}

} // namespace

void GraphScene::applyOverviewFlag(QGraphicsItem *item) const
{
    item->setFlag(QGraphicsItem::ItemHasNoContents, m_overview);
}

void GraphScene::setOverview(bool overview)
{
    if (overview == m_overview)
        return;
    m_overview = overview;
    m_dirty.clear();
    for (NodeItem *node : std::as_const(m_nodes)) {
        applyOverviewFlag(node);
        for (WireItem *wire : node->wires()) {
            if (wire->fromItem() == node)
                applyOverviewFlag(wire);
        }
    }
    update();
}

void GraphScene::queueDirty(const QRectF &sceneRect)
{
    if (m_dirty.isEmpty())
        QTimer::singleShot(0, this, &GraphScene::flushDirty);
    m_dirty.append(sceneRect);
}

void GraphScene::flushDirty()
{
    const QList<QRectF> rects = coalesce(m_dirty);
    m_dirty.clear();
    for (const QRectF &r : rects)
        update(r.adjusted(-2, -2, 2, 2));
}

void GraphScene::setLiveNodes(const QStringList &ids)
{
    m_live.clear();
    for (const QString &id : ids) {
        if (const NodeItem *item = m_nodes.value(id))
            m_live.insert(item);
    }
    ++m_staticRevision;
}

void GraphScene::paintOverview(QPainter *painter, const QRectF &exposed, OverviewPart part) const
{
    // Cards as rectangles grouped by colour, wires as lines grouped by kind: a handful of draw calls
    // for the whole graph. This walk runs at every overview repaint (a fit of 5,000 nodes), so it asks
    // QGraphicsItem nothing per item that it can learn once: the selection comes as one set (an
    // item's isSelected() walks its group chain), colours are few (a short list, not a hash).
    QList<QLineF> wires, afterWires, selectedWires, carriedWires;
    struct ColorRects
    {
        QRgb rgba;
        QList<QRectF> rects;
    };
    std::vector<ColorRects> cards;
    const bool liveOnly = part == OverviewPart::Live;
    const bool skipLive = part == OverviewPart::Static;
    if (!liveOnly) {
        wires.reserve(m_nodes.size() * 2);
        cards.reserve(16);
    }

    QSet<const QGraphicsItem *> selection;
    for (const QGraphicsItem *item : selectedItems())
        selection.insert(item);
    const bool anySelected = !selection.isEmpty();
    auto isSelected = [&](const QGraphicsItem *item) { return anySelected && selection.contains(item); };
    // Lines and cards are tested against the exposed rectangle only when it does not hold them all.
    const bool allExposed = exposed.contains(m_overviewBounds);

    // A source node's run state is looked up once for all its wires.
    const bool overlay = hasRunOverlay();
    auto carries = [&](const NodeItem *source) {
        const NodeStatus *status = overlay ? nodeRunStatus(source->id()) : nullptr;
        return status && RunOverlay::carriesData(status->state);
    };
    auto addWire = [&](const WireItem *wire, bool sourceCarries) {
        const QLineF line = wire->overviewLine();
        if (!allExposed && !QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1).intersects(exposed))
            return;
        if (isSelected(wire) || isSelected(wire->fromItem()) || isSelected(wire->toItem()))
            selectedWires.append(line);
        else if (wire->kind() == WireItem::Kind::After)
            afterWires.append(line);
        else if (sourceCarries)
            carriedWires.append(line);
        else
            wires.append(line);
    };
    QRectF seen; // the cards' bounds, for allExposed at the next paint
    auto addCard = [&](const NodeItem *node) {
        const QRectF rect = node->cardRect().translated(node->pos());
        seen |= rect;
        if (!allExposed && !rect.intersects(exposed))
            return;
        const QRgb rgba = isSelected(node) ? m_theme.cardSelected.rgba()
                                           : node->overviewColor(m_theme, false).rgba();
        auto it = std::find_if(cards.begin(), cards.end(), [rgba](const ColorRects &c) { return c.rgba == rgba; });
        if (it == cards.end()) {
            cards.push_back({rgba, {}});
            it = cards.end() - 1;
            if (!liveOnly)
                it->rects.reserve(m_nodes.size() / 4);
        }
        it->rects.append(rect);
    };

    if (liveOnly) {
        // Only the dragged nodes and the wires touching them: a walk over those, not the graph.
        for (const NodeItem *node : m_live) {
            for (const WireItem *wire : node->wires()) {
                // A wire between two live nodes is drawn once, from its source.
                if (wire->fromItem() == node || !m_live.contains(wire->fromItem()))
                    addWire(wire, carries(wire->fromItem()));
            }
            addCard(node);
        }
    } else {
        const bool anyLive = skipLive && !m_live.isEmpty();
        for (const NodeItem *node : m_nodes) {
            const bool live = anyLive && m_live.contains(node);
            const bool nodeCarries = overlay && carries(node);
            for (const WireItem *wire : node->wires()) {
                if (wire->fromItem() != node)
                    continue; // each wire once, from its source
                if (anyLive && (live || m_live.contains(wire->toItem())))
                    continue;
                addWire(wire, nodeCarries);
            }
            if (!live)
                addCard(node);
        }
        if (!anyLive)
            m_overviewBounds = seen;
    }
    const QColor selected = m_theme.cardSelected;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(m_theme.wire, 0, Qt::SolidLine, Qt::FlatCap));
    painter->drawLines(wires);
    painter->setPen(QPen(m_theme.wireAfter, 0, Qt::DotLine, Qt::FlatCap));
    painter->drawLines(afterWires);
    if (!carriedWires.isEmpty()) {
        painter->setPen(
            QPen(nodeStateStyle(NodeState::Succeeded, m_theme.dark).color, 0, Qt::SolidLine, Qt::FlatCap));
        painter->drawLines(carriedWires);
    }
    painter->setPen(QPen(selected, 0, Qt::SolidLine, Qt::FlatCap));
    painter->drawLines(selectedWires);
    painter->setPen(Qt::NoPen);
    for (const ColorRects &c : cards) {
        painter->setBrush(QColor::fromRgba(c.rgba));
        painter->drawRects(c.rects.constData(), int(c.rects.size()));
    }
    painter->restore();
}

} // namespace Flow

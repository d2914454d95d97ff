#include "graphview.h"

#include "documents/commands/movecommands.h"
#include "graphcontroller.h"
#include "graphscene.h"
#include "minimap.h"
#include "model/workflowdocument.h"
#include "nodeitem.h"
#include "palettewidget.h"
#include "quickaddpopup.h"
#include "wireitem.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QRubberBand>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <array>
#include <cmath>

namespace Flow {
namespace {

constexpr qreal ZoomStep = 1.25;
// Below this zoom, antialiasing costs more than it shows.
constexpr qreal AntialiasZoom = 0.3;

} // namespace

GraphView::GraphView(GraphScene *scene, GraphController *controller, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
    , m_controller(controller)
{
    setDragMode(NoDrag); // selection, rubber band and moves are handled here, see mousePressEvent()
    setTransformationAnchor(NoAnchor);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(MinimalViewportUpdate);
    setOptimizationFlags(DontAdjustForAntialiasing | DontSavePainterState);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    applyRenderHints();

    m_minimap = new Minimap(this);
    m_quickAdd = new QuickAddPopup(scene->catalog(), this);
    connect(m_quickAdd, &QuickAddPopup::typeChosen, this, &GraphView::quickAddChosen);
    m_rubberBand = new QRubberBand(QRubberBand::Rectangle, viewport());
    m_idEditor = new QLineEdit(viewport());
    m_idEditor->hide();
    m_idEditor->installEventFilter(this);
    connect(m_idEditor, &QLineEdit::returnPressed, this, &GraphView::commitIdEdit);

    connect(scene->document(), &WorkflowDocument::changed, m_minimap, &Minimap::invalidate);
    connect(scene->document(), &WorkflowDocument::changed, this, &GraphView::schedulePlaceMinimap);
    connect(this, &GraphView::viewportMoved, this, &GraphView::schedulePlaceMinimap);
    connect(scene->document(), &WorkflowDocument::nodeRemoved, this, [this](const QString &id) {
        if (id == m_editedId)
            closeIdEditor();
    });
    if (controller)
        controller->setView(this);
}

GraphView::~GraphView() = default;

// --- Zoom ---

qreal GraphView::zoom() const
{
    return transform().m11();
}

void GraphView::setZoom(qreal zoom, const QPointF &anchorScenePos)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    const QPoint anchorView = mapFromScene(anchorScenePos);
    setTransform(QTransform::fromScale(zoom, zoom));
    // Keep the anchor under the same pixel: scroll by how far it drifted.
    const QPointF drift = anchorScenePos - mapToScene(anchorView);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(drift.x() * zoom)));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(drift.y() * zoom)));
    applyRenderHints();
    placeIdEditor();
    emit zoomChanged(zoom);
    emit viewportMoved();
}

void GraphView::zoomIn()
{
    setZoom(zoom() * ZoomStep, mapToScene(viewport()->rect().center()));
}

void GraphView::zoomOut()
{
    setZoom(zoom() / ZoomStep, mapToScene(viewport()->rect().center()));
}

void GraphView::zoomReset()
{
    setZoom(1.0, mapToScene(viewport()->rect().center()));
}

void GraphView::zoomToFit()
{
    m_scene->ensurePositions();
    const QRectF bounds = m_scene->nodesBoundingRect();
    if (bounds.isEmpty()) {
        setZoom(1.0, QPointF());
        centerOn(QPointF(0, 0));
        return;
    }
    const QRectF target = bounds.adjusted(-40, -40, 40, 40);
    const QSizeF area = viewport()->size();
    // Never magnify a small graph beyond 100%: it would look like a mistake.
    const qreal z = std::min({area.width() / target.width(), area.height() / target.height(), 1.0});
    setZoom(z, target.center());
    centerOn(target.center());
    emit viewportMoved();
}

void GraphView::applyRenderHints()
{
    const bool smooth = zoom() >= AntialiasZoom;
    m_scene->setOverview(!smooth);
    setRenderHint(QPainter::Antialiasing, smooth);
    setRenderHint(QPainter::TextAntialiasing, true);
    setRenderHint(QPainter::SmoothPixmapTransform, smooth);
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    const QPointF delta = event->angleDelta();
    if (delta.y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal factor = std::pow(1.0015, delta.y());
    setZoom(zoom() * factor, mapToScene(event->position().toPoint()));
    event->accept();
}

// --- Background ---

void GraphView::drawBackground(QPainter *painter, const QRectF &rect)
{
    if (m_scene->isOverview() && m_scene->hasLiveNodes() && drawFromStaticLayer(painter, rect)) {
        m_scene->paintOverview(painter, rect, GraphScene::OverviewPart::Live);
        return;
    }
    drawGrid(painter, rect);
    if (m_scene->isOverview())
        m_scene->paintOverview(painter, rect);
}

bool GraphView::drawFromStaticLayer(QPainter *painter, const QRectF &rect)
{
    // While hundreds of nodes are dragged at overview zoom, everything else is one picture: each step
    // copies it and draws only the moving nodes and their wires.
    const qreal dpr = viewport()->devicePixelRatioF();
    const QSize pixels = viewport()->size() * dpr;
    if (painter->device()->width() != pixels.width() || painter->device()->height() != pixels.height())
        return false; // not the viewport (a render() into something else)
    if (m_staticLayer.size() != pixels || m_staticTransform != viewportTransform()
        || m_staticRevision != m_scene->staticRevision()) {
        m_staticLayer = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_staticLayer.setDevicePixelRatio(dpr);
        QPainter p(&m_staticLayer);
        p.setWorldTransform(viewportTransform());
        const QRectF all = mapToScene(viewport()->rect()).boundingRect();
        drawGrid(&p, all);
        m_scene->paintOverview(&p, all, GraphScene::OverviewPart::Static);
        m_staticTransform = viewportTransform();
        m_staticRevision = m_scene->staticRevision();
    }
    painter->save();
    painter->resetTransform(); // viewport pixels; the exposed region still clips
    const QRect area = mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1) & viewport()->rect();
    painter->drawImage(area, m_staticLayer, QRectF(QPointF(area.topLeft()) * dpr, QSizeF(area.size()) * dpr));
    painter->restore();
    return true;
}

void GraphView::drawGrid(QPainter *painter, const QRectF &rect)
{
    const CanvasTheme &theme = m_scene->theme();
    painter->fillRect(rect, theme.background);
    const qreal grid = GraphScene::GridSize;
    const qreal z = zoom();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    // Major lines every 5 cells; minor dots while cells are at least 10 px apart.
    const qreal major = grid * 5;
    if (major * z >= 12) {
        QVector<QLineF> lines;
        const qreal left = std::floor(rect.left() / major) * major;
        const qreal top = std::floor(rect.top() / major) * major;
        for (qreal x = left; x < rect.right(); x += major)
            lines.append(QLineF(x, rect.top(), x, rect.bottom()));
        for (qreal y = top; y < rect.bottom(); y += major)
            lines.append(QLineF(rect.left(), y, rect.right(), y));
        painter->setPen(QPen(theme.gridMajor, 0));
        painter->drawLines(lines);
    }
    if (grid * z >= 10) {
        QVector<QPointF> dots;
        const qreal left = std::floor(rect.left() / grid) * grid;
        const qreal top = std::floor(rect.top() / grid) * grid;
        for (qreal x = left; x < rect.right(); x += grid) {
            for (qreal y = top; y < rect.bottom(); y += grid)
                dots.append(QPointF(x, y));
        }
        painter->setPen(
            QPen(theme.gridMinor, std::max(1.0, 1.5 * std::min(z, 1.5)) / z, Qt::SolidLine, Qt::SquareCap));
        painter->drawPoints(dots);
    }
    painter->restore();
}

void GraphView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_scene->setPalette(palette());
        m_minimap->invalidate();
    }
    QGraphicsView::changeEvent(event);
}

// --- Mouse ---

QPointF GraphView::snapped(const QPointF &p) const
{
    if (!m_snap)
        return p;
    const qreal g = GraphScene::GridSize;
    return QPointF(std::round(p.x() / g) * g, std::round(p.y() / g) * g);
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (m_mode != Mode::None)
        return;
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        startPan(event->pos());
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    const QPointF scenePos = mapToScene(event->pos());
    const PortRef port = m_scene->portAt(scenePos);
    if (port.isValid()) {
        // A wired input picks its wire up: the drag moves the wire's input end elsewhere.
        if (WireItem *wire = port.output ? nullptr : wireInto(port)) {
            m_pickedWire = wire->edge();
            startWire(PortRef{wire->edge().fromNode, wire->edge().fromPort, true}, scenePos, port);
            wire->hide();
            return;
        }
        startWire(port, scenePos);
        return;
    }
    if (QGraphicsItem *item = itemAt(event->pos())) {
        pressOnItem(item, event);
        return;
    }
    // Empty canvas: rubber band (Ctrl adds to the selection).
    m_mode = Mode::RubberBand;
    m_bandOrigin = event->pos();
    m_bandBase = (event->modifiers() & Qt::ControlModifier) ? m_scene->selectedNodeIds() : QStringList();
    if (m_bandBase.isEmpty())
        m_scene->clearSelection();
    m_rubberBand->setGeometry(QRect(m_bandOrigin, QSize()));
    m_rubberBand->show();
}

void GraphView::pressOnItem(QGraphicsItem *item, QMouseEvent *event)
{
    const bool toggle = event->modifiers() & Qt::ControlModifier;
    if (toggle) {
        item->setSelected(!item->isSelected());
        return;
    }
    if (!item->isSelected()) {
        const bool blocked = m_scene->blockSignals(true);
        m_scene->clearSelection();
        m_scene->blockSignals(blocked);
        item->setSelected(true);
    }
    if (item->type() == NodeItem::Type) {
        m_moveAnchor = static_cast<NodeItem *>(item)->id();
        startNodeMove(mapToScene(event->pos()));
    }
}

void GraphView::startNodeMove(const QPointF &scenePos)
{
    m_mode = Mode::MoveNodes;
    m_pressScenePos = scenePos;
    m_moved = false;
    m_moveOrigins.clear();
    for (const QString &id : m_scene->selectedNodeIds())
        m_moveOrigins.insert(id, m_scene->nodePosition(id));
    m_dragSerial = 0; // a serial is taken when the drag really starts moving
}

void GraphView::continueNodeMove(const QPointF &scenePos)
{
    const QPointF delta = scenePos - m_pressScenePos;
    if (!m_moved
        && (mapFromScene(scenePos) - mapFromScene(m_pressScenePos)).manhattanLength()
               < QApplication::startDragDistance())
        return;
    if (!m_moved) {
        m_moved = true;
        m_dragSerial = MoveNodesCommand::nextDragSerial();
        m_scene->setLiveNodes(m_moveOrigins.keys());
    }
    // The node under the cursor snaps to the grid; the others keep their distance to it.
    const QPointF anchor = m_moveOrigins.value(m_moveAnchor);
    const QPointF offset = snapped(anchor + delta) - anchor;
    QHash<QString, QPointF> positions;
    positions.reserve(m_moveOrigins.size());
    bool changed = false;
    for (const auto &[id, origin] : m_moveOrigins.asKeyValueRange()) {
        positions.insert(id, origin + offset);
        changed = changed || m_scene->nodePosition(id) != origin + offset;
    }
    if (changed)
        m_controller->moveNodes(positions, m_dragSerial);
}

void GraphView::startPan(const QPoint &pos)
{
    m_mode = Mode::Pan;
    m_panLast = pos;
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void GraphView::updateRubberBand(const QPoint &pos)
{
    const QRect band = QRect(m_bandOrigin, pos).normalized();
    m_rubberBand->setGeometry(band);
    // Nodes only, by bounding rectangle: wire shapes are too costly to test by the thousand.
    QStringList ids = m_bandBase;
    const QRectF sceneBand = mapToScene(band).boundingRect();
    for (QGraphicsItem *item : m_scene->items(sceneBand, Qt::IntersectsItemBoundingRect)) {
        if (item->type() == NodeItem::Type)
            ids.append(static_cast<NodeItem *>(item)->id());
    }
    m_scene->selectNodes(ids);
}

void GraphView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF scenePos = mapToScene(event->pos());
    switch (m_mode) {
    case Mode::Pan: {
        const QPoint d = event->pos() - m_panLast;
        m_panLast = event->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        return;
    }
    case Mode::MoveNodes:
        continueNodeMove(scenePos);
        return;
    case Mode::Wire:
        continueWire(scenePos);
        return;
    case Mode::RubberBand:
        updateRubberBand(event->pos());
        return;
    case Mode::None:
        break;
    }
    // Hover feedback: a cross over ports, an open hand while space is held.
    if (m_spaceHeld)
        viewport()->setCursor(Qt::OpenHandCursor);
    else if (m_scene->portAt(scenePos).isValid())
        viewport()->setCursor(Qt::CrossCursor);
    else
        viewport()->unsetCursor();
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    switch (m_mode) {
    case Mode::Pan:
        if (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton) {
            m_mode = Mode::None;
            viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        }
        return;
    case Mode::MoveNodes:
        m_mode = Mode::None;
        if (!m_moved && m_moveOrigins.size() > 1 && !(event->modifiers() & Qt::ControlModifier))
            m_scene->selectNodes({m_moveAnchor}); // a click on one of several selected nodes picks it
        m_dragSerial = 0;
        m_moveOrigins.clear();
        if (m_moved) {
            m_scene->setLiveNodes({});
            m_staticLayer = QImage(); // memory back
        }
        return;
    case Mode::Wire:
        finishWire(event->pos());
        return;
    case Mode::RubberBand:
        m_mode = Mode::None;
        m_rubberBand->hide();
        return;
    case Mode::None:
        break;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    QGraphicsItem *item = itemAt(event->pos());
    if (!item) {
        openQuickAdd(event->pos());
        return;
    }
    if (item->type() == NodeItem::Type) {
        auto *node = static_cast<NodeItem *>(item);
        if (node->titleRect().contains(node->mapFromScene(mapToScene(event->pos()))))
            editNodeId(node->id());
        else
            emit nodeActivated(node->id());
    }
}

// --- Geometry ---

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
    emit viewportMoved();
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    placeIdEditor();
    emit viewportMoved();
}

void GraphView::placeMinimap()
{
    // The minimap never hides a card: it takes the first corner with no card under it (bottom right
    // first, as users expect it there), then the same at a smaller size; when the graph fills every
    // corner even so, it stays bottom right at full size but fades so that the cards show through
    // (it comes back in full while the pointer is on it).
    const QRect area = viewport()->geometry();
    constexpr int Margin = 12;
    auto corners = [&](const QSize &size) {
        const int left = area.left() + Margin;
        const int top = area.top() + Margin;
        const int right = area.right() - size.width() - Margin;
        const int bottom = area.bottom() - size.height() - Margin;
        return std::array<QRect, 4>{QRect(QPoint(right, bottom), size), QRect(QPoint(left, bottom), size),
                                    QRect(QPoint(right, top), size), QRect(QPoint(left, top), size)};
    };
    const QSize full = m_minimap->sizeHint();
    for (const QSize &size : {full, full * 0.6}) {
        for (const QRect &corner : corners(size)) {
            if (!nodeUnder(corner)) {
                m_minimap->setGeometry(corner);
                m_minimap->setFaded(false);
                m_minimap->raise();
                return;
            }
        }
    }
    m_minimap->setGeometry(corners(full)[0]);
    m_minimap->setFaded(true);
    m_minimap->raise();
}

bool GraphView::nodeUnder(const QRect &viewRect) const
{
    const QRect inViewport = viewRect.translated(-viewport()->pos());
    const QRectF sceneRect = mapToScene(inViewport).boundingRect();
    const QList<QGraphicsItem *> items = m_scene->items(sceneRect, Qt::IntersectsItemBoundingRect);
    return std::any_of(items.cbegin(), items.cend(),
                       [](const QGraphicsItem *item) { return item->type() == NodeItem::Type; });
}

void GraphView::schedulePlaceMinimap()
{
    // A drag moves nodes many times per frame: one placement per event loop pass is enough.
    if (m_minimapPlacementPending)
        return;
    m_minimapPlacementPending = true;
    QTimer::singleShot(0, this, [this] {
        m_minimapPlacementPending = false;
        placeMinimap();
    });
}

} // namespace Flow

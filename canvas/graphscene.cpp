#include "graphscene.h"

#include "autolayout.h"
#include "nodes/registry.h"
#include "model/nodetypeinfo.h"
#include "model/workflowdocument.h"
#include "nodeitem.h"
#include "runoverlay.h"
#include "wireitem.h"

#include <QEvent>
#include <QTimer>

#include <algorithm>

namespace Flow {
namespace {

constexpr qreal SceneMargin = 3000;

} // namespace

GraphScene::GraphScene(WorkflowDocument *document, const NodeTypeCatalog *catalog, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_catalog(catalog ? catalog : builtinCatalog())
    , m_overlay(std::make_unique<RunOverlay>())
{
    connect(&m_overlayTimer, &QTimer::timeout, this, &GraphScene::tickRunOverlay);
    setItemIndexMethod(BspTreeIndex);
    // A fixed, shallow tree: with automatic depth, every move of a long wire (stored in every leaf it
    // crosses) cost thousands of leaf updates; depth 8 measured 3x faster drags and opens (5,000 nodes).
    setBspTreeDepth(8);
    m_theme = CanvasTheme::fromPalette(palette());
    connect(document, &WorkflowDocument::reset, this, &GraphScene::rebuild);
    connect(document, &WorkflowDocument::nodeAdded, this, &GraphScene::onNodeAdded);
    connect(document, &WorkflowDocument::nodeRemoved, this, &GraphScene::onNodeRemoved);
    connect(document, &WorkflowDocument::nodeChanged, this, &GraphScene::onNodeChanged);
    connect(document, &WorkflowDocument::nodeRenamed, this, &GraphScene::onNodeRenamed);
    connect(document, &WorkflowDocument::nodeMoved, this, &GraphScene::onNodeMoved);
    connect(document, &WorkflowDocument::edgeAdded, this, &GraphScene::onEdgeAdded);
    connect(document, &WorkflowDocument::edgeRemoved, this, &GraphScene::onEdgeRemoved);
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::emitSelection);
    rebuild();
}

GraphScene::~GraphScene()
{
    // ~QGraphicsScene emits selectionChanged while it deletes items; this part is gone by then.
    blockSignals(true);
    m_drag.reset();
    // Wires detach from nodes in their destructor; delete them before the nodes.
    qDeleteAll(m_edges);
    m_edges.clear();
    for (NodeItem *item : std::as_const(m_nodes)) {
        const QList<WireItem *> afterWires = item->wires(); // data wires are gone already
        qDeleteAll(afterWires);
    }
    clear();
    m_nodes.clear();
}

NodeItem *GraphScene::nodeItem(QStringView id) const
{
    return m_nodes.value(id.toString());
}

WireItem *GraphScene::wireItem(const Edge &edge) const
{
    return m_edges.value(edge);
}

QList<WireItem *> GraphScene::wiresOf(QStringView nodeId) const
{
    const NodeItem *item = nodeItem(nodeId);
    return item ? item->wires() : QList<WireItem *>();
}

// --- Building from the document ---

void GraphScene::rebuild()
{
    ++m_staticRevision;
    m_drag.reset();
    const bool blocked = blockSignals(true);
    clearSelection();
    qDeleteAll(m_edges);
    m_edges.clear();
    for (NodeItem *item : std::as_const(m_nodes)) {
        const QList<WireItem *> rest = item->wires();
        qDeleteAll(rest);
    }
    qDeleteAll(m_nodes);
    m_nodes.clear();
    m_autoPlaced.clear();
    m_live.clear();
    blockSignals(blocked);

    const Workflow &wf = m_document->workflow();
    m_nodes.reserve(wf.nodes.size());
    for (const Node &node : wf.nodes)
        createNodeItem(node);
    for (const Edge &edge : edgesOf(wf))
        onEdgeAdded(edge);
    for (const Node &node : wf.nodes)
        syncAfterWires(m_nodes.value(node.id), node);
    applyAutoPositions();
    const QRectF bounds = nodesBoundingRect();
    setSceneRect(bounds.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
    emit selectedNodesChanged({});
}

NodeItem *GraphScene::createNodeItem(const Node &node)
{
    auto *item = new NodeItem(this, node, m_catalog->find(node.type));
    if (node.position) {
        item->setPos(*node.position);
    } else {
        m_autoPlaced.insert(node.id);
        m_autoDirty = true;
    }
    applyOverviewFlag(item);
    addItem(item);
    m_nodes.insert(node.id, item);
    if (m_overlay->isActive())
        item->refreshRunStatus(); // a node of the shown run coming back (undo of a delete)
    markDirty(item->sceneBoundingRect());
    return item;
}

void GraphScene::syncAfterWires(NodeItem *item, const Node &node)
{
    if (!item)
        return;
    // Drop the ordering wires into this node, then make one per existing `after` entry.
    const QList<WireItem *> wires = item->wires();
    for (WireItem *w : wires) {
        if (w->kind() == WireItem::Kind::After && w->toItem() == item)
            removeWire(w);
    }
    for (const QString &dep : node.after) {
        NodeItem *from = m_nodes.value(dep);
        if (from && from != item) {
            auto *wire = new WireItem(from, item);
            applyOverviewFlag(wire);
            addItem(wire);
            markDirty(wire->boundingRect());
        }
    }
}

void GraphScene::removeWire(WireItem *wire)
{
    if (wire->kind() == WireItem::Kind::Data)
        m_edges.remove(wire->edge());
    markDirty(wire->boundingRect());
    removeItem(wire);
    delete wire;
}

void GraphScene::onNodeAdded(const QString &id)
{
    ++m_staticRevision;
    const Node *node = m_document->node(id);
    if (!node || m_nodes.contains(id))
        return;
    NodeItem *item = createNodeItem(*node);
    syncAfterWires(item, *node);
    // Ordering wires from this node to nodes that were waiting for it.
    for (const Node &other : m_document->workflow().nodes) {
        if (other.after.contains(id) && other.id != id)
            syncAfterWires(m_nodes.value(other.id), other);
    }
    if (!node->position)
        markAutoPositionsDirty();
    const QRectF r = item->sceneBoundingRect().adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin);
    if (!sceneRect().contains(r))
        setSceneRect(sceneRect().united(r));
}

void GraphScene::onNodeRemoved(const QString &id)
{
    ++m_staticRevision;
    NodeItem *item = m_nodes.take(id);
    if (!item)
        return;
    const QList<WireItem *> wires = item->wires();
    for (WireItem *w : wires)
        removeWire(w);
    const bool wasSelected = item->isSelected();
    m_lastSelection.remove(id);
    m_live.remove(item);
    markDirty(item->sceneBoundingRect());
    removeItem(item);
    delete item;
    if (m_autoPlaced.remove(id))
        markAutoPositionsDirty();
    if (m_drag)
        endConnectionDrag();
    if (wasSelected)
        emitSelection();
}

void GraphScene::onNodeChanged(const QString &id)
{
    ++m_staticRevision;
    NodeItem *item = m_nodes.value(id);
    const Node *node = m_document->node(id);
    if (!item || !node)
        return;
    item->sync(*node, m_catalog->find(node->type));
    markDirty(item->sceneBoundingRect());
    syncAfterWires(item, *node);
    if (!node->position && !m_autoPlaced.contains(id)) {
        m_autoPlaced.insert(id);
        markAutoPositionsDirty();
    }
}

void GraphScene::onNodeRenamed(const QString &oldId, const QString &newId)
{
    ++m_staticRevision;
    NodeItem *item = m_nodes.take(oldId);
    if (!item)
        return;
    m_nodes.insert(newId, item);
    if (m_autoPlaced.remove(oldId))
        m_autoPlaced.insert(newId);
    for (WireItem *w : item->wires()) {
        Edge e = w->edge();
        if (w->kind() == WireItem::Kind::Data)
            m_edges.remove(e);
        if (e.fromNode == oldId)
            e.fromNode = newId;
        if (e.toNode == oldId)
            e.toNode = newId;
        w->setEdge(e);
        if (w->kind() == WireItem::Kind::Data)
            m_edges.insert(e, w);
    }
    if (const Node *node = m_document->node(newId))
        item->sync(*node, m_catalog->find(node->type));
    if (m_overlay->isActive()) {
        // The run knows the node by its old id: under the new one it has no overlay.
        item->refreshRunStatus();
        for (WireItem *w : item->wires()) {
            w->update();
            markDirty(w->boundingRect());
        }
    }
    if (item->isSelected())
        emitSelection();
}

void GraphScene::onNodeMoved(const QString &id, const QPointF &position)
{
    NodeItem *item = m_nodes.value(id);
    if (!item)
        return;
    if (!m_live.contains(item))
        ++m_staticRevision;
    if (m_autoPlaced.remove(id))
        markAutoPositionsDirty();
    if (item->pos() == position)
        return;
    markDirty(item->sceneBoundingRect());
    item->setPos(position);
    markDirty(item->sceneBoundingRect());
    item->updateWirePaths();
    const QRectF r = item->sceneBoundingRect();
    if (!sceneRect().contains(r))
        setSceneRect(sceneRect().united(r.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin)));
}

void GraphScene::onEdgeAdded(const Edge &edge)
{
    ++m_staticRevision;
    NodeItem *from = m_nodes.value(edge.fromNode);
    NodeItem *to = m_nodes.value(edge.toNode);
    if (!from || !to || m_edges.contains(edge))
        return;
    auto *wire = new WireItem(edge, from, to);
    m_edges.insert(edge, wire);
    applyOverviewFlag(wire);
    addItem(wire);
    markDirty(wire->boundingRect());
    if (!from->outputPorts().contains(edge.fromPort))
        resyncPorts(edge.fromNode);
    if (!to->inputPorts().contains(edge.toPort))
        resyncPorts(edge.toNode);
    else
        to->setInputWired(edge.toPort, true);
    if (m_autoPlaced.contains(edge.fromNode) || m_autoPlaced.contains(edge.toNode))
        markAutoPositionsDirty();
}

void GraphScene::onEdgeRemoved(const Edge &edge)
{
    ++m_staticRevision;
    WireItem *wire = m_edges.value(edge);
    if (!wire)
        return;
    NodeItem *from = wire->fromItem();
    NodeItem *to = wire->toItem();
    removeWire(wire);
    // Ports that existed only because of this wire go away (dynamic ports).
    const bool fromDeclared = from->typeInfo() && !from->hasFreeOutput();
    if (!fromDeclared || !from->typeInfo()->hasOutput(edge.fromPort))
        resyncPorts(edge.fromNode);
    if (to->hasFreeInput() || !to->typeInfo() || !to->typeInfo()->hasInput(edge.toPort))
        resyncPorts(edge.toNode);
    else
        to->setInputWired(edge.toPort, false);
    if (m_autoPlaced.contains(edge.fromNode) || m_autoPlaced.contains(edge.toNode))
        markAutoPositionsDirty();
}

void GraphScene::resyncPorts(const QString &id)
{
    NodeItem *item = m_nodes.value(id);
    const Node *node = m_document->node(id);
    if (item && node)
        item->sync(*node, item->typeInfo());
}

// --- Positions ---

void GraphScene::markAutoPositionsDirty()
{
    if (m_autoDirty)
        return;
    m_autoDirty = true;
    // Many changes come in bursts (undo of a big delete): lay out once afterwards.
    QTimer::singleShot(0, this, &GraphScene::ensurePositions);
}

void GraphScene::ensurePositions()
{
    if (m_autoDirty)
        applyAutoPositions();
}

void GraphScene::applyAutoPositions()
{
    ++m_staticRevision;
    m_autoDirty = false;
    if (m_autoPlaced.isEmpty())
        return;
    // Unplaced nodes are laid out as a layered graph among themselves, below the placed ones.
    LayoutGraph graph;
    QHash<QString, int> index;
    QRectF placed;
    for (const Node &node : m_document->workflow().nodes) {
        NodeItem *item = m_nodes.value(node.id);
        if (!item)
            continue;
        if (!m_autoPlaced.contains(node.id)) {
            placed = placed.united(item->sceneBoundingRect());
            continue;
        }
        index.insert(node.id, int(graph.boxes.size()));
        graph.boxes.append({node.id, item->cardRect().size()});
    }
    for (const auto &[id, i] : index.asKeyValueRange()) {
        for (const WireItem *w : m_nodes.value(id)->wires()) {
            if (w->toItem() != m_nodes.value(id))
                continue;
            const int from = index.value(w->fromItem()->id(), -1);
            if (from >= 0)
                graph.links.append({from, 0, i, 0});
        }
    }
    const QHash<QString, QPointF> layout = computeLayeredLayout(graph);
    const QPointF origin = placed.isNull() ? QPointF(0, 0) : QPointF(placed.left(), placed.bottom() + 80);
    for (const auto &[id, p] : layout.asKeyValueRange()) {
        NodeItem *item = m_nodes.value(id);
        const QPointF target = origin + p;
        if (item->pos() != target) {
            markDirty(item->sceneBoundingRect());
            item->setPos(target);
            markDirty(item->sceneBoundingRect());
            item->updateWirePaths();
        }
    }
    const QRectF bounds = nodesBoundingRect().adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin);
    if (!sceneRect().contains(bounds))
        setSceneRect(sceneRect().united(bounds));
}

QPointF GraphScene::nodePosition(QStringView id) const
{
    const_cast<GraphScene *>(this)->ensurePositions();
    const NodeItem *item = nodeItem(id);
    return item ? item->pos() : QPointF();
}

QRectF GraphScene::nodeRect(QStringView id) const
{
    const_cast<GraphScene *>(this)->ensurePositions();
    const NodeItem *item = nodeItem(id);
    return item ? item->cardRect().translated(item->pos()) : QRectF();
}

QRectF GraphScene::nodesBoundingRect() const
{
    QRectF r;
    for (const NodeItem *item : std::as_const(m_nodes))
        r = r.united(item->cardRect().translated(item->pos()));
    return r;
}

// --- Selection ---

QStringList GraphScene::selectedNodeIds() const
{
    QList<NodeItem *> items;
    for (QGraphicsItem *i : selectedItems()) {
        if (i->type() == NodeItem::Type)
            items.append(static_cast<NodeItem *>(i));
    }
    QStringList ids;
    if (items.isEmpty())
        return ids;
    QHash<QString, int> order;
    const QList<Node> &nodes = m_document->workflow().nodes;
    order.reserve(nodes.size());
    for (int i = 0; i < nodes.size(); ++i)
        order.insert(nodes.at(i).id, i);
    std::sort(items.begin(), items.end(),
              [&](NodeItem *a, NodeItem *b) { return order.value(a->id()) < order.value(b->id()); });
    for (NodeItem *item : std::as_const(items))
        ids.append(item->id());
    return ids;
}

QList<WireItem *> GraphScene::selectedWires() const
{
    QList<WireItem *> wires;
    for (QGraphicsItem *i : selectedItems()) {
        if (i->type() == WireItem::Type)
            wires.append(static_cast<WireItem *>(i));
    }
    return wires;
}

void GraphScene::selectNodes(const QStringList &ids, bool clearOthers)
{
    const bool blocked = blockSignals(true);
    if (clearOthers)
        clearSelection();
    for (const QString &id : ids) {
        if (NodeItem *item = m_nodes.value(id))
            item->setSelected(true);
    }
    blockSignals(blocked);
    emitSelection();
}

void GraphScene::emitSelection()
{
    ++m_staticRevision;
    // Wires touching a selected node are highlighted: repaint those whose ends changed state.
    QSet<QString> now;
    for (QGraphicsItem *i : selectedItems()) {
        if (i->type() == NodeItem::Type)
            now.insert(static_cast<NodeItem *>(i)->id());
    }
    for (const QString &id : (m_lastSelection - now) + (now - m_lastSelection)) {
        if (NodeItem *item = m_nodes.value(id)) {
            markDirty(item->sceneBoundingRect());
            for (WireItem *w : item->wires()) {
                w->update();
                markDirty(w->boundingRect());
            }
        }
    }
    m_lastSelection = now;
    emit selectedNodesChanged(selectedNodeIds());
}

bool GraphScene::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateTheme();
    return QGraphicsScene::event(event);
}

void GraphScene::updateTheme()
{
    ++m_staticRevision;
    m_theme = CanvasTheme::fromPalette(palette());
    for (const Node &node : m_document->workflow().nodes) {
        if (NodeItem *item = m_nodes.value(node.id))
            item->sync(node, item->typeInfo());
    }
    update();
}

} // namespace Flow

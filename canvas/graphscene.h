#pragma once

#include "canvastheme.h"
#include "runs/runfeed.h"
#include "model/workflow.h"
#include "portref.h"

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QSet>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace Flow {

class NodeItem;
class NodeTypeCatalog;
class RunFeed;
class RunOverlay;
class WireItem;
class WorkflowDocument;

// The node graph of one WorkflowDocument. Built from the document and changed ONLY in reaction to its
// signals (model/view split): user actions go through GraphController, which pushes undo commands that
// change the document, which tells the scene. Holds the selection. Uses a BSP index.
class GraphScene : public QGraphicsScene
{
    Q_OBJECT

public:
    static constexpr qreal GridSize = 20;

    // `catalog` null means NodeRegistry::builtins().
    explicit GraphScene(WorkflowDocument *document, const NodeTypeCatalog *catalog = nullptr,
                        QObject *parent = nullptr);
    ~GraphScene() override;

    WorkflowDocument *document() const { return m_document; }
    const NodeTypeCatalog *catalog() const { return m_catalog; }
    const CanvasTheme &theme() const { return m_theme; }

    NodeItem *nodeItem(QStringView id) const;
    int nodeCount() const { return int(m_nodes.size()); }
    const QHash<QString, NodeItem *> &nodeItems() const { return m_nodes; }
    WireItem *wireItem(const Edge &edge) const;
    QList<WireItem *> wiresOf(QStringView nodeId) const;

    // Where a node is drawn: its `layout:` position, or a deterministic automatic one.
    QPointF nodePosition(QStringView id) const;
    QRectF nodeRect(QStringView id) const; // scene rectangle of the card
    QRectF nodesBoundingRect() const;      // of all cards; empty when there are none
    // Automatic positions are computed lazily; this computes pending ones now.
    void ensurePositions();

    // Selection (node ids in document order).
    QStringList selectedNodeIds() const;
    QList<WireItem *> selectedWires() const;
    void selectNodes(const QStringList &ids, bool clearOthers = true);

    // The port at a scene position, if any (used by the view to start and end wire drags).
    PortRef portAt(const QPointF &scenePos) const;
    QPointF portScenePos(const PortRef &port) const;

    // Connection rules, independent of any drag: why `a` and `b` cannot be wired (None if they can).
    // The ends may be given in either order (output first or input first).
    ConnectionRefusal connectionRefusal(const PortRef &a, const PortRef &b) const;
    // True when `ancestor` is `node` or `node` depends on it through wires or `after`.
    bool dependsOn(QStringView node, QStringView ancestor) const;

    // While a wire is dragged from `from`, impossible targets are drawn dimmed. `released` is an input
    // whose wire is being moved away (picked up at its input end): it counts as free.
    void beginConnectionDrag(const PortRef &from, const PortRef &released = {});
    void endConnectionDrag();
    bool isConnectionDragActive() const { return m_drag.has_value(); }
    // For painting: is this node/port a refused target of the current drag?
    bool isDimmed(const NodeItem *item) const;
    ConnectionRefusal dragRefusal(const PortRef &target) const;
    const PortRef &dragSource() const;
    void setDragHover(const PortRef &port); // highlighted target under the cursor
    const PortRef &dragHover() const { return m_dragHover; }

    // Overview mode, for very low zoom: items paint nothing (ItemHasNoContents, so the view does not even
    // prepare painting them) and paintOverview() draws every card as a rectangle and every wire as a
    // line in a few batched calls. The view switches it by zoom.
    void setOverview(bool overview);
    bool isOverview() const { return m_overview; }
    enum class OverviewPart { All, Static, Live };
    void paintOverview(QPainter *painter, const QRectF &exposed, OverviewPart part = OverviewPart::All) const;
    // Nodes being dragged. While there are any, the view may keep everything else (the static part)
    // as a picture and draw only these nodes and their wires on each step. The static revision
    // changes whenever anything but a live node does, which tells the view to redraw that picture.
    void setLiveNodes(const QStringList &ids);
    bool hasLiveNodes() const { return !m_live.isEmpty(); }
    quint64 staticRevision() const { return m_staticRevision; }
    // In overview mode items do not schedule their own repaints; changes report their scene
    // rectangles here and are repainted together, coalesced into a few rectangles.
    void markDirty(const QRectF &sceneRect)
    {
        if (m_overview)
            queueDirty(sceneRect);
    }
    void applyOverviewFlag(QGraphicsItem *item) const;

    // Run overlay: the states of the run of `feed` drawn over the cards (colour, glyph, attempt badge,
    // retry countdown, duration, progress bar) and the data wires that carried data. Only the items
    // whose status changed in a batch are repainted. The scene shows that feed's run and nothing else
    // until another is set; null (or the feed's destruction) goes back to the plain editing look.
    void setRunFeed(RunFeed *feed);
    RunFeed *runFeed() const { return m_runFeed; }
    // Without a feed of its own: folds the events into one the scene owns (tests, benchmarks). A
    // second run needs clearRunOverlay() first, as a view shows one run.
    void applyRunEvents(const Flow::RunEvents &events);
    // Back to the plain editing look (unbinds the feed).
    void clearRunOverlay();
    const RunState *runState() const; // null when no run is shown
    bool hasRunOverlay() const { return runState() != nullptr; }
    // Null when no run is shown or the run did not include the node (a subset run, a renamed node).
    const NodeStatus *nodeRunStatus(const QString &id) const;
    const RunOverlay &runOverlay() const { return *m_overlay; }
    // The clock of live durations and countdowns (ms since the epoch); for tests.
    void setOverlayClock(std::function<qint64()> clock);
    // Repaints the nodes whose look moves with time (the overlay's timer calls it while any is
    // running or retrying): only those, and only where a view shows them.
    void tickRunOverlay();
    bool isRunOverlayTicking() const { return m_overlayTimer.isActive(); }
    int runOverlayTickInterval() const { return m_overlayTimer.interval(); }

signals:
    // Node ids in document order, after any change of the selected nodes.
    void selectedNodesChanged(const QStringList &ids);
    // After a batch changed the run overlay or it was cleared (the minimap follows).
    void runOverlayChanged();

protected:
    bool event(QEvent *event) override;
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    void rebuild();
    void onNodeAdded(const QString &id);
    void onNodeRemoved(const QString &id);
    void onNodeChanged(const QString &id);
    void onNodeRenamed(const QString &oldId, const QString &newId);
    void onNodeMoved(const QString &id, const QPointF &position);
    void onEdgeAdded(const Edge &edge);
    void onEdgeRemoved(const Edge &edge);
    NodeItem *createNodeItem(const Node &node);
    void syncAfterWires(NodeItem *item, const Node &node);
    void removeWire(WireItem *wire);
    void resyncPorts(const QString &id);
    void markAutoPositionsDirty();
    void applyAutoPositions();
    void emitSelection();
    void updateTheme();
    void queueDirty(const QRectF &sceneRect);
    void flushDirty();
    void refreshRunNode(const QString &id, NodeState before, bool repaint);
    void refreshRunAll();
    void updateOverlayTimer();
    void onRunFeedApplied(const RunFeed::Changes &changes);

    struct ConnectionDrag
    {
        PortRef from;
        PortRef released;
        QSet<QString> ancestors;   // nodes the dragged-from node depends on (for output drags)
        QSet<QString> descendants; // nodes that depend on it (for input drags)
    };

    WorkflowDocument *m_document;
    const NodeTypeCatalog *m_catalog;
    CanvasTheme m_theme;
    QHash<QString, NodeItem *> m_nodes;
    QHash<Edge, WireItem *> m_edges;
    QSet<QString> m_autoPlaced; // nodes without a `layout:` position
    QSet<QString> m_lastSelection;
    bool m_autoDirty = false;
    bool m_selectionPending = false;
    bool m_overview = false;
    QSet<const NodeItem *> m_live;
    mutable QRectF m_overviewBounds; // of the cards at the last full overview paint: culls nothing when all show
    quint64 m_staticRevision = 0;
    QList<QRectF> m_dirty;
    std::optional<ConnectionDrag> m_drag;
    PortRef m_dragHover;
    std::unique_ptr<RunOverlay> m_overlay;
    QPointer<RunFeed> m_runFeed;
    RunFeed *m_ownFeed = nullptr; // a child, for applyRunEvents()
    QTimer m_overlayTimer;
};

} // namespace Flow

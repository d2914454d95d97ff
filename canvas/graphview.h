#pragma once

#include "model/workflow.h"
#include "portref.h"

#include <QGraphicsView>
#include <QHash>
#include <QImage>
#include <QPointer>

#include <optional>

class QLineEdit;
class QMenu;
class QRubberBand;

namespace Flow {

class GraphController;
class GraphScene;
class Minimap;
class QuickAddPopup;
class WireItem;

// The canvas view: zoom with the wheel around the cursor and Ctrl +/-/0, zoom-to-fit; pan with the
// middle button or space+drag; a dotted grid with snap-to-grid when moving nodes; rubber-band and
// Ctrl-click selection; a minimap in the bottom-right corner. Node drags, wire drags, drops from the
// palette and the quick-add popup turn into GraphController calls.
class GraphView : public QGraphicsView
{
    Q_OBJECT

public:
    GraphView(GraphScene *scene, GraphController *controller, QWidget *parent = nullptr);
    ~GraphView() override;

    GraphScene *graphScene() const { return m_scene; }
    GraphController *controller() const { return m_controller; }
    Minimap *minimap() const { return m_minimap; }
    QuickAddPopup *quickAddPopup() const { return m_quickAdd; }

    qreal zoom() const;
    void setZoom(qreal zoom, const QPointF &anchorScenePos);
    static constexpr qreal MinZoom = 0.02;
    static constexpr qreal MaxZoom = 4.0;

    void setSnapToGrid(bool snap) { m_snap = snap; }
    bool snapToGrid() const { return m_snap; }

    // Opens the quick-add popup at a view position. With a valid `from`, the chosen node is created
    // connected to it.
    void openQuickAdd(const QPoint &viewPos, const PortRef &from = {});
    // Opens the inline id editor over a node's title.
    void editNodeId(const QString &id);
    QLineEdit *idEditor() const { return m_idEditor; }

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomReset(); // 100%

signals:
    // Double-click on a node's body, or Enter with one node selected: "open" it (a subflow's file).
    void nodeActivated(const QString &id);
    void zoomChanged(qreal zoom);
    // Right-click on a node, before its menu shows: a listener (connected directly) may add entries
    // to `menu` about that node, such as the application's run actions, which the canvas knows
    // nothing of. They come after the canvas's own node entries.
    void nodeContextMenu(QMenu *menu, const QString &nodeId);
    void viewportMoved(); // scrolled or zoomed (the minimap follows)

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Mode { None, Pan, MoveNodes, Wire, RubberBand };
    void startNodeMove(const QPointF &scenePos);
    void continueNodeMove(const QPointF &scenePos);
    void startWire(const PortRef &from, const QPointF &scenePos, const PortRef &released = {});
    WireItem *wireInto(const PortRef &input) const;
    void continueWire(const QPointF &scenePos);
    void finishWire(const QPoint &viewPos);
    void cancelWire();
    void startPan(const QPoint &pos);
    void pressOnItem(QGraphicsItem *item, QMouseEvent *event);
    void updateRubberBand(const QPoint &pos);
    void quickAddChosen(const QString &typeId);
    void placeIdEditor();
    void closeIdEditor();
    void applyRenderHints();
    void placeMinimap();
    void schedulePlaceMinimap();
    bool nodeUnder(const QRect &viewRect) const; // a card intersects this rectangle of the view
    void commitIdEdit();
    QPointF snapped(const QPointF &p) const;
    void drawGrid(QPainter *painter, const QRectF &rect);
    bool drawFromStaticLayer(QPainter *painter, const QRectF &rect);

    GraphScene *m_scene;
    GraphController *m_controller;
    Minimap *m_minimap = nullptr;
    QuickAddPopup *m_quickAdd = nullptr;
    QLineEdit *m_idEditor = nullptr;
    QString m_editedId;
    Mode m_mode = Mode::None;
    bool m_spaceHeld = false;
    bool m_snap = true;
    QPoint m_panLast;
    // Node move
    QPointF m_pressScenePos;
    QHash<QString, QPointF> m_moveOrigins;
    QString m_moveAnchor; // the node under the cursor; its snapped position defines the offset
    int m_dragSerial = 0;
    bool m_moved = false;
    // Rubber band
    QRubberBand *m_rubberBand = nullptr;
    QPoint m_bandOrigin;
    QStringList m_bandBase; // selection before a Ctrl rubber band
    // Wire drag
    PortRef m_wireFrom;
    std::optional<Edge> m_pickedWire; // a wire picked up at its input end, being moved
    // Quick add
    QPointF m_quickAddScenePos;
    PortRef m_quickAddFrom;
    QGraphicsPathItem *m_rubberWire = nullptr;
    qreal m_lastLod = -1;
    bool m_minimapPlacementPending = false;
    // The picture of everything that does not move during an overview drag (grid included).
    QImage m_staticLayer;
    QTransform m_staticTransform;
    quint64 m_staticRevision = 0;
};

} // namespace Flow

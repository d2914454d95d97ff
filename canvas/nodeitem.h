#pragma once

#include "runs/runstate.h"
#include "portref.h"

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>
#include <QStringList>

#include <memory>

namespace Flow {

class GraphScene;
struct CanvasTheme;
class WireItem;
struct Node;
struct NodeTypeInfo;

// The card of one node: id, type title, category icon and stripe, input ports on the left and output
// ports on the right. Knows its wires (O(1) from a node to its wires). Painted with a level of detail:
// full card when readable, a plain card without text when small, a coloured rectangle when tiny.
// It never changes the document; the scene keeps it in sync with it.
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr qreal Width = 200;
    static constexpr qreal HeaderHeight = 46;
    static constexpr qreal RowHeight = 22;
    static constexpr qreal BottomPadding = 8;
    static constexpr qreal PortRadius = 5;

    NodeItem(GraphScene *scene, const Node &node, const NodeTypeInfo *info);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const QString &id() const { return m_id; }
    const QString &typeId() const { return m_typeId; }
    const QString &category() const { return m_category; }
    const NodeTypeInfo *typeInfo() const { return m_info; }
    const QColor &categoryColor() const { return m_categoryColor; }
    QRectF cardRect() const { return {0, 0, Width, m_height}; }

    // Re-reads ports, type and texts from the node (after nodeChanged, an edge change on a dynamic node,
    // a rename). Output ports also come from the wires leaving it (dynamic outputs).
    void sync(const Node &node, const NodeTypeInfo *info);
    // Cheap update after an edge change when the port already exists.
    void setInputWired(const QString &port, bool wired);

    const QStringList &inputPorts() const { return m_inputs; }
    const QStringList &outputPorts() const { return m_outputs; }
    bool hasFreeInput() const { return m_freeInput; }
    bool hasFreeOutput() const { return m_freeOutput; }
    bool isInputWired(const QString &port) const { return m_wiredInputs.contains(port); }
    bool hasPort(const PortRef &port) const;
    // Port positions in item coordinates; an empty name is the "+" free port.
    QPointF inputPos(const QString &port) const;
    QPointF outputPos(const QString &port) const;
    QPointF portPos(const PortRef &port) const;
    // The port under `itemPos` (within a few pixels), or an invalid PortRef.
    PortRef portAt(const QPointF &itemPos) const;
    QRectF titleRect() const;

    // Wires attached to this node (data and `after`), kept by the scene.
    const QList<WireItem *> &wires() const { return m_wires; }
    void addWire(WireItem *wire) { m_wires.append(wire); }
    void removeWire(WireItem *wire) { m_wires.removeOne(wire); }
    void updateWirePaths();

    // Run overlay (GraphScene::applyRunEvents). The status is looked up by id at each use, so it
    // follows the scene's overlay and a renamed node has none.
    const NodeStatus *runStatus() const;
    NodeState runState() const; // Pending also when the run does not include the node
    // The attempt badge and the status line as drawn, joined by " · " ("2/3 · retry in 3 s", "1.2 s").
    QString overlayText() const;
    // The tooltip while a run is shown: state, attempt, duration, a failed node's full error. Set as
    // the item's toolTip() at once for failed and retrying nodes, for the others when hovered.
    QString runToolTip() const;
    // Re-reads the status into the tooltip; the scene calls it.
    void refreshRunStatus();
    void refreshRunStatus(const NodeStatus *status); // the one runStatus() returns, looked up already
    // The colour of the card as a plain rectangle (far zoom, overview, minimap): the run state's
    // colour while a run is shown, faded when the run does not include the node.
    QColor overviewColor(const CanvasTheme &theme, bool withSelection = true) const;

private:
    int inputRow(const QString &port) const;
    int outputRow(const QString &port) const;
    qreal rowY(int row) const;
    void paintTiny(QPainter *painter, const CanvasTheme &theme);
    void paintCard(QPainter *painter, const CanvasTheme &theme, qreal lod, const NodeStatus *status);
    void paintTexts(QPainter *painter, const CanvasTheme &theme, const NodeStatus *status);
    void paintRunOverlay(QPainter *painter, const CanvasTheme &theme, qreal lod, const NodeStatus &status);
    void paintStatusLine(QPainter *painter, const CanvasTheme &theme, const NodeStatus &status,
                         const QColor &color);
    void layoutStatusRow(const CanvasTheme &theme, const QString &line, const QString &badge);
    void paintProgress(QPainter *painter, const CanvasTheme &theme, const NodeStatus &status,
                       const QColor &color);
    void paintPorts(QPainter *painter, const CanvasTheme &theme, bool withNames);
    void paintPort(QPainter *painter, const CanvasTheme &theme, const PortRef &port, const QPointF &at,
                   bool wired);
    void rebuildGeometry();
    bool isOutputWired(const QString &port) const;

    GraphScene *m_scene;
    QString m_id;
    QString m_typeId;
    QString m_typeTitle;
    QString m_category;
    QString m_iconPath;
    QColor m_categoryColor;
    const NodeTypeInfo *m_info = nullptr;
    QStringList m_inputs;
    QStringList m_outputs;
    bool m_freeInput = false;
    bool m_freeOutput = false;
    QStringList m_wiredInputs; // input ports holding a binding (even to a missing node)
    qreal m_height = 0;
    QPainterPath m_cardPath;
    QPainterPath m_headerPath;
    QPainterPath m_stripePath;
    QStaticText m_titleText;
    QStaticText m_titleTextShort; // leaves room for the run state glyph
    QStaticText m_subtitleText;
    QList<WireItem *> m_wires;
    // The header's second row while a run is shown (type title, attempt badge, status line), laid out
    // when its texts change (at most once a second), not on every paint.
    struct StatusRow
    {
        QString line;
        QString badge;
        QFont badgeFont;
        QStaticText lineText;
        QStaticText badgeText;
        QStaticText subtitleText;
        qreal lineX = 0;
        QRectF pill;
        bool subtitle = false;
    };
    std::unique_ptr<StatusRow> m_statusRow;
};

} // namespace Flow

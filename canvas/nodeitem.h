#pragma once

#include "portref.h"

#include <QGraphicsItem>
#include <QStaticText>
#include <QStringList>

namespace Flow {

class GraphScene;
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
    QRectF cardRect() const { return {0, 0, Width, m_height}; }

    // Re-reads ports, type and texts from the node (after nodeChanged, an edge change on a dynamic node, a
    // rename).
    void sync(const Node &node);

    const QStringList &inputPorts() const { return m_inputs; }
    const QStringList &outputPorts() const { return m_outputs; }
    bool hasFreeInput() const { return m_freeInput; }
    bool hasFreeOutput() const { return m_freeOutput; }
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

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    GraphScene *graphScene() const;
    int inputRow(const QString &port) const;
    int outputRow(const QString &port) const;
    void paintCard(QPainter *painter, qreal lod);
    void paintTexts(QPainter *painter);
    void paintPorts(QPainter *painter, bool withNames);
    void rebuildTexts();

    QString m_id;
    QString m_typeId;
    QString m_typeTitle;
    QString m_category;
    QString m_iconPath;
    const NodeTypeInfo *m_info = nullptr;
    QStringList m_inputs;
    QStringList m_outputs;
    bool m_freeInput = false;
    bool m_freeOutput = false;
    QStringList m_wiredInputs; // input ports holding a binding (even to a missing node)
    qreal m_height = 0;
    QStaticText m_titleText;
    QStaticText m_subtitleText;
    QList<WireItem *> m_wires;
};

} // namespace Flow

#include "graphcontroller.h"

#include "autolayout.h"
#include "clipboardtext.h"
#include "documents/commands/edgecommands.h"
#include "documents/commands/movecommands.h"
#include "documents/commands/nodecommands.h"
#include "documents/nodeedits.h"
#include "graphscene.h"
#include "graphview.h"
#include "model/nodetypeinfo.h"
#include "model/validator.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "nodeitem.h"
#include "wireitem.h"

#include <QAction>
#include <QClipboard>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace Flow {
namespace {

QPointF snapToGrid(const QPointF &p)
{
    const qreal g = GraphScene::GridSize;
    return QPointF(std::round(p.x() / g) * g, std::round(p.y() / g) * g);
}

// A readable id from the type's title: "HTTP request" -> "http_request".
QString baseIdFor(const NodeTypeInfo &info)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString base = info.title.toLower().replace(nonWord, QStringLiteral("_"));
    while (base.endsWith(u'_'))
        base.chop(1);
    while (base.startsWith(u'_'))
        base.remove(0, 1);
    return base.isEmpty() ? QStringLiteral("node") : base;
}

// Port row centre relative to the card's top-left, for placing a new node at the end of a wire.
constexpr qreal FirstPortY = NodeItem::HeaderHeight + 4 + NodeItem::RowHeight / 2;

} // namespace

GraphController::GraphController(GraphScene *scene, QUndoStack *undoStack, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
    , m_undoStack(undoStack)
{
    createActions();
    connect(scene, &GraphScene::selectedNodesChanged, this, [this](const QStringList &ids) {
        updateActionStates();
        emit selectionChanged(ids);
    });
    // Clipboard contents are read only when they change: on X11 each read is a round trip.
    auto updatePaste = [this] {
        m_actions.value(Action::Paste)->setEnabled(!QGuiApplication::clipboard()->text().isEmpty());
    };
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, updatePaste);
    updatePaste();
    updateActionStates();
}

GraphController::~GraphController() = default;

WorkflowDocument *GraphController::document() const
{
    return m_scene->document();
}

GraphView *GraphController::view() const
{
    return m_view.data();
}

void GraphController::setView(GraphView *view)
{
    m_view = view;
    if (!view)
        return;
    // Edit shortcuts act only while the canvas has focus, so the YAML editor keeps its own Ctrl+C etc.
    for (QAction *a : std::as_const(m_actions)) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view->addAction(a);
    }
}

// --- Authoring ---

QString GraphController::addNode(const QString &typeId, const QPointF &scenePos)
{
    const NodeTypeInfo *info = m_scene->catalog()->find(typeId);
    if (!info)
        return {};
    Node node;
    node.id = document()->uniqueId(baseIdFor(*info));
    node.type = typeId;
    node.position = snapToGrid(scenePos);
    m_undoStack->push(new AddNodesCommand(document(), {node}, {}, tr("Add %1").arg(info->title)));
    m_scene->selectNodes({node.id});
    return node.id;
}

QString GraphController::addConnectedNode(const QString &typeId, const QPointF &scenePos, const PortRef &from)
{
    const NodeTypeInfo *info = m_scene->catalog()->find(typeId);
    const NodeItem *fromItem = m_scene->nodeItem(from.node);
    if (!info || !fromItem)
        return {};
    Node node;
    node.id = document()->uniqueId(baseIdFor(*info));
    node.type = typeId;
    QList<Edge> extra;
    if (from.output) {
        // The new node's first input takes the wire; a dynamic one is named after the source port.
        QString port = info->inputs.isEmpty() ? QString() : info->inputs.first().name;
        if (port.isEmpty() && info->dynamicInputs)
            port = from.port.isEmpty() ? QStringLiteral("value") : from.port;
        if (port.isEmpty()) {
            emit message(tr("%1 has no input to connect to.").arg(info->title));
            return {};
        }
        const QString sourcePort = from.port.isEmpty() ? port : from.port;
        node.inputs.append(InputBinding{port, from.node, sourcePort, {}});
        node.position = snapToGrid(scenePos - QPointF(0, FirstPortY));
    } else {
        QString port = info->outputs.isEmpty() ? QString() : info->outputs.first().name;
        if (port.isEmpty() && info->dynamicOutputs)
            port = from.port.isEmpty() ? QStringLiteral("value") : from.port;
        if (port.isEmpty()) {
            emit message(tr("%1 has no output to connect from.").arg(info->title));
            return {};
        }
        if (!from.isFreePort() && fromItem->isInputWired(from.port)) {
            emit message(refusalMessage(ConnectionRefusal::InputTaken));
            return {};
        }
        extra.append(Edge{node.id, port, from.node, from.port.isEmpty() ? port : from.port});
        node.position = snapToGrid(scenePos - QPointF(NodeItem::Width, FirstPortY));
    }
    m_undoStack->push(
        new AddNodesCommand(document(), {node}, extra, tr("Add connected %1").arg(info->title)));
    m_scene->selectNodes({node.id});
    return node.id;
}

ConnectionRefusal GraphController::connectPorts(const PortRef &a, const PortRef &b)
{
    const ConnectionRefusal refusal = m_scene->connectionRefusal(a, b);
    if (refusal != ConnectionRefusal::None) {
        emit message(refusalMessage(refusal));
        return refusal;
    }
    const Edge edge = edgeBetween(a.output ? a : b, a.output ? b : a);
    auto *cmd = new ConnectCommand(document(), edge);
    cmd->setText(tr("Connect %1.%2 to %3.%4").arg(edge.fromNode, edge.fromPort, edge.toNode, edge.toPort));
    m_undoStack->push(cmd);
    return ConnectionRefusal::None;
}

Edge GraphController::edgeBetween(const PortRef &out, const PortRef &in) const
{
    Edge edge{out.node, out.port, in.node, in.port};
    if (in.isFreePort()) {
        // A new input on a dynamic node, named after what feeds it and unique on that node.
        const NodeItem *to = m_scene->nodeItem(in.node);
        const QString base = out.port.isEmpty() ? QStringLiteral("value") : out.port;
        edge.toPort = base;
        for (int i = 2; to && to->inputPorts().contains(edge.toPort); ++i)
            edge.toPort = base + u'_' + QString::number(i);
    }
    if (out.isFreePort())
        edge.fromPort = edge.toPort;
    return edge;
}

ConnectionRefusal GraphController::reconnect(const Edge &wire, const PortRef &to)
{
    const PortRef from{wire.fromNode, wire.fromPort, true};
    if (to.node == wire.toNode && to.port == wire.toPort && !to.output)
        return ConnectionRefusal::None; // put back where it was
    const ConnectionRefusal refusal = m_scene->connectionRefusal(from, to);
    if (refusal != ConnectionRefusal::None) {
        emit message(refusalMessage(refusal));
        return refusal;
    }
    const Edge edge = edgeBetween(from, to);
    auto *macro = new QUndoCommand(
        tr("Reconnect %1.%2 to %3.%4").arg(edge.fromNode, edge.fromPort, edge.toNode, edge.toPort));
    new DisconnectCommand(document(), wire, macro);
    new ConnectCommand(document(), edge, macro);
    m_undoStack->push(macro);
    return ConnectionRefusal::None;
}

bool GraphController::disconnect(const Edge &edge)
{
    if (document()->edgeIndex(edge) < 0)
        return false;
    auto *cmd = new DisconnectCommand(document(), edge);
    cmd->setText(
        tr("Disconnect %1.%2 from %3.%4").arg(edge.fromNode, edge.fromPort, edge.toNode, edge.toPort));
    m_undoStack->push(cmd);
    return true;
}

QString GraphController::renameNode(const QString &oldId, const QString &newId)
{
    const QString error = pushRenameNode(document(), m_undoStack, oldId, newId);
    if (!error.isEmpty() && document()->node(oldId))
        emit message(error);
    return error;
}

void GraphController::moveNodes(const QHash<QString, QPointF> &positions, int dragSerial)
{
    if (positions.isEmpty())
        return;
    m_undoStack->push(new MoveNodesCommand(
        document(), positions, tr("Move %n node(s)", nullptr, int(positions.size())), dragSerial));
}

void GraphController::setNodeSettings(const QString &id, const Node &settings, int mergeKey)
{
    pushNodeSettings(document(), m_undoStack, id, settings, mergeKey);
}

QString GraphController::refusalMessage(ConnectionRefusal refusal) const
{
    switch (refusal) {
    case ConnectionRefusal::None:
        return {};
    case ConnectionRefusal::SameNode:
        return tr("A node cannot be connected to itself.");
    case ConnectionRefusal::InputTaken:
        return tr("That input is already connected; remove its wire first.");
    case ConnectionRefusal::WouldCycle:
        return tr("That connection would make a cycle.");
    case ConnectionRefusal::InputToInput:
        return tr("Connect an output to an input, not two inputs.");
    case ConnectionRefusal::OutputToOutput:
        return tr("Connect an output to an input, not two outputs.");
    case ConnectionRefusal::UnknownPort:
        return tr("There is no such port.");
    }
    return {};
}

// --- Removing ---

void GraphController::removeNodes(const QStringList &ids, const QString &undoText)
{
    QStringList existing;
    for (const QString &id : ids) {
        if (document()->node(id))
            existing.append(id);
    }
    if (existing.isEmpty())
        return;
    auto *macro = new QUndoCommand(undoText.isEmpty() ? tr("Delete %n node(s)", nullptr, int(existing.size()))
                                                      : undoText);
    for (const QString &id : std::as_const(existing))
        new RemoveNodeCommand(document(), id, macro);
    m_undoStack->push(macro);
}

void GraphController::deleteSelection()
{
    const QStringList ids = m_scene->selectedNodeIds();
    const QSet<QString> removed(ids.begin(), ids.end());
    QList<Edge> edges;
    QHash<QString, QStringList> afterLists;
    for (const WireItem *w : m_scene->selectedWires()) {
        const Edge &e = w->edge();
        if (removed.contains(e.fromNode) || removed.contains(e.toNode))
            continue; // goes with its node
        if (w->kind() == WireItem::Kind::Data) {
            edges.append(e);
        } else {
            if (!afterLists.contains(e.toNode))
                afterLists.insert(e.toNode, document()->node(e.toNode)->after);
            afterLists[e.toNode].removeAll(e.fromNode);
        }
    }
    if (ids.isEmpty() && edges.isEmpty() && afterLists.isEmpty())
        return;
    auto *macro = new QUndoCommand(
        ids.isEmpty() ? tr("Delete %n wire(s)", nullptr, int(edges.size() + afterLists.size()))
                      : tr("Delete %n node(s)", nullptr, int(ids.size())));
    for (const Edge &e : std::as_const(edges))
        new DisconnectCommand(document(), e, macro);
    for (const auto &[id, after] : afterLists.asKeyValueRange())
        new SetAfterCommand(document(), id, after, macro);
    for (const QString &id : ids)
        new RemoveNodeCommand(document(), id, macro);
    m_undoStack->push(macro);
}

// --- Clipboard ---

QByteArray GraphController::selectionText() const
{
    const QStringList ids = m_scene->selectedNodeIds();
    return ids.isEmpty() ? QByteArray() : writeFragment(document()->workflow(), ids);
}

void GraphController::copy()
{
    const QByteArray text = selectionText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
}

void GraphController::cut()
{
    const QStringList ids = m_scene->selectedNodeIds();
    if (ids.isEmpty())
        return;
    copy();
    removeNodes(ids, tr("Cut %n node(s)", nullptr, int(ids.size())));
}

void GraphController::paste()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (text.trimmed().isEmpty()) {
        emit message(tr("The clipboard is empty."));
        return;
    }
    pasteText(text.toUtf8());
}

void GraphController::duplicate()
{
    const QByteArray text = selectionText();
    if (!text.isEmpty())
        pasteText(text, std::nullopt, tr("Duplicate"));
}

QStringList GraphController::pasteText(const QByteArray &yaml, std::optional<QPointF> at,
                                       const QString &undoText)
{
    PastePlan plan = planPaste(yaml, *document());
    if (!plan.error.isEmpty()) {
        emit message(plan.error);
        return {};
    }
    QList<Node> &nodes = plan.nodes;
    // Nodes without a position get a small layered layout of their own, below the positioned ones.
    QRectF placed;
    for (const Node &n : std::as_const(nodes)) {
        if (n.position)
            placed = placed.united(QRectF(*n.position, QSizeF(NodeItem::Width, NodeItem::HeaderHeight)));
    }
    LayoutGraph graph;
    QHash<QString, int> index;
    for (const Node &n : std::as_const(nodes)) {
        if (!n.position) {
            index.insert(n.id, int(graph.boxes.size()));
            graph.boxes.append({n.id, QSizeF(NodeItem::Width, 120)});
        }
    }
    if (!graph.boxes.isEmpty()) {
        for (const Node &n : std::as_const(nodes)) {
            for (const InputBinding &b : n.inputs) {
                if (index.contains(b.sourceNode) && index.contains(n.id))
                    graph.links.append({index.value(b.sourceNode), 0, index.value(n.id), 0});
            }
        }
        const QHash<QString, QPointF> layout = computeLayeredLayout(graph);
        const QPointF origin
            = placed.isNull() ? (at ? *at : pastePosition()) : placed.bottomLeft() + QPointF(0, 120);
        for (Node &n : nodes) {
            if (layout.contains(n.id))
                n.position = snapToGrid(origin + layout.value(n.id));
        }
    }
    // Move the group: to `at`, or by the smallest step that lands no node on an existing node's place.
    QRectF group;
    for (const Node &n : std::as_const(nodes))
        group = group.united(QRectF(*n.position, QSizeF(1, 1)));
    QPointF offset;
    if (at) {
        offset = snapToGrid(*at) - group.topLeft();
    } else {
        QSet<QPair<qreal, qreal>> occupied;
        for (const Node &n : document()->workflow().nodes) {
            const QPointF p = m_scene->nodePosition(n.id);
            occupied.insert({p.x(), p.y()});
        }
        for (int k = 0;; ++k) {
            offset = QPointF(40, 40) * k;
            const bool clash = std::any_of(nodes.cbegin(), nodes.cend(), [&](const Node &n) {
                const QPointF p = *n.position + offset;
                return occupied.contains({p.x(), p.y()});
            });
            if (!clash)
                break;
        }
    }
    QStringList ids;
    for (Node &n : nodes) {
        n.position = *n.position + offset;
        ids.append(n.id);
    }
    m_undoStack->push(new AddNodesCommand(
        document(), nodes, {},
        undoText.isEmpty() ? tr("Paste %n node(s)", nullptr, int(nodes.size())) : undoText));
    m_scene->selectNodes(ids);
    return ids;
}

QPointF GraphController::pastePosition() const
{
    if (m_view)
        return m_view->mapToScene(m_view->viewport()->rect().center());
    return m_scene->nodesBoundingRect().bottomLeft() + QPointF(0, 80);
}

} // namespace Flow

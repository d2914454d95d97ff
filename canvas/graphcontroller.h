#pragma once

#include "model/workflow.h"
#include "portref.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QPointer>

#include <optional>

class QAction;
class QUndoStack;

namespace Flow {

class GraphScene;
class GraphView;
class WorkflowDocument;

// The editing facade of the canvas: every user action on the graph is one method here that pushes ONE
// undo command (or one macro) onto the app's QUndoStack. The studio wires its menus to action(); the
// view calls the methods for mouse and keyboard input; tests call them directly.
class GraphController : public QObject
{
    Q_OBJECT

public:
    enum class Action {
        Delete,
        Cut,
        Copy,
        Paste,
        Duplicate,
        Rename,
        SelectAll,
        AlignLeft,
        AlignRight,
        AlignTop,
        AlignBottom,
        DistributeHorizontally,
        DistributeVertically,
        AutoLayout,
        AutoLayoutSelection,
        ZoomIn,
        ZoomOut,
        ZoomToFit,
        ZoomReset,
    };
    Q_ENUM(Action)

    GraphController(GraphScene *scene, QUndoStack *undoStack, QObject *parent = nullptr);
    ~GraphController() override;

    GraphScene *scene() const { return m_scene; }
    WorkflowDocument *document() const;
    QUndoStack *undoStack() const { return m_undoStack; }
    // The view zoom actions act on, the paste position comes from, and the rename editor opens in.
    void setView(GraphView *view);
    GraphView *view() const;

    // Menu actions with their shortcuts (shortcut context: the view's window). Enabled state follows
    // the selection and the clipboard.
    QAction *action(Action action) const;
    QList<QAction *> actions() const;

    // --- Authoring; each call is one undo step. Ids returned are the nodes created. ---
    // A node of `typeId` with its card's top-left at `scenePos` (snapped to the grid).
    QString addNode(const QString &typeId, const QPointF &scenePos);
    // A node created at the end of a wire dropped on empty space, already connected to `from` through
    // its first matching port (one undo step). Empty if the type has no matching port.
    QString addConnectedNode(const QString &typeId, const QPointF &scenePos, const PortRef &from);
    // Connects two ports given in either order. Refuses (and emits message()) with the reason.
    ConnectionRefusal connectPorts(const PortRef &a, const PortRef &b);
    bool disconnect(const Edge &edge);
    // Moves the input end of `wire` to the input `to` (a wire picked up at its input and dropped on
    // another one): one undo step.
    ConnectionRefusal reconnect(const Edge &wire, const PortRef &to);
    // Returns an empty string on success, otherwise the message shown to the user.
    QString renameNode(const QString &oldId, const QString &newId);
    // One step of a node drag; events with the same serial merge (see MoveNodesCommand).
    void moveNodes(const QHash<QString, QPointF> &positions, int dragSerial);
    void setNodeSettings(const QString &id, const Node &settings, int mergeKey = 0);
    // Parses YAML (a fragment or a whole workflow) and adds its nodes: ids that collide are renamed with
    // uniqueId() (references inside the pasted text follow), positions are offset so nothing lands on
    // an existing node. `at` places the pasted group's top-left there. Returns the new ids (selected).
    QStringList pasteText(const QByteArray &yaml, std::optional<QPointF> at = std::nullopt,
                          const QString &undoText = {});
    // Selected nodes as YAML text (Flow::writeFragment).
    QByteArray selectionText() const;

    void removeNodes(const QStringList &ids, const QString &undoText = {});
    void alignSelection(Action how);      // AlignLeft/Right/Top/Bottom
    void distributeSelection(Action how); // DistributeHorizontally/Vertically

    // Auto-layout with Graphviz dot (a layered fallback without it), run off the GUI thread. One undo
    // step when the result arrives; layoutFinished() then.
    void autoLayoutNodes(const QStringList &ids); // empty: the whole graph
    bool isLayoutRunning() const { return m_layoutRunning; }

public slots:
    void deleteSelection();
    void cut();
    void copy();
    void paste();
    void duplicate();
    void renameSelected(); // opens the inline editor on the selected node
    void selectAll();
    void autoLayout();
    void autoLayoutSelection();

signals:
    void selectionChanged(const QStringList &ids);
    // A short explanation of a refused action, for the status bar.
    void message(const QString &text);
    void layoutFinished();

private:
    void createActions();
    void updateActionStates();
    QAction *makeAction(Action id, const QString &text, const QKeySequence &shortcut, const QString &icon,
                        void (GraphController::*slot)());
    QPointF pastePosition() const;
    QString refusalMessage(ConnectionRefusal refusal) const;
    Edge edgeBetween(const PortRef &out, const PortRef &in) const;

    GraphScene *m_scene;
    QUndoStack *m_undoStack;
    QPointer<GraphView> m_view;
    QHash<Action, QAction *> m_actions;
    bool m_layoutRunning = false;
    int m_pasteCount = 0;
};

} // namespace Flow

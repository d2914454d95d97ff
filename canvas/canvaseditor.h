#pragma once

#include "graphcontroller.h"

#include <QWidget>

class QUndoStack;

namespace Flow {

class GraphScene;
class GraphView;
class NodeTypeCatalog;
class WorkflowDocument;

// The canvas as one widget for the main window: scene + view (with its minimap) + controller.
//
//     auto *canvas = new Flow::CanvasEditor(document, undoStack, nullptr, this);
//     setCentralWidget(canvas);
//     editMenu->addAction(canvas->action(Flow::GraphController::Action::Delete));
//     connect(canvas, &Flow::CanvasEditor::selectionChanged, inspector, &Inspector::showNodes);
class CanvasEditor : public QWidget
{
    Q_OBJECT

public:
    // `catalog` null means NodeRegistry::builtins(). The undo stack belongs to the caller.
    CanvasEditor(WorkflowDocument *document, QUndoStack *undoStack, const NodeTypeCatalog *catalog = nullptr,
                 QWidget *parent = nullptr);
    ~CanvasEditor() override;

    GraphScene *scene() const { return m_scene; }
    GraphView *view() const { return m_view; }
    GraphController *controller() const { return m_controller; }
    QAction *action(GraphController::Action action) const { return m_controller->action(action); }

    QStringList selectedNodeIds() const;
    void selectNodes(const QStringList &ids); // and scrolls the first one into view
    // Adds a node of this type in the middle of the visible area (palette double-click).
    QString addNodeAtCenter(const QString &typeId);

signals:
    void selectionChanged(const QStringList &ids);
    void message(const QString &text);

private:
    GraphScene *m_scene;
    GraphController *m_controller;
    GraphView *m_view;
};

} // namespace Flow

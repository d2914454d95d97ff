#include "canvaseditor.h"

#include "graphscene.h"
#include "graphview.h"

#include <QVBoxLayout>

namespace Flow {

CanvasEditor::CanvasEditor(WorkflowDocument *document, QUndoStack *undoStack, const NodeTypeCatalog *catalog,
                           QWidget *parent)
    : QWidget(parent)
    , m_scene(new GraphScene(document, catalog, this))
    , m_controller(new GraphController(m_scene, undoStack, this))
    , m_view(new GraphView(m_scene, m_controller, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setFocusProxy(m_view);
    connect(m_controller, &GraphController::selectionChanged, this, &CanvasEditor::selectionChanged);
    connect(m_controller, &GraphController::message, this, &CanvasEditor::message);
}

CanvasEditor::~CanvasEditor()
{
    // The view refers to the scene: let it go first.
    delete m_view;
}

QStringList CanvasEditor::selectedNodeIds() const
{
    return m_scene->selectedNodeIds();
}

void CanvasEditor::selectNodes(const QStringList &ids)
{
    m_scene->selectNodes(ids);
    if (!ids.isEmpty())
        m_view->ensureVisible(m_scene->nodeRect(ids.first()), 40, 40);
}

QString CanvasEditor::addNodeAtCenter(const QString &typeId)
{
    const QPointF center = m_view->mapToScene(m_view->viewport()->rect().center());
    return m_controller->addNode(typeId, center - QPointF(100, 40));
}

} // namespace Flow

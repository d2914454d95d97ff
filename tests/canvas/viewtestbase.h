#pragma once

#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "model/workflowdocument.h"

#include <QEvent>
#include <QPaintEvent>
#include <QRegion>
#include <QUndoStack>

class QMimeData;

namespace CanvasTest {

// Collects the regions the viewport repaints.
class PaintSpy : public QObject
{
public:
    QRegion region;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            region += static_cast<QPaintEvent *>(event)->region();
        return false;
    }
};

// A shown CanvasEditor on a real document and undo stack, and helpers that drive it with mouse events
// and drops. Test classes derive from it and call setUp()/tearDown() from their init()/cleanup().
class ViewTestBase : public QObject
{
protected:
    void setUp();
    void tearDown();
    QPoint viewPos(const QPointF &scenePos) const { return m_editor->view()->mapFromScene(scenePos); }
    QPoint portPos(const Flow::PortRef &p) const { return viewPos(m_editor->scene()->portScenePos(p)); }
    QWidget *viewport() const { return m_editor->view()->viewport(); }
    void dropType(const QString &type, const QPoint &pos);
    void dropMime(const QMimeData *mime, const QPoint &pos);
    void drag(const QPoint &from, const QPoint &to, Qt::KeyboardModifiers mods = {});
    void load(const QByteArray &yaml);

    Flow::WorkflowDocument *m_doc = nullptr;
    QUndoStack *m_undo = nullptr;
    Flow::CanvasEditor *m_editor = nullptr;
};

} // namespace CanvasTest

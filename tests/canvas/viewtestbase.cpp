#include "viewtestbase.h"

#include "canvas/palettewidget.h"
#include "model/workflowio.h"

#include <QApplication>
#include <QMimeData>
#include <QTest>

using namespace Flow;

namespace CanvasTest {

void ViewTestBase::setUp()
{
    m_doc = new WorkflowDocument;
    m_undo = new QUndoStack;
    m_editor = new CanvasEditor(m_doc, m_undo);
    m_editor->resize(1000, 700);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor));
    m_editor->view()->setZoom(1.0, QPointF());
    m_editor->view()->centerOn(QPointF(400, 200));
}

void ViewTestBase::tearDown()
{
    delete m_editor;
    delete m_undo;
    delete m_doc;
}

void ViewTestBase::load(const QByteArray &yaml)
{
    m_doc->setWorkflow(readWorkflow(yaml).workflow.value());
    m_editor->view()->centerOn(QPointF(400, 200));
}

void ViewTestBase::dropType(const QString &type, const QPoint &pos)
{
    QMimeData mime;
    mime.setData(QLatin1String(NodeTypeMimeType), type.toUtf8());
    dropMime(&mime, pos);
}

// The event sequence of a real drag and drop: enter, move, drop (a drop alone is not delivered).

void ViewTestBase::dropMime(const QMimeData *mime, const QPoint &pos)
{
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport(), &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport(), &drop);
    QVERIFY(drop.isAccepted());
}

void ViewTestBase::drag(const QPoint &from, const QPoint &to, Qt::KeyboardModifiers mods)
{
    QTest::mousePress(viewport(), Qt::LeftButton, mods, from);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(viewport(), from + (to - from) * i / 4);
    QTest::mouseRelease(viewport(), Qt::LeftButton, mods, to);
}

} // namespace CanvasTest

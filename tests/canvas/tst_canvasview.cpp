// The view around the graph: zoom, pan, minimap, overview mode at low zoom, context menu, palette
// widget and theme.
#include "canvas/canvaseditor.h"
#include "canvas/graphview.h"
#include "canvas/minimap.h"
#include "canvas/nodeitem.h"
#include "canvas/palettewidget.h"
#include "canvas/quickaddpopup.h"
#include "canvas/wireitem.h"
#include "canvastestutil.h"
#include "documents/commands/movecommands.h"
#include "viewtestbase.h"

#include <QAction>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Flow;

using CanvasTest::PaintSpy;

class TstCanvasView : public CanvasTest::ViewTestBase
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }
    void zoomKeysAndFit();
    void minimapNavigates();
    void overviewModeStaysInteractive();
    void panWithMiddleButtonAndSpace();
    void contextMenuActsOnClickedNode();
    void nodeMenuTakesEntriesFromOutside();
    void followsPalette();
    void overviewDragDrawsStaticAndMovingParts();
    void paletteFilter();
};

void TstCanvasView::zoomKeysAndFit()
{
    load(writeWorkflow(CanvasTest::generatedWorkflow(60, 10, 5, true)));
    GraphView *view = m_editor->view();
    view->setFocus();
    view->zoomReset();
    QCOMPARE(view->zoom(), 1.0);
    QTest::keyClick(view, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(view->zoom() > 1.0);
    QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(view->zoom() < 1.0);
    QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier); // fit
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(m_editor->scene()->nodesBoundingRect()));
    // Wheel zoom keeps the point under the cursor in place.
    const QPoint cursor(300, 200);
    const QPointF before = view->mapToScene(cursor);
    QWheelEvent wheel(cursor, view->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->zoom() > 0);
    QVERIFY((view->mapToScene(cursor) - before).manhattanLength() < 2.0 / view->zoom());
}

void TstCanvasView::minimapNavigates()
{
    load(writeWorkflow(CanvasTest::generatedWorkflow(100, 10, 5, true)));
    GraphView *view = m_editor->view();
    view->zoomReset();
    Minimap *minimap = view->minimap();
    QVERIFY(minimap->isVisible());
    minimap->repaint();
    const QRectF bounds = m_editor->scene()->nodesBoundingRect();
    const QPointF target = bounds.bottomRight() - QPointF(100, 100);
    QTest::mouseClick(minimap, Qt::LeftButton, {}, minimap->fromScene(target).toPoint());
    const QPointF center = view->mapToScene(view->viewport()->rect().center());
    QVERIFY2((center - target).manhattanLength() < 60,
             qPrintable(QStringLiteral("%1,%2").arg(center.x()).arg(center.y())));
}

void TstCanvasView::overviewModeStaysInteractive()
{
    // At very low zoom the cards are drawn in one batch by the scene, not by the items; clicking,
    // dragging and painting must still work.
    load("flowstudio: 1\nnodes:\n  a: {type: http.request}\n  b: {type: json.parse, inputs: {text: a.body}}\n"
         "layout:\n  a: [0, 0]\n  b: [300, 0]\n");
    GraphView *view = m_editor->view();
    view->setZoom(0.2, QPointF(250, 60));
    view->centerOn(QPointF(250, 60));
    QVERIFY(m_editor->scene()->isOverview());
    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view->viewport()->render(&image);
    const QColor network = m_editor->scene()->nodeItem(u"a")->categoryColor();
    QCOMPARE(image.pixel(viewPos({100, 60})), network.rgb());
    QCOMPARE(image.pixel(viewPos({130, -230})), m_editor->scene()->theme().background.rgb());

    QTest::mouseClick(viewport(), Qt::LeftButton, {}, viewPos({100, 40}));
    QCOMPARE(m_editor->selectedNodeIds(), QStringList{"a"});
    view->viewport()->render(&image);
    QCOMPARE(image.pixel(viewPos({100, 60})), m_editor->scene()->theme().cardSelected.rgb());
    // Items paint nothing here, so the scene itself must schedule repaints of what moved.
    QApplication::processEvents(); // paints what the zoom and the click asked for
    PaintSpy painted;
    viewport()->installEventFilter(&painted);
    const QRect before = view->mapFromScene(m_editor->scene()->nodeRect(u"a")).boundingRect();
    drag(viewPos({100, 40}), viewPos({100, 40}) + QPoint(40, 40));
    QCOMPARE(m_undo->count(), 1);
    const QRect after = view->mapFromScene(m_editor->scene()->nodeRect(u"a")).boundingRect();
    // (QRegion::contains(QRect) means "overlaps"; covering is checked by subtraction.)
    QTRY_VERIFY((QRegion(before) - painted.region).isEmpty() && (QRegion(after) - painted.region).isEmpty());
    QVERIFY(!(QRegion(viewport()->rect()) - painted.region).isEmpty()); // only near what changed
    QVERIFY(m_doc->node(u"a")->position->x() >= 180);
    view->viewport()->render(&image);
    QCOMPARE(image.pixel(viewPos(m_editor->scene()->nodeRect(u"a").center())),
             m_editor->scene()->theme().cardSelected.rgb());

    // Back at a readable zoom the items paint themselves again.
    view->setZoom(1.0, QPointF(250, 60));
    QVERIFY(!m_editor->scene()->isOverview());
    view->viewport()->render(&image);
    QVERIFY(image.pixel(viewPos(m_editor->scene()->nodeRect(u"b").center())) != network.rgb());
}

void TstCanvasView::panWithMiddleButtonAndSpace()
{
    load("flowstudio: 1\nnodes:\n  a: {type: json.parse}\nlayout:\n  a: [0, 0]\n");
    GraphView *view = m_editor->view();
    const QPoint center = viewport()->rect().center();
    const QPointF start = view->mapToScene(center);
    QTest::mousePress(viewport(), Qt::MiddleButton, {}, center);
    QTest::mouseMove(viewport(), center + QPoint(50, 30));
    QTest::mouseMove(viewport(), center + QPoint(100, 60));
    QTest::mouseRelease(viewport(), Qt::MiddleButton, {}, center + QPoint(100, 60));
    QCOMPARE(view->mapToScene(center), start - QPointF(100, 60));
    // Space held: a left drag pans instead of selecting, even over a node.
    view->setFocus();
    QTest::keyPress(view, Qt::Key_Space);
    const QPoint onNode = viewPos({100, 10});
    const QPointF before = view->mapToScene(onNode);
    drag(onNode, onNode + QPoint(-80, 0));
    QTest::keyRelease(view, Qt::Key_Space);
    QCOMPARE(view->mapToScene(onNode), before + QPointF(80, 0));
    QCOMPARE(m_undo->count(), 0); // nothing moved in the document
    QVERIFY(m_editor->selectedNodeIds().isEmpty());
}

void TstCanvasView::contextMenuActsOnClickedNode()
{
    load("flowstudio: 1\nnodes:\n  a: {type: json.parse}\n  b: {type: json.parse}\n"
         "layout:\n  a: [0, 0]\n  b: [300, 0]\n");
    m_editor->scene()->selectNodes({"a"});
    const QPoint pos = viewPos({400, 10});
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, viewport()->mapToGlobal(pos));
    QApplication::sendEvent(viewport(), &event);
    QCOMPARE(m_editor->selectedNodeIds(), QStringList{"b"});
    QMenu *menu = m_editor->view()->findChild<QMenu *>();
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QVERIFY(menu->actions().contains(m_editor->action(GraphController::Action::Rename)));
    m_editor->action(GraphController::Action::Duplicate)->trigger();
    QCOMPARE(m_doc->workflow().nodes.size(), 3);
    menu->close();
}

// The application adds its own entries about the clicked node (run actions); on the empty canvas
// nobody is asked.
void TstCanvasView::nodeMenuTakesEntriesFromOutside()
{
    load("flowstudio: 1\nnodes:\n  a: {type: json.parse}\n  b: {type: json.parse}\n"
         "layout:\n  a: [0, 0]\n  b: [300, 0]\n");
    QStringList asked;
    connect(m_editor->view(), &GraphView::nodeContextMenu, this, [&](QMenu *menu, const QString &id) {
        asked.append(id);
        menu->addAction(QStringLiteral("About %1").arg(id))->setObjectName("outside");
    });
    for (const QPointF &scenePos : {QPointF(400, 10), QPointF(200, 400)}) {
        const QPoint pos = viewPos(scenePos);
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, viewport()->mapToGlobal(pos));
        QApplication::sendEvent(viewport(), &event);
    }
    QCOMPARE(asked, QStringList{"b"});
    const QList<QAction *> outside = m_editor->view()->findChildren<QAction *>("outside");
    QCOMPARE(outside.size(), 1);
    QCOMPARE(outside.first()->text(), QStringLiteral("About b"));
    const QList<QAction *> entries = static_cast<QMenu *>(outside.first()->parent())->actions();
    // After the canvas's own node entries.
    QVERIFY(entries.indexOf(m_editor->action(GraphController::Action::Delete))
            < entries.indexOf(outside.first()));
    for (QMenu *menu : m_editor->view()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly))
        menu->close();
}

void TstCanvasView::followsPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 34));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(24, 24, 28));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    QVERIFY(!m_editor->scene()->theme().dark);
    m_editor->view()->setPalette(dark);
    QVERIFY(m_editor->scene()->theme().dark);
    QVERIFY(m_editor->scene()->theme().background.lightnessF() < 0.3);
}

void TstCanvasView::paletteFilter()
{
    PaletteWidget palette;
    QSignalSpy activated(&palette, &PaletteWidget::typeActivated);
    QVERIFY(palette.visibleTypeIds().contains("shell.exec"));
    palette.setFilterText("json");
    QCOMPARE(palette.visibleTypeIds(), (QStringList{"json.parse", "json.select", "json.stringify"}));
    palette.setFilterText("write file");
    QCOMPARE(palette.visibleTypeIds(), QStringList{"file.write"});
    QTest::keyClick(palette.filterEdit(), Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("file.write"));
    palette.setFilterText("no such thing");
    QVERIFY(palette.visibleTypeIds().isEmpty());
}

void TstCanvasView::overviewDragDrawsStaticAndMovingParts()
{
    // During a drag at overview zoom the still part of the graph is one cached picture; what moves is
    // drawn over it. Both must show, and the old place of a moved node must be empty.
    load("flowstudio: 1\nnodes:\n  a: {type: http.request}\n  b: {type: json.parse, inputs: {text: a.body}}\n"
         "layout:\n  a: [0, 0]\n  b: [400, 0]\n");
    GraphView *view = m_editor->view();
    view->setZoom(0.2, QPointF(300, 60));
    view->centerOn(QPointF(300, 60));
    const CanvasTheme &theme = m_editor->scene()->theme();
    const QRgb dataColor = m_editor->scene()->nodeItem(u"b")->categoryColor().rgb();
    const QPoint grab = viewPos({100, 40});
    QTest::mousePress(viewport(), Qt::LeftButton, {}, grab);
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(viewport(), grab + QPoint(0, 16 * i));
    QVERIFY(m_editor->scene()->hasLiveNodes());
    QImage image(viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    viewport()->render(&image);
    QCOMPARE(image.pixel(viewPos({500, 40})), dataColor); // b: still
    QCOMPARE(image.pixel(viewPos(m_editor->scene()->nodeRect(u"a").center())),
             theme.cardSelected.rgb());                                // a: moved
    QCOMPARE(image.pixel(viewPos({130, 50})), theme.background.rgb()); // where a was
    // A second step after the picture was made.
    QTest::mouseMove(viewport(), grab + QPoint(16, 100));
    viewport()->render(&image);
    QCOMPARE(image.pixel(viewPos(m_editor->scene()->nodeRect(u"a").center())), theme.cardSelected.rgb());
    QCOMPARE(image.pixel(viewPos({500, 40})), dataColor);
    QTest::mouseRelease(viewport(), Qt::LeftButton, {}, grab + QPoint(16, 100));
    QVERIFY(!m_editor->scene()->hasLiveNodes());
    QCOMPARE(m_undo->count(), 1);
}

QTEST_MAIN(TstCanvasView)
#include "tst_canvasview.moc"

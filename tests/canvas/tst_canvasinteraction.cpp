// The canvas driven like a user would: mouse and keyboard on a shown view, drops from the palette,
// the quick-add popup and the inline id editor. Then everything is undone and redone, byte for byte.
#include "canvas/canvaseditor.h"
#include "canvas/commands/movecommands.h"
#include "canvas/graphview.h"
#include "canvas/minimap.h"
#include "canvas/nodeitem.h"
#include "canvas/palettewidget.h"
#include "canvas/quickaddpopup.h"
#include "canvas/wireitem.h"
#include "canvastestutil.h"

#include <QAction>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Flow;

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

class TstCanvasInteraction : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void buildByMouseThenUndoRedo();
    void paletteDragPayload();
    void paletteFilter();
    void rubberBandAndCtrlClick();
    void consecutiveDragsAreSeparateSteps();
    void wireDroppedOnEmptySpaceAddsConnectedNode();
    void refusedWireDragChangesNothing();
    void inlineRename();
    void zoomKeysAndFit();
    void minimapNavigates();
    void overviewModeStaysInteractive();
    void panWithMiddleButtonAndSpace();
    void tabOpensQuickAdd();
    void pickUpWireAtItsInput();
    void contextMenuActsOnClickedNode();
    void followsPalette();

private:
    QPoint viewPos(const QPointF &scenePos) const { return m_editor->view()->mapFromScene(scenePos); }
    QPoint portPos(const PortRef &p) const { return viewPos(m_editor->scene()->portScenePos(p)); }
    QWidget *viewport() const { return m_editor->view()->viewport(); }
    void dropType(const QString &type, const QPoint &pos);
    void dropMime(const QMimeData *mime, const QPoint &pos);
    void drag(const QPoint &from, const QPoint &to, Qt::KeyboardModifiers mods = {});
    void load(const QByteArray &yaml);

    WorkflowDocument *m_doc = nullptr;
    QUndoStack *m_undo = nullptr;
    CanvasEditor *m_editor = nullptr;
};

void TstCanvasInteraction::init()
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

void TstCanvasInteraction::cleanup()
{
    delete m_editor;
    delete m_undo;
    delete m_doc;
}

void TstCanvasInteraction::load(const QByteArray &yaml)
{
    m_doc->setWorkflow(readWorkflow(yaml).workflow.value());
    m_editor->view()->centerOn(QPointF(400, 200));
}

void TstCanvasInteraction::dropType(const QString &type, const QPoint &pos)
{
    QMimeData mime;
    mime.setData(QLatin1String(NodeTypeMimeType), type.toUtf8());
    dropMime(&mime, pos);
}

// The event sequence of a real drag and drop: enter, move, drop (a drop alone is not delivered).
void TstCanvasInteraction::dropMime(const QMimeData *mime, const QPoint &pos)
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

void TstCanvasInteraction::drag(const QPoint &from, const QPoint &to, Qt::KeyboardModifiers mods)
{
    QTest::mousePress(viewport(), Qt::LeftButton, mods, from);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(viewport(), from + (to - from) * i / 4);
    QTest::mouseRelease(viewport(), Qt::LeftButton, mods, to);
}

void TstCanvasInteraction::buildByMouseThenUndoRedo()
{
    QList<QByteArray> snaps{writeWorkflow(m_doc->workflow())};
    auto snap = [&] {
        snaps.append(writeWorkflow(m_doc->workflow()));
    };

    dropType("shell.exec", viewPos({100, 100}));
    snap();
    dropType("json.parse", viewPos({500, 100}));
    snap();
    QCOMPARE(m_doc->workflow().nodes.size(), 2);
    const QString shell = m_doc->workflow().nodes.at(0).id;
    const QString parse = m_doc->workflow().nodes.at(1).id;
    QCOMPARE(m_editor->selectedNodeIds(), QStringList{parse}); // a dropped node is selected

    // Wire: from shell's stdout to parse's text input.
    drag(portPos({shell, "stdout", true}), portPos({parse, "text", false}));
    snap();
    QVERIFY(m_doc->node(parse)->input(u"text"));
    QCOMPARE(m_doc->node(parse)->input(u"text")->sourceNode, shell);
    QVERIFY(!m_editor->scene()->isConnectionDragActive());

    // Wire dragged backwards, from an input to an output.
    dropType("script.js", viewPos({500, 350}));
    snap();
    const QString script = m_doc->workflow().nodes.at(2).id;
    drag(portPos({script, QString(), false}), portPos({shell, "stderr", true}));
    snap();
    QVERIFY(m_doc->node(script)->input(u"stderr"));

    // Move the shell node by its header: one step, snapped to the grid.
    const QPointF header = m_editor->scene()->nodePosition(shell) + QPointF(100, 10);
    drag(viewPos(header), viewPos(header + QPointF(63, 41)));
    snap();
    QCOMPARE(*m_doc->node(shell)->position, m_editor->scene()->nodePosition(shell));
    const QPointF p = *m_doc->node(shell)->position;
    QCOMPARE(std::fmod(p.x(), GraphScene::GridSize), 0.0);
    QCOMPARE(std::fmod(p.y(), GraphScene::GridSize), 0.0);

    // Delete key on the selection (the moved node).
    QCOMPARE(m_editor->selectedNodeIds(), QStringList{shell});
    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_Delete);
    snap();
    QVERIFY(!m_doc->node(shell));
    QCOMPARE(m_undo->count(), int(snaps.size()) - 1);

    for (int i = int(snaps.size()) - 1; i > 0; --i) {
        QCOMPARE(writeWorkflow(m_doc->workflow()), snaps.at(i));
        m_undo->undo();
    }
    QCOMPARE(writeWorkflow(m_doc->workflow()), snaps.first());
    QCOMPARE(m_editor->scene()->nodeCount(), 0);
    for (int i = 1; i < snaps.size(); ++i) {
        m_undo->redo();
        QCOMPARE(writeWorkflow(m_doc->workflow()), snaps.at(i));
    }
}

void TstCanvasInteraction::paletteDragPayload()
{
    PaletteWidget palette;
    QTreeWidget *tree = palette.tree();
    QTreeWidgetItem *item = tree->findItems("Parse JSON", Qt::MatchExactly | Qt::MatchRecursive).value(0);
    QVERIFY(item);
    QVERIFY(item->toolTip(0).contains("Parses JSON"));
    const QModelIndex index = tree->model()->index(tree->indexOfTopLevelItem(item->parent()), 0);
    const QModelIndex child = tree->model()->index(item->parent()->indexOfChild(item), 0, index);
    std::unique_ptr<QMimeData> mime(tree->model()->mimeData({child}));
    QVERIFY(mime);
    QCOMPARE(mime->data(QLatin1String(NodeTypeMimeType)), QByteArray("json.parse"));
    // Drop that payload onto the view.
    dropMime(mime.get(), viewPos({300, 300}));
    QCOMPARE(m_doc->workflow().nodes.size(), 1);
    QCOMPARE(m_doc->workflow().nodes.first().type, QStringLiteral("json.parse"));
    QCOMPARE(m_undo->count(), 1);
}

void TstCanvasInteraction::paletteFilter()
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

void TstCanvasInteraction::rubberBandAndCtrlClick()
{
    load("flowstudio: 1\nnodes:\n  a: {type: json.parse}\n  b: {type: json.parse}\n  c: {type: json.parse}\n"
         "layout:\n  a: [0, 0]\n  b: [300, 0]\n  c: [600, 300]\n");
    QSignalSpy selection(m_editor, &CanvasEditor::selectionChanged);
    drag(viewPos({-40, -40}), viewPos({520, 120}));
    QCOMPARE(m_editor->selectedNodeIds(), (QStringList{"a", "b"}));
    QVERIFY(!selection.isEmpty());
    QCOMPARE(selection.last().first().toStringList(), (QStringList{"a", "b"}));
    QCOMPARE(m_undo->count(), 0); // selecting is not an edit
    // Ctrl-click adds c, then removes a.
    QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, viewPos({700, 310}));
    QCOMPARE(m_editor->selectedNodeIds(), (QStringList{"a", "b", "c"}));
    QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, viewPos({100, 10}));
    QCOMPARE(m_editor->selectedNodeIds(), (QStringList{"b", "c"}));
    // A plain click on empty canvas clears.
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, viewPos({200, 500}));
    QVERIFY(m_editor->selectedNodeIds().isEmpty());
    // Ctrl+A selects all.
    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_editor->selectedNodeIds().size(), 3);
}

void TstCanvasInteraction::consecutiveDragsAreSeparateSteps()
{
    load("flowstudio: 1\nnodes:\n  a: {type: json.parse}\n  b: {type: json.parse}\n"
         "layout:\n  a: [0, 0]\n  b: [0, 200]\n");
    const QByteArray start = writeWorkflow(m_doc->workflow());
    m_editor->scene()->selectNodes({"a", "b"});
    drag(viewPos({100, 10}), viewPos({200, 10}));
    QCOMPARE(m_undo->count(), 1);
    QCOMPARE(*m_doc->node(u"b")->position, QPointF(100, 200)); // both moved
    drag(viewPos({200, 10}), viewPos({300, 10}));
    QCOMPARE(m_undo->count(), 2);
    QCOMPARE(*m_doc->node(u"a")->position, QPointF(200, 0));
    m_undo->undo();
    QCOMPARE(*m_doc->node(u"a")->position, QPointF(100, 0));
    m_undo->undo();
    QCOMPARE(writeWorkflow(m_doc->workflow()), start);
}

void TstCanvasInteraction::wireDroppedOnEmptySpaceAddsConnectedNode()
{
    load("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\nlayout:\n  a: [0, 0]\n");
    const QByteArray start = writeWorkflow(m_doc->workflow());
    QuickAddPopup *popup = m_editor->view()->quickAddPopup();
    drag(portPos({"a", "stdout", true}), viewPos({500, 200}));
    QTRY_VERIFY(popup->isVisible());
    // Only types that can take a wire into an input are offered.
    QVERIFY(!popup->visibleTypeIds().contains("file.read"));
    QTest::keyClicks(popup->filterEdit(), "parse");
    QCOMPARE(popup->visibleTypeIds(), QStringList{"json.parse"});
    QTest::keyClick(popup->filterEdit(), Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    QCOMPARE(m_doc->workflow().nodes.size(), 2);
    const Node &added = m_doc->workflow().nodes.at(1);
    QCOMPARE(added.type, QStringLiteral("json.parse"));
    QVERIFY(added.input(u"text"));
    QCOMPARE(added.input(u"text")->sourceNode, QStringLiteral("a"));
    QCOMPARE(m_undo->count(), 1); // node and wire are one step
    m_undo->undo();
    QCOMPARE(writeWorkflow(m_doc->workflow()), start);

    // Double-click on empty canvas, then arrows and Enter.
    QTest::mouseDClick(viewport(), Qt::LeftButton, {}, viewPos({300, 400}));
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClicks(popup->filterEdit(), "json");
    QTest::keyClick(popup->filterEdit(), Qt::Key_Down);
    const QString expected = popup->list()->currentItem()->data(Qt::UserRole + 1).toString();
    QTest::keyClick(popup->filterEdit(), Qt::Key_Return);
    QCOMPARE(m_doc->workflow().nodes.last().type, expected);
    // Escape cancels without a change.
    const int steps = m_undo->count();
    m_editor->view()->openQuickAdd(viewPos({100, 400}));
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClick(popup->filterEdit(), Qt::Key_Escape);
    QVERIFY(!popup->isVisible());
    QCOMPARE(m_undo->count(), steps);
}

void TstCanvasInteraction::refusedWireDragChangesNothing()
{
    load("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n  b: {type: json.parse, inputs: {text: a.stdout}}\n"
         "layout:\n  a: [0, 0]\n  b: [300, 0]\n");
    const QByteArray start = writeWorkflow(m_doc->workflow());
    QSignalSpy messages(m_editor, &CanvasEditor::message);
    // Cycle: b.value back into a.stdin. While dragging, a is dimmed.
    const QPoint from = portPos({"b", "value", true});
    const QPoint to = portPos({"a", "stdin", false});
    QTest::mousePress(viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport(), (from + to) / 2);
    QVERIFY(m_editor->scene()->isConnectionDragActive());
    QVERIFY(m_editor->scene()->isDimmed(m_editor->scene()->nodeItem(u"a")));
    QVERIFY(!m_editor->scene()->isDimmed(m_editor->scene()->nodeItem(u"b")));
    QTest::mouseMove(viewport(), to);
    QTest::mouseRelease(viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(messages.size(), 1);
    // Output onto output.
    drag(portPos({"a", "stderr", true}), portPos({"b", "value", true}));
    QCOMPARE(messages.size(), 2);
    // Onto an input already wired.
    drag(portPos({"a", "stderr", true}), portPos({"b", "text", false}));
    QCOMPARE(messages.size(), 3);
    QCOMPARE(m_undo->count(), 0);
    QCOMPARE(writeWorkflow(m_doc->workflow()), start);
    QVERIFY(!m_editor->scene()->isConnectionDragActive());
}

void TstCanvasInteraction::inlineRename()
{
    load("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n  b: {type: json.parse, inputs: {text: a.stdout}}\n"
         "layout:\n  a: [0, 0]\n  b: [300, 0]\n");
    m_editor->scene()->selectNodes({"a"});
    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_F2);
    QLineEdit *editor = m_editor->view()->idEditor();
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->text(), QStringLiteral("a"));
    // A taken id is refused; the editor stays open.
    QSignalSpy messages(m_editor, &CanvasEditor::message);
    editor->setText("b");
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(messages.size(), 1);
    QVERIFY(editor->isVisible());
    QVERIFY(m_doc->node(u"a"));
    editor->setText("source");
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(!editor->isVisible());
    QCOMPARE(m_doc->node(u"b")->input(u"text")->sourceNode, QStringLiteral("source"));
    QCOMPARE(m_undo->count(), 1);
    // Double-click on the title opens it too; Escape cancels.
    const QPointF title = m_editor->scene()->nodePosition(u"b") + QPointF(60, 15);
    QTest::mouseDClick(viewport(), Qt::LeftButton, {}, viewPos(title));
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->text(), QStringLiteral("b"));
    QTest::keyClick(editor, Qt::Key_Escape);
    QVERIFY(!editor->isVisible());
    QCOMPARE(m_undo->count(), 1);
}

void TstCanvasInteraction::zoomKeysAndFit()
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

void TstCanvasInteraction::minimapNavigates()
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

void TstCanvasInteraction::overviewModeStaysInteractive()
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

void TstCanvasInteraction::panWithMiddleButtonAndSpace()
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

void TstCanvasInteraction::tabOpensQuickAdd()
{
    GraphView *view = m_editor->view();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Tab);
    QuickAddPopup *popup = view->quickAddPopup();
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClicks(popup->filterEdit(), "delay");
    QTest::keyClick(popup->filterEdit(), Qt::Key_Enter);
    QCOMPARE(m_doc->workflow().nodes.size(), 1);
    QCOMPARE(m_doc->workflow().nodes.first().type, QStringLiteral("time.delay"));
}

void TstCanvasInteraction::pickUpWireAtItsInput()
{
    load("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n  b: {type: json.parse, inputs: {text: a.stdout}}\n"
         "  c: {type: json.select}\nlayout:\n  a: [0, 0]\n  b: [300, 0]\n  c: [300, 200]\n");
    const QByteArray start = writeWorkflow(m_doc->workflow());
    // Grab the wire at b.text and drop it on c.value: the wire moves, one step.
    drag(portPos({"b", "text", false}), portPos({"c", "value", false}));
    QVERIFY(!m_doc->node(u"b")->input(u"text"));
    QCOMPARE(m_doc->node(u"c")->input(u"value")->sourceNode, QStringLiteral("a"));
    QCOMPARE(m_undo->count(), 1);
    QVERIFY(m_editor->scene()->wireItem(Edge{"a", "stdout", "c", "value"})->isVisible());
    // Grab it again and drop it on empty canvas: disconnected.
    drag(portPos({"c", "value", false}), viewPos({600, 500}));
    QVERIFY(!m_doc->node(u"c")->input(u"value"));
    QCOMPARE(m_undo->count(), 2);
    QVERIFY(!m_editor->view()->quickAddPopup()->isVisible());
    m_undo->undo();
    m_undo->undo();
    QCOMPARE(writeWorkflow(m_doc->workflow()), start);
    // Escape during the drag puts everything back.
    const QPoint from = portPos({"b", "text", false});
    QTest::mousePress(viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport(), from + QPoint(-60, 40));
    QVERIFY(!m_editor->scene()->wireItem(Edge{"a", "stdout", "b", "text"})->isVisible());
    QTest::keyClick(m_editor->view(), Qt::Key_Escape);
    QTest::mouseRelease(viewport(), Qt::LeftButton, {}, from + QPoint(-60, 40));
    QVERIFY(m_editor->scene()->wireItem(Edge{"a", "stdout", "b", "text"})->isVisible());
    QCOMPARE(writeWorkflow(m_doc->workflow()), start);
    QCOMPARE(m_undo->index(), 0);
}

void TstCanvasInteraction::contextMenuActsOnClickedNode()
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

void TstCanvasInteraction::followsPalette()
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

QTEST_MAIN(TstCanvasInteraction)
#include "tst_canvasinteraction.moc"

// The canvas driven like a user would: mouse and keyboard on a shown view, drops from the palette,
// the quick-add popup and the inline id editor. Then everything is undone and redone, byte for byte.
#include "canvas/canvaseditor.h"
#include "documents/commands/movecommands.h"
#include "canvas/graphview.h"
#include "canvas/minimap.h"
#include "canvas/nodeitem.h"
#include "canvas/palettewidget.h"
#include "canvas/quickaddpopup.h"
#include "canvas/wireitem.h"
#include "canvastestutil.h"
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

class TstCanvasInteraction : public CanvasTest::ViewTestBase
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }
    void buildByMouseThenUndoRedo();
    void paletteDragPayload();
    void rubberBandAndCtrlClick();
    void consecutiveDragsAreSeparateSteps();
    void wireDroppedOnEmptySpaceAddsConnectedNode();
    void refusedWireDragChangesNothing();
    void inlineRename();
    void tabOpensQuickAdd();
    void pickUpWireAtItsInput();
};

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

QTEST_MAIN(TstCanvasInteraction)
#include "tst_canvasinteraction.moc"

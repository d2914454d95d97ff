// Copy, cut, paste and duplicate through the real clipboard, as YAML text.
#include "canvas/nodeitem.h"
#include "canvastestutil.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using namespace Flow;
using CanvasTest::Fixture;

class TstCanvasClipboard : public QObject
{
    Q_OBJECT

private slots:
    void copyPasteRoundTrip();
    void cutPasteUndo();
    void pasteTextFromEditor_data();
    void pasteTextFromEditor();
    void pasteGarbageIsRefused();
    void duplicateTwiceOffsetsAgain();

private:
    static constexpr char Yaml[] = "flowstudio: 1\nnodes:\n"
                                   "  fetch: {type: http.request, config: {url: 'https://example.com'}}\n"
                                   "  parse: {type: json.parse, inputs: {text: fetch.body}}\n"
                                   "  pick:\n    type: json.select\n    inputs: {value: parse.value}\n"
                                   "    config: {path: a.b}\n    after: [fetch]\n"
                                   "layout:\n  fetch: [0, 0]\n  parse: [300, 0]\n  pick: [600, 0]\n";
};

void TstCanvasClipboard::copyPasteRoundTrip()
{
    Fixture f;
    f.document.setWorkflow(readWorkflow(Yaml).workflow.value());
    const QByteArray start = f.bytes();
    f.scene->selectNodes({"parse", "pick"});
    f.controller->copy();
    const QString text = QGuiApplication::clipboard()->text();
    QVERIFY(text.contains("parse:"));
    QVERIFY(!text.contains("fetch:")); // only the selection
    QVERIFY(readWorkflow(text.toUtf8()).workflow);

    f.controller->paste();
    QCOMPARE(f.undo.count(), 1);
    QCOMPARE(f.document.workflow().nodes.size(), 5);
    // Colliding ids got fresh ones; the wire inside the group follows, the one from outside is dropped
    // by the fragment, and the `after` to a node outside the group survives because fetch exists.
    const Node *parse2 = f.document.node(u"parse_2");
    const Node *pick2 = f.document.node(u"pick_2");
    QVERIFY(parse2 && pick2);
    QCOMPARE(pick2->input(u"value")->sourceNode, QStringLiteral("parse_2"));
    QCOMPARE(*parse2->position, QPointF(340, 40));
    QCOMPARE(f.scene->selectedNodeIds(), (QStringList{"parse_2", "pick_2"}));
    QVERIFY(f.scene->wireItem(Edge{"parse_2", "value", "pick_2", "value"}));
    f.undo.undo();
    QCOMPARE(f.bytes(), start);
    f.undo.redo();
    QCOMPARE(f.document.workflow().nodes.size(), 5);
}

void TstCanvasClipboard::cutPasteUndo()
{
    Fixture f;
    f.document.setWorkflow(readWorkflow(Yaml).workflow.value());
    const QByteArray start = f.bytes();
    f.scene->selectNodes({"parse"});
    f.controller->cut();
    QCOMPARE(f.undo.count(), 1);
    QVERIFY(!f.document.node(u"parse"));
    QVERIFY(!f.document.node(u"pick")->input(u"value")); // the wire went with it
    f.controller->paste();
    QVERIFY(f.document.node(u"parse")); // the id is free again: kept
    QCOMPARE(*f.document.node(u"parse")->position, QPointF(300, 0));
    f.undo.undo();
    f.undo.undo();
    QCOMPARE(f.bytes(), start);
}

void TstCanvasClipboard::pasteTextFromEditor_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("wiredFrom");
    // Typed by hand, no layout, wired into a node of the document.
    QTest::newRow("hand written")
        << "nodes:\n  log:\n    type: debug.log\n    inputs: {message: parse.value}\n"
        << QStringList{"log"} << "parse";
    // A whole workflow file with a header and a colliding id.
    QTest::newRow("whole file") << "flowstudio: 1\nname: other\nnodes:\n  fetch: {type: shell.exec}\n"
                                   "  show: {type: debug.log, inputs: {message: fetch.stdout}}\n"
                                << QStringList{"fetch_2", "show"} << "fetch_2";
    // A reference to a node that exists nowhere is dropped instead of left dangling.
    QTest::newRow("dangling") << "nodes:\n  x: {type: debug.log, inputs: {message: ghost.value}}\n"
                              << QStringList{"x"} << "";
}

void TstCanvasClipboard::pasteTextFromEditor()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QFETCH(QString, wiredFrom);
    Fixture f;
    f.document.setWorkflow(readWorkflow(Yaml).workflow.value());
    const QByteArray start = f.bytes();
    QGuiApplication::clipboard()->setText(text);
    f.controller->paste();
    QCOMPARE(f.undo.count(), 1);
    QCOMPARE(f.scene->selectedNodeIds(), ids);
    const Node *last = f.document.node(ids.last());
    QVERIFY(last);
    QVERIFY(last->position); // placed
    QCOMPARE(last->inputs.isEmpty() ? QString() : last->inputs.first().sourceNode, wiredFrom);
    f.scene->ensurePositions();
    QString clash;
    QVERIFY2(CanvasTest::noOverlap(*f.scene, &clash), qPrintable(clash));
    f.undo.undo();
    QCOMPARE(f.bytes(), start);
}

void TstCanvasClipboard::pasteGarbageIsRefused()
{
    Fixture f;
    f.document.setWorkflow(readWorkflow(Yaml).workflow.value());
    QSignalSpy messages(f.controller.get(), &GraphController::message);
    QGuiApplication::clipboard()->setText("just some words");
    f.controller->paste();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(f.undo.count(), 0);
}

void TstCanvasClipboard::duplicateTwiceOffsetsAgain()
{
    Fixture f;
    f.document.setWorkflow(readWorkflow(Yaml).workflow.value());
    f.scene->selectNodes({"fetch"});
    f.controller->duplicate();
    QCOMPARE(f.scene->selectedNodeIds(), QStringList{"fetch_2"});
    QCOMPARE(*f.document.node(u"fetch_2")->position, QPointF(40, 40));
    f.scene->selectNodes({"fetch"});
    f.controller->duplicate();
    QCOMPARE(*f.document.node(u"fetch_3")->position, QPointF(80, 80));
    QCOMPARE(f.document.node(u"fetch_3")->config, f.document.node(u"fetch")->config);
    QCOMPARE(f.undo.count(), 2);
}

QTEST_MAIN(TstCanvasClipboard)
#include "tst_canvasclipboard.moc"

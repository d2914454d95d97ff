// Undo/redo of every canvas action through the controller API: each action is one step and undoing
// gives back the exact bytes of the document.
#include "documents/commands/movecommands.h"
#include "canvas/nodeitem.h"
#include "canvas/wireitem.h"
#include "canvastestutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace Flow;
using CanvasTest::Fixture;

class TstCanvasCommands : public QObject
{
    Q_OBJECT

private slots:
    void buildUndoRedoThroughController();
    void undoEverythingOnExample_data();
    void undoEverythingOnExample();
    void refusedConnections_data();
    void refusedConnections();
    void renameUpdatesReferences();
    void renameRefused_data();
    void renameRefused();
    void moveMergesWithinOneDragOnly();
    void removeRestoresFedInputsAndAfter();
    void dynamicInputPort();
    void settingsCommandMerges();
    void alignAndDistribute();
    void sceneFollowsDocument();
    void selfWiredNodeSurvivesRebuildAndRemoval();
};

namespace {

// Runs `action`, which must push exactly one undo step, and records the document bytes after it.
void step(Fixture &f, QList<QByteArray> &snapshots, const std::function<void()> &action)
{
    const int before = f.undo.count();
    action();
    QCOMPARE(f.undo.count(), before + 1);
    snapshots.append(f.bytes());
}

void undoRedoAll(Fixture &f, const QList<QByteArray> &snapshots)
{
    // snapshots[0] is the start; snapshots[i] the state after step i.
    for (int i = int(snapshots.size()) - 1; i > 0; --i) {
        QCOMPARE(f.bytes(), snapshots.at(i));
        f.undo.undo();
    }
    QCOMPARE(f.bytes(), snapshots.first());
    for (int i = 1; i < snapshots.size(); ++i) {
        f.undo.redo();
        QCOMPARE(f.bytes(), snapshots.at(i));
    }
}

} // namespace

void TstCanvasCommands::buildUndoRedoThroughController()
{
    Fixture f;
    QList<QByteArray> snaps{f.bytes()};
    QString shell, parse, script, log;
    step(f, snaps, [&] { shell = f.controller->addNode("shell.exec", {0, 0}); });
    QCOMPARE(shell, QStringLiteral("shell_command"));
    step(f, snaps, [&] { parse = f.controller->addNode("json.parse", {300, 0}); });
    step(f, snaps, [&] { script = f.controller->addNode("script.js", {600, 0}); });
    step(f, snaps, [&] {
        QCOMPARE(f.controller->connectPorts({shell, "stdout", true}, {parse, "text", false}),
                 ConnectionRefusal::None);
    });
    // Input end first works too, and the free port of a dynamic node creates a named input.
    step(f, snaps, [&] { f.controller->connectPorts({script, QString(), false}, {parse, "value", true}); });
    QVERIFY(f.document.node(script)->input(u"value"));
    step(f, snaps, [&] {
        log = f.controller->addConnectedNode("debug.log", {900, 0}, {script, "result", true});
    });
    QCOMPARE(f.document.node(log)->inputs.size(), 1);
    step(f, snaps, [&] { QVERIFY(f.controller->renameNode(parse, "parse").isEmpty()); });
    QCOMPARE(f.document.node(script)->inputs.first().sourceNode, QStringLiteral("parse"));
    step(f, snaps, [&] { f.controller->moveNodes({{"parse", QPointF(320, 40)}}, 0); });
    step(f, snaps, [&] {
        f.scene->selectNodes({"parse", script});
        f.controller->duplicate();
    });
    step(f, snaps, [&] { f.controller->disconnect(Edge{shell, "stdout", "parse", "text"}); });
    step(f, snaps, [&] {
        f.scene->selectNodes({"parse"});
        f.controller->deleteSelection();
    });
    QVERIFY(!f.document.node(u"parse"));
    step(f, snaps, [&] {
        Node settings = *f.document.node(shell);
        settings.config.insert("command", Value("echo hi"));
        f.controller->setNodeSettings(shell, settings);
    });
    step(f, snaps, [&] {
        f.controller->selectAll();
        f.controller->deleteSelection();
    });
    QVERIFY(f.document.workflow().nodes.isEmpty());
    undoRedoAll(f, snaps);
}

void TstCanvasCommands::undoEverythingOnExample_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &file : CanvasTest::exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void TstCanvasCommands::undoEverythingOnExample()
{
    QFETCH(QString, path);
    const QByteArray original = CanvasTest::readFile(path);
    const LoadResult loaded = readWorkflow(original);
    QVERIFY(loaded.workflow);
    Fixture f;
    f.document.setWorkflow(*loaded.workflow);
    const QByteArray start = f.bytes();
    QCOMPARE(start, original); // examples are canonical
    const QStringList ids = f.document.workflow().nodeIds();
    QVERIFY(ids.size() >= 3);

    // A mix of every kind of edit, some on nodes that others depend on.
    f.controller->moveNodes({{ids.at(0), QPointF(-500, -500)}}, MoveNodesCommand::nextDragSerial());
    f.controller->renameNode(ids.at(1), ids.at(1) + "_renamed");
    f.scene->selectNodes({ids.at(0), ids.at(2)});
    f.controller->alignSelection(GraphController::Action::AlignTop);
    f.controller->duplicate();
    f.scene->selectNodes({ids.at(2)});
    f.controller->cut();
    f.controller->paste();
    QSignalSpy layoutDone(f.controller.get(), &GraphController::layoutFinished);
    f.controller->autoLayout();
    QVERIFY(layoutDone.wait(10000));
    f.controller->selectAll();
    f.controller->distributeSelection(GraphController::Action::DistributeVertically);
    f.controller->deleteSelection();
    QVERIFY(f.document.workflow().nodes.isEmpty());

    while (f.undo.canUndo())
        f.undo.undo();
    QCOMPARE(f.bytes(), original);
    while (f.undo.canRedo())
        f.undo.redo();
    QVERIFY(f.document.workflow().nodes.isEmpty());
}

void TstCanvasCommands::refusedConnections_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<bool>("aOut");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("bOut");
    QTest::addColumn<int>("reason");
    // a.stdout -> b.text exists already; b.value -> c.value too.
    QTest::newRow("same node") << "a.stdout" << true << "a.stdin" << false
                               << int(ConnectionRefusal::SameNode);
    QTest::newRow("input taken") << "c.value" << true << "b.text" << false
                                 << int(ConnectionRefusal::InputTaken);
    QTest::newRow("cycle") << "c.value" << true << "a.stdin" << false << int(ConnectionRefusal::WouldCycle);
    QTest::newRow("cycle reversed") << "a.stdin" << false << "c.value" << true
                                    << int(ConnectionRefusal::WouldCycle);
    QTest::newRow("input to input") << "a.stdin" << false << "c.value" << false
                                    << int(ConnectionRefusal::InputToInput);
    QTest::newRow("output to output")
        << "a.stdout" << true << "c.value" << true << int(ConnectionRefusal::OutputToOutput);
    QTest::newRow("unknown port") << "a.nope" << true << "d.value" << false
                                  << int(ConnectionRefusal::UnknownPort);
    QTest::newRow("unknown node") << "zz.value" << true << "d.value" << false
                                  << int(ConnectionRefusal::UnknownPort);
    QTest::newRow("allowed") << "a.stderr" << true << "d.value" << false << int(ConnectionRefusal::None);
}

void TstCanvasCommands::refusedConnections()
{
    QFETCH(QString, a);
    QFETCH(bool, aOut);
    QFETCH(QString, b);
    QFETCH(bool, bOut);
    QFETCH(int, reason);
    Fixture f;
    f.document.setWorkflow(readWorkflow("flowstudio: 1\nnodes:\n"
                                        "  a: {type: shell.exec}\n"
                                        "  b: {type: json.parse, inputs: {text: a.stdout}}\n"
                                        "  c: {type: json.select, inputs: {value: b.value}}\n"
                                        "  d: {type: json.select}\n")
                               .workflow.value());
    const QByteArray before = f.bytes();
    QSignalSpy messages(f.controller.get(), &GraphController::message);
    const auto ref = [](const QString &s, bool out) {
        return PortRef{s.section(u'.', 0, 0), s.section(u'.', 1), out};
    };
    const ConnectionRefusal got = f.controller->connectPorts(ref(a, aOut), ref(b, bOut));
    QCOMPARE(int(got), reason);
    if (reason == int(ConnectionRefusal::None)) {
        QCOMPARE(f.undo.count(), 1);
        QVERIFY(f.bytes() != before);
        return;
    }
    QCOMPARE(f.undo.count(), 0);
    QCOMPARE(f.bytes(), before);
    QCOMPARE(messages.size(), 1);
    QVERIFY(!messages.first().first().toString().isEmpty());
    // The drag feedback agrees with the rule.
    f.scene->beginConnectionDrag(ref(a, aOut));
    if (f.scene->nodeItem(ref(b, bOut).node) && f.scene->nodeItem(ref(a, aOut).node)
        && reason != int(ConnectionRefusal::UnknownPort))
        QCOMPARE(int(f.scene->dragRefusal(ref(b, bOut))), reason);
    f.scene->endConnectionDrag();
}

void TstCanvasCommands::renameUpdatesReferences()
{
    Fixture f;
    f.document.setWorkflow(readWorkflow("flowstudio: 1\noutputs: {out: b.value}\nnodes:\n"
                                        "  a: {type: shell.exec}\n"
                                        "  b: {type: json.parse, inputs: {text: a.stdout}, after: [a]}\n"
                                        "layout:\n  a: [0, 0]\n  b: [300, 0]\n")
                               .workflow.value());
    const QByteArray before = f.bytes();
    QVERIFY(f.controller->renameNode("a", "source").isEmpty());
    QCOMPARE(f.document.node(u"b")->inputs.first().sourceNode, QStringLiteral("source"));
    QCOMPARE(f.document.node(u"b")->after, QStringList{"source"});
    QVERIFY(f.scene->nodeItem(u"source"));
    QVERIFY(!f.scene->nodeItem(u"a"));
    QVERIFY(f.scene->wireItem(Edge{"source", "stdout", "b", "text"}));
    QCOMPARE(f.scene->wiresOf(u"source").size(), 2); // data + after
    QVERIFY(f.controller->renameNode("b", "parsed").isEmpty());
    QCOMPARE(f.document.workflow().outputs.first().sourceNode, QStringLiteral("parsed"));
    f.undo.undo();
    f.undo.undo();
    QCOMPARE(f.bytes(), before);
}

void TstCanvasCommands::renameRefused_data()
{
    QTest::addColumn<QString>("newId");
    QTest::newRow("taken") << "b";
    QTest::newRow("starts with digit") << "1a";
    QTest::newRow("space") << "a b";
    QTest::newRow("dot") << "a.b";
    QTest::newRow("empty") << "";
}

void TstCanvasCommands::renameRefused()
{
    QFETCH(QString, newId);
    Fixture f;
    f.document.setWorkflow(
        readWorkflow("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n  b: {type: shell.exec}\n")
            .workflow.value());
    QSignalSpy messages(f.controller.get(), &GraphController::message);
    const QString error = f.controller->renameNode("a", newId);
    QVERIFY(!error.isEmpty());
    QCOMPARE(messages.size(), 1);
    QCOMPARE(f.undo.count(), 0);
    QVERIFY(f.document.node(u"a"));
}

void TstCanvasCommands::moveMergesWithinOneDragOnly()
{
    Fixture f;
    f.document.setWorkflow(
        readWorkflow("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n  b: {type: shell.exec}\n"
                     "layout:\n  a: [0, 0]\n")
            .workflow.value());
    const QByteArray start = f.bytes();
    const int drag1 = MoveNodesCommand::nextDragSerial();
    for (int i = 1; i <= 5; ++i)
        f.controller->moveNodes({{"a", QPointF(i * 20, 0)}, {"b", QPointF(i * 20, 200)}}, drag1);
    QCOMPARE(f.undo.count(), 1);
    const QByteArray afterFirst = f.bytes();
    const int drag2 = MoveNodesCommand::nextDragSerial();
    f.controller->moveNodes({{"a", QPointF(400, 0)}, {"b", QPointF(400, 200)}}, drag2);
    f.controller->moveNodes({{"a", QPointF(420, 0)}, {"b", QPointF(420, 200)}}, drag2);
    QCOMPARE(f.undo.count(), 2);
    f.undo.undo();
    QCOMPARE(f.bytes(), afterFirst);
    f.undo.undo();
    // b had no position: it is automatic again, exactly as in the file.
    QCOMPARE(f.bytes(), start);
    QVERIFY(!f.document.node(u"b")->position);
}

void TstCanvasCommands::removeRestoresFedInputsAndAfter()
{
    Fixture f;
    const QByteArray yaml = "flowstudio: 1\nnodes:\n"
                            "  src: {type: shell.exec}\n"
                            "  mid: {type: shell.exec}\n"
                            "  sink:\n    type: script.js\n"
                            "    inputs: {one: mid.stdout, two: src.stdout, three: src.stderr}\n"
                            "    after: [mid, src]\n"
                            "layout:\n  src: [0, 0]\n  sink: [500, 0]\n";
    f.document.setWorkflow(readWorkflow(yaml).workflow.value());
    const QByteArray start = f.bytes();
    f.scene->selectNodes({"src"});
    QCOMPARE(f.scene->wiresOf(u"src").size(), 3);
    f.controller->deleteSelection();
    QCOMPARE(f.document.node(u"sink")->inputs.size(), 1);
    QCOMPARE(f.document.node(u"sink")->after, QStringList{"mid"});
    f.undo.undo();
    QCOMPARE(f.bytes(), start);
    QCOMPARE(f.scene->wiresOf(u"src").size(), 3);
    // Deleting a selected wire alone, then an ordering wire alone.
    WireItem *wire = f.scene->wireItem(Edge{"src", "stdout", "sink", "two"});
    QVERIFY(wire);
    f.scene->clearSelection();
    wire->setSelected(true);
    f.controller->deleteSelection();
    QVERIFY(!f.document.node(u"sink")->input(u"two"));
    f.undo.undo();
    QCOMPARE(f.bytes(), start);
}

void TstCanvasCommands::dynamicInputPort()
{
    Fixture f;
    f.document.setWorkflow(
        readWorkflow("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n  s: {type: script.js}\n")
            .workflow.value());
    NodeItem *s = f.scene->nodeItem(u"s");
    QVERIFY(s->hasFreeInput());
    QCOMPARE(s->inputPorts().size(), 0);
    f.controller->connectPorts({"a", "stdout", true}, {"s", QString(), false});
    f.controller->connectPorts({"a", "stdout", true}, {"s", QString(), false});
    QCOMPARE(s->inputPorts(), (QStringList{"stdout", "stdout_2"}));
    f.undo.undo();
    QCOMPARE(s->inputPorts(), QStringList{"stdout"});
    f.undo.undo();
    QCOMPARE(s->inputPorts().size(), 0);
}

void TstCanvasCommands::settingsCommandMerges()
{
    Fixture f;
    f.document.setWorkflow(readWorkflow("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n").workflow.value());
    const QByteArray start = f.bytes();
    for (const char *cmd : {"e", "ec", "ech", "echo"}) {
        Node n = *f.document.node(u"a");
        n.config.insert("command", Value(cmd));
        f.controller->setNodeSettings("a", n, 7);
    }
    QCOMPARE(f.undo.count(), 1);
    QCOMPARE(f.document.node(u"a")->config.find(u"command")->toString(), QStringLiteral("echo"));
    f.undo.undo();
    QCOMPARE(f.bytes(), start);
}

void TstCanvasCommands::alignAndDistribute()
{
    Fixture f;
    f.document.setWorkflow(
        readWorkflow("flowstudio: 1\nnodes:\n  a: {type: json.parse}\n  b: {type: json.parse}\n"
                     "  c: {type: json.parse}\nlayout:\n  a: [0, 0]\n  b: [300, 60]\n"
                     "  c: [1000, -40]\n")
            .workflow.value());
    f.controller->selectAll();
    f.controller->alignSelection(GraphController::Action::AlignTop);
    for (const char *id : {"a", "b", "c"})
        QCOMPARE(f.scene->nodePosition(QString::fromLatin1(id)).y(), -40.0);
    f.controller->alignSelection(GraphController::Action::AlignRight);
    QCOMPARE(f.scene->nodePosition(u"a").x(), 1000.0);
    f.undo.undo();
    f.controller->distributeSelection(GraphController::Action::DistributeHorizontally);
    QCOMPARE(f.scene->nodePosition(u"a").x(), 0.0);
    QCOMPARE(f.scene->nodePosition(u"b").x(), 500.0);
    QCOMPARE(f.scene->nodePosition(u"c").x(), 1000.0);
    QCOMPARE(f.undo.count(), 2);
}

void TstCanvasCommands::sceneFollowsDocument()
{
    // Changes made to the document directly (the YAML view does that) show on the canvas.
    Fixture f;
    f.document.setWorkflow(readWorkflow("flowstudio: 1\nnodes:\n  a: {type: shell.exec}\n").workflow.value());
    Node b;
    b.id = "b";
    b.type = "json.parse";
    b.inputs.append({"text", "a", "stdout", {}});
    f.document.addNode(b);
    QVERIFY(f.scene->wireItem(Edge{"a", "stdout", "b", "text"}));
    QVERIFY(f.scene->nodeItem(u"b")->isInputWired("text"));
    f.document.setAfter("b", {"a"});
    QCOMPARE(f.scene->wiresOf(u"b").size(), 2);
    f.document.removeNode("a");
    QCOMPARE(f.scene->wiresOf(u"b").size(), 0);
    QVERIFY(!f.scene->nodeItem(u"b")->isInputWired("text"));
    QCOMPARE(f.scene->nodeCount(), 1);
    // Nodes without a layout position get an automatic one that does not overlap.
    for (int i = 0; i < 10; ++i) {
        Node n;
        n.id = QStringLiteral("auto%1").arg(i);
        n.type = "json.parse";
        f.document.addNode(n);
    }
    f.scene->ensurePositions();
    QVERIFY(CanvasTest::noOverlap(*f.scene));
}

void TstCanvasCommands::selfWiredNodeSurvivesRebuildAndRemoval()
{
    // An invalid file may wire a node to itself; the canvas shows it and tears it down cleanly.
    Fixture f;
    const QByteArray yaml = "flowstudio: 1\nnodes:\n  a: {type: debug.log, after: [a]}\n"
                            "  b: {type: debug.log, inputs: {message: b.message}}\n";
    f.document.setWorkflow(readWorkflow(yaml).workflow.value());
    QVERIFY(f.scene->wireItem(Edge{"b", "message", "b", "message"}));
    QCOMPARE(f.scene->wiresOf(u"b").size(), 1);
    f.document.setWorkflow(readWorkflow(yaml).workflow.value()); // rebuild over the self wire
    QCOMPARE(f.scene->wiresOf(u"b").size(), 1);
    f.document.removeNode("b");
    QCOMPARE(f.scene->nodeCount(), 1);
    f.document.setWorkflow(readWorkflow(yaml).workflow.value());
    QCOMPARE(f.scene->nodeCount(), 2);
}

QTEST_MAIN(TstCanvasCommands)
#include "tst_canvascommands.moc"

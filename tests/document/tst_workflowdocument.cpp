// WorkflowDocument: every mutator emits exactly the fine-grained signals the views rely on, refuses
// impossible changes without emitting anything, and can be inverted exactly.
#include "model/workflowdocument.h"

#include <QSignalSpy>
#include <QTest>

using namespace Flow;

namespace {

Node makeNode(const QString &id, const QString &type = QStringLiteral("debug.log"))
{
    Node n;
    n.id = id;
    n.type = type;
    return n;
}

Node withInput(Node n, const QString &port, const QString &source, const QString &sourcePort)
{
    n.inputs.append(InputBinding{port, source, sourcePort, {}});
    return n;
}

QString edgeText(const Edge &e)
{
    return e.fromNode + u'.' + e.fromPort + u'>' + e.toNode + u'.' + e.toPort;
}

// Records every signal of a document as one line each, in emission order.
class SignalLog : public QObject
{
public:
    explicit SignalLog(WorkflowDocument *doc)
    {
        connect(doc, &WorkflowDocument::reset, this, [this] { lines << QStringLiteral("reset"); });
        connect(doc, &WorkflowDocument::nodeAdded, this,
                [this](const QString &id) { lines << "added " + id; });
        connect(doc, &WorkflowDocument::nodeRemoved, this,
                [this](const QString &id) { lines << "removed " + id; });
        connect(doc, &WorkflowDocument::nodeChanged, this,
                [this](const QString &id) { lines << "changed " + id; });
        connect(doc, &WorkflowDocument::nodeRenamed, this,
                [this](const QString &a, const QString &b) { lines << "renamed " + a + u' ' + b; });
        connect(doc, &WorkflowDocument::nodeMoved, this, [this](const QString &id, const QPointF &p) {
            lines << QStringLiteral("moved %1 %2,%3").arg(id).arg(p.x()).arg(p.y());
        });
        connect(doc, &WorkflowDocument::edgeAdded, this,
                [this](const Edge &e) { lines << "edge+ " + edgeText(e); });
        connect(doc, &WorkflowDocument::edgeRemoved, this,
                [this](const Edge &e) { lines << "edge- " + edgeText(e); });
        connect(doc, &WorkflowDocument::metadataChanged, this,
                [this] { lines << QStringLiteral("metadata"); });
        connect(doc, &WorkflowDocument::changed, this, [this] { lines << QStringLiteral("*"); });
    }
    QStringList lines;
};

// a -> b -> c, and c after a.
Workflow chain()
{
    Workflow w;
    w.nodes << makeNode("a") << withInput(makeNode("b"), "message", "a", "message")
            << withInput(makeNode("c"), "message", "b", "message");
    w.nodes[2].after << "a";
    return w;
}

} // namespace

class TestWorkflowDocument : public QObject
{
    Q_OBJECT

private slots:
    void emitted_data();
    void emitted();
    void refusals();
    void removeThenRestoreIsExact();
    void renameRewritesReferences();
    void uniqueIds_data();
    void uniqueIds();
};

using Action = std::function<bool(WorkflowDocument &)>;
Q_DECLARE_METATYPE(Action)

void TestWorkflowDocument::emitted_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("add node") << Action([](WorkflowDocument &d) { return d.addNode(makeNode("x")); })
                              << QStringList{"added x", "*"};
    QTest::newRow("add wired node") << Action([](WorkflowDocument &d) {
        return d.addNode(withInput(makeNode("x"), "message", "c", "message"));
    }) << QStringList{"added x", "edge+ c.message>x.message", "*"};
    QTest::newRow("remove middle node")
        << Action([](WorkflowDocument &d) { return d.removeNode("b"); })
        << QStringList{"edge- a.message>b.message", "edge- b.message>c.message", "removed b", "*"};
    QTest::newRow("remove node named in after")
        << Action([](WorkflowDocument &d) { return d.removeNode("a"); })
        << QStringList{"edge- a.message>b.message", "changed c", "removed a", "*"};
    QTest::newRow("rename") << Action([](WorkflowDocument &d) { return d.renameNode("b", "middle"); })
                            << QStringList{"renamed b middle", "*"};
    QTest::newRow("move") << Action([](WorkflowDocument &d) { return d.moveNode("a", QPointF(10, 20)); })
                          << QStringList{"moved a 10,20", "*"};
    QTest::newRow("connect") << Action([](WorkflowDocument &d) {
        return d.addEdge({"a", "message", "c", "extra"});
    }) << QStringList{"edge+ a.message>c.extra", "*"};
    QTest::newRow("disconnect") << Action([](WorkflowDocument &d) {
        return d.removeEdge({"b", "message", "c", "message"});
    }) << QStringList{"edge- b.message>c.message", "*"};
    QTest::newRow("after") << Action([](WorkflowDocument &d) { return d.setAfter("b", {"a"}); })
                           << QStringList{"changed b", "*"};
    QTest::newRow("settings") << Action([](WorkflowDocument &d) {
        Node s = makeNode("ignored", "time.delay");
        s.timeout = Millis(500);
        return d.setNodeSettings("b", s);
    }) << QStringList{"changed b", "*"};
    QTest::newRow("unchanged settings emit nothing")
        << Action([](WorkflowDocument &d) { return d.setNodeSettings("b", *d.node(u"b")); }) << QStringList{};
    QTest::newRow("metadata") << Action([](WorkflowDocument &d) {
        d.setMetadata("n", "d", {}, {}, {});
        return true;
    }) << QStringList{"metadata", "*"};
}

void TestWorkflowDocument::emitted()
{
    QFETCH(Action, action);
    QFETCH(QStringList, expected);
    WorkflowDocument doc;
    doc.setWorkflow(chain());
    SignalLog log(&doc);
    QVERIFY(action(doc));
    QCOMPARE(log.lines, expected);
}

void TestWorkflowDocument::refusals()
{
    WorkflowDocument doc;
    doc.setWorkflow(chain());
    SignalLog log(&doc);
    QVERIFY(!doc.addNode(makeNode("a"))); // id taken
    QVERIFY(!doc.addNode(makeNode("")));  // no id
    QVERIFY(!doc.removeNode("nope"));
    QVERIFY(!doc.renameNode("a", "b")); // target taken
    QVERIFY(!doc.renameNode("nope", "x"));
    QVERIFY(!doc.addEdge({"a", "message", "b", "message"}));    // input already wired
    QVERIFY(!doc.addEdge({"nope", "message", "b", "other"}));   // missing source
    QVERIFY(!doc.removeEdge({"a", "message", "c", "message"})); // no such edge
    QVERIFY(!doc.moveNode("nope", {}));
    QCOMPARE(log.lines, QStringList{});
    QCOMPARE(doc.workflow().nodes, chain().nodes);
}

void TestWorkflowDocument::removeThenRestoreIsExact()
{
    // What an undo command does: record, remove, then put everything back in its old place.
    WorkflowDocument doc;
    Workflow original = chain();
    original.nodes << withInput(makeNode("d"), "x", "b", "message");
    original.nodes[3].inputs.prepend(InputBinding{"first", "a", "message", {}});
    doc.setWorkflow(original);

    const Node removed = *doc.node(u"b");
    const int index = doc.workflow().indexOf(u"b");
    const Edge out1{"b", "message", "c", "message"};
    const Edge out2{"b", "message", "d", "x"};
    const int i1 = doc.edgeIndex(out1);
    const int i2 = doc.edgeIndex(out2);
    QCOMPARE(i2, 1);
    QVERIFY(doc.removeNode("b"));
    QVERIFY(!doc.node(u"b"));
    QCOMPARE(doc.node(u"d")->inputs.size(), 1);

    QVERIFY(doc.addNode(removed, index));
    QVERIFY(doc.addEdge(out1, i1));
    QVERIFY(doc.addEdge(out2, i2));
    QCOMPARE(doc.workflow().nodes, original.nodes);
}

void TestWorkflowDocument::renameRewritesReferences()
{
    WorkflowDocument doc;
    Workflow w = chain();
    w.outputs << OutputBinding{"result", "a", "message", {}};
    doc.setWorkflow(w);
    QVERIFY(doc.renameNode("a", "start"));
    QCOMPARE(doc.node(u"b")->inputs.first().sourceNode, QStringLiteral("start"));
    QCOMPARE(doc.node(u"c")->after, QStringList{"start"});
    QCOMPARE(doc.workflow().outputs.first().sourceNode, QStringLiteral("start"));
    QVERIFY(doc.renameNode("start", "a"));
    QCOMPARE(doc.workflow().nodes, w.nodes);
}

void TestWorkflowDocument::uniqueIds_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("free") << "fresh"
                          << "fresh";
    QTest::newRow("taken") << "a"
                           << "a_2";
    QTest::newRow("dots") << "shell.exec"
                          << "shell_exec";
    QTest::newRow("digit first") << "9lives"
                                 << "n9lives";
}

void TestWorkflowDocument::uniqueIds()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    WorkflowDocument doc;
    doc.setWorkflow(chain());
    QCOMPARE(doc.uniqueId(base), expected);
}

QTEST_GUILESS_MAIN(TestWorkflowDocument)
#include "tst_workflowdocument.moc"

// "Run selected nodes only": which part of a workflow runs for a selection.
#include "executor/runselection.h"
#include "model/workflowio.h"

#include <QTest>

using namespace Flow;

class tst_RunSelection : public QObject
{
    Q_OBJECT

private slots:
    void upstreamClosure_data();
    void upstreamClosure();
    void outputsOfLeftOutNodesAreDropped();
};

namespace {

// a -> b (input), c after b, d reads nodes.a in an expression, e stands alone, f after c.
const QByteArray Yaml = R"(flowstudio: 1
nodes:
  a: {type: shell.exec, config: {command: echo a}}
  b: {type: json.parse, inputs: {text: a.stdout}}
  c: {type: debug.log, after: [b], config: {message: hi}}
  d: {type: debug.log, config: {message: "${{ nodes.a.outputs.stdout }}"}}
  e: {type: debug.log, config: {message: alone}}
  f: {type: debug.log, after: [c], config: {message: last}}
outputs:
  out_a: a.stdout
  out_f: f.message
)";

} // namespace

void tst_RunSelection::upstreamClosure_data()
{
    QTest::addColumn<QStringList>("selected");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("source only") << QStringList{"a"} << QStringList{"a"};
    QTest::newRow("input pulls source") << QStringList{"b"} << QStringList{"a", "b"};
    QTest::newRow("after chain") << QStringList{"f"} << QStringList{"a", "b", "c", "f"};
    QTest::newRow("expression reference") << QStringList{"d"} << QStringList{"a", "d"};
    QTest::newRow("file order kept") << QStringList{"e", "b"} << QStringList{"a", "b", "e"};
    QTest::newRow("unknown ignored") << QStringList{"zz"} << QStringList{};
}

void tst_RunSelection::upstreamClosure()
{
    QFETCH(QStringList, selected);
    QFETCH(QStringList, expected);
    const Workflow wf = readWorkflow(Yaml).workflow.value();
    QCOMPARE(workflowForNodes(wf, selected).nodeIds(), expected);
}

void tst_RunSelection::outputsOfLeftOutNodesAreDropped()
{
    const Workflow part = workflowForNodes(readWorkflow(Yaml).workflow.value(), {"b"});
    QCOMPARE(part.outputs.size(), 1);
    QCOMPARE(part.outputs.first().name, QStringLiteral("out_a"));
}

QTEST_GUILESS_MAIN(tst_RunSelection)
#include "tst_runselection.moc"

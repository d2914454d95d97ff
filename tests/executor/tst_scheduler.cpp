// The scheduler: order, parallelism, data through ports, expressions, and the exact event log of
// small workflows (data-driven, in the manner of Qt Creator's Tasking tests).
#include "testnodes.h"
#include "testutil.h"

#include "executor/nodecache.h"
#include "runs/runstate.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Flow;
using namespace Flow::Test;

class tst_Scheduler : public QObject
{
    Q_OBJECT

private slots:
    void eventLog_data();
    void eventLog();
    void dependencyOrder();
    void independentNodesOverlap_data();
    void independentNodesOverlap();
    void maxParallelIsRespected();
    void outputsFlowThroughPorts();
    void expressionsInConfig();
    void secretsAreMasked();
    void whenFalseSkipsNodeAndDependents();
    void forEachRunsOncePerItem();
    void forEachWithoutItems();
    void forEachItemFailureFailsNode();
    void cachedNodeIsNotRunAgain();
    void problemsFailTheRunWithoutRunningNodes_data();
    void problemsFailTheRunWithoutRunningNodes();
    void emptyWorkflowSucceeds();
    void generatedThousandNodes();
    void reducerFollowsTheEvents();
};

// ---- exact event logs --------------------------------------------------------------------------

void tst_Scheduler::eventLog_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("expected");

    const QByteArray head = "flowstudio: 1\nname: log\nsettings: {max_parallel: 1}\nnodes:\n";

    QTest::newRow("single") << head + "  a: {type: test.noop}\n"
                            << QStringList{"run.started", "node.queued a", "node.started a 1",
                                           "node.succeeded a 1", "run.finished"};
    QTest::newRow("chain") << head + "  a: {type: test.noop}\n  b: {type: test.noop, after: [a]}\n"
                           << QStringList{"run.started",        "node.queued a", "node.started a 1",
                                          "node.succeeded a 1", "node.queued b", "node.started b 1",
                                          "node.succeeded b 1", "run.finished"};
    QTest::newRow("retry then succeed")
        << head + "  a: {type: test.fail, config: {until: 3}, retry: {attempts: 3, delay: 10ms}}\n"
        << QStringList{"run.started",       "node.queued a",      "node.started a 1",
                       "node.retrying a 1", "node.started a 2",   "node.retrying a 2",
                       "node.started a 3",  "node.succeeded a 3", "run.finished"};
    QTest::newRow("retries used up") << head
                                            + "  a: {type: test.fail, retry: {attempts: 2, delay: 10ms}}\n  "
                                              "b: {type: test.noop, after: [a]}\n"
                                     << QStringList{"run.started",      "node.queued a",
                                                    "node.started a 1", "node.retrying a 1",
                                                    "node.started a 2", "node.failed a 2",
                                                    "node.skipped b",   "run.finished"};
    QTest::newRow("stop skips the rest")
        << head + "  a: {type: test.fail}\n  b: {type: test.noop}\n  c: {type: test.noop, after: [b]}\n"
        << QStringList{"run.started",     "node.queued a",  "node.queued b",  "node.started a 1",
                       "node.failed a 1", "node.skipped b", "node.skipped c", "run.finished"};
    QTest::newRow("continue runs the independent")
        << QByteArray("flowstudio: 1\nname: log\nsettings: {max_parallel: 1, on_error: continue}\nnodes:\n"
                      "  a: {type: test.fail}\n  b: {type: test.noop, after: [a]}\n  c: {type: test.noop}\n"
                      "  d: {type: test.noop, after: [b]}\n")
        << QStringList{"run.started",        "node.queued a",  "node.queued c",  "node.started a 1",
                       "node.failed a 1",    "node.skipped b", "node.skipped d", "node.started c 1",
                       "node.succeeded c 1", "run.finished"};
    QTest::newRow("when false")
        << head + "  a: {type: test.noop, when: 'false'}\n  b: {type: test.noop, after: [a]}\n"
        << QStringList{"run.started", "node.queued a", "node.skipped a", "node.skipped b", "run.finished"};
    QTest::newRow("for_each")
        << head + "  a: {type: test.echo, for_each: [1, 2], config: {value: '${{ item }}'}}\n"
        << QStringList{"run.started", "node.queued a", "node.started a 1", "node.succeeded a 1",
                       "run.finished"};
    QTest::newRow("logs carry the attempt")
        << head + "  a: {type: test.log, config: {lines: 2}}\n"
        << QStringList{"run.started",       "node.queued a",      "node.started a 1",
                       "node.log a 1",      "node.progress a 1",  "node.log a 1",
                       "node.progress a 1", "node.succeeded a 1", "run.finished"};
}

void tst_Scheduler::eventLog()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expected);
    Run run(workflowFromYaml(yaml), testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    const bool withLogs = QByteArray(QTest::currentDataTag()).startsWith("logs");
    QCOMPARE(trace(rec.events, withLogs), expected);
}

// ---- order and parallelism ---------------------------------------------------------------------

void tst_Scheduler::dependencyOrder()
{
    // A diamond with data and ordering edges: d needs b (data) and c (after).
    Run run(workflowFromYaml("flowstudio: 1\nname: diamond\nsettings: {max_parallel: 4}\nnodes:\n"
                             "  a: {type: test.sleep, config: {ms: 20, value: 1}}\n"
                             "  b: {type: test.sleep, inputs: {value: a.value}, config: {ms: 30}}\n"
                             "  c: {type: test.sleep, after: [a], config: {ms: 10}}\n"
                             "  d: {type: test.echo, inputs: {value: b.value}, after: [c]}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    const auto done = [&](const char *n) {
        return indexOf(rec.events, EventKind::NodeSucceeded, n);
    };
    const auto started = [&](const char *n) {
        return indexOf(rec.events, EventKind::NodeStarted, n);
    };
    QVERIFY(done("a") < started("b"));
    QVERIFY(done("a") < started("c"));
    QVERIFY(done("b") < started("d"));
    QVERIFY(done("c") < started("d"));
    QCOMPARE(run.status(), RunStatus::Succeeded);
}

void tst_Scheduler::independentNodesOverlap_data()
{
    QTest::addColumn<int>("maxParallel");
    QTest::addColumn<bool>("overlap");
    QTest::newRow("two workers") << 2 << true;
    QTest::newRow("one worker") << 1 << false;
}

void tst_Scheduler::independentNodesOverlap()
{
    QFETCH(int, maxParallel);
    QFETCH(bool, overlap);
    RunOptions options;
    options.maxParallel = maxParallel;
    Run run(workflowFromYaml("flowstudio: 1\nname: par\nnodes:\n"
                             "  a: {type: test.sleep, config: {ms: 300}}\n"
                             "  b: {type: test.sleep, config: {ms: 300}}\n"),
            testRegistry(), options);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    // Bounds from the events, not the wall clock: a loaded machine slows everything down, but it
    // cannot make two nodes overlap that did not, nor a sequential run shorter than its parts.
    QCOMPARE(overlapped(rec.events, "a", "b"), overlap);
    if (!overlap)
        QVERIFY(rec.events.constLast().time - rec.events.constFirst().time >= 600);
}

void tst_Scheduler::maxParallelIsRespected()
{
    QByteArray yaml = "flowstudio: 1\nname: wide\nsettings: {max_parallel: 3}\nnodes:\n";
    for (int i = 0; i < 12; ++i)
        yaml += "  n" + QByteArray::number(i) + ": {type: test.sleep, config: {ms: 100}}\n";
    Run run(workflowFromYaml(yaml), testRegistry());
    QCOMPARE(run.maxParallel(), 3);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    int running = 0, peak = 0;
    for (const RunEvent &e : std::as_const(rec.events)) {
        if (e.kind == EventKind::NodeStarted)
            peak = std::max(peak, ++running);
        else if (isTerminal(e.kind))
            --running;
    }
    QCOMPARE(peak, 3);
}

// ---- data ----------------------------------------------------------------------------------------

void tst_Scheduler::outputsFlowThroughPorts()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: ports\nnodes:\n"
                             "  src: {type: test.echo, config: {value: {list: [1, 2, 3], text: hi}}}\n"
                             "  mid: {type: test.sleep, inputs: {value: src.value}, config: {ms: 1}}\n"
                             "  dst: {type: test.echo, inputs: {value: mid.value, other: src.config}}\n"
                             "outputs:\n  result: dst.value\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    const QVariantMap expected{{"list", QVariantList{1, 2, 3}}, {"text", "hi"}};
    QCOMPARE(run.nodeOutputs("dst").value("value"), QVariant(expected));
    QCOMPARE(run.nodeOutputs("dst").value("inputs").toMap().value("other").toMap().value("value"),
             QVariant(expected));
    QCOMPARE(run.outputs().value("result"), QVariant(expected));
    // The same outputs arrive in the events, also in run.finished.
    QCOMPARE(find(rec.events, EventKind::NodeSucceeded, "dst")->data.value("outputs").toMap().value("value"),
             QVariant(expected));
    QCOMPARE(rec.events.last().data.value("outputs").toMap().value("result"), QVariant(expected));
}

void tst_Scheduler::expressionsInConfig()
{
    RunOptions options;
    options.runId = "run-42";
    options.params = {{"who", "world"}};
    options.env = QHash<QString, QString>{{"HOME_DIR", "/home/x"}};
    Run run(workflowFromYaml(R"(flowstudio: 1
name: expr
params:
  who: {default: nobody}
  count: {default: 3}
nodes:
  src:
    type: test.echo
    config: {value: {items: [a, b, c], n: 7}}
  use:
    type: test.echo
    config:
      value: "${{ nodes.src.outputs.value.items }}"
      extra:
        greeting: "hello ${{ params.who }} from ${{ run.id }}"
        typed: "${{ params.count }}"
        inText: "n=${{ nodes.src.outputs.value.n }}"
        js: "${{ params.count * 2 + nodes.src.outputs.value.items.length }}"
        home: "${{ env.HOME_DIR }}"
        missingEnv: "[${{ env.NOT_SET_ANYWHERE }}]"
)"),
            testRegistry(), options);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    // The expression made src a dependency although no input or `after` names it.
    QVERIFY(indexOf(rec.events, EventKind::NodeSucceeded, "src")
            < indexOf(rec.events, EventKind::NodeStarted, "use"));
    const QVariantMap out = run.nodeOutputs("use");
    QCOMPARE(out.value("value"), QVariant(QVariantList{"a", "b", "c"}));
    const QVariantMap extra = out.value("config").toMap().value("extra").toMap();
    QCOMPARE(extra.value("greeting").toString(), QString("hello world from run-42"));
    QCOMPARE(extra.value("typed").typeId(), QMetaType::LongLong);
    QCOMPARE(extra.value("typed").toLongLong(), 3);
    QCOMPARE(extra.value("inText").toString(), QString("n=7"));
    QCOMPARE(extra.value("js").toLongLong(), 9);
    QCOMPARE(extra.value("home").toString(), QString("/home/x"));
    QCOMPARE(extra.value("missingEnv").toString(), QString("[]"));
}

void tst_Scheduler::secretsAreMasked()
{
    RunOptions options;
    options.secrets = {{"token", "s3cr3t-value"}};
    Run run(workflowFromYaml("flowstudio: 1\nname: secret\nnodes:\n"
                             "  a: {type: test.log, config: {lines: 2, text: 'token=${{ secrets.token }}'}}\n"
                             "  b: {type: test.fail, config: {message: 'bad ${{ secrets.token }}!'}}\n"),
            testRegistry(), options);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    const QList<RunEvent> logs = all(rec.events, EventKind::NodeLog, "a");
    QCOMPARE(logs.size(), 2);
    QCOMPARE(logs.first().data.value("line").toString(), QString("token=*** 1"));
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "b")->data.value("error").toString(),
             QString("bad ***!"));
    for (const RunEvent &e : std::as_const(rec.events))
        QVERIFY2(!e.toJsonLine().contains("s3cr3t"), e.toJsonLine().constData());
}

void tst_Scheduler::whenFalseSkipsNodeAndDependents()
{
    RunOptions options;
    options.params = {{"deploy", false}};
    Run run(workflowFromYaml("flowstudio: 1\nname: when\nparams:\n  deploy: {default: true}\nnodes:\n"
                             "  build: {type: test.noop}\n"
                             "  deploy: {type: test.noop, after: [build], when: '${{ params.deploy }}'}\n"
                             "  notify: {type: test.noop, after: [deploy]}\n"
                             "  report: {type: test.noop, after: [build], when: 'params.deploy == false'}\n"),
            testRegistry(), options);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QVERIFY(find(rec.events, EventKind::NodeSkipped, "deploy"));
    QVERIFY(find(rec.events, EventKind::NodeSkipped, "notify"));
    QCOMPARE(find(rec.events, EventKind::NodeSkipped, "notify")->data.value("reason").toString(),
             QString("needs 'deploy', which was skipped"));
    QVERIFY(find(rec.events, EventKind::NodeSucceeded, "report"));
    QVERIFY(!find(rec.events, EventKind::NodeStarted, "deploy"));
}

void tst_Scheduler::forEachRunsOncePerItem()
{
    Run run(workflowFromYaml(R"(flowstudio: 1
name: each
settings: {max_parallel: 4}
nodes:
  list: {type: test.echo, config: {value: [10, 20, 30, 40, 50, 60]}}
  each:
    type: test.sleep
    for_each: "${{ nodes.list.outputs.value }}"
    concurrency: 2
    config: {ms: 60, value: "${{ index }}:${{ item }}"}
)"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.nodeOutputs("each").value("value"),
             QVariant(QVariantList{"0:10", "1:20", "2:30", "3:40", "4:50", "5:60"}));
    // Progress is items done / items.
    const QList<RunEvent> progress = all(rec.events, EventKind::NodeProgress, "each");
    QCOMPARE(progress.size(), 6);
    QCOMPARE(progress.last().data.value("fraction").toDouble(), 1.0);
    QCOMPARE(progress.first().data.value("text").toString(), QString("1/6"));
    // concurrency 2: six 60 ms items take three rounds, not one or two (a lower bound: the clock of
    // the events cannot run faster than the items slept).
    const qint64 took = find(rec.events, EventKind::NodeSucceeded, "each")->time
                        - find(rec.events, EventKind::NodeStarted, "each")->time;
    QVERIFY2(took >= 170, qPrintable(QString::number(took)));
}

void tst_Scheduler::forEachWithoutItems()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: none\nnodes:\n"
                             "  each: {type: test.sleep, for_each: '${{ params.list }}', config: {ms: 1}}\n"
                             "  use: {type: test.echo, inputs: {value: each.value}}\n"
                             "params:\n  list: {default: []}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QCOMPARE(run.nodeOutputs("use").value("value"), QVariant(QVariantList()));
}

void tst_Scheduler::forEachItemFailureFailsNode()
{
    Run run(
        workflowFromYaml("flowstudio: 1\nname: each\nnodes:\n"
                         "  each: {type: test.fail, for_each: [1, 2, 3], config: {until: '${{ item }}'}}\n"),
        testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Failed);
    const RunEvent *failed = find(rec.events, EventKind::NodeFailed, "each");
    QVERIFY(failed);
    QVERIFY2(failed->data.value("error").toString().startsWith("item "),
             qPrintable(failed->data.value("error").toString()));
}

void tst_Scheduler::cachedNodeIsNotRunAgain()
{
    MemoryNodeCache cache;
    RunOptions options;
    options.cache = &cache;
    const QByteArray yaml = "flowstudio: 1\nname: cache\nnodes:\n"
                            "  slow: {type: test.sleep, cache: true, config: {ms: 50, value: 7}}\n"
                            "  use: {type: test.echo, inputs: {value: slow.value}}\n";
    QString firstRun;
    for (int round = 0; round < 2; ++round) {
        Run run(workflowFromYaml(yaml), testRegistry(), options);
        Recorder rec(&run);
        QVERIFY(runToEnd(run, rec));
        QCOMPARE(checkInvariants(rec.events), QString());
        QCOMPARE(run.nodeOutputs("use").value("value").toInt(), 7);
        const RunEvent *cached = find(rec.events, EventKind::NodeCached, "slow");
        QCOMPARE(bool(cached), round == 1);
        QCOMPARE(bool(find(rec.events, EventKind::NodeSucceeded, "slow")), round == 0);
        if (round == 0)
            firstRun = run.id();
        else // a hit names the run that computed the outputs
            QCOMPARE(cached->data.value("run").toString(), firstRun);
    }
}

void tst_Scheduler::problemsFailTheRunWithoutRunningNodes_data()
{
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown param") << QVariantMap{{"nope", 1}, {"need", 1}} << "unknown param 'nope'";
    QTest::newRow("missing param") << QVariantMap{} << "param 'need' has no default and was not given";
}

void tst_Scheduler::problemsFailTheRunWithoutRunningNodes()
{
    QFETCH(QVariantMap, params);
    QFETCH(QString, problem);
    RunOptions options;
    options.params = params;
    Run run(workflowFromYaml("flowstudio: 1\nname: p\nparams:\n  need: {description: required}\nnodes:\n"
                             "  a: {type: test.noop}\n"),
            testRegistry(), options);
    QCOMPARE(run.problems().size(), 1);
    QCOMPARE(run.problems().first().message, problem);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Failed);
    QVERIFY(!find(rec.events, EventKind::NodeStarted));
    QVERIFY(run.error().contains(problem));
}

void tst_Scheduler::emptyWorkflowSucceeds()
{
    Workflow w;
    w.name = "empty";
    Run run(w, testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(trace(rec.events), (QStringList{"run.started", "run.finished"}));
    QCOMPARE(run.status(), RunStatus::Succeeded);
}

void tst_Scheduler::generatedThousandNodes()
{
    // A random DAG: each node depends on up to three earlier ones, some through data, some through
    // `after`. Every dependency must have succeeded before its dependent started.
    QRandomGenerator rng(20240611);
    QByteArray yaml = "flowstudio: 1\nname: big\nsettings: {max_parallel: 4}\nnodes:\n";
    QHash<QString, QStringList> deps;
    for (int i = 0; i < 1000; ++i) {
        const QString id = QStringLiteral("n%1").arg(i);
        yaml += "  " + id.toUtf8() + ": {type: test.echo";
        QStringList after;
        const int count = i == 0 ? 0 : int(rng.bounded(4));
        for (int k = 0; k < count; ++k) {
            const QString dep = QStringLiteral("n%1").arg(rng.bounded(i));
            if (!after.contains(dep))
                after.append(dep);
        }
        if (!after.isEmpty())
            yaml += ", inputs: {value: " + after.first().toUtf8() + ".value}, after: ["
                    + after.join(", ").toUtf8() + "]";
        yaml += ", config: {extra: " + QByteArray::number(i) + "}}\n";
        deps.insert(id, after);
    }
    Run run(workflowFromYaml(yaml), testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec, 60000));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QHash<QString, qsizetype> startedAt, succeededAt;
    for (qsizetype i = 0; i < rec.events.size(); ++i) {
        const RunEvent &e = rec.events.at(i);
        if (e.kind == EventKind::NodeStarted)
            startedAt.insert(e.node, i);
        else if (e.kind == EventKind::NodeSucceeded)
            succeededAt.insert(e.node, i);
    }
    QCOMPARE(succeededAt.size(), 1000);
    for (auto it = deps.cbegin(); it != deps.cend(); ++it) {
        for (const QString &d : it.value())
            QVERIFY2(succeededAt.value(d) < startedAt.value(it.key()), qPrintable(it.key() + " before " + d));
    }
}

void tst_Scheduler::reducerFollowsTheEvents()
{
    Run run(
        workflowFromYaml("flowstudio: 1\nname: fold\nsettings: {on_error: continue}\nnodes:\n"
                         "  ok: {type: test.log, config: {lines: 4}}\n"
                         "  flaky: {type: test.fail, config: {until: 2}, retry: {attempts: 2, delay: 5ms}}\n"
                         "  bad: {type: test.fail, config: {message: nope}}\n"
                         "  after_bad: {type: test.noop, after: [bad]}\n"),
        testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    const RunState state = RunState::fold(rec.events);
    QCOMPARE(state.phase(), RunPhase::Failed);
    QCOMPARE(state.gaps(), 0);
    QCOMPARE(state.nodeIds(), (QStringList{"ok", "flaky", "bad", "after_bad"}));
    QCOMPARE(state.node("ok")->state, NodeState::Succeeded);
    QCOMPARE(state.node("ok")->logLines, 4);
    QCOMPARE(state.node("ok")->progress, 1.0);
    QCOMPARE(state.node("flaky")->state, NodeState::Succeeded);
    QCOMPARE(state.node("flaky")->attempt, 2);
    QCOMPARE(state.node("bad")->state, NodeState::Failed);
    QCOMPARE(state.node("bad")->error, QString("nope"));
    QCOMPARE(state.node("after_bad")->state, NodeState::Skipped);
    QCOMPARE(state.count(NodeState::Succeeded), 2);
    QCOMPARE(state.fractionDone(), 1.0);
    // Replaying the same events changes nothing: they are recognised as seen.
    RunState again = state;
    again.apply(rec.events);
    QCOMPARE(again.lastSeq(), state.lastSeq());
    QCOMPARE(again.count(NodeState::Succeeded), 2);
}

QTEST_GUILESS_MAIN(tst_Scheduler)
#include "tst_scheduler.moc"

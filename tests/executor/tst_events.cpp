// RunEvent (names, JSON), the RunState reducer on hand-made streams, the expression evaluator, and
// the EventBatcher.
#include "testnodes.h"
#include "testutil.h"

#include "runs/eventbatcher.h"
#include "executor/expressions.h"
#include "executor/jssandbox.h"
#include "runs/runstate.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Flow;
using namespace Flow::Test;

class tst_Events : public QObject
{
    Q_OBJECT

private slots:
    void kindNames_data();
    void kindNames();
    void jsonRoundTrip();
    void jsonRejectsNonEvents_data();
    void jsonRejectsNonEvents();
    void reducerStates_data();
    void reducerStates();
    void reducerCountsGapsAndIgnoresRepeats();
    void reducerTracksAttemptsAndRetryDue();
    void expressions_data();
    void expressions();
    void expressionErrors_data();
    void expressionErrors();
    void jsInterruptedAfterLimit();
    void jsSeesNoHostObjects();
    void referencedNodes_data();
    void referencedNodes();
    void batcherLimitsRate();
    void batcherKeepsToItsTimeBudget();
    void batcherDeliversRunEventsInOrder();
    void listenerInAnotherThreadGetsEventsQueued();
};

void tst_Events::kindNames_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("terminal");
    const QList<std::tuple<EventKind, const char *, bool>> rows{
        {EventKind::RunStarted, "run.started", false},     {EventKind::RunFinished, "run.finished", false},
        {EventKind::NodeQueued, "node.queued", false},     {EventKind::NodeStarted, "node.started", false},
        {EventKind::NodeProgress, "node.progress", false}, {EventKind::NodeLog, "node.log", false},
        {EventKind::NodeRetrying, "node.retrying", false}, {EventKind::NodeSucceeded, "node.succeeded", true},
        {EventKind::NodeFailed, "node.failed", true},      {EventKind::NodeSkipped, "node.skipped", true},
        {EventKind::NodeCached, "node.cached", true},      {EventKind::NodeCancelled, "node.cancelled", true},
    };
    QCOMPARE(rows.size(), EventKindCount);
    for (const auto &[kind, name, terminal] : rows)
        QTest::newRow(name) << int(kind) << QString(name) << terminal;
}

void tst_Events::kindNames()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(bool, terminal);
    QCOMPARE(eventKindName(EventKind(kind)), name);
    QCOMPARE(eventKindFromName(name), std::optional<EventKind>(EventKind(kind)));
    QCOMPARE(isTerminal(EventKind(kind)), terminal);
}

void tst_Events::jsonRoundTrip()
{
    RunEvent e;
    e.run = "r1";
    e.seq = 17;
    e.time = 1718000000123;
    e.node = "fetch";
    e.kind = EventKind::NodeSucceeded;
    e.attempt = 2;
    e.data = {{"duration", 1234},
              {"outputs", QVariantMap{{"body", "x"}, {"list", QVariantList{1, "two", true}}}}};
    const QByteArray line = e.toJsonLine();
    QVERIFY(!line.contains('\n'));
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value("kind").toString(), QString("node.succeeded"));
    QCOMPARE(o.value("time").toString(), QString("2024-06-10T06:13:20.123Z"));
    const std::optional<RunEvent> back = RunEvent::fromJsonLine(line);
    QVERIFY(back);
    QCOMPARE(back->toJsonLine(), line);
    QCOMPARE(back->seq, 17);
    QCOMPARE(back->time, e.time);
    QCOMPARE(back->attempt, 2);
    // Empty fields stay out of the line.
    RunEvent bare{"r1", 1, 0, {}, EventKind::RunStarted, 0, {}};
    const QJsonObject b = bare.toJson();
    QVERIFY(!b.contains("node") && !b.contains("attempt") && !b.contains("data"));
}

void tst_Events::jsonRejectsNonEvents_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("not json") << QByteArray("{nope");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("unknown kind") << QByteArray(
        R"({"run":"r","seq":1,"time":"2024-01-01T00:00:00.000Z","kind":"node.exploded"})");
    QTest::newRow("no seq") << QByteArray(
        R"({"run":"r","time":"2024-01-01T00:00:00.000Z","kind":"run.started"})");
    QTest::newRow("bad time") << QByteArray(R"({"run":"r","seq":1,"time":"yesterday","kind":"run.started"})");
}

void tst_Events::jsonRejectsNonEvents()
{
    QFETCH(QByteArray, line);
    QVERIFY(!RunEvent::fromJsonLine(line));
}

static RunEvent ev(qint64 seq, EventKind kind, const QString &node = {}, int attempt = 0,
                   QVariantMap data = {})
{
    return RunEvent{"r", seq, 1000 * seq, node, kind, attempt, std::move(data)};
}

void tst_Events::reducerStates_data()
{
    QTest::addColumn<RunEvents>("events");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<QString>("message");

    const RunEvent started = ev(1, EventKind::RunStarted, {}, 0, {{"nodes", QVariantList{"a"}}});
    QTest::newRow("pending") << RunEvents{started} << int(NodeState::Pending) << 0 << "";
    QTest::newRow("queued") << RunEvents{started, ev(2, EventKind::NodeQueued, "a")} << int(NodeState::Queued)
                            << 0 << "";
    QTest::newRow("running with log")
        << RunEvents{started, ev(2, EventKind::NodeQueued, "a"), ev(3, EventKind::NodeStarted, "a", 1),
                     ev(4, EventKind::NodeLog, "a", 1, {{"stream", "stdout"}, {"line", "hello"}})}
        << int(NodeState::Running) << 1 << "hello";
    QTest::newRow("retrying") << RunEvents{started, ev(2, EventKind::NodeQueued, "a"),
                                           ev(3, EventKind::NodeStarted, "a", 1),
                                           ev(4, EventKind::NodeRetrying, "a", 1,
                                              {{"attempt", 2}, {"delay", 500}, {"error", "e"}})}
                              << int(NodeState::Retrying) << 2 << "";
    QTest::newRow("failed") << RunEvents{started, ev(2, EventKind::NodeStarted, "a", 1),
                                         ev(3, EventKind::NodeFailed, "a", 1, {{"error", "bad"}})}
                            << int(NodeState::Failed) << 1 << "bad";
    QTest::newRow("skipped") << RunEvents{started, ev(2, EventKind::NodeSkipped, "a", 0, {{"reason", "why"}})}
                             << int(NodeState::Skipped) << 0 << "why";
    QTest::newRow("cached") << RunEvents{started, ev(2, EventKind::NodeCached, "a")} << int(NodeState::Cached)
                            << 0 << "";
    QTest::newRow("cancelled") << RunEvents{started, ev(2, EventKind::NodeStarted, "a", 1),
                                            ev(3, EventKind::NodeCancelled, "a", 1)}
                               << int(NodeState::Cancelled) << 1 << "";
}

void tst_Events::reducerStates()
{
    QFETCH(RunEvents, events);
    QFETCH(int, state);
    QFETCH(int, attempt);
    QFETCH(QString, message);
    const RunState s = RunState::fold(events);
    QVERIFY(s.node("a"));
    QCOMPARE(int(s.node("a")->state), state);
    QCOMPARE(s.node("a")->attempt, attempt);
    QCOMPARE(s.node("a")->message, message);
    QCOMPARE(s.count(NodeState(state)), 1);
}

void tst_Events::reducerCountsGapsAndIgnoresRepeats()
{
    RunState s;
    QVERIFY(s.apply(ev(1, EventKind::RunStarted, {}, 0, {{"nodes", QVariantList{"a", "b"}}})));
    QVERIFY(s.apply(ev(2, EventKind::NodeStarted, "a", 1)));
    QVERIFY(!s.apply(ev(2, EventKind::NodeStarted, "a", 1)));
    QVERIFY(s.apply(ev(4, EventKind::NodeSucceeded, "a", 1, {{"duration", 250}})));
    QCOMPARE(s.gaps(), 1);
    QVERIFY(!s.apply(RunEvent{"other", 5, 0, "a", EventKind::NodeFailed, 1, {}}));
    QVERIFY(s.apply(ev(5, EventKind::RunFinished, {}, 0, {{"status", "succeeded"}})));
    QCOMPARE(s.phase(), RunPhase::Succeeded);
    QCOMPARE(s.node("a")->duration, 250);
    QCOMPARE(s.node("b")->state, NodeState::Pending);
    QCOMPARE(s.fractionDone(), 0.5);
}

void tst_Events::reducerTracksAttemptsAndRetryDue()
{
    RunState s;
    s.apply(ev(1, EventKind::RunStarted, {}, 0, {{"nodes", QVariantList{"a"}}}));
    s.apply(ev(2, EventKind::NodeStarted, "a", 1, {{"attempts", 3}}));
    QCOMPARE(s.node("a")->maxAttempts, 3);
    s.apply(ev(3, EventKind::NodeRetrying, "a", 1, {{"attempt", 2}, {"delay", 750}, {"error", "e"}}));
    QCOMPARE(s.node("a")->retryAt, 3000 + 750);
    s.apply(ev(4, EventKind::NodeStarted, "a", 2, {{"attempts", 3}}));
    QCOMPARE(s.node("a")->attempt, 2);
    QCOMPARE(s.node("a")->retryAt, 0);
    // A view that skips log lines still follows the sequence.
    RunState quiet;
    quiet.setFoldsLogLines(false);
    quiet.apply(ev(1, EventKind::NodeStarted, "a", 1));
    QVERIFY(quiet.apply(ev(2, EventKind::NodeLog, "a", 1, {{"stream", "stdout"}, {"line", "x"}})));
    QVERIFY(quiet.apply(ev(3, EventKind::NodeSucceeded, "a", 1, {{"duration", 5}})));
    QCOMPARE(quiet.gaps(), 0);
    QCOMPARE(quiet.node("a")->logLines, 0);
    QCOMPARE(quiet.node("a")->state, NodeState::Succeeded);
    // Without the field (an older server, a node without retries) a node has one attempt.
    RunState t;
    t.apply(ev(1, EventKind::NodeStarted, "b", 1));
    QCOMPARE(t.node("b")->maxAttempts, 1);
}

// ---- expressions -------------------------------------------------------------------------------

namespace {
struct ScopeData
{
    QVariantMap params{
        {"repo", "acme/widgets"}, {"n", qint64(3)}, {"flag", false}, {"list", QVariantList{1, 2}}};
    QHash<QString, QString> env{{"HOME", "/home/me"}};
    QHash<QString, QString> secrets{{"token", "t0k"}};
    QVariantMap fetch{{"body", "text"},
                      {"json", QVariantMap{{"items", QVariantList{QVariantMap{{"name", "first"}}}}}}};
    QVariant item = QVariantMap{{"id", 9}};
    ExpressionScope scope() const
    {
        ExpressionScope s;
        s.params = &params;
        s.env = &env;
        s.secrets = &secrets;
        s.runId = "run-1";
        s.outputsOf = [this](const QString &id) {
            return id == "fetch" ? &fetch : nullptr;
        };
        s.visibleNodes = {"fetch"};
        s.item = &item;
        s.index = 4;
        return s;
    }
};
} // namespace

void tst_Events::expressions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("param") << "${{ params.repo }}" << QVariant("acme/widgets");
    QTest::newRow("typed param") << "${{ params.n }}" << QVariant(3);
    QTest::newRow("list keeps type") << "${{ params.list }}" << QVariant(QVariantList{1, 2});
    QTest::newRow("whole string with spaces") << "  ${{ params.n }} " << QVariant(3);
    QTest::newRow("in text") << "n=${{ params.n }}, flag=${{ params.flag }}" << QVariant("n=3, flag=false");
    QTest::newRow("list in text") << "[${{ params.list }}]" << QVariant("[[1,2]]");
    QTest::newRow("node output path") << "${{ nodes.fetch.outputs.json.items[0].name }}" << QVariant("first");
    QTest::newRow("missing deep path is null") << "${{ nodes.fetch.outputs.json.nope.deeper }}" << QVariant();
    QTest::newRow("env") << "${{ env.HOME }}/x" << QVariant("/home/me/x");
    QTest::newRow("secret") << "Bearer ${{ secrets.token }}" << QVariant("Bearer t0k");
    QTest::newRow("run id") << "${{ run.id }}" << QVariant("run-1");
    QTest::newRow("item and index") << "${{ item.id }}-${{ index }}" << QVariant("9-4");
    QTest::newRow("js arithmetic") << "${{ params.n * 2 + 1 }}" << QVariant(7);
    QTest::newRow("js string method")
        << "${{ params.repo.split('/')[1].toUpperCase() }}" << QVariant("WIDGETS");
    QTest::newRow("js object") << "${{ {a: params.n, b: [index]} }}"
                               << QVariant(QVariantMap{{"a", 3}, {"b", QVariantList{4}}});
    QTest::newRow("js sees nodes") << "${{ nodes.fetch.outputs.body.length }}" << QVariant(4);
    QTest::newRow("js fraction") << "${{ 1 / 4 }}" << QVariant(0.25);
    QTest::newRow("no expression") << "plain" << QVariant("plain");
}

void tst_Events::expressions()
{
    QFETCH(QString, text);
    QFETCH(QVariant, expected);
    JsSandbox sandbox;
    const ExpressionEvaluator evaluator(&sandbox);
    const ScopeData data;
    QString error;
    const QVariant value = evaluator.resolveString(text, data.scope(), &error);
    QCOMPARE(error, QString());
    QCOMPARE(value, expected);
    if (expected.typeId() == QMetaType::Int)
        QCOMPARE(value.typeId(), QMetaType::LongLong); // integral numbers are qint64, also from JS
}

void tst_Events::expressionErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown param") << "${{ params.nope }}"
                                   << "params.nope: no such param";
    QTest::newRow("unknown secret") << "${{ secrets.nope }}"
                                    << "secrets.nope: no such secret";
    QTest::newRow("node not visible") << "${{ nodes.other.outputs.x }}"
                                      << "nodes.other: no such node has finished before this one";
    QTest::newRow("unclosed") << "${{ params.n"
                              << "unclosed '${{' (it needs a '}}')";
    QTest::newRow("js reference error") << "${{ nothing_here + 1 }}"
                                        << "`nothing_here + 1`: ReferenceError: nothing_here is not defined";
}

void tst_Events::expressionErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    JsSandbox sandbox;
    const ExpressionEvaluator evaluator(&sandbox);
    const ScopeData data;
    QString actual;
    evaluator.resolveString(text, data.scope(), &actual);
    QCOMPARE(actual, error);
}

void tst_Events::jsInterruptedAfterLimit()
{
    JsSandbox sandbox;
    const ExpressionEvaluator evaluator(&sandbox, std::chrono::milliseconds(150));
    const ScopeData data;
    QString error;
    QElapsedTimer t;
    t.start();
    evaluator.evaluate("(() => { for (;;) {} })()", data.scope(), &error);
    // Interrupted, not finished: at least the limit, and far below forever even on a loaded machine.
    QVERIFY2(t.elapsed() >= 140 && t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(error, QString("`(() => { for (;;) {} })()`: expression interrupted after 150 ms"));
    // The engine is usable again afterwards, and nothing of the last evaluation is left in it.
    error.clear();
    QCOMPARE(evaluator.evaluate("params.n + 1", data.scope(), &error), QVariant(4));
    QCOMPARE(error, QString());
    ExpressionScope empty;
    QCOMPARE(evaluator.evaluate("typeof secrets === 'undefined' || Object.keys(secrets).length === 0", empty,
                                &error),
             QVariant(true));
}

void tst_Events::jsSeesNoHostObjects()
{
    JsSandbox sandbox;
    const ExpressionEvaluator evaluator(&sandbox);
    const ScopeData data;
    QString error;
    QCOMPARE(evaluator.evaluate("[typeof console, typeof Qt, typeof XMLHttpRequest, typeof require].join()",
                                data.scope(), &error),
             QVariant("undefined,undefined,undefined,undefined"));
}

void tst_Events::referencedNodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("dotted") << "nodes.fetch.outputs.body + nodes.parse.outputs.value"
                            << QStringList{"fetch", "parse"};
    QTest::newRow("dash id") << "nodes.my-node.outputs.x" << QStringList{"my-node"};
    QTest::newRow("brackets") << "nodes[\"a b\"].outputs.x + nodes['c'].outputs.y" << QStringList{"a b", "c"};
    QTest::newRow("none") << "params.nodes" << QStringList{};
}

void tst_Events::referencedNodes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QCOMPARE(Flow::referencedNodes(text), ids);
}

// ---- batching ----------------------------------------------------------------------------------

void tst_Events::batcherLimitsRate()
{
    EventBatcher batcher(nullptr, 30);
    QSignalSpy spy(&batcher, &EventBatcher::batch);
    // 20,000 events over ~300 ms, as a log flood would send them.
    QElapsedTimer t;
    t.start();
    qint64 seq = 0;
    while (t.elapsed() < 300) {
        RunEvents chunk;
        for (int i = 0; i < 200; ++i)
            chunk.append(ev(++seq, EventKind::NodeLog, "a", 1, {{"line", "x"}}));
        batcher.add(chunk);
        QCoreApplication::processEvents();
        QTest::qWait(1);
    }
    QTRY_COMPARE(batcher.pending(), 0);
    qint64 delivered = 0;
    qint64 expectSeq = 1;
    for (const QList<QVariant> &args : std::as_const(spy)) {
        const RunEvents events = args.first().value<RunEvents>();
        for (const RunEvent &e : events)
            QCOMPARE(e.seq, expectSeq++);
        delivered += events.size();
    }
    QCOMPARE(delivered, seq);
    // ~30 per second: at most one per 33 ms over the flood, plus the first and the last.
    QVERIFY2(spy.size() <= t.elapsed() / 33 + 3, qPrintable(QString::number(spy.size())));
    QVERIFY(spy.size() >= 3);
}

// With a time budget, a flood already pending goes out in slices its receiver handles in about that
// time (here ~20 us an event against 8 ms: some 400 an event), on consecutive loop turns, in order;
// flush() still hands over everything at once.
void tst_Events::batcherKeepsToItsTimeBudget()
{
    EventBatcher batcher(nullptr, 30);
    batcher.setTimeBudget(8);
    QList<qsizetype> sizes;
    qint64 expectSeq = 1;
    bool inOrder = true;
    connect(&batcher, &EventBatcher::batch, this, [&](const RunEvents &events) {
        sizes.append(events.size());
        for (const RunEvent &e : events) {
            inOrder = inOrder && e.seq == expectSeq++;
            QElapsedTimer spin;
            spin.start();
            while (spin.nsecsElapsed() < 20'000) {
            }
        }
    });
    RunEvents flood;
    for (int i = 1; i <= 20'000; ++i)
        flood.append(ev(i, EventKind::NodeLog, "a", 1, {{"line", "x"}}));
    batcher.add(flood);
    QTRY_COMPARE_WITH_TIMEOUT(batcher.pending(), 0, 20000);
    QVERIFY(inOrder);
    QCOMPARE(expectSeq, 20'001);
    // The first slice is the default 2,000; later ones shrink towards the ~400 that fit.
    QVERIFY2(sizes.size() >= 10, qPrintable(QString::number(sizes.size())));
    QVERIFY2(batcher.batchLimit() < 1000, qPrintable(QString::number(batcher.batchLimit())));
    batcher.add(flood.first(5000));
    batcher.flush();
    QCOMPARE(sizes.constLast(), qsizetype(5000));
    QCOMPARE(batcher.pending(), 0);
}

void tst_Events::batcherDeliversRunEventsInOrder()
{
    Run run(workflowFromYaml(
                "flowstudio: 1\nname: batch\nnodes:\n  a: {type: test.log, config: {lines: 5000}}\n"),
            testRegistry());
    EventBatcher batcher;
    QObject::connect(&run, &Run::eventsReady, &batcher, qOverload<const RunEvents &>(&EventBatcher::add));
    RunEvents seen;
    connect(&batcher, &EventBatcher::batch, this, [&](const RunEvents &events) { seen.append(events); });
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QTRY_COMPARE(seen.size(), rec.events.size());
    QCOMPARE(checkInvariants(seen), QString());
}

void tst_Events::listenerInAnotherThreadGetsEventsQueued()
{
    // The run lives in a thread of its own (as a remote server's runs might); this thread listens.
    QThread runThread;
    runThread.start();
    Run *run = new Run(workflowFromYaml("flowstudio: 1\nname: far\nnodes:\n"
                                        "  a: {type: test.log, config: {lines: 100}}\n"
                                        "  b: {type: test.sleep, after: [a], config: {ms: 20}}\n"),
                       testRegistry());
    run->moveToThread(&runThread);
    RunEvents seen;
    QSet<QThread *> deliveredIn;
    connect(run, &Run::eventOccurred, this, [&](const RunEvent &e) {
        deliveredIn.insert(QThread::currentThread());
        seen.append(e);
    });
    QMetaObject::invokeMethod(run, &Run::start);
    QTRY_VERIFY(!seen.isEmpty() && seen.last().kind == EventKind::RunFinished);
    QCOMPARE(deliveredIn, QSet<QThread *>{QThread::currentThread()});
    QCOMPARE(checkInvariants(seen), QString());
    QMetaObject::invokeMethod(run, &QObject::deleteLater);
    runThread.quit();
    QVERIFY(runThread.wait(5000));
}

QTEST_GUILESS_MAIN(tst_Events)
#include "tst_events.moc"

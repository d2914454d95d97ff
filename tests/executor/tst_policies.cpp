// What happens when things go wrong: on_error policies, retries and their backoff, per-node and
// whole-run timeouts, cancel. Test nodes wait through NodeContext::wait, so these are real threads
// being stopped, not simulations.
#include "testnodes.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Flow;
using namespace Flow::Test;

class tst_Policies : public QObject
{
    Q_OBJECT

private slots:
    void onError_data();
    void onError();
    void retriesWithBackoff();
    void retryWaitHoldsNoWorker();
    void nodeTimeoutIsARetryableFailure_data();
    void nodeTimeoutIsARetryableFailure();
    void runTimeoutCancelsEverything();
    void cancelStopsPromptly();
    void cancelBeforeStart();
    void cancelDuringRetryWait();
    void destroyingARunningRunCancelsIt();
    void exceptionsBecomeFailures();
};

// Four nodes: `bad` fails quickly, `slow` runs while it fails, `later` could only start after
// `bad` has failed (it waits for `gate`), `dep` needs `bad`.
static QByteArray policyWorkflow(const QByteArray &policy)
{
    return "flowstudio: 1\nname: policy\nsettings: {max_parallel: 2, on_error: " + policy
           + "}\nnodes:\n"
             "  slow: {type: test.sleep, config: {ms: 400}}\n"
             "  bad: {type: test.fail, config: {message: broken}}\n"
             "  gate: {type: test.sleep, after: [bad], config: {ms: 1}}\n"
             "  dep: {type: test.noop, after: [bad]}\n"
             "  later: {type: test.sleep, after: [slow], config: {ms: 1}}\n";
}

void tst_Policies::onError_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QString>("slow");
    QTest::addColumn<QString>("dep");
    QTest::addColumn<QString>("later");

    // stop: slow is cancelled at once, nothing more starts.
    QTest::newRow("stop") << QByteArray("stop") << "node.cancelled"
                          << "node.skipped"
                          << "node.skipped";
    // continue: everything not needing `bad` runs, including `later` after `slow`.
    QTest::newRow("continue") << QByteArray("continue") << "node.succeeded"
                              << "node.skipped"
                              << "node.succeeded";
    // finish_running: slow finishes, `later` (not started yet) does not start.
    QTest::newRow("finish_running") << QByteArray("finish_running") << "node.succeeded"
                                    << "node.skipped"
                                    << "node.skipped";
}

void tst_Policies::onError()
{
    QFETCH(QByteArray, policy);
    QFETCH(QString, slow);
    QFETCH(QString, dep);
    QFETCH(QString, later);
    Run run(workflowFromYaml(policyWorkflow(policy)), testRegistry());
    Recorder rec(&run);
    // No wall-clock bound: which terminal event `slow` gets says whether it was cancelled or waited
    // for, however loaded the machine is.
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Failed);
    const auto terminalOf = [&](const QString &node) {
        for (const RunEvent &e : std::as_const(rec.events)) {
            if (e.node == node && isTerminal(e.kind))
                return eventKindName(e.kind);
        }
        return QString();
    };
    QCOMPARE(terminalOf("bad"), QString("node.failed"));
    QCOMPARE(terminalOf("slow"), slow);
    QCOMPARE(terminalOf("dep"), dep);
    QCOMPARE(terminalOf("gate"), QString("node.skipped"));
    QCOMPARE(terminalOf("later"), later);
    QCOMPARE(find(rec.events, EventKind::NodeSkipped, "dep")->data.value("reason").toString(),
             QString("needs 'bad', which failed"));
    QVERIFY(run.error().contains("broken"));
    QCOMPARE(rec.events.last().data.value("status").toString(), QString("failed"));
}

void tst_Policies::retriesWithBackoff()
{
    // Fails attempts 1-3, succeeds on 4. Delays: 100, 200, then 400 capped at 300.
    Run run(workflowFromYaml("flowstudio: 1\nname: retry\nnodes:\n"
                             "  flaky:\n    type: test.fail\n    config: {until: 4, message: flaky}\n"
                             "    retry: {attempts: 5, delay: 100ms, backoff: 2.0, max_delay: 300ms}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    const QList<RunEvent> retrying = all(rec.events, EventKind::NodeRetrying, "flaky");
    const QList<RunEvent> started = all(rec.events, EventKind::NodeStarted, "flaky");
    QCOMPARE(retrying.size(), 3);
    QCOMPARE(started.size(), 4);
    const QList<qint64> delays{100, 200, 300};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(retrying.at(i).attempt, i + 1);                       // the attempt that failed
        QCOMPARE(retrying.at(i).data.value("attempt").toInt(), i + 2); // the next one
        QCOMPARE(retrying.at(i).data.value("delay").toLongLong(), delays.at(i));
        QCOMPARE(retrying.at(i).data.value("error").toString(), QString("flaky"));
        QCOMPARE(started.at(i + 1).attempt, i + 2);
        // The next attempt starts after the announced delay, within a scheduling tolerance.
        const qint64 waited = started.at(i + 1).time - retrying.at(i).time;
        QVERIFY2(waited >= delays.at(i) - 2 && waited <= delays.at(i) + 250,
                 qPrintable(QStringLiteral("retry %1 waited %2 ms").arg(i).arg(waited)));
    }
    QCOMPARE(find(rec.events, EventKind::NodeSucceeded, "flaky")->attempt, 4);
    QCOMPARE(run.nodeOutputs("flaky").value("attempt").toInt(), 4);
}

void tst_Policies::retryWaitHoldsNoWorker()
{
    // One worker. While `flaky` waits 400 ms for its retry, `other` (300 ms) runs on that worker.
    Run run(workflowFromYaml(
                "flowstudio: 1\nname: retry\nsettings: {max_parallel: 1}\nnodes:\n"
                "  flaky: {type: test.fail, config: {until: 2}, retry: {attempts: 2, delay: 400ms}}\n"
                "  other: {type: test.sleep, config: {ms: 300}}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    const qsizetype retrying = indexOf(rec.events, EventKind::NodeRetrying, "flaky");
    const qsizetype otherStarted = indexOf(rec.events, EventKind::NodeStarted, "other");
    const qsizetype secondAttempt = indexOf(rec.events, EventKind::NodeStarted, "flaky", retrying);
    QVERIFY(retrying < otherStarted);
    QVERIFY(otherStarted < secondAttempt);
}

void tst_Policies::nodeTimeoutIsARetryableFailure_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("waiting node") << QByteArray("test.sleep");
    QTest::newRow("busy node polling isCancelled") << QByteArray("test.spin");
}

void tst_Policies::nodeTimeoutIsARetryableFailure()
{
    QFETCH(QByteArray, type);
    Run run(workflowFromYaml("flowstudio: 1\nname: timeout\nnodes:\n"
                             "  stuck: {type: "
                             + type
                             + ", config: {ms: 10000}, timeout: 200ms,"
                               " retry: {attempts: 2, delay: 10ms}}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    // From the events: two attempts of at least their 200 ms each, both cut long before the 10 s sleep.
    const qint64 took = find(rec.events, EventKind::NodeFailed)->time - find(rec.events, EventKind::NodeStarted)->time;
    QVERIFY2(took >= 400 && took < 10000, qPrintable(QString::number(took)));
    QCOMPARE(trace(rec.events),
             (QStringList{"run.started", "node.queued stuck", "node.started stuck 1", "node.retrying stuck 1",
                          "node.started stuck 2", "node.failed stuck 2", "run.finished"}));
    QCOMPARE(find(rec.events, EventKind::NodeRetrying)->data.value("error").toString(),
             QString("timed out after 200ms"));
    QCOMPARE(find(rec.events, EventKind::NodeFailed)->data.value("error").toString(),
             QString("timed out after 200ms"));
}

void tst_Policies::runTimeoutCancelsEverything()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: slow run\nsettings: {timeout: 300ms}\nnodes:\n"
                             "  a: {type: test.sleep, config: {ms: 10000}}\n"
                             "  b: {type: test.noop, after: [a]}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    // The run ended long before a's 10 s sleep would have (from the events' clock).
    QVERIFY(rec.events.constLast().time - rec.events.constFirst().time < 10000);
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Failed);
    QCOMPARE(run.error(), QString("run timed out after 300ms"));
    QVERIFY(find(rec.events, EventKind::NodeCancelled, "a"));
    QVERIFY(find(rec.events, EventKind::NodeCancelled, "b"));
}

void tst_Policies::cancelStopsPromptly()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: cancel\nsettings: {max_parallel: 2}\nnodes:\n"
                             "  a: {type: test.sleep, config: {ms: 10000}}\n"
                             "  b: {type: test.spin, config: {ms: 10000}}\n"
                             "  c: {type: test.noop, after: [a, b]}\n"),
            testRegistry());
    Recorder rec(&run);
    run.start();
    QTRY_VERIFY(all(rec.events, EventKind::NodeStarted).size() == 2);
    run.cancel();
    QVERIFY(runToEnd(run, rec));
    // Both nodes were cut short, not waited for: they would have taken 10 s.
    const qint64 took = rec.events.constLast().time - find(rec.events, EventKind::NodeStarted)->time;
    QVERIFY2(took < 10000, qPrintable(QString::number(took)));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Cancelled);
    QCOMPARE(rec.events.last().data.value("status").toString(), QString("cancelled"));
    for (const char *node : {"a", "b", "c"})
        QVERIFY2(find(rec.events, EventKind::NodeCancelled, node), node);
}

void tst_Policies::cancelBeforeStart()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: cancel\nnodes:\n  a: {type: test.noop}\n"),
            testRegistry());
    Recorder rec(&run);
    run.cancel();
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(trace(rec.events), (QStringList{"run.started", "node.cancelled a", "run.finished"}));
}

void tst_Policies::cancelDuringRetryWait()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: cancel\nnodes:\n"
                             "  a: {type: test.fail, retry: {attempts: 3, delay: 10s}}\n"),
            testRegistry());
    Recorder rec(&run);
    run.start();
    QTRY_VERIFY(find(rec.events, EventKind::NodeRetrying, "a"));
    run.cancel();
    QVERIFY(runToEnd(run, rec, 2000));
    QCOMPARE(trace(rec.events).mid(3),
             (QStringList{"node.retrying a 1", "node.cancelled a 1", "run.finished"}));
}

void tst_Policies::destroyingARunningRunCancelsIt()
{
    QElapsedTimer t;
    t.start();
    {
        Run run(workflowFromYaml(
                    "flowstudio: 1\nname: gone\nnodes:\n  a: {type: test.sleep, config: {ms: 10000}}\n"),
                testRegistry());
        Recorder rec(&run);
        run.start();
        QTRY_VERIFY(find(rec.events, EventKind::NodeStarted, "a"));
    }
    QVERIFY(t.elapsed() < 9000); // the node would have slept 10 s: it was cancelled, not waited for
}

void tst_Policies::exceptionsBecomeFailures()
{
    Run run(workflowFromYaml(
                "flowstudio: 1\nname: throw\nsettings: {on_error: continue}\nnodes:\n"
                "  a: {type: test.throw, config: {message: plain exception}}\n"
                "  b: {type: test.echo, config: {value: '${{ nodes.a.outputs.nothing }}'}}\n"
                "  c: {type: test.echo, config: {value: '${{ params.undefined_one }}'}}\n"
                "  d: {type: test.echo, config: {value: '${{ (function f() { while (true) {} })() }}'}}\n"),
            testRegistry(), [] {
                RunOptions o;
                o.expressionTimeLimit = std::chrono::milliseconds(200);
                return o;
            }());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "a")->data.value("error").toString(),
             QString("plain exception"));
    QVERIFY(find(rec.events, EventKind::NodeSkipped, "b"));
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "c")->data.value("error").toString(),
             QString("config: params.undefined_one: no such param"));
    QVERIFY2(
        find(rec.events, EventKind::NodeFailed, "d")->data.value("error").toString().contains("interrupted"),
        qPrintable(find(rec.events, EventKind::NodeFailed, "d")->data.value("error").toString()));
}

QTEST_GUILESS_MAIN(tst_Policies)
#include "tst_policies.moc"

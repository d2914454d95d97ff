// flow.subflow with real files, real runs and real processes: nesting two levels deep with outputs
// flowing back, nested events under one seq, cancel and timeout reaching the sub-run's processes,
// retries re-running the whole sub-run, on_error inherited, include cycles and broken sub-files.
#include "../executor/testnodes.h"
#include "../executor/testutil.h"

#include "model/subflows.h"
#include "model/workflowio.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Flow;
using namespace Flow::Test;

namespace {

bool processRunning(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) != "Z";
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every node id with a terminal event, and how many each has.
QHash<QString, int> terminalCounts(const RunEvents &events)
{
    QHash<QString, int> counts;
    for (const RunEvent &e : events) {
        if (!e.node.isEmpty() && isTerminal(e.kind))
            ++counts[e.node];
    }
    return counts;
}

// seq 1, 2, 3, ... over nested and plain events alike, one run id.
QString checkOneSequence(const RunEvents &events)
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events.at(i).seq != i + 1)
            return QStringLiteral("event %1 has seq %2").arg(i).arg(events.at(i).seq);
        if (events.at(i).run != events.first().run)
            return QStringLiteral("event %1 (%2) has run %3").arg(i).arg(events.at(i).node, events.at(i).run);
    }
    return {};
}

} // namespace

class tst_Subflow : public QObject
{
    Q_OBJECT

private slots:
    void nestedTwoLevelsOutputsFlowBack();
    void cancelInsideSubflowLeavesNoProcess();
    void timeoutOfTheSubflowNodeStopsTheSubRun();
    void retryRerunsTheWholeSubRun();
    void onErrorIsInherited_data();
    void onErrorIsInherited();
    void includeCycleIsAValidationError_data();
    void includeCycleIsAValidationError();
    void includeCycleFailsAtRunTime();
    void brokenSubFileReportedAtTheCallingNode();
    void undeclaredParamsAndOutputs();
    void flowrunJsonHasCompleteNestedEvents();

private:
    QString write(const QString &name, const QByteArray &yaml);
    Workflow load(const QString &path);
    QTemporaryDir m_dir;
};

QString tst_Subflow::write(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(yaml);
    return path;
}

Workflow load(const QString &path)
{
    return workflowFromYaml(readAll(path));
}

Workflow tst_Subflow::load(const QString &path)
{
    return ::load(path);
}

static RunOptions optionsFor(const QString &file)
{
    RunOptions options;
    options.workflowFile = file;
    return options;
}

void tst_Subflow::nestedTwoLevelsOutputsFlowBack()
{
    write("leaf.yaml", "flowstudio: 1\nname: leaf\nparams:\n  word: {}\n"
                       "outputs: {text: shout.stdout}\nnodes:\n"
                       "  shout: {type: shell.exec, config: {command: 'echo \"${{ params.word }}!\"'}}\n");
    write("mid.yaml",
          "flowstudio: 1\nname: mid\nparams:\n  word: {}\n"
          "outputs: {upper: up.result, raw: leaf.text}\nnodes:\n"
          "  leaf: {type: flow.subflow, config: {path: leaf.yaml, params: {word: '${{ params.word }}'}}}\n"
          "  up:\n    type: script.js\n    inputs: {t: leaf.text}\n"
          "    config: {code: 'return t.trim().toUpperCase();'}\n");
    const QString top = write("top.yaml", "flowstudio: 1\nname: top\noutputs: {final: last.message}\nnodes:\n"
                                          "  first: {type: shell.exec, config: {command: 'echo hello'}}\n"
                                          "  mid: {type: flow.subflow, inputs: {word: first.stdout}, "
                                          "config: {path: mid.yaml}}\n"
                                          "  last: {type: debug.log, inputs: {message: mid.upper}}\n");
    QCOMPARE(validateSubflows(load(top), top, testCatalog()).size(), 0);

    Run run(load(top), testRegistry(), optionsFor(top));
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QCOMPARE(run.outputs().value("final").toString(), QString("HELLO!"));
    QCOMPARE(run.nodeOutputs("mid").value("raw").toString().trimmed(), QString("hello!"));

    QCOMPARE(checkOneSequence(rec.events), QString());
    const QHash<QString, int> terminals = terminalCounts(rec.events);
    for (const char *id : {"first", "mid", "mid/leaf", "mid/leaf/shout", "mid/up", "last"})
        QVERIFY2(terminals.value(id) == 1, id);
    QCOMPARE(terminals.size(), 6);
    // The sub-nodes' events come between the subflow node's start and its end.
    const qsizetype started = indexOf(rec.events, EventKind::NodeStarted, "mid");
    const qsizetype ended = indexOf(rec.events, EventKind::NodeSucceeded, "mid");
    QVERIFY(started < indexOf(rec.events, EventKind::NodeSucceeded, "mid/leaf/shout"));
    QVERIFY(indexOf(rec.events, EventKind::NodeSucceeded, "mid/up") < ended);
    QCOMPARE(find(rec.events, EventKind::NodeLog, "mid/leaf/shout")->data.value("line").toString(),
             QString("hello!"));
    // Progress of a subflow node is done/total of its own sub-nodes.
    const QList<RunEvent> progress = all(rec.events, EventKind::NodeProgress, "mid");
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().data.value("text").toString(), QString("2/2"));
    QCOMPARE(progress.last().data.value("fraction").toDouble(), 1.0);
    QCOMPARE(all(rec.events, EventKind::NodeProgress, "mid/leaf").last().data.value("text").toString(),
             QString("1/1"));
}

void tst_Subflow::cancelInsideSubflowLeavesNoProcess()
{
    const QString pidFile = m_dir.filePath("inner.pid");
    write("sleeper.yaml", "flowstudio: 1\nname: sleeper\nnodes:\n"
                          "  sleep: {type: shell.exec, config: {command: 'sleep 30 & echo $! > "
                              + pidFile.toUtf8()
                              + "; wait'}}\n"
                                "  after: {type: shell.exec, after: [sleep], config: {command: 'true'}}\n");
    const QString top = write("cancel.yaml", "flowstudio: 1\nname: cancel\nnodes:\n"
                                             "  sub: {type: flow.subflow, config: {path: sleeper.yaml}}\n");
    Run run(load(top), testRegistry(), optionsFor(top));
    Recorder rec(&run);
    run.start();
    QTRY_VERIFY(readAll(pidFile).trimmed().toLongLong() > 0);
    const qint64 pid = readAll(pidFile).trimmed().toLongLong();
    QVERIFY(processRunning(pid));
    run.cancel();
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Cancelled);
    QCOMPARE(checkOneSequence(rec.events), QString());
    QVERIFY(find(rec.events, EventKind::NodeCancelled, "sub"));
    QVERIFY(find(rec.events, EventKind::NodeCancelled, "sub/sleep"));
    QVERIFY(find(rec.events, EventKind::NodeCancelled, "sub/after"));
    // Every sub-node ended before the subflow node did.
    QVERIFY(indexOf(rec.events, EventKind::NodeCancelled, "sub/sleep")
            < indexOf(rec.events, EventKind::NodeCancelled, "sub"));
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(pid), 2000);
}

void tst_Subflow::timeoutOfTheSubflowNodeStopsTheSubRun()
{
    const QString pidFile = m_dir.filePath("timeout.pid");
    write("slow.yaml", "flowstudio: 1\nname: slow\nnodes:\n"
                       "  wait: {type: shell.exec, config: {command: 'sleep 30 & echo $! > "
                           + pidFile.toUtf8() + "; wait'}}\n");
    const QString top
        = write("timeout.yaml", "flowstudio: 1\nname: timeout\nnodes:\n"
                                "  sub: {type: flow.subflow, timeout: 500ms, config: {path: slow.yaml}}\n");
    Run run(load(top), testRegistry(), optionsFor(top));
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Failed);
    const RunEvent *failed = find(rec.events, EventKind::NodeFailed, "sub");
    QVERIFY(failed);
    QVERIFY2(failed->data.value("error").toString().contains("timed out"),
             qPrintable(failed->data.value("error").toString()));
    QVERIFY(find(rec.events, EventKind::NodeCancelled, "sub/wait"));
    const qint64 pid = readAll(pidFile).trimmed().toLongLong();
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(pid), 2000);
}

void tst_Subflow::retryRerunsTheWholeSubRun()
{
    const QString stamps = m_dir.filePath("stamps.txt");
    const QString counter = m_dir.filePath("counter.txt");
    write("flaky.yaml", "flowstudio: 1\nname: flaky\noutputs: {n: flaky.stdout}\nnodes:\n"
                        "  stamp: {type: shell.exec, config: {command: 'echo ran >> "
                            + stamps.toUtf8()
                            + "'}}\n"
                              "  flaky:\n    type: shell.exec\n    after: [stamp]\n    config:\n"
                              "      command: 'n=$(cat "
                            + counter.toUtf8() + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > "
                            + counter.toUtf8() + "; echo $n; [ $n -ge 2 ]'\n");
    const QString top = write("retry.yaml", "flowstudio: 1\nname: retry\noutputs: {n: sub.n}\nnodes:\n"
                                            "  sub: {type: flow.subflow, retry: {attempts: 3, delay: 10ms}, "
                                            "config: {path: flaky.yaml}}\n");
    Run run(load(top), testRegistry(), optionsFor(top));
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QCOMPARE(run.outputs().value("n").toString().trimmed(), QString("2"));
    // The first node of the sub-workflow ran again: the retry was of the whole sub-run.
    QCOMPARE(readAll(stamps), QByteArray("ran\nran\n"));
    QCOMPARE(all(rec.events, EventKind::NodeRetrying, "sub").size(), 1);
    QCOMPARE(all(rec.events, EventKind::NodeSucceeded, "sub/stamp").size(), 2);
    QCOMPARE(all(rec.events, EventKind::NodeFailed, "sub/flaky").size(), 1);
    QCOMPARE(checkOneSequence(rec.events), QString());
}

void tst_Subflow::onErrorIsInherited_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<int>("okSucceeded");
    QTest::addColumn<int>("okSkipped");
    QTest::newRow("stop") << QByteArray("stop") << 0 << 1;
    QTest::newRow("continue") << QByteArray("continue") << 1 << 0;
}

void tst_Subflow::onErrorIsInherited()
{
    QFETCH(QByteArray, policy);
    QFETCH(int, okSucceeded);
    QFETCH(int, okSkipped);
    // One worker in the sub-run: `bad` runs first and fails before `ok` could start.
    write("policy.yaml", "flowstudio: 1\nname: policy\nsettings: {max_parallel: 1}\nnodes:\n"
                         "  bad: {type: shell.exec, config: {command: 'exit 3'}}\n"
                         "  ok: {type: shell.exec, config: {command: 'true'}}\n");
    const QString top
        = write("policy-top.yaml", "flowstudio: 1\nname: top\nsettings: {on_error: " + policy
                                       + "}\nnodes:\n"
                                         "  sub: {type: flow.subflow, config: {path: policy.yaml}}\n");
    Run run(load(top), testRegistry(), optionsFor(top));
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Failed);
    QVERIFY(find(rec.events, EventKind::NodeFailed, "sub/bad"));
    QCOMPARE(all(rec.events, EventKind::NodeSucceeded, "sub/ok").size(), okSucceeded);
    QCOMPARE(all(rec.events, EventKind::NodeSkipped, "sub/ok").size(), okSkipped);
    const RunEvent *failed = find(rec.events, EventKind::NodeFailed, "sub");
    QVERIFY(failed);
    QVERIFY2(failed->data.value("error").toString().contains("'bad' failed"),
             qPrintable(failed->data.value("error").toString()));
}

void tst_Subflow::includeCycleIsAValidationError_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("words");
    QTest::newRow("itself") << "self.yaml" << 5 << "self.yaml → self.yaml";
    QTest::newRow("through another") << "ping.yaml" << 6 << "ping.yaml → pong.yaml → ping.yaml";
}

void tst_Subflow::includeCycleIsAValidationError()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, words);
    write("self.yaml", "flowstudio: 1\nname: self\nnodes:\n  again:\n    config: {path: self.yaml}\n"
                       "    type: flow.subflow\n");
    write("ping.yaml",
          "flowstudio: 1\nname: ping\nnodes:\n  start: {type: debug.log, config: {message: hi}}\n"
          "  pong:\n    config:\n      path: pong.yaml\n    type: flow.subflow\n");
    write("pong.yaml",
          "flowstudio: 1\nname: pong\nnodes:\n  ping: {type: flow.subflow, config: {path: ping.yaml}}\n");
    if (file == "ping.yaml")
        line = 7;
    const QString path = m_dir.filePath(file);
    const Diagnostics problems = validateSubflows(load(path), path, testCatalog());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().pos.line, line);
    QVERIFY2(problems.first().message.contains(words), qPrintable(problems.first().message));
    QVERIFY(problems.first().message.contains("includes itself"));
    QCOMPARE(problems.first().severity, Diagnostic::Severity::Error);
}

void tst_Subflow::includeCycleFailsAtRunTime()
{
    // Without validation first (as a path from an expression would be), the run fails the node.
    const QString path
        = write("loop.yaml", "flowstudio: 1\nname: loop\nparams:\n  file: {default: loop.yaml}\nnodes:\n"
                             "  again: {type: flow.subflow, retry: {attempts: 3, delay: 10ms}, "
                             "config: {path: '${{ params.file }}'}}\n");
    QCOMPARE(validateSubflows(load(path), path, testCatalog()).size(), 0); // cannot know statically
    Run run(load(path), testRegistry(), optionsFor(path));
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Failed);
    const RunEvent *failed = find(rec.events, EventKind::NodeFailed, "again");
    QVERIFY(failed);
    QVERIFY2(failed->data.value("error").toString().contains("includes itself"),
             qPrintable(failed->data.value("error").toString()));
    QCOMPARE(all(rec.events, EventKind::NodeRetrying, "again").size(), 0); // retrying cannot help
}

void tst_Subflow::brokenSubFileReportedAtTheCallingNode()
{
    write("broken.yaml", "flowstudio: 1\nname: broken\nnodes:\n  bad:\n    type: shel.exec\n");
    const QString path
        = write("calls-broken.yaml", "flowstudio: 1\nname: caller\nnodes:\n"
                                     "  a: {type: flow.subflow, config: {path: broken.yaml}}\n"
                                     "  b: {type: flow.subflow, config: {path: missing.yaml}}\n");
    const Diagnostics problems = validateSubflows(load(path), path, testCatalog());
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).nodeId, QString("a"));
    QCOMPARE(problems.at(0).pos.line, 4);
    QCOMPARE(problems.at(0).pos.column, 42); // the path value
    QVERIFY2(problems.at(0).message.contains("broken.yaml:5:11: unknown node type 'shel.exec'"),
             qPrintable(problems.at(0).message));
    QCOMPARE(problems.at(1).pos.line, 5);
    QVERIFY2(problems.at(1).message.contains("missing.yaml does not exist"),
             qPrintable(problems.at(1).message));

    // A run reports the same words at the node, without retrying (`continue`: b's failure must not
    // cancel a first).
    const QString runPath = write("calls-broken-run.yaml",
                                  "flowstudio: 1\nname: caller\nsettings: {on_error: continue}\nnodes:\n"
                                  "  a: {type: flow.subflow, retry: {attempts: 3}, config: {path: broken.yaml}}\n"
                                  "  b: {type: flow.subflow, config: {path: missing.yaml}}\n");
    Run run(load(runPath), testRegistry(), optionsFor(runPath));
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    const RunEvent *failed = find(rec.events, EventKind::NodeFailed, "a");
    QVERIFY2(failed, qPrintable(trace(rec.events).join('\n')));
    QVERIFY2(failed->data.value("error").toString().contains("broken.yaml:5:11: unknown node type 'shel.exec'"),
             qPrintable(failed->data.value("error").toString()));
    QCOMPARE(all(rec.events, EventKind::NodeRetrying, "a").size(), 0);
}

void tst_Subflow::undeclaredParamsAndOutputs()
{
    write("typed.yaml", "flowstudio: 1\nname: typed\nparams:\n  need: {}\n  opt: {default: 1}\n"
                        "outputs: {out: n.message}\nnodes:\n  n: {type: debug.log, config: {message: x}}\n");
    const QString path
        = write("typed-caller.yaml", "flowstudio: 1\nname: caller\nnodes:\n"
                                     "  sub: {type: flow.subflow, config: {path: typed.yaml, "
                                     "params: {nope: 1}}}\n"
                                     "  use: {type: debug.log, inputs: {message: sub.outt}}\n");
    QStringList messages;
    for (const Diagnostic &d : validateSubflows(load(path), path, testCatalog()))
        messages.append(QStringLiteral("%1: %2").arg(d.pos.line).arg(d.message));
    messages.sort();
    QCOMPARE(messages.size(), 3);
    QVERIFY2(messages.at(0).startsWith("4: node 'sub' does not give param 'need'"),
             qPrintable(messages.join('\n')));
    QVERIFY2(messages.at(1).startsWith("4: node 'sub' gives param 'nope'"), qPrintable(messages.join('\n')));
    QVERIFY2(messages.at(2).startsWith("5: node 'use' reads 'sub.outt'"), qPrintable(messages.join('\n')));
}

void tst_Subflow::flowrunJsonHasCompleteNestedEvents()
{
    // Three files, two levels: what `flowrun run --json` prints is the whole nested story.
    write("c3.yaml", "flowstudio: 1\nname: c\nparams:\n  x: {}\noutputs: {y: e.stdout}\nnodes:\n"
                     "  e: {type: shell.exec, config: {command: 'echo c-${{ params.x }}'}}\n");
    write("b3.yaml", "flowstudio: 1\nname: b\nparams:\n  x: {}\noutputs: {y: c.y}\nnodes:\n"
                     "  c: {type: flow.subflow, config: {path: c3.yaml, params: {x: '${{ params.x }}'}}}\n");
    const QString top
        = write("a3.yaml", "flowstudio: 1\nname: a\noutputs: {y: b.y}\nnodes:\n"
                           "  b: {type: flow.subflow, config: {path: b3.yaml, params: {x: 7}}}\n");
    QProcess p;
    p.start(QStringLiteral(FLOWRUN_PATH), {"run", "--json", top});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    RunEvents events;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        const std::optional<RunEvent> e = RunEvent::fromJsonLine(line);
        QVERIFY2(e, line.constData());
        events.append(*e);
    }
    QCOMPARE(checkOneSequence(events), QString());
    QCOMPARE(events.last().kind, EventKind::RunFinished);
    QCOMPARE(events.last().data.value("outputs").toMap().value("y").toString().trimmed(), QString("c-7"));
    const QHash<QString, int> terminals = terminalCounts(events);
    QCOMPARE(terminals, (QHash<QString, int>{{"b", 1}, {"b/c", 1}, {"b/c/e", 1}}));
    for (const char *id : {"b", "b/c", "b/c/e"}) {
        QVERIFY2(indexOf(events, EventKind::NodeQueued, id) >= 0, id);
        QVERIFY2(indexOf(events, EventKind::NodeStarted, id) > indexOf(events, EventKind::NodeQueued, id),
                 id);
    }
}

QTEST_GUILESS_MAIN(tst_Subflow)
#include "tst_subflow.moc"

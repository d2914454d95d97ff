// Real processes through the built-in shell.exec node: output streaming while the process runs,
// ::progress, timeouts that must escalate to SIGKILL, cancel with no process left behind.
#include "testnodes.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Flow;
using namespace Flow::Test;

namespace {

// Running in any sense that matters: exists and is not a zombie waiting for a parent to reap it.
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

qint64 readPid(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().trimmed().toLongLong();
}

} // namespace

class tst_ShellRun : public QObject
{
    Q_OBJECT

private slots:
    void linesArriveWhileTheProcessRuns();
    void progressLines();
    void outputsFeedTheNextProcess();
    void failingCommandIsRetried();
    void timeoutKillsAProcessThatIgnoresTerm();
    void cancelLeavesNoProcess();
    void secretsMaskedInProcessOutput();

private:
    QTemporaryDir m_dir;
};

void tst_ShellRun::linesArriveWhileTheProcessRuns()
{
    Run run(workflowFromYaml(
                "flowstudio: 1\nname: stream\nnodes:\n"
                "  talk: {type: shell.exec, config: {command: 'echo first; sleep 1; echo second'}}\n"),
            testRegistry());
    Recorder rec(&run);
    // When the first line reaches the listener, the process is still sleeping: nothing has ended.
    bool finishedAtFirstLine = true;
    connect(&run, &Run::eventOccurred, this, [&](const RunEvent &e) {
        if (e.kind == EventKind::NodeLog && e.data.value("line") == "first")
            finishedAtFirstLine = bool(find(rec.events, EventKind::NodeSucceeded, "talk"));
    });
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(trace(rec.events, true),
             (QStringList{"run.started", "node.queued talk", "node.started talk 1", "node.log talk 1",
                          "node.log talk 1", "node.succeeded talk 1", "run.finished"}));
    QVERIFY(!finishedAtFirstLine);
    const QList<RunEvent> logs = all(rec.events, EventKind::NodeLog, "talk");
    QCOMPARE(logs.at(0).data.value("line").toString(), QString("first"));
    QCOMPARE(logs.at(0).data.value("stream").toString(), QString("stdout"));
    QCOMPARE(logs.at(1).data.value("line").toString(), QString("second"));
    const qint64 gap = find(rec.events, EventKind::NodeSucceeded, "talk")->time - logs.at(0).time;
    QVERIFY2(gap >= 800, qPrintable(QString::number(gap)));
}

void tst_ShellRun::progressLines()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: progress\nnodes:\n"
                             "  p: {type: shell.exec, config: {command: 'echo ::progress 1/4; echo "
                             "::progress 50; echo done'}}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    const QList<RunEvent> progress = all(rec.events, EventKind::NodeProgress, "p");
    QCOMPARE(progress.size(), 2);
    QCOMPARE(progress.at(0).data.value("fraction").toDouble(), 0.25);
    QCOMPARE(progress.at(0).data.value("text").toString(), QString("1/4"));
    QCOMPARE(progress.at(1).data.value("fraction").toDouble(), 0.5);
    QCOMPARE(all(rec.events, EventKind::NodeLog, "p").size(), 1);
    QCOMPARE(run.nodeOutputs("p").value("stdout").toString(), QString("done"));
}

void tst_ShellRun::outputsFeedTheNextProcess()
{
    Run run(workflowFromYaml(
                "flowstudio: 1\nname: pipe\nnodes:\n"
                "  a: {type: shell.exec, config: {command: [printf, 'hello\\nworld']}}\n"
                "  b: {type: shell.exec, inputs: {stdin: a.stdout}, config: {command: 'tr a-z A-Z'}}\n"
                "  c: {type: shell.exec, config: {command: 'echo ${{ nodes.b.outputs.exit_code }}'}}\n"
                "outputs:\n  upper: b.stdout\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QCOMPARE(run.outputs().value("upper").toString(), QString("HELLO\nWORLD"));
    QCOMPARE(run.nodeOutputs("c").value("stdout").toString(), QString("0"));
}

void tst_ShellRun::failingCommandIsRetried()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: exit\nnodes:\n"
                             "  x: {type: shell.exec, config: {command: 'echo oops >&2; exit 3'},"
                             " retry: {attempts: 2, delay: 20ms}}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(trace(rec.events),
             (QStringList{"run.started", "node.queued x", "node.started x 1", "node.retrying x 1",
                          "node.started x 2", "node.failed x 2", "run.finished"}));
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "x")->data.value("error").toString(),
             QString("command exited with status 3: oops"));
    // Each attempt's lines carry its attempt number.
    const QList<RunEvent> logs = all(rec.events, EventKind::NodeLog, "x");
    QCOMPARE(logs.size(), 2);
    QCOMPARE(logs.at(0).attempt, 1);
    QCOMPARE(logs.at(1).attempt, 2);
    QCOMPARE(logs.at(1).data.value("stream").toString(), QString("stderr"));
}

void tst_ShellRun::timeoutKillsAProcessThatIgnoresTerm()
{
    const QString shellPid = m_dir.filePath("timeout-sh.pid");
    const QString childPid = m_dir.filePath("timeout-child.pid");
    // The shell and its child ignore SIGTERM (an ignored signal stays ignored across exec).
    const QByteArray command = "trap '' TERM; echo $$ > " + shellPid.toUtf8() + "; sleep 30 & echo $! > "
                               + childPid.toUtf8() + "; wait; wait";
    Run run(workflowFromYaml("flowstudio: 1\nname: timeout\nnodes:\n"
                             "  stubborn:\n    type: shell.exec\n    timeout: 500ms\n"
                             "    config: {kill_grace: 300ms, command: \""
                             + command + "\"}\n"),
            testRegistry());
    Recorder rec(&run);
    QElapsedTimer t;
    t.start();
    QVERIFY(runToEnd(run, rec));
    QVERIFY2(t.elapsed() >= 500 && t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "stubborn")->data.value("error").toString(),
             QString("timed out after 500ms"));
    QVERIFY(readPid(shellPid) > 0);
    QVERIFY(readPid(childPid) > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(readPid(shellPid)), 2000);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(readPid(childPid)), 2000);
}

void tst_ShellRun::cancelLeavesNoProcess()
{
    QByteArray yaml = "flowstudio: 1\nname: cancel\nsettings: {max_parallel: 2}\nnodes:\n";
    for (const char *id : {"one", "two"}) {
        const QByteArray pidFile = m_dir.filePath(QStringLiteral("cancel-%1.pid").arg(id)).toUtf8();
        yaml += QByteArray("  ") + id + ": {type: shell.exec, config: {command: 'sleep 30 & echo $! > "
                + pidFile + "; wait'}}\n";
    }
    yaml += "  three: {type: shell.exec, after: [one], config: {command: 'true'}}\n";
    Run run(workflowFromYaml(yaml), testRegistry());
    Recorder rec(&run);
    run.start();
    QTRY_VERIFY(readPid(m_dir.filePath("cancel-one.pid")) > 0
                && readPid(m_dir.filePath("cancel-two.pid")) > 0);
    const qint64 one = readPid(m_dir.filePath("cancel-one.pid"));
    const qint64 two = readPid(m_dir.filePath("cancel-two.pid"));
    QVERIFY(processRunning(one) && processRunning(two));
    QElapsedTimer t;
    t.start();
    run.cancel();
    QVERIFY(runToEnd(run, rec));
    QVERIFY2(t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Cancelled);
    QCOMPARE(trace(rec.events).filter("node.cancelled").size(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(one) && !processRunning(two), 2000);
}

void tst_ShellRun::secretsMaskedInProcessOutput()
{
    RunOptions options;
    options.secrets = {{"token", "hunter2-xyz"}};
    Run run(
        workflowFromYaml("flowstudio: 1\nname: secret\nnodes:\n"
                         "  s: {type: shell.exec, config: {command: 'echo token=$TOKEN', env: {TOKEN: '${{ "
                         "secrets.token }}'}}}\n"
                         "  t: {type: shell.exec, inputs: {stdin: s.stdout}, config: {command: 'wc -c'}}\n"),
        testRegistry(), options);
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec));
    QCOMPARE(find(rec.events, EventKind::NodeLog, "s")->data.value("line").toString(), QString("token=***"));
    for (const RunEvent &e : std::as_const(rec.events))
        QVERIFY2(!e.toJsonLine().contains("hunter2"), e.toJsonLine().constData());
    // Masking is for what is shown: the next node received the real value (17 characters).
    QCOMPARE(run.nodeOutputs("t").value("stdout").toString().trimmed(), QString("17"));
}

QTEST_GUILESS_MAIN(tst_ShellRun)
#include "tst_shellrun.moc"

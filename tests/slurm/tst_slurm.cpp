// shell.exec nodes as real Slurm jobs on the one-node cluster of scripts/slurm-local.sh (started by
// the CTest fixture; SLURM_CONF points at it). Every check reads the real cluster with squeue.
#include "runs/runstate.h"
#include "testnodes.h"
#include "testutil.h"

#include <QTemporaryDir>

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Flow;
using namespace Flow::Test;

namespace {

QString slurmCommand(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return QStringLiteral("<%1 did not answer>").arg(program);
    return QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
}

// The job ids a run's nodes were submitted as, from their "submitted as slurm job N" log lines.
QStringList jobIds(const RunEvents &events, const QString &node = {})
{
    static const QRegularExpression submitted(QStringLiteral("^submitted as slurm job (\\d+)"));
    QStringList ids;
    for (const RunEvent &e : all(events, EventKind::NodeLog, node)) {
        const QRegularExpressionMatch m = submitted.match(e.data.value("line").toString());
        if (m.hasMatch())
            ids.append(m.captured(1));
    }
    return ids;
}

// Those of `ids` that squeue lists in its default view (pending, running, completing...).
QStringList inQueue(const QStringList &ids)
{
    const QStringList listed
        = slurmCommand("squeue", {"--noheader", "--format=%i"}).split(u'\n', Qt::SkipEmptyParts);
    QStringList left;
    for (const QString &id : ids) {
        if (listed.contains(id))
            left.append(id);
    }
    return left;
}

QByteArray fanOutYaml(int width)
{
    QByteArray yaml = "flowstudio: 1\nname: fan\nsettings: {backend: slurm}\nnodes:\n"
                      "  seed: {type: shell.exec, backend: local, config: {command: 'echo 3'}}\n";
    QByteArray sum = "echo $((0";
    QByteArray after;
    for (int i = 1; i <= width; ++i) {
        const QByteArray id = "w" + QByteArray::number(i);
        yaml += "  " + id
                + ": {type: shell.exec, inputs: {stdin: seed.stdout}, config: {command: 'read x; echo $((x * "
                + QByteArray::number(i) + "))'}}\n";
        sum += " + ${{ nodes." + id + ".outputs.stdout }}";
        after += (i > 1 ? ", " : "") + id;
    }
    yaml += "  sum: {type: shell.exec, backend: local, after: [" + after + "], config: {command: '" + sum
            + "))'}}\n";
    return yaml;
}

} // namespace

class tst_Slurm : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fanOutOfTwentyFeedsALocalNode();
    void failingJobIsRetriedThenFails();
    void pendingJobShowsAsQueued();
    void linesArriveBeforeTheJobEnds();
    void cancelLeavesNoJobInTheQueue();
    void flowrunBackendFlag();
    void timeLimitKillsTheJob();
};

void tst_Slurm::initTestCase()
{
    if (QStandardPaths::findExecutable("sbatch").isEmpty())
        QSKIP("Slurm is not installed (Debian packages slurm-wlm and munge; bash scripts/setup.sh deps)");
    QVERIFY2(!qEnvironmentVariableIsEmpty("SLURM_CONF"), "run through ctest: the fixture starts the cluster");
    const QString state = slurmCommand("sinfo", {"--noheader", "--format=%T"});
    QVERIFY2(state.startsWith("idle") || state.startsWith("mix") || state.startsWith("alloc"),
             qPrintable("the test cluster is not up: sinfo says '" + state + "'"));
}

void tst_Slurm::fanOutOfTwentyFeedsALocalNode()
{
    Run run(workflowFromYaml(fanOutYaml(20)), testRegistry());
    QCOMPARE(run.maxParallel(), 64); // a run on Slurm keeps many jobs in flight by default
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec, 120000));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Succeeded);
    // 3 * (1 + 2 + ... + 20): every job read the local seed's output and fed the local sum.
    QCOMPARE(run.nodeOutputs("sum").value("stdout").toString(), QString::number(3 * 210));
    QStringList ids;
    for (int i = 1; i <= 20; ++i) {
        const QString id = QStringLiteral("w%1").arg(i);
        QCOMPARE(run.nodeOutputs(id).value("stdout").toString(), QString::number(3 * i));
        QCOMPARE(jobIds(rec.events, id).size(), 1);
        ids += jobIds(rec.events, id);
    }
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 20);
    QVERIFY(jobIds(rec.events, "seed").isEmpty()); // backend: local wins over settings.backend
    QVERIFY(jobIds(rec.events, "sum").isEmpty());
    // Some jobs overlapped: the fan-out was submitted at once, not one job after another.
    QVERIFY(overlapped(rec.events, "w1", "w20") || overlapped(rec.events, "w2", "w19"));
}

void tst_Slurm::failingJobIsRetriedThenFails()
{
    Run run(workflowFromYaml("flowstudio: 1\nname: fail\nnodes:\n"
                             "  bad: {type: shell.exec, backend: slurm, retry: {attempts: 2, delay: 100ms},\n"
                             "        config: {command: 'echo partial; echo broken disk >&2; exit 3'}}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec, 60000));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(trace(rec.events),
             (QStringList{"run.started", "node.queued bad", "node.started bad 1", "node.retrying bad 1",
                          "node.started bad 2", "node.failed bad 2", "run.finished"}));
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "bad")->data.value("error").toString(),
             QString("command exited with status 3: broken disk"));
    const QStringList ids = jobIds(rec.events, "bad");
    QCOMPARE(ids.size(), 2);
    QVERIFY(ids[0] != ids[1]); // each attempt is a job of its own
    QCOMPARE(slurmCommand("squeue", {"--noheader", "--states=all", "--jobs=" + ids[1], "--format=%T"}),
             QString("FAILED"));
}

void tst_Slurm::pendingJobShowsAsQueued()
{
    // --hold keeps the job PENDING until released: the run panel's reducer must show it queued.
    Run run(workflowFromYaml("flowstudio: 1\nname: held\nnodes:\n"
                             "  held: {type: shell.exec, backend: slurm, slurm: {extra_args: [--hold]},\n"
                             "         config: {command: 'echo released'}}\n"),
            testRegistry());
    Recorder rec(&run);
    RunState state;
    QString jobId;
    connect(&run, &Run::eventOccurred, this, [&](const RunEvent &e) {
        state.apply(e);
        if (jobId.isEmpty() && !jobIds({e}).isEmpty())
            jobId = jobIds({e}).first();
    });
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(state.node("held") && state.node("held")->progressText.contains("JobHeldUser"),
                             20000);
    QVERIFY(state.node("held")->progressText.startsWith("queued on slurm (job " + jobId));
    QCOMPARE(slurmCommand("squeue", {"--noheader", "--jobs=" + jobId, "--format=%T"}), QString("PENDING"));
    slurmCommand("scontrol", {"release", jobId});
    QVERIFY(runToEnd(run, rec, 60000));
    QCOMPARE(run.nodeOutputs("held").value("stdout").toString(), QString("released"));
}

void tst_Slurm::linesArriveBeforeTheJobEnds()
{
    Run run(workflowFromYaml(
                "flowstudio: 1\nname: stream\nsettings: {backend: slurm}\nnodes:\n"
                "  talk: {type: shell.exec, config: {command: 'echo first; sleep 3; echo second'}}\n"),
            testRegistry());
    Recorder rec(&run);
    QString stateAtFirstLine;
    connect(&run, &Run::eventOccurred, this, [&](const RunEvent &e) {
        if (e.kind == EventKind::NodeLog && e.data.value("line") == "first") {
            const QString id = jobIds(rec.events, "talk").value(0);
            stateAtFirstLine = slurmCommand("squeue", {"--noheader", "--jobs=" + id, "--format=%T"});
        }
    });
    QVERIFY(runToEnd(run, rec, 60000));
    QCOMPARE(stateAtFirstLine, QString("RUNNING")); // the line came while Slurm still ran the job
    QCOMPARE(run.nodeOutputs("talk").value("stdout").toString(), QString("first\nsecond"));
}

void tst_Slurm::cancelLeavesNoJobInTheQueue()
{
    // Four running jobs and two that never start (max_parallel 4): cancel ends them all.
    QByteArray yaml = "flowstudio: 1\nname: cancel\nsettings: {backend: slurm, max_parallel: 4}\nnodes:\n";
    for (int i = 1; i <= 6; ++i)
        yaml += "  s" + QByteArray::number(i)
                + ": {type: shell.exec, config: {command: 'echo up; exec sleep 300'}}\n";
    Run run(workflowFromYaml(yaml), testRegistry());
    Recorder rec(&run);
    run.start();
    QTRY_COMPARE_WITH_TIMEOUT(all(rec.events, EventKind::NodeLog).size() >= 8, true,
                              30000); // 4 submitted, 4 "up"
    const QStringList ids = jobIds(rec.events);
    QCOMPARE(ids.size(), 4);
    QCOMPARE(inQueue(ids).size(), 4);
    QSignalSpy finished(&run, &Run::finished);
    run.cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(checkInvariants(rec.events), QString());
    QCOMPARE(run.status(), RunStatus::Cancelled);
    QCOMPARE(all(rec.events, EventKind::NodeCancelled).size(), 6);
    QCOMPARE(inQueue(ids), QStringList()); // run.finished came after the jobs left the queue
}

void tst_Slurm::flowrunBackendFlag()
{
    // A workflow that says nothing about Slurm runs there with --backend slurm.
    QTemporaryDir dir;
    QFile file(dir.filePath("plain.yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("flowstudio: 1\nname: plain\nnodes:\n"
               "  where: {type: shell.exec, config: {command: 'echo \"job $SLURM_JOB_ID\"'}}\n");
    file.close();
    QProcess flowrun;
    flowrun.start(FLOWRUN_PATH, {"run", "--json", "--backend", "slurm", file.fileName()});
    QVERIFY(flowrun.waitForFinished(60000));
    QCOMPARE(flowrun.exitCode(), 0);
    RunEvents events;
    for (const QByteArray &line : flowrun.readAllStandardOutput().split('\n')) {
        if (auto e = RunEvent::fromJsonLine(line))
            events.append(*e);
    }
    QCOMPARE(checkInvariants(events), QString());
    const QStringList ids = jobIds(events, "where");
    QCOMPARE(ids.size(), 1);
    QCOMPARE(find(events, EventKind::NodeSucceeded, "where")
                 ->data.value("outputs")
                 .toMap()
                 .value("stdout")
                 .toString(),
             "job " + ids.first());
}

void tst_Slurm::timeLimitKillsTheJob()
{
    if (qEnvironmentVariableIsEmpty("FLOW_SLURM_TIMELIMIT_TEST"))
        QSKIP("takes over a minute (Slurm's time limits count in minutes): ctest runs it as "
              "tst_slurm_timelimit");
    Run run(workflowFromYaml("flowstudio: 1\nname: limit\nnodes:\n"
                             "  slow: {type: shell.exec, backend: slurm, slurm: {time: 1},\n"
                             "         config: {command: 'echo started; exec sleep 600'}}\n"),
            testRegistry());
    Recorder rec(&run);
    QVERIFY(runToEnd(run, rec, 170000));
    QCOMPARE(checkInvariants(rec.events), QString());
    const QString id = jobIds(rec.events, "slow").value(0);
    QCOMPARE(find(rec.events, EventKind::NodeFailed, "slow")->data.value("error").toString(),
             "slurm job " + id + " was killed at its time limit (slurm.time)");
    QCOMPARE(slurmCommand("squeue", {"--noheader", "--states=all", "--jobs=" + id, "--format=%T"}),
             QString("TIMEOUT"));
}

QTEST_GUILESS_MAIN(tst_Slurm)
#include "tst_slurm.moc"

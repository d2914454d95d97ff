// A `flowrun run` killed with SIGKILL mid-run takes its shell.exec processes with it: the direct child
// (PR_SET_PDEATHSIG) and what that child started in its process group (the group guard). Real
// processes; every wait is on a condition.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace {

// Gone, or a zombie: a child reparented to an init that does not reap it stays a zombie, but it runs
// nothing and causes no effects.
bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) == -1 && errno == ESRCH)
        return true;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() && (text.at(close + 2) == 'Z' || text.at(close + 2) == 'X');
}

} // namespace

class tst_DeathSignal : public QObject
{
    Q_OBJECT

private slots:
    void childrenDieWithFlowrun_data();
    void childrenDieWithFlowrun();
    void noProcessOutlivesTheRun_data();
    void noProcessOutlivesTheRun();
};

void tst_DeathSignal::childrenDieWithFlowrun_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("pids"); // lines the command writes to `pids` once everything runs
    QTest::addColumn<int>("signal"); // what flowrun dies of
    // Each command writes its pids, then would leave an `effect` file if it were not killed.
    const QString grandchild
        = u"\"sleep 300 & echo $! > pids.tmp; echo $$ >> pids.tmp; mv pids.tmp pids; wait; touch effect\""_s;
    QTest::newRow("argv, the child itself")
        << u"[sh, -c, 'echo $$ > pids; exec sleep 300']"_s << 1 << SIGKILL;
    QTest::newRow("shell and its foreground grandchild") << grandchild << 2 << SIGKILL;
    QTest::newRow("grandchild shell ignoring SIGTERM")
        << QString::fromUtf8(R"("sh -c 'trap \"\" TERM; echo $$ > pids; sleep 300; touch effect' & wait")")
        << 1 << SIGKILL;
    QTest::newRow("two nodes in parallel")
        << u"\"echo $$ >> pids.$NODE; sleep 300; touch effect\""_s << 1 << SIGKILL;
    // A crash dumps core (or would): the kernel's core dump must not take the guard along.
    QTest::newRow("grandchild, flowrun crashes (SIGSEGV)") << grandchild << 2 << SIGSEGV;
    QTest::newRow("grandchild, flowrun aborts (SIGABRT)") << grandchild << 2 << SIGABRT;
}

void tst_DeathSignal::childrenDieWithFlowrun()
{
    QFETCH(QString, command);
    QFETCH(int, pids);
    QFETCH(int, signal);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const bool parallel = command.contains(u"$NODE");
    QByteArray yaml = "flowstudio: 1\nname: doomed\nnodes:\n";
    const QStringList nodes = parallel ? QStringList{u"a"_s, u"b"_s} : QStringList{u"a"_s};
    for (const QString &id : nodes) {
        QString c = command;
        c.replace(u"$NODE"_s, id);
        yaml += u"  %1:\n    type: shell.exec\n    config:\n      command: %2\n"_s.arg(id, c).toUtf8();
    }
    QFile file(dir.filePath(u"doomed.yaml"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(yaml);
    file.close();

    QProcess flowrun;
    flowrun.setWorkingDirectory(dir.path());
    flowrun.start(QStringLiteral(FLOWRUN_PATH), {u"run"_s, u"--max-parallel"_s, u"2"_s, file.fileName()});
    QVERIFY(flowrun.waitForStarted());

    // The pids of everything the nodes started, once all of it runs.
    QList<qint64> started;
    auto readPids = [&] {
        started.clear();
        for (const QString &id : nodes) {
            QFile f(dir.filePath(parallel ? u"pids."_s + id : u"pids"_s));
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
            if (lines.size() != pids)
                return false;
            for (const QByteArray &line : lines)
                started.append(line.trimmed().toLongLong());
        }
        return !started.contains(0);
    };
    QTRY_VERIFY_WITH_TIMEOUT(readPids(), 20000);
    for (qint64 pid : std::as_const(started))
        QVERIFY2(!processGone(pid), qPrintable(u"pid %1 is not running yet"_s.arg(pid)));

    ::kill(pid_t(flowrun.processId()), signal);
    QVERIFY(flowrun.waitForFinished(10000));
    QCOMPARE(flowrun.exitStatus(), QProcess::CrashExit);

    for (qint64 pid : std::as_const(started))
        QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(u"pid %1 outlived flowrun"_s.arg(pid)), 10000);
    QVERIFY(!QFile::exists(dir.filePath(u"effect"_s)));
}

// Every way a run can end, with a node that leaves a double-forked grandchild behind
// (`(sleep 300 &)`: reparented to init, but still in the node's process group). When flowrun has
// exited, nothing the node started may still run. The limit (docs/reliability.md): a process that
// leaves the group itself (setsid, setpgid) escapes; only a cgroup would hold it.
void tst_DeathSignal::noProcessOutlivesTheRun_data()
{
    QTest::addColumn<QString>("tail");  // what the node does after starting the grandchild
    QTest::addColumn<QString>("extra"); // more node keys
    QTest::addColumn<int>("signal");    // sent to flowrun once the grandchild runs; 0 for none
    QTest::addColumn<int>("exitCode");  // flowrun's exit code (-1: killed)
    QTest::newRow("success") << u"exit 0"_s << QString() << 0 << 0;
    QTest::newRow("failure") << u"exit 3"_s << QString() << 0 << 1;
    QTest::newRow("timeout") << u"sleep 300"_s << u"    timeout: 1s\n"_s << 0 << 1;
    QTest::newRow("cancel (SIGINT)") << u"sleep 300"_s << QString() << int(SIGINT) << -2;
    QTest::newRow("app exit (SIGTERM)") << u"sleep 300"_s << QString() << int(SIGTERM) << -2;
    QTest::newRow("kill -9 of flowrun") << u"sleep 300"_s << QString() << int(SIGKILL) << -1;
}

void tst_DeathSignal::noProcessOutlivesTheRun()
{
    QFETCH(QString, tail);
    QFETCH(QString, extra);
    QFETCH(int, signal);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString command
        = u"(sleep 300 & echo $! > pid.tmp; mv pid.tmp pid) & while [ ! -s pid ]; do sleep 0.05; done; "_s
          + tail;
    const QByteArray yaml = u"flowstudio: 1\nname: ends\nnodes:\n  a:\n    type: shell.exec\n%1"
                            "    config:\n      command: \"%2\"\n"_s.arg(extra, command)
                                .toUtf8();
    QFile file(dir.filePath(u"ends.yaml"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(yaml);
    file.close();

    QProcess flowrun;
    flowrun.setWorkingDirectory(dir.path());
    flowrun.start(QStringLiteral(FLOWRUN_PATH), {u"run"_s, file.fileName()});
    QVERIFY(flowrun.waitForStarted());
    qint64 grandchild = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QFile f(dir.filePath(u"pid"_s));
            return f.open(QIODevice::ReadOnly) && (grandchild = f.readAll().trimmed().toLongLong()) > 0;
        }(),
        20000);
    if (signal != 0) {
        QTRY_VERIFY_WITH_TIMEOUT(!processGone(grandchild), 5000);
        ::kill(pid_t(flowrun.processId()), signal);
    }
    QVERIFY(flowrun.waitForFinished(30000));
    if (exitCode == -1)
        QCOMPARE(flowrun.exitStatus(), QProcess::CrashExit);
    else if (exitCode >= 0)
        QCOMPARE(flowrun.exitCode(), exitCode);
    else
        QVERIFY2(flowrun.exitCode() != 0 || flowrun.exitStatus() == QProcess::CrashExit,
                 "a cancelled run fails");
    QTRY_VERIFY2_WITH_TIMEOUT(processGone(grandchild),
                              qPrintable(u"grandchild %1 outlived the run"_s.arg(grandchild)), 10000);
}

QTEST_GUILESS_MAIN(tst_DeathSignal)
#include "tst_deathsignal.moc"

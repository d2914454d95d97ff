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
};

void tst_DeathSignal::childrenDieWithFlowrun_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("pids"); // lines the command writes to `pids` once everything runs
    // Each command writes its pids, then would leave an `effect` file if it were not killed.
    QTest::newRow("argv, the child itself")
        << u"[sh, -c, 'echo $$ > pids; exec sleep 300']"_s << 1;
    QTest::newRow("shell and its foreground grandchild")
        << u"\"sleep 300 & echo $! > pids.tmp; echo $$ >> pids.tmp; mv pids.tmp pids; wait; touch effect\""_s
        << 2;
    QTest::newRow("grandchild shell ignoring SIGTERM")
        << QString::fromUtf8(R"("sh -c 'trap \"\" TERM; echo $$ > pids; sleep 300; touch effect' & wait")") << 1;
    QTest::newRow("two nodes in parallel")
        << u"\"echo $$ >> pids.$NODE; sleep 300; touch effect\""_s << 1;
}

void tst_DeathSignal::childrenDieWithFlowrun()
{
    QFETCH(QString, command);
    QFETCH(int, pids);
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

    ::kill(pid_t(flowrun.processId()), SIGKILL);
    QVERIFY(flowrun.waitForFinished(10000));
    QCOMPARE(flowrun.exitStatus(), QProcess::CrashExit);

    for (qint64 pid : std::as_const(started))
        QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(u"pid %1 outlived flowrun"_s.arg(pid)), 10000);
    QVERIFY(!QFile::exists(dir.filePath(u"effect"_s)));
}

QTEST_GUILESS_MAIN(tst_DeathSignal)
#include "tst_deathsignal.moc"

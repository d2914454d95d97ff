// `flowrun run` as a real process: exit codes, NDJSON completeness, Ctrl-C with nothing left behind.
#include "runs/runevent.h"

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Flow;

class tst_FlowrunRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void jsonStreamIsComplete();
    void eventsFileAndOutputs();
    void interruptCancelsCleanly_data();
    void interruptCancelsCleanly();

private:
    QString write(const QString &name, const QByteArray &yaml);
    bool runFlowrun(QProcess &p, const QStringList &args, int timeoutMs = 20000);
    QTemporaryDir m_dir;
};

static QString flowrun()
{
    return QStringLiteral(FLOWRUN_PATH);
}

static RunEvents parseNdjson(const QByteArray &text, QString *error)
{
    RunEvents events;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const std::optional<RunEvent> e = RunEvent::fromJsonLine(line);
        if (!e) {
            *error = QString::fromUtf8("not an event: " + line);
            return {};
        }
        events.append(*e);
    }
    return events;
}

// seq 1..n without gaps; every node of run.started has exactly one terminal event; run.finished last.
static QString completeness(const RunEvents &events)
{
    if (events.isEmpty() || events.first().kind != EventKind::RunStarted
        || events.last().kind != EventKind::RunFinished)
        return QStringLiteral("does not start with run.started and end with run.finished");
    QHash<QString, int> terminal;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events.at(i).seq != i + 1)
            return QStringLiteral("seq %1 at line %2").arg(events.at(i).seq).arg(i + 1);
        if (isTerminal(events.at(i).kind))
            ++terminal[events.at(i).node];
    }
    for (const QVariant &node : events.first().data.value("nodes").toList()) {
        if (terminal.value(node.toString()) != 1)
            return QStringLiteral("node %1 has %2 terminal events")
                .arg(node.toString())
                .arg(terminal.value(node.toString()));
    }
    return {};
}

QString tst_FlowrunRun::write(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(yaml) != yaml.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

bool tst_FlowrunRun::runFlowrun(QProcess &p, const QStringList &args, int timeoutMs)
{
    p.start(flowrun(), QStringList{"run"} + args);
    return p.waitForStarted() && p.waitForFinished(timeoutMs);
}

void tst_FlowrunRun::initTestCase()
{
    QVERIFY2(QFileInfo(flowrun()).isExecutable(), FLOWRUN_PATH);
    QVERIFY(m_dir.isValid());
}

void tst_FlowrunRun::exitCodes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");

    const QByteArray ok
        = "flowstudio: 1\nname: ok\nparams:\n  who: {default: x}\n  need: {description: required}\n"
          "nodes:\n  a: {type: shell.exec, config: {command: 'echo ${{ params.who }} ${{ params.need }}'}}\n";
    QTest::newRow("succeeds") << ok << QStringList{"-p", "need=1"} << 0 << "";
    QTest::newRow("node fails") << QByteArray(
        "flowstudio: 1\nname: f\nnodes:\n  a: {type: shell.exec, config: {command: 'exit 4'}}\n")
                                << QStringList{} << 1 << "";
    QTest::newRow("invalid file") << QByteArray("flowstudio: 1\nname: bad\nnodes:\n  a: {type: no.such}\n")
                                  << QStringList{} << 2 << ":4:";
    QTest::newRow("unknown param") << ok << QStringList{"-p", "need=1", "-p", "nope=2"} << 2
                                   << "unknown param 'nope'";
    QTest::newRow("missing param") << ok << QStringList{} << 2
                                   << "param 'need' has no default and was not given";
    QTest::newRow("bad max-parallel")
        << ok << QStringList{"-p", "need=1", "--max-parallel", "0"} << 2 << "--max-parallel";
    QTest::newRow("cycle") << QByteArray(
        "flowstudio: 1\nname: c\nnodes:\n  a: {type: shell.exec, after: [b], config: {command: 'true'}}\n"
        "  b: {type: shell.exec, after: [a], config: {command: 'true'}}\n")
                           << QStringList{} << 2 << "cycle";
}

void tst_FlowrunRun::exitCodes()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    const QString file = write(QStringLiteral("exit-%1.yaml").arg(QTest::currentDataTag()), yaml);
    QProcess p;
    QVERIFY(runFlowrun(p, args + QStringList{file}));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(p.exitCode()).arg(err)));
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
}

void tst_FlowrunRun::jsonStreamIsComplete()
{
    QByteArray yaml = "flowstudio: 1\nname: json\nsettings: {on_error: continue}\nnodes:\n";
    for (int i = 0; i < 20; ++i)
        yaml += "  n" + QByteArray::number(i) + ": {type: shell.exec, config: {command: 'echo line "
                + QByteArray::number(i) + "; echo other >&2'}"
                + (i > 0 ? QByteArray(", after: [n" + QByteArray::number(i - 1) + "]") : QByteArray())
                + "}\n";
    yaml += "  bad: {type: shell.exec, after: [n3], config: {command: 'exit 1'}}\n";
    yaml += "  never: {type: shell.exec, after: [bad], config: {command: 'true'}}\n";
    QProcess p;
    QVERIFY(runFlowrun(p, {"--json", "--max-parallel", "2", write("json.yaml", yaml)}));
    QCOMPARE(p.exitCode(), 1);
    QString error;
    const RunEvents events = parseNdjson(p.readAllStandardOutput(), &error);
    QCOMPARE(error, QString());
    QCOMPARE(completeness(events), QString());
    int logs = 0;
    for (const RunEvent &e : events)
        logs += e.kind == EventKind::NodeLog;
    QCOMPARE(logs, 40);
    QCOMPARE(events.last().data.value("status").toString(), QString("failed"));
}

void tst_FlowrunRun::eventsFileAndOutputs()
{
    const QString events = m_dir.filePath("events.ndjson");
    QProcess p;
    QVERIFY(runFlowrun(
        p,
        {"--events", events, "-p", "n=5",
         write("outputs.yaml", "flowstudio: 1\nname: out\nparams:\n  n: {default: 1}\nnodes:\n"
                               "  a: {type: shell.exec, config: {command: 'echo $((${{ params.n }} * 2))'}}\n"
                               "outputs:\n  doubled: a.stdout\n  code: a.exit_code\n")}));
    QCOMPARE(p.exitCode(), 0);
    // Without a terminal: nothing but the outputs on stdout, in declaration order.
    QCOMPARE(p.readAllStandardOutput(), QByteArray("doubled: 10\ncode: 0\n"));
    QFile f(events);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString error;
    const RunEvents parsed = parseNdjson(f.readAll(), &error);
    QCOMPARE(error, QString());
    QCOMPARE(completeness(parsed), QString());
    QCOMPARE(parsed.last().data.value("outputs").toMap().value("doubled").toString(), QString("10"));
}

void tst_FlowrunRun::interruptCancelsCleanly_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("SIGINT") << int(SIGINT) << 130;
    QTest::newRow("SIGTERM") << int(SIGTERM) << 143;
}

void tst_FlowrunRun::interruptCancelsCleanly()
{
    QFETCH(int, signal);
    QFETCH(int, exitCode);
    const QString pidFile = m_dir.filePath(QStringLiteral("child-%1.pid").arg(signal));
    const QString file
        = write(QStringLiteral("interrupt-%1.yaml").arg(signal),
                "flowstudio: 1\nname: long\nnodes:\n"
                "  wait: {type: shell.exec, config: {command: 'sleep 60 & echo $! > "
                    + pidFile.toUtf8()
                    + "; wait'}}\n  next: {type: shell.exec, after: [wait], config: {command: 'true'}}\n");
    QProcess p;
    p.start(flowrun(), {"run", "--json", file});
    QVERIFY(p.waitForStarted());
    // Wait until the child process exists, i.e. the node is really running.
    QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, 10000);
    QFile f(pidFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const pid_t child = pid_t(f.readAll().trimmed().toLongLong());
    QVERIFY(child > 0 && ::kill(child, 0) == 0);
    ::kill(pid_t(p.processId()), signal);
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), exitCode);
    QString error;
    const RunEvents events = parseNdjson(p.readAllStandardOutput(), &error);
    QCOMPARE(error, QString());
    QCOMPARE(completeness(events), QString());
    QCOMPARE(events.last().data.value("status").toString(), QString("cancelled"));
    // The node's process group is gone (a zombie waiting for init to reap it counts as gone).
    const auto running = [child] {
        if (::kill(child, 0) != 0)
            return false;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(child));
        return stat.open(QIODevice::ReadOnly) && !stat.readAll().contains(") Z ");
    };
    QTRY_VERIFY_WITH_TIMEOUT(!running(), 2000);
}

QTEST_GUILESS_MAIN(tst_FlowrunRun)
#include "tst_flowrun.moc"

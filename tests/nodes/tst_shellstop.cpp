// shell.exec while its process runs: lines arrive as they are written, and cancel or timeout end
// the whole process group (SIGTERM, then SIGKILL after kill_grace) leaving no process behind.
#include "testcontext.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Flow;
using namespace Flow::Test;

namespace {

const QString kShell = QStringLiteral("shell.exec");

// Our direct child must have been reaped by the node itself, so no waitpid here.
bool childGone(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

// Grandchildren are re-parented to this test process (a subreaper, see initTestCase): reap it if it
// has exited, then it must be gone. A grandchild still running makes this false.
bool grandchildGone(qint64 pid)
{
    int status = 0;
    ::waitpid(pid_t(pid), &status, WNOHANG);
    return childGone(pid);
}

// Parses the "<shell pid> <grandchild pid>" line the group scripts print first.
bool readPids(const TestContext &context, qint64 *shell, qint64 *grandchild)
{
    const QStringList lines = context.lines(LogStream::Stdout);
    if (lines.isEmpty())
        return false;
    const QStringList parts = lines.first().split(u' ');
    if (parts.size() != 2)
        return false;
    *shell = parts.at(0).toLongLong();
    *grandchild = parts.at(1).toLongLong();
    return *shell > 0 && *grandchild > 0;
}

} // namespace
class TestShellStop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void streamsLinesWhileRunning_data();
    void streamsLinesWhileRunning();
    void stopKillsWholeGroup_data();
    void stopKillsWholeGroup();
    void sigtermIsTriedFirst();
    void expiredDeadlineStartsNothing();
};

void TestShellStop::initTestCase()
{
    // Stand in for a proper init: orphaned grandchildren come to us, so that a dead one can be reaped
    // and told apart from a live one (this machine's PID 1 never reaps).
    QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
}

void TestShellStop::streamsLinesWhileRunning_data()
{
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<LogStream>("stream");
    QTest::newRow("stdout") << QString() << LogStream::Stdout;
    QTest::newRow("stderr") << QString(">&2") << LogStream::Stderr;
}

void TestShellStop::streamsLinesWhileRunning()
{
    QFETCH(QString, redirect);
    QFETCH(LogStream, stream);
    QTemporaryDir dir;
    TestContext context;
    context.setWorkingDirectory(dir.path());
    // The process cannot end before the test has seen its first line: it waits for a file the test
    // creates only then.
    context.setConfig({{"command", QStringLiteral("echo first %1; while [ ! -e go ]; do sleep 0.01; done; "
                                                  "echo second %1")
                                       .arg(redirect)},
                       {"allow_failure", false}});
    BackgroundRun run(kShell, context);
    QTRY_COMPARE_WITH_TIMEOUT(context.lines(stream), QStringList{"first"}, 10000);
    QVERIFY(!run.isFinished());
    const qint64 firstAt = context.logs().first().atMs;
    QFile go(QDir(dir.path()).filePath("go"));
    QVERIFY(go.open(QIODevice::WriteOnly));
    go.close();
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 10000);
    QVERIFY2(run.result().ok, qPrintable(run.result().error));
    QCOMPARE(context.lines(stream), (QStringList{"first", "second"}));
    QVERIFY(firstAt < run.result().finishedAtMs);
    const QString port = stream == LogStream::Stdout ? "stdout" : "stderr";
    QCOMPARE(context.output(port).toString(), "first\nsecond");
}

void TestShellStop::stopKillsWholeGroup_data()
{
    QTest::addColumn<bool>("byDeadline");
    QTest::addColumn<QString>("graceText");
    QTest::addColumn<qint64>("graceMs");
    QTest::newRow("timeout, short grace") << true << "300ms" << 300ll;
    QTest::newRow("timeout, default grace") << true << QString() << 2000ll;
    QTest::newRow("cancel, short grace") << false << "300ms" << 300ll;
}

// The shell and its background `sleep` both ignore SIGTERM, so only the SIGKILL after the grace
// period ends them; both must be gone when the node returns.
void TestShellStop::stopKillsWholeGroup()
{
    QFETCH(bool, byDeadline);
    QFETCH(QString, graceText);
    QFETCH(qint64, graceMs);
    // Long enough for the shell to have set its trap before the deadline even on a busy machine.
    constexpr qint64 timeoutMs = 1000;
    TestContext context;
    QVariantMap config{{"command", "trap '' TERM; sleep 60 & echo \"$$ $!\"; wait; echo survived"}};
    if (!graceText.isEmpty())
        config.insert("kill_grace", graceText);
    context.setConfig(config);
    if (byDeadline)
        context.setDeadline(QDeadlineTimer(timeoutMs));

    BackgroundRun run(kShell, context);
    qint64 shellPid = 0;
    qint64 grandchildPid = 0;
    QTRY_VERIFY_WITH_TIMEOUT(readPids(context, &shellPid, &grandchildPid), 10000);
    QVERIFY(!childGone(shellPid));
    QVERIFY(!childGone(grandchildPid));
    QElapsedTimer stopping;
    stopping.start();
    const qint64 stopAt = byDeadline ? timeoutMs : context.elapsedMs();
    if (!byDeadline)
        context.cancel();

    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 15000);
    const RunResult result = run.result();
    QVERIFY(!result.ok);
    QCOMPARE(result.error, byDeadline ? QStringLiteral("timed out after 1s") : QStringLiteral("cancelled"));
    const qint64 took = result.finishedAtMs - stopAt;
    QVERIFY2(took >= graceMs - 5, qPrintable(QString::number(took)));
    // Killed after the grace period, not left running: the bound is loose because a loaded machine is slow.
    QVERIFY2(took < graceMs + 5000, qPrintable(QString::number(took)));
    QVERIFY(childGone(shellPid));
    QVERIFY(grandchildGone(grandchildPid));
    QVERIFY(!context.lines(LogStream::Stdout).contains("survived"));
}

// A process that handles SIGTERM gets to shut down cleanly and ends long before the grace period.
void TestShellStop::sigtermIsTriedFirst()
{
    TestContext context;
    context.setConfig({{"command", "trap 'echo cleaning up; exit 0' TERM; sleep 60 & echo \"$$ $!\"; wait"},
                       {"kill_grace", "10s"}});
    BackgroundRun run(kShell, context);
    qint64 shellPid = 0;
    qint64 grandchildPid = 0;
    QTRY_VERIFY_WITH_TIMEOUT(readPids(context, &shellPid, &grandchildPid), 10000);
    const qint64 cancelAt = context.elapsedMs();
    context.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 15000);
    QCOMPARE(run.result().error, "cancelled");
    QVERIFY2(run.result().finishedAtMs - cancelAt < 3000, "waited for the grace period despite a clean exit");
    QVERIFY(context.lines(LogStream::Stdout).contains("cleaning up"));
    QVERIFY(childGone(shellPid));
    QVERIFY(grandchildGone(grandchildPid));
}

void TestShellStop::expiredDeadlineStartsNothing()
{
    QTemporaryDir dir;
    TestContext context;
    context.setWorkingDirectory(dir.path());
    context.setConfig({{"command", "touch started"}});
    context.setDeadline(QDeadlineTimer(0));
    const RunResult result = runNode(kShell, context);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith("timed out"), qPrintable(result.error));
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath("started")));
}

QTEST_GUILESS_MAIN(TestShellStop)
#include "tst_shellstop.moc"

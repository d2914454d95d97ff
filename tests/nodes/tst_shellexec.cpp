// shell.exec against real processes: argv and shell strings, environment, working directory, stdin,
// exit statuses, output lines and progress lines, start failures, and what one process costs.
#include "testcontext.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;
using namespace Flow::Test;

namespace {

const QString kShell = QStringLiteral("shell.exec");

} // namespace

class TestShellExec : public QObject
{
    Q_OBJECT

private slots:
    void commandForms_data();
    void commandForms();
    void environment();
    void workingDirectory_data();
    void workingDirectory();
    void standardInput_data();
    void standardInput();
    void exitStatus_data();
    void exitStatus();
    void lines_data();
    void lines();
    void progressLines();
    void startFailure_data();
    void startFailure();
    void perProcessOverhead_data();
    void perProcessOverhead();
};

void TestShellExec::commandForms_data()
{
    QTest::addColumn<QVariant>("command");
    QTest::addColumn<QString>("output");

    QTest::newRow("shell string") << QVariant("echo hello world") << "hello world";
    QTest::newRow("shell pipeline") << QVariant("printf 'a\\nb\\n' | wc -l | tr -d ' '") << "2";
    QTest::newRow("shell expansion") << QVariant("echo $((1 + 2))") << "3";
    QTest::newRow("argv is not expanded")
        << QVariant(QVariantList{"printf", "%s|", "a b", "$HOME", "*"}) << "a b|$HOME|*|";
    QTest::newRow("argv as a string list") << QVariant(QStringList{"printf", "%s-", "a", "b"}) << "a-b-";
    QTest::newRow("argv program from PATH") << QVariant(QVariantList{"echo", "x"}) << "x";
    QTest::newRow("one trailing newline trimmed") << QVariant("printf 'x\\n\\n'") << "x\n";
    QTest::newRow("no trailing newline") << QVariant("printf x") << "x";
    QTest::newRow("no output") << QVariant("true") << "";
    QTest::newRow("utf-8") << QVariant("printf '\\303\\244\\342\\202\\254\\n'") << QString::fromUtf8("ä€");
}

void TestShellExec::commandForms()
{
    QFETCH(QVariant, command);
    QFETCH(QString, output);
    TestContext context;
    context.setConfig({{"command", command}});
    const RunResult result = runNode(kShell, context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(context.output("stdout").toString(), output);
    QCOMPARE(context.output("exit_code").toLongLong(), 0);
    QCOMPARE(context.output("stderr").toString(), QString());
}

void TestShellExec::environment()
{
    qputenv("FLOW_TEST_INHERITED", "kept");
    qputenv("FLOW_TEST_REMOVED", "present");
    TestContext context;
    context.setConfig(
        {{"command", "echo \"$FLOW_A|$FLOW_B|$FLOW_TEST_INHERITED|${FLOW_TEST_REMOVED-unset}\""},
         {"env", QVariantMap{{"FLOW_A", "one two"},
                             {"FLOW_B", 42},
                             {"FLOW_TEST_REMOVED", QVariant::fromValue(nullptr)}}}});
    const RunResult result = runNode(kShell, context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(context.output("stdout").toString(), "one two|42|kept|unset");
}

void TestShellExec::workingDirectory_data()
{
    QTest::addColumn<QString>("cwd");
    QTest::addColumn<QString>("expectedRelative"); // relative to the temp dir; empty = error expected
    QTest::addColumn<QString>("error");

    QTest::newRow("absent: the working directory") << QString() << "." << QString();
    QTest::newRow("relative") << "sub"
                              << "sub" << QString();
    QTest::newRow("relative with ..") << "sub/../sub/deeper"
                                      << "sub/deeper" << QString();
    QTest::newRow("missing") << "nope" << QString() << "working directory '%1/nope' does not exist";
}

void TestShellExec::workingDirectory()
{
    QFETCH(QString, cwd);
    QFETCH(QString, expectedRelative);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("sub/deeper"));
    TestContext context;
    context.setWorkingDirectory(dir.path());
    QVariantMap config{{"command", "pwd -P"}};
    if (!cwd.isEmpty())
        config.insert("cwd", cwd);
    context.setConfig(config);
    const RunResult result = runNode(kShell, context);
    if (!error.isEmpty()) {
        QVERIFY(!result.ok);
        QCOMPARE(result.error, error.arg(dir.path()));
        return;
    }
    QVERIFY2(result.ok, qPrintable(result.error));
    const QString expected = QDir(QDir(dir.path()).filePath(expectedRelative)).canonicalPath();
    QCOMPARE(context.output("stdout").toString(), expected);
}

void TestShellExec::standardInput_data()
{
    QTest::addColumn<QVariant>("input");
    QTest::addColumn<QVariant>("command");
    QTest::addColumn<QString>("output");

    QTest::newRow("absent: closed, cat ends at once") << QVariant() << QVariant("cat; echo end") << "end";
    QTest::newRow("text") << QVariant("line 1\nline 2\n") << QVariant("cat") << "line 1\nline 2";
    QTest::newRow("empty text") << QVariant("") << QVariant("wc -c | tr -d ' '") << "0";
    QTest::newRow("map as JSON") << QVariant(QVariantMap{{"b", 1}, {"a", true}})
                                 << QVariant(QVariantList{"cat"}) << "{\n  \"a\": true,\n  \"b\": 1\n}";
    // More than a pipe holds, so writing must interleave with reading the output.
    const QString big(1 << 20, u'x');
    QTest::newRow("1 MiB, echoed back") << QVariant(big) << QVariant("cat | wc -c | tr -d ' '") << "1048576";
    QTest::newRow("1 MiB through cat") << QVariant(big) << QVariant("cat") << big;
}

void TestShellExec::standardInput()
{
    QFETCH(QVariant, input);
    QFETCH(QVariant, command);
    QFETCH(QString, output);
    TestContext context;
    context.setDeadline(QDeadlineTimer(20000)); // a stdin left open would hang cat until here
    context.setConfig({{"command", command}});
    if (input.isValid())
        context.setInputs({{"stdin", input}});
    const RunResult result = runNode(kShell, context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(context.output("stdout").toString(), output);
}

void TestShellExec::exitStatus_data()
{
    QTest::addColumn<QVariant>("command");
    QTest::addColumn<bool>("allowFailure");
    QTest::addColumn<QString>("error"); // empty: succeeds
    QTest::addColumn<qint64>("exitCode");
    QTest::addColumn<QString>("errorOutput");

    QTest::newRow("0") << QVariant("exit 0") << false << QString() << 0ll << QString();
    QTest::newRow("3, silent") << QVariant("exit 3") << false << "command exited with status 3" << 3ll
                               << QString();
    QTest::newRow("3, last stderr line")
        << QVariant("echo first >&2; echo 'oops: disk full' >&2; echo >&2; exit 3") << false
        << "command exited with status 3: oops: disk full" << 3ll << "first\noops: disk full\n";
    QTest::newRow("3, allowed") << QVariant("echo oops >&2; exit 3") << true << QString() << 3ll << "oops";
    QTest::newRow("not found through the shell")
        << QVariant("flow-no-such-command-xyz") << false
        << "command exited with status 127: /bin/sh: 1: flow-no-such-command-xyz: not found" << 127ll
        << "/bin/sh: 1: flow-no-such-command-xyz: not found";
    QTest::newRow("killed by a signal") << QVariant(QVariantList{"sh", "-c", "kill -9 $$"}) << false
                                        << "command was killed by signal 9 (Killed)" << 137ll << QString();
    QTest::newRow("killed, allowed") << QVariant(QVariantList{"sh", "-c", "kill -TERM $$"}) << true
                                     << QString() << 143ll << QString();
}

void TestShellExec::exitStatus()
{
    QFETCH(QVariant, command);
    QFETCH(bool, allowFailure);
    QFETCH(QString, error);
    QFETCH(qint64, exitCode);
    QFETCH(QString, errorOutput);
    TestContext context;
    context.setConfig({{"command", command}, {"allow_failure", allowFailure}});
    const RunResult result = runNode(kShell, context);
    QCOMPARE(result.error, error);
    QCOMPARE(result.ok, error.isEmpty());
    QCOMPARE(context.output("exit_code").toLongLong(), exitCode);
    QCOMPARE(context.output("stderr").toString(), errorOutput);
}

void TestShellExec::lines_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("logged");
    QTest::addColumn<QString>("output");

    QTest::newRow("CRLF") << "printf 'a\\r\\nb\\r\\n'" << QStringList{"a", "b"} << "a\r\nb";
    QTest::newRow("last line without newline") << "printf 'a\\nb'" << QStringList{"a", "b"} << "a\nb";
    QTest::newRow("empty lines") << "printf '\\n\\nx\\n'" << QStringList{"", "", "x"} << "\n\nx";
    // 200,000 bytes without a newline: logged in pieces of at most 64 KiB, output whole.
    const QString xs(200000, u'x');
    QTest::newRow("long line") << "head -c 200000 /dev/zero | tr '\\0' x"
                               << QStringList{xs.left(65536), xs.mid(65536, 65536), xs.mid(131072, 65536),
                                              xs.mid(196608)}
                               << xs;
    // One ASCII byte, then two-byte characters: the 64 KiB cut falls inside a character and must
    // move back one byte rather than split it.
    const QString umlauts = u'x' + QString(100000, QChar(0xE4));
    QTest::newRow("long UTF-8 line")
        << "printf x; i=0; while [ $i -lt 1000 ]; do printf '%0100d' 0; i=$((i+1)); "
           "done | sed 's/0/\\xc3\\xa4/g'"
        << QStringList{umlauts.left(32768), umlauts.mid(32768, 32768), umlauts.mid(65536, 32768),
                       umlauts.mid(98304)}
        << umlauts;
}

void TestShellExec::lines()
{
    QFETCH(QString, command);
    QFETCH(QStringList, logged);
    QFETCH(QString, output);
    TestContext context;
    context.setConfig({{"command", command}});
    const RunResult result = runNode(kShell, context);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QStringList lines = context.lines(LogStream::Stdout);
    QCOMPARE(lines.size(), logged.size());
    for (qsizetype i = 0; i < lines.size(); ++i)
        QVERIFY2(lines.at(i) == logged.at(i), qPrintable(QStringLiteral("line %1 differs").arg(i)));
    QCOMPARE(context.output("stdout").toString(), output);
}

void TestShellExec::progressLines()
{
    TestContext context;
    context.setConfig({{"command", "echo '::progress 42'; echo '::progress 3/7'; echo '::progress 12.5%'; "
                                   "echo '::progress soon'; echo done; echo '::progress 100'"}});
    const RunResult result = runNode(kShell, context);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QList<TestContext::Progress> progress = context.progress();
    QCOMPARE(progress.size(), 4);
    QCOMPARE(progress.at(0).fraction, 0.42);
    QCOMPARE(progress.at(0).text, QString());
    QCOMPARE(progress.at(1).fraction, 3 / 7.0);
    QCOMPARE(progress.at(1).text, "3/7");
    QCOMPARE(progress.at(2).fraction, 0.125);
    QCOMPARE(progress.at(3).fraction, 1.0);
    // Progress lines are neither logged nor part of the output; malformed ones are ordinary lines.
    QCOMPARE(context.lines(LogStream::Stdout), (QStringList{"::progress soon", "done"}));
    QCOMPARE(context.output("stdout").toString(), "::progress soon\ndone");
}

void TestShellExec::startFailure_data()
{
    QTest::addColumn<QVariant>("command");
    QTest::addColumn<QString>("error");

    QTest::newRow("not on PATH") << QVariant(QVariantList{"flow-no-such-program-xyz", "arg"})
                                 << "cannot start 'flow-no-such-program-xyz': No such file or directory";
    QTest::newRow("missing path") << QVariant(QVariantList{"/nonexistent/tool"})
                                  << "cannot start '/nonexistent/tool': No such file or directory";
    QTest::newRow("a directory") << QVariant(QVariantList{"/tmp"})
                                 << "cannot start '/tmp': Permission denied";
    QTest::newRow("empty argv") << QVariant(QVariantList{}) << "config 'command' is an empty list";
    QTest::newRow("empty string") << QVariant("") << "config 'command' is required";
    QTest::newRow("absent") << QVariant() << "config 'command' is required";
}

void TestShellExec::startFailure()
{
    QFETCH(QVariant, command);
    QFETCH(QString, error);
    TestContext context;
    if (command.isValid())
        context.setConfig({{"command", command}});
    const RunResult result = runNode(kShell, context);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
}

void TestShellExec::perProcessOverhead_data()
{
    QTest::addColumn<QVariant>("command");
    QTest::newRow("argv") << QVariant(QVariantList{"true"});
    QTest::newRow("shell string") << QVariant("true");
}

// What one short command costs; the executor benchmark chains 1,000 of them against GNU make.
void TestShellExec::perProcessOverhead()
{
    QFETCH(QVariant, command);
    const int runs = qEnvironmentVariableIntValue("FLOW_SHELL_RUNS") > 0
                         ? qEnvironmentVariableIntValue("FLOW_SHELL_RUNS")
                         : 200;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < runs; ++i) {
        TestContext context;
        context.setConfig({{"command", command}});
        const RunResult result = runNode(kShell, context);
        QVERIFY2(result.ok, qPrintable(result.error));
    }
    const double perRun = double(timer.nsecsElapsed()) / 1e6 / runs;
    qInfo("shell.exec %s: %.3f ms per run (%d runs)", QTest::currentDataTag(), perRun, runs);
    QVERIFY2(perRun < 25.0, "a finished process is not noticed at once");
}

QTEST_GUILESS_MAIN(TestShellExec)
#include "tst_shellexec.moc"

// debug.log, time.delay, file.read and file.write on real files, and the registry's wiring.
#include "testcontext.h"

#include "nodes/registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;
using namespace Flow::Test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestBasicNodes : public QObject
{
    Q_OBJECT

private slots:
    void builtinsCanRun_data();
    void builtinsCanRun();
    void debugLog_data();
    void debugLog();
    void delayPassesValueThrough();
    void delayStops_data();
    void delayStops();
    void delayBadDuration();
    void fileRead_data();
    void fileRead();
    void fileWrite_data();
    void fileWrite();
    void fileWriteReplacesAtomically();
    void fileWriteAppends();
    void fileWriteErrors();
};

void TestBasicNodes::builtinsCanRun_data()
{
    QTest::addColumn<QString>("type");
    for (const char *type : {"shell.exec", "debug.log", "time.delay", "file.read", "file.write", "json.parse",
                             "json.stringify", "json.select", "http.request", "script.js"})
        QTest::newRow(type) << QString::fromLatin1(type);
}

void TestBasicNodes::builtinsCanRun()
{
    QFETCH(QString, type);
    QVERIFY(NodeRegistry::builtins().canRun(type));
    QVERIFY(NodeRegistry::builtins().create(type) != nullptr);
}

void TestBasicNodes::debugLog_data()
{
    QTest::addColumn<QVariantMap>("config");
    QTest::addColumn<QVariant>("input");
    QTest::addColumn<LogStream>("stream");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("message");

    QTest::newRow("config message, default level") << QVariantMap{{"message", "hello"}} << QVariant("ignored")
                                                   << LogStream::Info << QStringList{"hello"} << "hello";
    QTest::newRow("input when config is empty")
        << QVariantMap{{"message", ""}, {"level", "warn"}} << QVariant("from input") << LogStream::Warn
        << QStringList{"from input"} << "from input";
    QTest::newRow("map input as JSON")
        << QVariantMap{{"level", "debug"}} << QVariant(QVariantMap{{"a", 1}}) << LogStream::Debug
        << QStringList{"{", "  \"a\": 1", "}"} << "{\n  \"a\": 1\n}";
    QTest::newRow("number input") << QVariantMap{{"level", "error"}} << QVariant(2.5) << LogStream::Error
                                  << QStringList{"2.5"} << "2.5";
    QTest::newRow("one event per line") << QVariantMap{{"message", "a\nb"}} << QVariant() << LogStream::Info
                                        << QStringList{"a", "b"} << "a\nb";
}

void TestBasicNodes::debugLog()
{
    QFETCH(QVariantMap, config);
    QFETCH(QVariant, input);
    QFETCH(LogStream, stream);
    QFETCH(QStringList, lines);
    QFETCH(QString, message);
    TestContext context;
    context.setConfig(config);
    if (input.isValid())
        context.setInputs({{"message", input}});
    const RunResult result = runNode("debug.log", context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(context.lines(stream), lines);
    QCOMPARE(context.logs().size(), lines.size());
    QCOMPARE(context.output("message").toString(), message);
}

void TestBasicNodes::delayPassesValueThrough()
{
    TestContext context;
    const QVariant value = QVariantMap{{"k", QVariantList{1, 2}}};
    context.setInputs({{"value", value}});
    context.setConfig({{"duration", "150ms"}});
    const RunResult result = runNode("time.delay", context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.finishedAtMs >= 150);
    QCOMPARE(context.output("value"), value);
}

void TestBasicNodes::delayStops_data()
{
    QTest::addColumn<bool>("byDeadline");
    QTest::newRow("cancel") << false;
    QTest::newRow("timeout") << true;
}

void TestBasicNodes::delayStops()
{
    QFETCH(bool, byDeadline);
    TestContext context;
    context.setConfig({{"duration", "1h"}});
    if (byDeadline)
        context.setDeadline(QDeadlineTimer(200));
    BackgroundRun run("time.delay", context);
    if (!byDeadline) {
        QTRY_VERIFY_WITH_TIMEOUT(context.isWaiting(), 5000);
        context.cancel();
    }
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 5000);
    QCOMPARE(run.result().error, byDeadline ? "timed out after 200ms" : "cancelled");
    QVERIFY(!context.outputs().contains("value"));
}

void TestBasicNodes::delayBadDuration()
{
    TestContext context;
    context.setConfig({{"duration", "5"}});
    QCOMPARE(runNode("time.delay", context).error,
             "config 'duration' must be a duration such as 250ms, 30s, 10m or 1h, not '5'");
}

void TestBasicNodes::fileRead_data()
{
    QTest::addColumn<QString>("path"); // %1 = the temp dir
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("error");

    QTest::newRow("relative") << "in.txt" << QString::fromUtf8("héllo\nworld\n") << QString();
    QTest::newRow("nested relative") << "sub/../in.txt" << QString::fromUtf8("héllo\nworld\n") << QString();
    QTest::newRow("absolute") << "%1/in.txt" << QString::fromUtf8("héllo\nworld\n") << QString();
    QTest::newRow("empty file") << "empty.txt" << QString() << QString();
    QTest::newRow("missing") << "nope.txt" << QString() << "cannot read '%1/nope.txt': no such file";
    QTest::newRow("directory") << "sub" << QString() << "cannot read '%1/sub': it is a directory";
    QTest::newRow("no path") << "" << QString() << "config 'path' is required";
}

void TestBasicNodes::fileRead()
{
    QFETCH(QString, path);
    QFETCH(QString, content);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("sub"));
    QVERIFY(writeFile(dir.filePath("in.txt"), QString::fromUtf8("héllo\nworld\n").toUtf8()));
    QVERIFY(writeFile(dir.filePath("empty.txt"), {}));
    TestContext context;
    context.setWorkingDirectory(dir.path());
    context.setConfig({{"path", path.contains("%1") ? path.arg(dir.path()) : path}});
    const RunResult result = runNode("file.read", context);
    QCOMPARE(result.error, error.contains("%1") ? error.arg(dir.path()) : error);
    if (error.isEmpty())
        QCOMPARE(context.output("content").toString(), content);
}

void TestBasicNodes::fileWrite_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QVariant>("content");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("written"); // relative to the temp dir

    QTest::newRow("text") << "out.txt" << QVariant(QString::fromUtf8("ä\n")) << QByteArray("\xc3\xa4\n")
                          << "out.txt";
    QTest::newRow("creates parent directories")
        << "a/b/c/out.md" << QVariant("x") << QByteArray("x") << "a/b/c/out.md";
    QTest::newRow("map as indented JSON") << "v.json" << QVariant(QVariantMap{{"b", 1}, {"a", 2}})
                                          << QByteArray("{\n  \"a\": 2,\n  \"b\": 1\n}") << "v.json";
    QTest::newRow("number") << "n.txt" << QVariant(42) << QByteArray("42") << "n.txt";
    QTest::newRow("no input: empty file") << "empty.txt" << QVariant() << QByteArray() << "empty.txt";
    QTest::newRow("path is cleaned") << "./x/../y.txt" << QVariant("y") << QByteArray("y") << "y.txt";
}

void TestBasicNodes::fileWrite()
{
    QFETCH(QString, path);
    QFETCH(QVariant, content);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, written);
    QTemporaryDir dir;
    TestContext context;
    context.setWorkingDirectory(dir.path());
    context.setConfig({{"path", path}});
    if (content.isValid())
        context.setInputs({{"content", content}});
    const RunResult result = runNode("file.write", context);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QString expectedPath = dir.filePath(written);
    QCOMPARE(context.output("path").toString(), expectedPath);
    QCOMPARE(readAll(expectedPath), bytes);
}

void TestBasicNodes::fileWriteReplacesAtomically()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("out.txt"), "old content that is longer"));
    TestContext context;
    context.setWorkingDirectory(dir.path());
    context.setConfig({{"path", "out.txt"}});
    context.setInputs({{"content", "new"}});
    const RunResult result = runNode("file.write", context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(readAll(dir.filePath("out.txt")), "new");
    // QSaveFile wrote a temporary next to it and renamed it over: nothing else is left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"out.txt"});
}

void TestBasicNodes::fileWriteAppends()
{
    QTemporaryDir dir;
    for (const char *chunk : {"one\n", "two\n"}) {
        TestContext context;
        context.setWorkingDirectory(dir.path());
        context.setConfig({{"path", "log/out.txt"}, {"append", true}});
        context.setInputs({{"content", chunk}});
        const RunResult result = runNode("file.write", context);
        QVERIFY2(result.ok, qPrintable(result.error));
    }
    QCOMPARE(readAll(dir.filePath("log/out.txt")), "one\ntwo\n");
}

void TestBasicNodes::fileWriteErrors()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("adir"));
    QVERIFY(writeFile(dir.filePath("afile"), "x"));
    TestContext context;
    context.setWorkingDirectory(dir.path());
    context.setInputs({{"content", "x"}});

    context.setConfig({{"path", "adir"}});
    QCOMPARE(runNode("file.write", context).error,
             QStringLiteral("cannot write '%1/adir': it is a directory").arg(dir.path()));
    context.setConfig({{"path", "afile/below.txt"}});
    QCOMPARE(runNode("file.write", context).error,
             QStringLiteral("cannot write '%1/afile/below.txt': cannot create directory '%1/afile'")
                 .arg(dir.path()));
    context.setConfig({{"path", "out.txt"}, {"append", "maybe"}});
    QCOMPARE(runNode("file.write", context).error, "config 'append' must be true or false, not 'maybe'");
}

QTEST_GUILESS_MAIN(TestBasicNodes)
#include "tst_basicnodes.moc"

// script.js in its sandbox: inputs as variables, results and named outputs, console, errors with
// lines, the time limit, cancel and deadline, and the absence of anything beyond ECMAScript.
#include "testcontext.h"

#include <QTest>

using namespace Flow;
using namespace Flow::Test;

namespace {

const QVariant kNull = QVariant::fromValue(nullptr);

RunResult runScript(TestContext &context, const QString &code, const QVariantMap &inputs = {},
                    const QVariantMap &extraConfig = {})
{
    QVariantMap config = extraConfig;
    config.insert("code", code);
    context.setConfig(config);
    context.setInputs(inputs);
    return runNode(QStringLiteral("script.js"), context);
}

} // namespace

class TestScriptJs : public QObject
{
    Q_OBJECT

private slots:
    void results_data();
    void results();
    void namedOutputs();
    void namedOutputErrors_data();
    void namedOutputErrors();
    void console();
    void errors_data();
    void errors();
    void sandbox_data();
    void sandbox();
    void timeLimit();
    void timeLimitCannotBeCaught();
    void stops_data();
    void stops();
};

void TestScriptJs::results_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QVariantMap>("inputs");
    QTest::addColumn<QVariant>("result");

    const QVariantMap prs{
        {"prs", QVariantList{QVariantMap{{"title", "Fix"}}, QVariantMap{{"title", "Add"}}}}};
    QTest::newRow("design example") << "return prs.map(p => `- ${p.title}`).join(\"\\n\");" << prs
                                    << QVariant("- Fix\n- Add");
    QTest::newRow("arithmetic on inputs")
        << "return a * b + 0.5;" << QVariantMap{{"a", 3}, {"b", 4ll}} << QVariant(12.5);
    QTest::newRow("whole numbers are integers") << "return 6 / 2;" << QVariantMap{} << QVariant(3ll);
    QTest::newRow("object") << "return {n: 1, list: [true, null, 'x'], nested: {k: 2.5}};" << QVariantMap{}
                            << QVariant(QVariantMap{{"n", 1ll},
                                                    {"list", QVariantList{true, kNull, "x"}},
                                                    {"nested", QVariantMap{{"k", 2.5}}}});
    QTest::newRow("map input keeps its shape")
        << "return m.inner.list.length;"
        << QVariantMap{{"m", QVariantMap{{"inner", QVariantMap{{"list", QVariantList{1, 2, 3}}}}}}}
        << QVariant(3ll);
    QTest::newRow("null input") << "return v === null;" << QVariantMap{{"v", kNull}} << QVariant(true);
    QTest::newRow("no return") << "const x = 1;" << QVariantMap{} << QVariant();
    QTest::newRow("multi-line body") << "let s = 0;\nfor (let i = 1; i <= 10; ++i)\n  s += i;\nreturn s;"
                                     << QVariantMap{} << QVariant(55ll);
    QTest::newRow("JSON built-in") << "return JSON.parse(t).a;" << QVariantMap{{"t", "{\"a\": [1]}"}}
                                   << QVariant(QVariantList{1ll});
}

void TestScriptJs::results()
{
    QFETCH(QString, code);
    QFETCH(QVariantMap, inputs);
    QFETCH(QVariant, result);
    TestContext context;
    const RunResult run = runScript(context, code, inputs);
    QVERIFY2(run.ok, qPrintable(run.error));
    QCOMPARE(context.output("result"), result);
}

void TestScriptJs::namedOutputs()
{
    TestContext context;
    const RunResult run
        = runScript(context, "return {count: items.length, first: items[0], extra: 'ignored'};",
                    {{"items", QVariantList{"a", "b"}}}, {{"outputs", QVariantList{"count", "first"}}});
    QVERIFY2(run.ok, qPrintable(run.error));
    QCOMPARE(context.output("count"), QVariant(2ll));
    QCOMPARE(context.output("first"), QVariant("a"));
    QVERIFY(!context.outputs().contains("extra"));
    QCOMPARE(context.output("result").toMap().value("extra"), QVariant("ignored"));
}

void TestScriptJs::namedOutputErrors_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing field")
        << "return {a: 1, b: 2};"
        << "the returned object has no field 'c' named in config 'outputs' (it has: a, b)";
    QTest::newRow("not an object")
        << "return [1];"
        << "the script returned a list, but config 'outputs' expects an object with a, c";
    QTest::newRow("nothing") << "return;"
                             << "the script returned null, but config 'outputs' expects an object with a, c";
}

void TestScriptJs::namedOutputErrors()
{
    QFETCH(QString, code);
    QFETCH(QString, error);
    TestContext context;
    QCOMPARE(runScript(context, code, {}, {{"outputs", QVariantList{"a", "c"}}}).error, error);
}

void TestScriptJs::console()
{
    TestContext context;
    const RunResult run = runScript(context, "console.log('hello', 42, {a: [1]}, undefined);\n"
                                             "console.warn('careful');\nconsole.error('bad\\nworse');\n"
                                             "console.debug(null);\nreturn 1;");
    QVERIFY2(run.ok, qPrintable(run.error));
    QCOMPARE(context.lines(LogStream::Info), QStringList{"hello 42 {\"a\":[1]} undefined"});
    QCOMPARE(context.lines(LogStream::Warn), QStringList{"careful"});
    QCOMPARE(context.lines(LogStream::Error), (QStringList{"bad", "worse"}));
    QCOMPARE(context.lines(LogStream::Debug), QStringList{"null"});
}

void TestScriptJs::errors_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QVariantMap>("inputs");
    QTest::addColumn<QString>("error");

    QTest::newRow("TypeError on line 2")
        << "const a = 1;\nreturn a.b.c;" << QVariantMap{}
        << "script error at line 2: TypeError: Cannot read property 'c' of undefined";
    QTest::newRow("thrown Error on line 3")
        << "\n\nthrow new Error('nope');" << QVariantMap{} << "script error at line 3: Error: nope";
    QTest::newRow("thrown string") << "throw 'plain';" << QVariantMap{} << "script threw: plain";
    QTest::newRow("syntax error on line 2")
        << "let x = 1;\nreturn x +;" << QVariantMap{}
        << "script error at line 2: SyntaxError: Expected token `numeric literal'";
    QTest::newRow("unknown variable") << "return missing;" << QVariantMap{}
                                      << "script error at line 1: ReferenceError: missing is not defined";
    QTest::newRow("bad input name")
        << "return 1;" << QVariantMap{{"my-port", 1}}
        << "input 'my-port' cannot be a JavaScript variable: use letters, digits, _ or $, "
           "and no reserved word";
    QTest::newRow("reserved input name")
        << "return 1;" << QVariantMap{{"class", 1}}
        << "input 'class' cannot be a JavaScript variable: use letters, digits, _ "
           "or $, and no reserved word";
    QTest::newRow("no code") << "" << QVariantMap{} << "config 'code' is required";
}

void TestScriptJs::errors()
{
    QFETCH(QString, code);
    QFETCH(QVariantMap, inputs);
    QFETCH(QString, error);
    TestContext context;
    QCOMPARE(runScript(context, code, inputs).error, error);
}

void TestScriptJs::sandbox_data()
{
    QTest::addColumn<QString>("expression");
    // None of these may exist: no Qt object, no QML or console-extension helpers, no module loading,
    // no timers, no XMLHttpRequest, no Node.js or browser globals.
    for (const char *name : {"Qt", "print", "gc", "qsTr", "require", "XMLHttpRequest", "fetch", "setTimeout",
                             "process", "importScripts", "window", "document"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestScriptJs::sandbox()
{
    QFETCH(QString, expression);
    TestContext context;
    const RunResult run = runScript(context, QStringLiteral("return typeof %1;").arg(expression));
    QVERIFY2(run.ok, qPrintable(run.error));
    QCOMPARE(context.output("result"), QVariant("undefined"));
}

void TestScriptJs::timeLimit()
{
    TestContext context;
    const RunResult run = runScript(context, "while (true) {}", {}, {{"time_limit", "300ms"}});
    QCOMPARE(run.error, "script exceeded its time limit of 300ms");
    QVERIFY2(run.finishedAtMs >= 300 && run.finishedAtMs < 2000,
             qPrintable(QString::number(run.finishedAtMs)));
}

// A script cannot swallow the interrupt with try/catch and keep going.
void TestScriptJs::timeLimitCannotBeCaught()
{
    TestContext context;
    const RunResult run
        = runScript(context, "for (;;) { try { for (;;) {} } catch (e) { console.log('caught'); } }", {},
                    {{"time_limit", "200ms"}});
    QCOMPARE(run.error, "script exceeded its time limit of 200ms");
    QVERIFY(run.finishedAtMs < 2000);
}

void TestScriptJs::stops_data()
{
    QTest::addColumn<bool>("byDeadline");
    QTest::newRow("timeout") << true;
    QTest::newRow("cancel") << false;
}

void TestScriptJs::stops()
{
    QFETCH(bool, byDeadline);
    TestContext context;
    context.setConfig({{"code", "console.log('started'); while (true) {}"}, {"time_limit", "1h"}});
    if (byDeadline)
        context.setDeadline(QDeadlineTimer(300));
    BackgroundRun run("script.js", context);
    qint64 stopAt = 300;
    if (!byDeadline) {
        QTRY_COMPARE_WITH_TIMEOUT(context.lines(LogStream::Info), QStringList{"started"}, 10000);
        stopAt = context.elapsedMs();
        context.cancel();
    }
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 10000);
    QCOMPARE(run.result().error, byDeadline ? "timed out after 300ms" : "cancelled");
    QVERIFY2(run.result().finishedAtMs - stopAt < 1000, "the script was not interrupted promptly");
}

QTEST_GUILESS_MAIN(TestScriptJs)
#include "tst_scriptjs.moc"

// The canonical writer: exact text for tricky scalars, literal blocks, numbers, keys, flow versus
// block, key order and fragments, each also checked to read back the same.
#include "model/workflowio.h"
#include "workflowcompare.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Flow;

namespace {

Workflow withConfig(const QString &key, const Value &value)
{
    Workflow w;
    Node n;
    n.id = QStringLiteral("n");
    n.type = QStringLiteral("debug.log");
    n.config.insert(key, value);
    w.nodes.append(n);
    return w;
}

// The text written for config value `value` in block style (the part after "      k:"), without the
// final newline. A long second entry keeps the config map from going on one line.
QString configText(const Value &value)
{
    Workflow w = withConfig(QStringLiteral("k"), value);
    w.nodes[0].config.insert(QStringLiteral("zz"), QString(80, u'z'));
    const QString text = QString::fromUtf8(writeWorkflow(w));
    const QString marker = QStringLiteral("    config:\n      k:");
    const qsizetype at = text.indexOf(marker);
    const qsizetype end = text.indexOf(QStringLiteral("\n      zz:"));
    if (at < 0 || end < 0)
        return text;
    return text.mid(at + marker.size(), end - at - marker.size());
}

// The one-line config map written for {k: value}.
QString flowConfigText(const Value &value)
{
    const QString text = QString::fromUtf8(writeWorkflow(withConfig(QStringLiteral("k"), value)));
    const QString marker = QStringLiteral("    config: ");
    const qsizetype at = text.indexOf(marker);
    return at < 0 ? text : text.mid(at + marker.size()).section(u'\n', 0, 0);
}

} // namespace

class TestYamlWriter : public QObject
{
    Q_OBJECT

private slots:
    void emptyWorkflow()
    {
        QCOMPARE(QString::fromUtf8(writeWorkflow(Workflow())), QStringLiteral("flowstudio: 1\nnodes: {}\n"));
        QCOMPARE(Test::roundTripProblem(Workflow()), QString());
    }

    void nodeWithoutType()
    {
        // What an editor holds while a node is half made: written without `type`, read back the same.
        Workflow w;
        Node bare;
        bare.id = QStringLiteral("log");
        Node partial = bare;
        partial.id = QStringLiteral("partial");
        partial.config.insert(QStringLiteral("message"), QStringLiteral("hi"));
        w.nodes = {bare, partial};
        QCOMPARE(QString::fromUtf8(writeWorkflow(w)),
                 QStringLiteral("flowstudio: 1\nnodes:\n  log:\n  partial:\n    config: {message: hi}\n"));
        QCOMPARE(Test::roundTripProblem(w), QString());
    }

    void stringScalars_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        const auto row = [](const char *name, const QString &value, const QString &written) {
            QTest::newRow(name) << value << written;
        };
        row("plain", "hello world", " hello world");
        row("empty", "", " \"\"");
        row("true", "true", " \"true\"");
        row("True", "True", " \"True\"");
        row("null", "null", " \"null\"");
        row("tilde", "~", " \"~\"");
        row("int", "123", " \"123\"");
        row("negative", "-5", " \"-5\"");
        row("float", "1.5", " \"1.5\"");
        row("exponent", "1e3", " \"1e3\"");
        row("hex", "0x1F", " \"0x1F\"");
        row("inf", ".inf", " \".inf\"");
        row("yaml 1.1 yes", "yes", " \"yes\"");
        row("yaml 1.1 off", "Off", " \"Off\"");
        row("yaml 1.1 underscore", "1_000", " \"1_000\"");
        row("yaml 1.1 sexagesimal", "12:30", " \"12:30\"");
        row("yaml 1.1 date", "2024-01-31", " \"2024-01-31\"");
        row("duration", "30s", " 30s");
        row("version", "1.2.3", " 1.2.3");
        row("colon space", "a: b", " \"a: b\"");
        row("colon inside", "a:b", " a:b");
        row("url", "https://example.com/x?q=1&r=2", " https://example.com/x?q=1&r=2");
        row("single letter", "n", " n");
        row("ends with colon", "key:", " \"key:\"");
        row("comment", "a #b", " \"a #b\"");
        row("hash inside", "a#b", " a#b");
        row("dash space", "- x", " \"- x\"");
        row("dash", "-x", " \"-x\"");
        row("lone dash", "-", " \"-\"");
        row("question", "?x", " \"?x\"");
        row("hash first", "#x", " \"#x\"");
        row("anchor", "&x", " \"&x\"");
        row("alias", "*x", " \"*x\"");
        row("tag", "!x", " \"!x\"");
        row("pipe", "|x", " \"|x\"");
        row("percent", "%x", " \"%x\"");
        row("at", "@x", " \"@x\"");
        row("backtick", "`x", " \"`x\"");
        row("brace", "{a}", " \"{a}\"");
        row("bracket", "[1, 2]", " \"[1, 2]\"");
        row("comma", "a, b", " a, b");
        row("single quote first", "'x'", " \"'x'\"");
        row("double quote first", "\"x\"", " \"\\\"x\\\"\"");
        row("quotes inside", "say \"hi\" it's", " say \"hi\" it's");
        row("leading space", " x", " \" x\"");
        row("trailing space", "x ", " \"x \"");
        row("tab", "a\tb", " \"a\\tb\"");
        row("backslash", "C:\\path", " C:\\path");
        row("control", QStringLiteral("bell\x07"), " \"bell\\x07\"");
        row("line separator", QString(QChar(0x2028)), " \"\\L\"");
        row("bom", QString(QChar(0xfeff)) + u"x", " \"\\uFEFFx\"");
        row("expression", "${{ params.x }}", " \"${{ params.x }}\"");
        row("expression in text", "Hello ${{ params.name }}!", " \"Hello ${{ params.name }}!\"");
        row("unicode", "Grüße 日本 🚀", " Grüße 日本 🚀");
        row("document marker", "---", " \"---\"");
        row("merge key", "<<", " \"<<\"");
        row("windows newline", "a\r\nb", " \"a\\r\\nb\"");
    }
    void stringScalars()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(configText(Value(value)), written);
        QCOMPARE(Test::roundTripProblem(withConfig(QStringLiteral("k"), Value(value))), QString());
    }

    void multilineStrings_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("clip") << "a\nb\n"
                              << " |\n        a\n        b";
        QTest::newRow("strip") << "a\nb"
                               << " |-\n        a\n        b";
        QTest::newRow("keep") << "a\nb\n\n\n"
                              << " |+\n        a\n        b\n\n";
        QTest::newRow("empty line inside") << "a\n\nb\n"
                                           << " |\n        a\n\n        b";
        QTest::newRow("indented lines") << "if x:\n    y\n"
                                        << " |\n        if x:\n            y";
        QTest::newRow("trailing spaces") << "a  \nb \n"
                                         << " |\n        a  \n        b ";
        QTest::newRow("tab after first line") << "a\n\tb\n"
                                              << " |\n        a\n        \tb";
        QTest::newRow("hash and colon") << "# not a comment\nkey: value\n"
                                        << " |\n        # not a comment\n        key: value";
        QTest::newRow("expression") << "echo ${{ params.x }}\necho done\n"
                                    << " |\n        echo ${{ params.x }}\n        echo done";
        QTest::newRow("document markers") << "---\n...\n"
                                          << " |\n        ---\n        ...";
        QTest::newRow("leading space") << "  a\nb\n"
                                       << " \"  a\\nb\\n\"";
        QTest::newRow("leading newline") << "\na\n"
                                         << " \"\\na\\n\"";
        QTest::newRow("blank-only line") << "a\n  \nb"
                                         << " \"a\\n  \\nb\"";
        QTest::newRow("only newlines") << "\n\n"
                                       << " \"\\n\\n\"";
        QTest::newRow("carriage return") << "a\r\nb\r\n"
                                         << " \"a\\r\\nb\\r\\n\"";
        QTest::newRow("control") << QStringLiteral("a\n\x01\n") << " \"a\\n\\x01\\n\"";
    }
    void multilineStrings()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(configText(Value(value)), written);
        QCOMPARE(Test::roundTripProblem(withConfig(QStringLiteral("k"), Value(value))), QString());
    }

    void numbers_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("int") << Value(42) << "{42}";
        QTest::newRow("negative int") << Value(-7) << "{-7}";
        QTest::newRow("max int") << Value(std::numeric_limits<qint64>::max()) << "{9223372036854775807}";
        QTest::newRow("min int") << Value(std::numeric_limits<qint64>::min()) << "{-9223372036854775808}";
        QTest::newRow("2.0") << Value(2.0) << "{2.0}";
        QTest::newRow("0.1") << Value(0.1) << "{0.1}";
        QTest::newRow("zero") << Value(0.0) << "{0.0}";
        QTest::newRow("minus zero") << Value(-0.0) << "{-0.0}";
        QTest::newRow("big") << Value(1e20) << "{1.0e+20}";
        QTest::newRow("small") << Value(1e-7) << "{1.0e-07}";
        QTest::newRow("precise") << Value(0.30000000000000004) << "{0.30000000000000004}";
        QTest::newRow("inf") << Value(std::numeric_limits<double>::infinity()) << "{.inf}";
        QTest::newRow("-inf") << Value(-std::numeric_limits<double>::infinity()) << "{-.inf}";
        QTest::newRow("nan") << Value(std::numeric_limits<double>::quiet_NaN()) << "{.nan}";
        QTest::newRow("true") << Value(true) << "{true}";
        QTest::newRow("null") << Value() << "{null}";
    }
    void numbers()
    {
        QFETCH(Value, value);
        QFETCH(QString, written);
        QCOMPARE(flowConfigText(value), QStringLiteral("{k: ") + written.mid(1, written.size() - 2) + u'}');
        const Workflow w = withConfig(QStringLiteral("k"), value);
        QCOMPARE(Test::roundTripProblem(w), QString());
        const Value back = readWorkflow(writeWorkflow(w)).workflow->nodes.first().config.map().front().second;
        QCOMPARE(back.type(), value.type());
        if (value.isDouble() && value.toDouble() == 0.0)
            QCOMPARE(std::signbit(back.toDouble()), std::signbit(value.toDouble()));
    }

    void keysNeedingQuotes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << "key"
                               << "key";
        QTest::newRow("space") << "key with space"
                               << "key with space";
        QTest::newRow("colon space") << "a: b"
                                     << "\"a: b\"";
        QTest::newRow("empty") << ""
                               << "\"\"";
        QTest::newRow("number") << "1"
                                << "\"1\"";
        QTest::newRow("bool") << "true"
                              << "\"true\"";
        QTest::newRow("null") << "null"
                              << "\"null\"";
        QTest::newRow("dash") << "-x"
                              << "\"-x\"";
        QTest::newRow("hash") << "#"
                              << "\"#\"";
        QTest::newRow("question") << "?"
                                  << "\"?\"";
        QTest::newRow("merge") << "<<"
                               << "\"<<\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\\nb\"";
        QTest::newRow("unicode") << "clé"
                                 << "clé";
    }
    void keysNeedingQuotes()
    {
        QFETCH(QString, key);
        QFETCH(QString, written);
        Workflow w = withConfig(key, Value(QStringLiteral("v")));
        w.nodes.first().config.insert(QStringLiteral("long"), QString(80, u'x')); // forces block style
        const QString text = QString::fromUtf8(writeWorkflow(w));
        QVERIFY2(text.contains(QStringLiteral("\n      ") + written + QStringLiteral(": v\n")),
                 qPrintable(text));
        QCOMPARE(Test::roundTripProblem(w), QString());
    }

    void longKeys()
    {
        // Keys over 1024 characters need YAML's explicit `? key` form, in every position.
        const QString longKey = QString(1100, u'k');
        Workflow w = withConfig(longKey, Value(QStringLiteral("v")));
        Value nested = Value::makeMap();
        nested.insert(longKey + u'2', Value(Value::List{Value(1)}));
        nested.insert(QStringLiteral("short"), QStringLiteral("a\nb\n"));
        w.nodes[0].config.insert(QStringLiteral("nested"), nested);
        Value items = Value::makeList();
        items.append(nested);
        w.nodes[0].config.insert(QStringLiteral("items"), items);
        w.params.append(ParamSpec{longKey, Value(1), {}, {}});
        const QString text = QString::fromUtf8(writeWorkflow(w));
        QVERIFY2(text.contains(QStringLiteral("    config:\n      ? ") + longKey
                               + QStringLiteral("\n      : v\n")),
                 qPrintable(text.left(300)));
        QCOMPARE(Test::roundTripProblem(w), QString());
    }

    void flowOrBlock()
    {
        Workflow w;
        Node a;
        a.id = QStringLiteral("a");
        a.type = QStringLiteral("script.js");
        a.inputs.append(InputBinding{QStringLiteral("p"), QStringLiteral("b"), QString(61, u'x'), {}});
        w.nodes.append(a);
        QString text = QString::fromUtf8(writeWorkflow(w));
        const QString flowLine = QStringLiteral("    inputs: {p: b.") + QString(61, u'x') + u'}';
        QCOMPARE(flowLine.size(), 80);
        QVERIFY2(text.contains(flowLine + u'\n'), qPrintable(text));

        w.nodes[0].inputs[0].sourcePort += u'x'; // 81 columns: block style
        text = QString::fromUtf8(writeWorkflow(w));
        QVERIFY2(text.contains(QStringLiteral("    inputs:\n      p: b.x")), qPrintable(text));

        // A map holding a list is never flow style, but the list inside it is.
        w.nodes[0].inputs.clear();
        Value env = Value::makeMap();
        env.insert(QStringLiteral("args"), Value(Value::List{Value("a"), Value("b, c")}));
        w.nodes[0].config.insert(QStringLiteral("nested"), env);
        text = QString::fromUtf8(writeWorkflow(w));
        QVERIFY2(text.contains(QStringLiteral("    config:\n      nested:\n        args: [a, \"b, c\"]\n")),
                 qPrintable(text));

        // Lists of maps: block items with the first key on the dash line.
        Value items = Value::makeList();
        Value item = Value::makeMap();
        item.insert(QStringLiteral("name"), QStringLiteral("x"));
        item.insert(QStringLiteral("tags"), Value(Value::List{Value(1), Value(2)}));
        items.append(item);
        items.append(Value(Value::List{Value(Value::List{Value(1)})}));
        w.nodes[0].config = Value::makeMap();
        w.nodes[0].config.insert(QStringLiteral("items"), items);
        text = QString::fromUtf8(writeWorkflow(w));
        QVERIFY2(text.contains(QStringLiteral("      items:\n        - name: x\n          tags: [1, 2]\n"
                                              "        - - [1]\n")),
                 qPrintable(text));
        QCOMPARE(Test::roundTripProblem(w), QString());
    }

    void canonicalNodeKeyOrder()
    {
        Workflow w;
        w.name = QStringLiteral("All fields");
        w.description = QStringLiteral("Line one\nLine two\n");
        w.params.append(
            ParamSpec{QStringLiteral("who"), Value(QStringLiteral("world")), QStringLiteral("Whom"), {}});
        w.params.append(ParamSpec{QStringLiteral("needed"), Value(), QString(), {}});
        w.settings.maxParallel = 3;
        w.settings.onError = OnError::FinishRunning;
        w.settings.timeout = Millis(90000);
        w.outputs.append(
            OutputBinding{QStringLiteral("out"), QStringLiteral("b"), QStringLiteral("message"), {}});
        Node a;
        a.id = QStringLiteral("a");
        a.type = QStringLiteral("shell.exec");
        Node b;
        b.id = QStringLiteral("b");
        b.type = QStringLiteral("debug.log");
        b.description = QStringLiteral("Everything set");
        b.inputs.append(
            InputBinding{QStringLiteral("message"), QStringLiteral("a"), QStringLiteral("stdout"), {}});
        b.when = QStringLiteral("${{ params.who }}");
        b.forEach = Value(Value::List{Value(1), Value(2)});
        b.concurrency = 2;
        b.config.insert(QStringLiteral("level"), QStringLiteral("warn"));
        b.retry = RetryPolicy{3, Millis(500), 1.5, Millis(4000), {}};
        b.timeout = Millis(1500);
        b.cache = true;
        b.after = {QStringLiteral("a")};
        b.position = QPointF(10.5, -20);
        a.position = QPointF(0, 0);
        w.nodes = {a, b};
        const QString expected
            = QStringLiteral("flowstudio: 1\n"
                             "name: All fields\n"
                             "description: |\n"
                             "  Line one\n"
                             "  Line two\n"
                             "params:\n"
                             "  who: {default: world, description: Whom}\n"
                             "  needed: {}\n"
                             "settings:\n"
                             "  max_parallel: 3\n"
                             "  on_error: finish_running\n"
                             "  timeout: 90s\n"
                             "outputs:\n"
                             "  out: b.message\n"
                             "nodes:\n"
                             "  a:\n"
                             "    type: shell.exec\n"
                             "  b:\n"
                             "    type: debug.log\n"
                             "    description: Everything set\n"
                             "    inputs: {message: a.stdout}\n"
                             "    when: \"${{ params.who }}\"\n"
                             "    for_each: [1, 2]\n"
                             "    concurrency: 2\n"
                             "    config: {level: warn}\n"
                             "    retry: {attempts: 3, delay: 500ms, backoff: 1.5, max_delay: 4s}\n"
                             "    timeout: 1500ms\n"
                             "    cache: true\n"
                             "    after: [a]\n"
                             "layout:\n"
                             "  a: [0, 0]\n"
                             "  b: [10.5, -20]\n");
        QCOMPARE(QString::fromUtf8(writeWorkflow(w)), expected);
        QCOMPARE(Test::roundTripProblem(w), QString());
    }

    void fragment()
    {
        const QByteArray text = "flowstudio: 1\n"
                                "name: Source\n"
                                "nodes:\n"
                                "  a:\n"
                                "    type: shell.exec\n"
                                "    config: {command: ls}\n"
                                "  b:\n"
                                "    type: debug.log\n"
                                "    inputs: {message: a.stdout}\n"
                                "  c:\n"
                                "    type: debug.log\n"
                                "    inputs: {message: b.message}\n"
                                "    after: [a, b]\n"
                                "layout:\n"
                                "  a: [0, 0]\n"
                                "  b: [1, 1]\n"
                                "  c: [2, 2]\n";
        const LoadResult source = readWorkflow(text);
        QVERIFY(source.ok());
        const QByteArray fragment
            = writeFragment(*source.workflow, {QStringLiteral("c"), QStringLiteral("b")});
        QCOMPARE(QString::fromUtf8(fragment), QStringLiteral("flowstudio: 1\n"
                                                             "nodes:\n"
                                                             "  b:\n"
                                                             "    type: debug.log\n"
                                                             "  c:\n"
                                                             "    type: debug.log\n"
                                                             "    inputs: {message: b.message}\n"
                                                             "    after: [b]\n"
                                                             "layout:\n"
                                                             "  b: [1, 1]\n"
                                                             "  c: [2, 2]\n"));
        const LoadResult back = readWorkflow(fragment);
        QVERIFY(back.ok());
        QCOMPARE(back.workflow->nodeIds(), QStringList({"b", "c"}));
        QCOMPARE(writeFragment(*source.workflow, {}), QByteArray("flowstudio: 1\nnodes: {}\n"));
    }
};

QTEST_GUILESS_MAIN(TestYamlWriter)
#include "tst_yamlwriter.moc"

// json.parse, json.stringify and json.select, including the error messages a person reads.
#include "testcontext.h"

#include <QTest>

using namespace Flow;
using namespace Flow::Test;

namespace {

const QVariant kNull = QVariant::fromValue(nullptr);

QVariant sample()
{
    return QVariantMap{
        {"items",
         QVariantList{QVariantMap{{"id", 1}, {"name", "first"}}, QVariantMap{{"id", 2}, {"name", "second"}}}},
        {"a", QVariantMap{{"b", QVariantMap{{"c", true}}}}},
        {"key with space", "spaced"},
        {"quote\"d", "quoted"},
        {"empty", QVariantList{}},
        {"nothing", kNull},
        {"text", "{\"x\": 1}"},
    };
}

// Runs a node on one input port and returns its error ("" on success) and one output.
QString run(const QString &type, const QString &inPort, const QVariant &in, const QVariantMap &config,
            const QString &outPort, QVariant *out)
{
    TestContext context;
    context.setInputs({{inPort, in}});
    context.setConfig(config);
    const RunResult result = runNode(type, context);
    *out = context.output(outPort);
    return result.error;
}

} // namespace

class TestJsonNodes : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void stringify_data();
    void stringify();
    void stringifyRoundTrip();
    void select_data();
    void select();
    void selectErrors_data();
    void selectErrors();
};

void TestJsonNodes::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("value");

    QTest::newRow("object") << "{\"b\": [1, 2.5, \"x\"], \"a\": null}"
                            << QVariant(QVariantMap{{"a", kNull}, {"b", QVariantList{1ll, 2.5, "x"}}});
    QTest::newRow("array") << " [true, false] " << QVariant(QVariantList{true, false});
    QTest::newRow("integer") << "3" << QVariant(3ll);
    QTest::newRow("big integer") << "12345678901234" << QVariant(12345678901234ll);
    QTest::newRow("double") << "-0.25" << QVariant(-0.25);
    QTest::newRow("string") << "\"h\\u00e9\\n\"" << QVariant(QString::fromUtf8("hé\n"));
    QTest::newRow("null") << "null" << kNull;
    QTest::newRow("true with spaces") << "\n true \n" << QVariant(true);
    QTest::newRow("empty object") << "{}" << QVariant(QVariantMap{});
}

void TestJsonNodes::parse()
{
    QFETCH(QString, text);
    QFETCH(QVariant, value);
    QVariant out;
    QCOMPARE(run("json.parse", "text", text, {}, "value", &out), QString());
    QCOMPARE(out, value);
}

void TestJsonNodes::parseErrors_data()
{
    QTest::addColumn<QVariant>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("bad literal on line 2")
        << QVariant("{\n  \"a\": tru\n}") << "invalid JSON at line 2, column 8 (offset 9): illegal value";
    QTest::newRow("unterminated string")
        << QVariant("[\"abc") << "invalid JSON at line 1, column 6 (offset 5): unterminated string";
    QTest::newRow("missing comma") << QVariant("{\"a\": 1 \"b\": 2}")
                                   << "invalid JSON at line 1, column 10 (offset 9): unterminated object";
    QTest::newRow("bad scalar") << QVariant("nul")
                                << "invalid JSON at line 1, column 1 (offset 0): illegal value";
    QTest::newRow("column counts characters")
        << QVariant(QString::fromUtf8("[\"äää\", x]"))
        << "invalid JSON at line 1, column 9 (offset 11): illegal number";
    QTest::newRow("two values") << QVariant("1, 2")
                                << "invalid JSON: more than one value (expected one value)";
    QTest::newRow("empty") << QVariant("  \n") << "invalid JSON: the text is empty";
    QTest::newRow("not text") << QVariant(QVariantList{1}) << "input 'text' must be JSON text, not a list";
    QTest::newRow("absent") << QVariant() << "input 'text' must be JSON text, not a null";
}

void TestJsonNodes::parseErrors()
{
    QFETCH(QVariant, text);
    QFETCH(QString, error);
    QVariant out;
    QCOMPARE(run("json.parse", "text", text, {}, "value", &out), error);
}

void TestJsonNodes::stringify_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("indent"); // invalid: the default (2)
    QTest::addColumn<QString>("text");

    const QVariant nested
        = QVariantMap{{"b", QVariantList{1, "two", kNull}}, {"a", QVariantMap{}}, {"c", true}};
    QTest::newRow("compact, keys sorted")
        << nested << QVariant(0) << "{\"a\":{},\"b\":[1,\"two\",null],\"c\":true}";
    QTest::newRow("default indent 2") << nested << QVariant()
                                      << "{\n  \"a\": {},\n  \"b\": [\n    1,\n    \"two\",\n    null\n  ],\n"
                                         "  \"c\": true\n}";
    QTest::newRow("indent 4") << QVariant(QVariantList{QVariant(QVariantList{})}) << QVariant(4)
                              << "[\n    []\n]";
    QTest::newRow("indent from an expression string")
        << QVariant(QVariantList{1}) << QVariant("1") << "[\n 1\n]";
    QTest::newRow("escapes") << QVariant(QString("q\"b\\n\n\t\x01é")) << QVariant(0)
                             << QString("\"q\\\"b\\\\n\\n\\t\\u0001é\"");
    QTest::newRow("numbers") << QVariant(QVariantList{0.1, 2.0, -3ll, 1e300, qQNaN()}) << QVariant(0)
                             << "[0.1,2,-3,1e+300,null]";
    QTest::newRow("null") << kNull << QVariant(0) << "null";
    QTest::newRow("absent input") << QVariant() << QVariant(0) << "null";
}

void TestJsonNodes::stringify()
{
    QFETCH(QVariant, value);
    QFETCH(QVariant, indent);
    QFETCH(QString, text);
    QVariantMap config;
    if (indent.isValid())
        config.insert("indent", indent);
    QVariant out;
    QCOMPARE(run("json.stringify", "value", value, config, "text", &out), QString());
    QCOMPARE(out.toString(), text);
}

void TestJsonNodes::stringifyRoundTrip()
{
    QVariant text;
    QCOMPARE(run("json.stringify", "value", sample(), {{"indent", 3}}, "text", &text), QString());
    QVariant back;
    QCOMPARE(run("json.parse", "text", text, {}, "value", &back), QString());
    QCOMPARE(back, sample());

    QVariant error;
    QCOMPARE(run("json.stringify", "value", 1, {{"indent", -1}}, "text", &error),
             "config 'indent' must be between 0 and 16");
    QCOMPARE(run("json.stringify", "value", 1, {{"indent", "two"}}, "text", &error),
             "config 'indent' must be a whole number, not 'two'");
}

void TestJsonNodes::select_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QVariant>("value");

    QTest::newRow("index then key") << "items[0].name" << QVariant("first");
    QTest::newRow("dotted") << "a.b.c" << QVariant(true);
    QTest::newRow("leading $") << "$.a.b" << QVariant(QVariantMap{{"c", true}});
    QTest::newRow("leading dot") << ".items[1].id" << QVariant(2);
    QTest::newRow("negative index") << "items[-1].name" << QVariant("second");
    QTest::newRow("double-quoted key") << "[\"key with space\"]" << QVariant("spaced");
    QTest::newRow("single-quoted key after name") << "a['b']" << QVariant(QVariantMap{{"c", true}});
    QTest::newRow("escaped quote in key") << "[\"quote\\\"d\"]" << QVariant("quoted");
    QTest::newRow("null value") << "nothing" << kNull;
    QTest::newRow("whole value") << "$" << sample();
}

void TestJsonNodes::select()
{
    QFETCH(QString, path);
    QFETCH(QVariant, value);
    QVariant out;
    QCOMPARE(run("json.select", "value", sample(), {{"path", path}}, "value", &out), QString());
    QCOMPARE(out, value);
}

void TestJsonNodes::selectErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");

    QTest::newRow("index out of range")
        << "items[5].name"
        << "path 'items[5].name' stopped at 'items': index 5 is out of range (the list has 2 items)";
    QTest::newRow("missing key")
        << "items[0].nme"
        << "path 'items[0].nme' stopped at 'items[0]': no key 'nme' (keys: id, name)";
    QTest::newRow("key on a list")
        << "items.name"
        << "path 'items.name' stopped at 'items': it is a list, not a map, so it has no key 'name' "
           "(use an index such as [0])";
    QTest::newRow("index on a map")
        << "a[0]"
        << "path 'a[0]' stopped at 'a': it is a map (use .name or [\"name\"]), not a list, so [0] does not "
           "apply";
    QTest::newRow("key on text")
        << "text.x"
        << "path 'text.x' stopped at 'text': it is a text, not a map, so it has no key 'x' (parse it "
           "with json.parse first)";
    QTest::newRow("missing at the start")
        << "nope"
        << "path 'nope' stopped at the start: no key 'nope' (keys: a, empty, items, key with space, "
           "nothing, quote\"d, text)";
    QTest::newRow("empty list")
        << "empty[0]"
        << "path 'empty[0]' stopped at 'empty': index 0 is out of range (the list has 0 items)";
    QTest::newRow("unclosed bracket") << "items[0"
                                      << "invalid path 'items[0': expected ']' at position 8";
    QTest::newRow("not a number")
        << "items[x]"
        << "invalid path 'items[x]': expected a number or a quoted key at position 7";
    QTest::newRow("empty name") << "a..b"
                                << "invalid path 'a..b': expected a name at position 3";
    QTest::newRow("unterminated quote") << "[\"abc]"
                                        << "invalid path '[\"abc]': unterminated quoted key at position 7";
    QTest::newRow("required") << ""
                              << "config 'path' is required";
}

void TestJsonNodes::selectErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    QVariant out;
    QCOMPARE(run("json.select", "value", sample(), {{"path", path}}, "value", &out), error);
}

QTEST_GUILESS_MAIN(TestJsonNodes)
#include "tst_jsonnodes.moc"

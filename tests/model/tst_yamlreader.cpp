// The reader: positions, scalar types, anchors, limits against hostile input, robustness on
// mangled files; plus the small parsers it relies on (durations, expressions, node ids).
#include "model/validator.h"
#include "model/workflowio.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Flow;

namespace {

QString listed(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(QStringLiteral("%1:%2: %3").arg(d.pos.line).arg(d.pos.column).arg(d.message));
    return lines.join(u'\n');
}

QString position(const SourcePos &pos)
{
    return QStringLiteral("%1:%2").arg(pos.line).arg(pos.column);
}

const Value &configValue(const LoadResult &result, const QString &node, const QString &key)
{
    static const Value none;
    const Node *n = result.workflow ? result.workflow->node(node) : nullptr;
    const Value *v = n ? n->config.find(key) : nullptr;
    return v ? *v : none;
}

} // namespace

class TestYamlReader : public QObject
{
    Q_OBJECT

private slots:
    void positions()
    {
        const QByteArray text = "flowstudio: 1\n"                  // 1
                                "nodes:\n"                         // 2
                                "  fetch:\n"                       // 3
                                "    type: http.request\n"         // 4
                                "    config:\n"                    // 5
                                "      url: \"https://x\"\n"       // 6
                                "      body: |\n"                  // 7
                                "        line one\n"               // 8
                                "      method: GET # comment\n"    // 9
                                "  parse:\n"                       // 10
                                "    type: json.parse\n"           // 11
                                "    inputs: {text: fetch.body}\n" // 12
                                "    after: [fetch]\n"             // 13
                                "    when: 'ünï ${{ x }}'\n"       // 14
                                "layout:\n"                        // 15
                                "  fetch: [1, 2]\n";               // 16
        const LoadResult r = readWorkflow(text);
        QVERIFY2(r.ok(), qPrintable(listed(r.diagnostics)));
        const Node *fetch = r.workflow->node(u"fetch");
        const Node *parse = r.workflow->node(u"parse");
        QCOMPARE(position(fetch->pos), QStringLiteral("3:3"));
        QCOMPARE(position(fetch->typePos), QStringLiteral("4:11"));
        QCOMPARE(position(configValue(r, "fetch", "url").keyPos), QStringLiteral("6:7"));
        QCOMPARE(position(configValue(r, "fetch", "url").pos), QStringLiteral("6:13")); // inside the quote
        QCOMPARE(position(configValue(r, "fetch", "body").pos), QStringLiteral("8:9")); // first content line
        QCOMPARE(configValue(r, "fetch", "body").toString(), QStringLiteral("line one\n"));
        QCOMPARE(position(configValue(r, "fetch", "method").pos), QStringLiteral("9:15"));
        QCOMPARE(configValue(r, "fetch", "method").toString(), QStringLiteral("GET"));
        QCOMPARE(position(parse->inputs.first().pos), QStringLiteral("12:20"));
        QCOMPARE(position(parse->afterPos), QStringLiteral("13:12"));
        QCOMPARE(position(parse->whenPos), QStringLiteral("14:12"));
        QCOMPARE(fetch->position, std::optional<QPointF>(QPointF(1, 2)));
    }

    void columnsCountCharacters()
    {
        // "ä" is two bytes in UTF-8 but one column for a person reading the file: '$' is character 27.
        const QByteArray text
            = "flowstudio: 1\nname: ü\nnodes:\n  a:\n    type: debug.log\n    config: {message: "
              "\"äö ${{ \"}\n";
        const LoadResult r = loadAndValidate(text, nullptr);
        QCOMPARE(listed(r.diagnostics),
                 QStringLiteral("6:27: unclosed '${{' (it needs a '}}') in config 'message' of node 'a'"));
    }

    void scalarTypes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<Value>("expected");
        QTest::newRow("int") << QByteArray("12") << Value(12);
        QTest::newRow("negative") << QByteArray("-3") << Value(-3);
        QTest::newRow("hex") << QByteArray("0x1F") << Value(31);
        QTest::newRow("octal") << QByteArray("0o17") << Value(15);
        QTest::newRow("float") << QByteArray("2.5") << Value(2.5);
        QTest::newRow("float 2.0") << QByteArray("2.0") << Value(2.0);
        QTest::newRow("exponent") << QByteArray("1e3") << Value(1000.0);
        QTest::newRow("huge int") << QByteArray("99999999999999999999") << Value(1e20);
        QTest::newRow("true") << QByteArray("true") << Value(true);
        QTest::newRow("False") << QByteArray("False") << Value(false);
        QTest::newRow("null") << QByteArray("null") << Value();
        QTest::newRow("tilde") << QByteArray("~") << Value();
        QTest::newRow("empty") << QByteArray("") << Value();
        QTest::newRow("yes is text") << QByteArray("yes") << Value("yes");
        QTest::newRow("quoted int") << QByteArray("\"12\"") << Value("12");
        QTest::newRow("single quoted") << QByteArray("'true'") << Value("true");
        QTest::newRow("str tag") << QByteArray("!!str 12") << Value("12");
        QTest::newRow("int tag") << QByteArray("!!int \"12\"") << Value(12);
        QTest::newRow("escapes") << QByteArray("\"a\\tb\\u00e9\\n\"") << Value("a\tbé\n");
        QTest::newRow("version") << QByteArray("1.2.3") << Value("1.2.3");
        QTest::newRow("duration") << QByteArray("30s") << Value("30s");
        QTest::newRow("folded") << QByteArray(">\n        a\n        b\n") << Value("a b\n");
        QTest::newRow("flow list") << QByteArray("[1, a, \"b\"]")
                                   << Value(Value::List{Value(1), Value("a"), Value("b")});
    }
    void scalarTypes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(Value, expected);
        const LoadResult r
            = readWorkflow("flowstudio: 1\nnodes:\n  a:\n    type: t\n    config:\n      v: " + yaml + "\n");
        QVERIFY2(r.ok(), qPrintable(listed(r.diagnostics)));
        const Value &v = configValue(r, "a", "v");
        QCOMPARE(v.type(), expected.type());
        QVERIFY2(v == expected, qPrintable(v.toString()));
    }

    void anchorsAndMerges()
    {
        const QByteArray text = "flowstudio: 1\n"
                                "nodes:\n"
                                "  a:\n"
                                "    type: t\n"
                                "    config: &base {x: 1, y: 2, list: &l [1, 2]}\n"
                                "  b:\n"
                                "    type: t\n"
                                "    config:\n"
                                "      <<: [*base, {z: 3, x: 9}]\n"
                                "      y: 20\n"
                                "      again: *l\n";
        const LoadResult r = readWorkflow(text);
        QVERIFY2(r.ok(), qPrintable(listed(r.diagnostics)));
        const Value &b = r.workflow->node(u"b")->config;
        QCOMPARE(b.keys(), QStringList({"y", "again", "x", "list", "z"}));
        QCOMPARE(b.find(u"x")->toInt(), 1);  // the first merged map wins
        QCOMPARE(b.find(u"y")->toInt(), 20); // keys of the map itself win
        QCOMPARE(b.find(u"again")->size(), 2);
    }

    void duplicateKeysKeepTheFirst()
    {
        const LoadResult r = readWorkflow("flowstudio: 1\nname: a\nname: b\nnodes: {}\n");
        QCOMPARE(listed(r.diagnostics),
                 QStringLiteral("3:1: duplicate key 'name' (first defined on line 2)"));
        QCOMPARE(r.workflow->name, QStringLiteral("a"));
        QVERIFY(!r.ok());

        const LoadResult nodes
            = readWorkflow("flowstudio: 1\nnodes:\n  a:\n    type: x\n  a:\n    type: y\n");
        QCOMPARE(listed(nodes.diagnostics),
                 QStringLiteral("5:3: duplicate node id 'a' (first defined on line 3)"));
        QCOMPARE(nodes.diagnostics.first().nodeId, QStringLiteral("a"));
        QCOMPARE(nodes.workflow->nodes.size(), 1);
        QCOMPARE(nodes.workflow->nodes.first().type, QStringLiteral("x"));
    }

    void brokenFileStillHasAWorkflow()
    {
        const QByteArray text = "flowstudio: 1\n"
                                "nodes:\n"
                                "  a:\n"
                                "    type: debug.log\n"
                                "  b:\n"
                                "    type: debug.log\n"
                                "    inputs: {message: a.message\n";
        const LoadResult r = loadAndValidate(text, nullptr);
        QCOMPARE(r.diagnostics.size(), 1);
        QVERIFY(r.diagnostics.first().message.startsWith(u"syntax error"));
        QVERIFY(r.workflow.has_value());
        QCOMPARE(r.workflow->nodeIds(), QStringList({"a", "b"}));
        QCOMPARE(r.workflow->node(u"a")->type, QStringLiteral("debug.log"));

        // Structural problems do not hide the rest of the file either.
        const LoadResult typo
            = readWorkflow("flowstudio: 1\nnodes:\n  a:\n    type: x\n    tmeout: 1s\n  b:\n"
                           "    type: y\n");
        QCOMPARE(typo.diagnostics.size(), 1);
        QCOMPARE(typo.workflow->nodeIds(), QStringList({"a", "b"}));
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        QTest::newRow("deep flow lists") << QByteArray(100000, '[') << "nest deeper than 200 levels";
        QTest::newRow("deep flow maps") << QByteArray("a: ").repeated(1) + QByteArray("{a: ").repeated(50000)
                                        << "nest deeper than 200 levels";
        QByteArray block;
        for (int i = 0; i < 400; ++i)
            block += QByteArray(i, ' ') + "k:\n";
        QTest::newRow("deep block maps") << block << "nest deeper than 200 levels";
        QByteArray dashes;
        for (int i = 0; i < 400; ++i)
            dashes += QByteArray(i * 2, ' ') + "-\n";
        QTest::newRow("deep block lists") << dashes << "nest deeper than 200 levels";
        QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'z'; ++c) {
            bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
            for (int i = 0; i < 10; ++i)
                bomb += (i ? ", *" : "*") + QByteArray(1, char(c - 1));
            bomb += "]\n";
        }
        QTest::newRow("billion laughs") << bomb << "more than 250000 values";
        // Each alias is within the limit where it is written, but copying them nests ever deeper.
        QByteArray deepAlias = "a: &a " + QByteArray(150, '[') + "x" + QByteArray(150, ']') + "\n";
        for (char c = 'b'; c <= 'h'; ++c) {
            deepAlias += QByteArray(1, c) + ": &" + QByteArray(1, c) + " " + QByteArray(40, '[') + "*"
                         + QByteArray(1, char(c - 1)) + QByteArray(40, ']') + "\n";
        }
        QTest::newRow("aliases nesting deep") << deepAlias << "aliases nest deeper than 200 levels";
        QTest::newRow("recursive alias") << QByteArray("a: &a [1, *a]\n") << "an alias cannot refer";
    }
    void limits()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        QElapsedTimer timer;
        timer.start();
        const LoadResult r = loadAndValidate(yaml, nullptr);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(!r.diagnostics.isEmpty() && r.diagnostics.first().message.contains(message),
                 qPrintable(listed(r.diagnostics)));
        QVERIFY(!r.ok());
    }

    void neverThrowsOnMangledFiles()
    {
        QList<QByteArray> seeds;
        for (const QString &dir : {QStringLiteral(FLOW_SOURCE_DIR "/resources/examples"),
                                   QStringLiteral(FLOW_SOURCE_DIR "/tests/data/invalid")}) {
            for (const QFileInfo &info : QDir(dir).entryInfoList({"*.yaml"}, QDir::Files, QDir::Name)) {
                QFile f(info.filePath());
                QVERIFY(f.open(QIODevice::ReadOnly));
                seeds.append(f.readAll());
            }
        }
        static const QByteArray tokens[]
            = {":",  " ",    "\n", "\t", "- ", "{", "}",   "[",  "]",     "\"",   "'",  "&a ",
               "*a", "<<: ", "!!", "|",  ">",  "#", "${{", "}}", "---\n", "\xff", "\0", "?"};
        QRandomGenerator random(7);
        const int cases = std::max(3000, qEnvironmentVariableIntValue("FLOW_MANGLE_CASES"));
        for (int i = 0; i < cases; ++i) {
            QByteArray text = seeds.at(random.bounded(seeds.size()));
            for (int edits = random.bounded(1, 6); edits > 0 && !text.isEmpty(); --edits) {
                const qsizetype at = random.bounded(text.size());
                switch (random.bounded(4)) {
                case 0:
                    text.remove(at, random.bounded(1, 20));
                    break;
                case 1:
                    text.insert(at, tokens[random.bounded(int(std::size(tokens)))]);
                    break;
                case 2:
                    text[at] = char(random.bounded(256));
                    break;
                default:
                    text.truncate(at);
                    break;
                }
            }
            const LoadResult r = loadAndValidate(text, nullptr);
            for (const Diagnostic &d : r.diagnostics) {
                QVERIFY2(!d.message.isEmpty() && d.pos.isValid(), qPrintable(listed(r.diagnostics)));
                QVERIFY2(!d.message.front().isUpper() && !d.message.endsWith(u'.'), qPrintable(d.message));
            }
            if (!r.workflow)
                continue;
            const QByteArray written = writeWorkflow(*r.workflow);
            const LoadResult again = readWorkflow(written);
            QVERIFY2(again.workflow.has_value(), written.constData());
            QCOMPARE(writeWorkflow(*again.workflow), written);
        }
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::addColumn<QString>("formatted");
        QTest::newRow("ms") << "250ms" << qint64(250) << "250ms";
        QTest::newRow("s") << "30s" << qint64(30000) << "30s";
        QTest::newRow("m") << "10m" << qint64(600000) << "10m";
        QTest::newRow("h") << "1h" << qint64(3600000) << "1h";
        QTest::newRow("fraction") << "1.5s" << qint64(1500) << "1500ms";
        QTest::newRow("90s") << "90s" << qint64(90000) << "90s";
        QTest::newRow("120m") << "120m" << qint64(7200000) << "2h";
        QTest::newRow("zero") << "0s" << qint64(0) << "0ms";
        QTest::newRow("no unit") << "30" << qint64(-1) << "";
        QTest::newRow("space") << "30 s" << qint64(-1) << "";
        QTest::newRow("word") << "30 sec" << qint64(-1) << "";
        QTest::newRow("negative") << "-1s" << qint64(-1) << "";
        QTest::newRow("plus") << "+1s" << qint64(-1) << "";
        QTest::newRow("unit only") << "ms" << qint64(-1) << "";
        QTest::newRow("days") << "1d" << qint64(-1) << "";
        QTest::newRow("exponent") << "1e3s" << qint64(-1) << "";
        QTest::newRow("huge") << "99999999999h" << qint64(-1) << "";
        QTest::newRow("empty") << "" << qint64(-1) << "";
    }
    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QFETCH(QString, formatted);
        const std::optional<Millis> d = parseDuration(text);
        QCOMPARE(d.has_value(), ms >= 0);
        if (!d)
            return;
        QCOMPARE(d->count(), ms);
        QCOMPARE(formatDuration(*d), formatted);
        QCOMPARE(parseDuration(formatDuration(*d)), d);
    }

    void expressions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("codes");
        QTest::addColumn<bool>("whole");
        QTest::addColumn<int>("errorOffset"); // -1: fine
        QTest::newRow("none") << "plain text" << QStringList() << false << -1;
        QTest::newRow("whole") << "${{ params.x }}" << QStringList{"params.x"} << true << -1;
        QTest::newRow("whole with spaces") << "  ${{ a }} " << QStringList{"a"} << true << -1;
        QTest::newRow("inside") << "a ${{ b }} c" << QStringList{"b"} << false << -1;
        QTest::newRow("two") << "${{ a }}${{ b }}" << QStringList{"a", "b"} << false << -1;
        QTest::newRow("tight") << "${{a}}" << QStringList{"a"} << true << -1;
        QTest::newRow("dollar brace") << "${ not one }" << QStringList() << false << -1;
        QTest::newRow("closing only") << "a }} b" << QStringList() << false << -1;
        QTest::newRow("unclosed") << "x ${{ a" << QStringList() << false << 2;
        QTest::newRow("unclosed second") << "${{ a }} ${{ b" << QStringList() << false << 9;
        QTest::newRow("nested open") << "${{ a ${{ b }}" << QStringList() << false << 0;
        QTest::newRow("empty") << "${{ }}" << QStringList() << false << 0;
        QTest::newRow("empty tight") << "a${{}}" << QStringList() << false << 1;
        QTest::newRow("multi-line") << "echo\n${{ x\n}}" << QStringList{"x"} << false << -1;
    }
    void expressions()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, codes);
        QFETCH(bool, whole);
        QFETCH(int, errorOffset);
        const ExpressionScan scan = scanExpressions(text);
        QCOMPARE(scan.ok(), errorOffset < 0);
        QCOMPARE(scan.errorOffset, qsizetype(errorOffset));
        if (!scan.ok())
            return;
        QStringList found;
        for (const ExpressionSpan &span : scan.spans) {
            found.append(span.code);
            QVERIFY(text.mid(span.start, span.length).startsWith(u"${{"));
            QVERIFY(text.mid(span.start, span.length).endsWith(u"}}"));
        }
        QCOMPARE(found, codes);
        QCOMPARE(scan.wholeString, whole);
    }

    void nodeIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << "fetch" << true;
        QTest::newRow("underscore") << "_x" << true;
        QTest::newRow("dash and digits") << "step-2_b" << true;
        QTest::newRow("capital") << "Fetch" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("digit first") << "2fast" << false;
        QTest::newRow("dash first") << "-x" << false;
        QTest::newRow("space") << "my node" << false;
        QTest::newRow("dot") << "a.b" << false;
        QTest::newRow("unicode") << "grüße" << false;
    }
    void nodeIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(isValidNodeId(id), valid);
    }
};

QTEST_GUILESS_MAIN(TestYamlReader)
#include "tst_yamlreader.moc"

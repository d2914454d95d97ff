// The libyaml fast path against the yaml-cpp reader: wherever the fast path gives a tree, it is the
// one yaml-cpp gives, down to every position and diagnostic. Valid files must take the fast path
// (or it would not be fast); broken ones may take either.
#include "model/yamlfrontends.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Flow;
using namespace Flow::Yaml;
using Internal::FrontEnd;

Q_DECLARE_METATYPE(Flow::Yaml::TreeLimits)

namespace {

enum Expect { Either, Fast, Declined };

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

// The first line where the two descriptions part, or "" when they agree.
QString firstDifference(const QStringList &slow, const QStringList &fast)
{
    for (qsizetype i = 0; i < std::max(slow.size(), fast.size()); ++i) {
        const QString a = i < slow.size() ? slow.at(i) : QStringLiteral("(nothing)");
        const QString b = i < fast.size() ? fast.at(i) : QStringLiteral("(nothing)");
        if (a != b)
            return QStringLiteral("line %1:\n  yaml-cpp: %2\n  libyaml:  %3").arg(i).arg(a, b);
    }
    return {};
}

// "" when the fast path declines or agrees with yaml-cpp.
QString compareFrontEnds(const QByteArray &text, const TreeLimits &limits, bool *fastTaken = nullptr)
{
    const std::optional<Tree> fast = Internal::parseTreeWith(text, limits, FrontEnd::LibYaml);
    if (fastTaken)
        *fastTaken = fast.has_value();
    if (!fast)
        return {};
    const std::optional<Tree> slow = Internal::parseTreeWith(text, limits, FrontEnd::YamlCpp);
    return firstDifference(Internal::describeTree(*slow), Internal::describeTree(*fast));
}

void addFiles(const QString &dir, Expect expect)
{
    QDirIterator it(dir, {QStringLiteral("*.yaml")}, QDir::Files, QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QTest::newRow(qPrintable(QDir(QStringLiteral(FLOW_SOURCE_DIR)).relativeFilePath(path)))
            << readFile(path) << int(expect) << TreeLimits{};
        ++n;
    }
    QVERIFY2(n > 0, qPrintable("no files in " + dir));
}

void add(const char *name, const QByteArray &text, Expect expect = Fast, TreeLimits limits = {})
{
    QTest::newRow(name) << text << int(expect) << limits;
}

QByteArray nested(int depth)
{
    return "a: " + QByteArray(depth, '[') + "1" + QByteArray(depth, ']') + "\n";
}

} // namespace

class TestYamlFrontEnds : public QObject
{
    Q_OBJECT

private slots:
    void sameTree_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("expect");
        QTest::addColumn<TreeLimits>("limits");
        addFiles(QStringLiteral(FLOW_SOURCE_DIR "/tests/data/valid"), Fast);
        addFiles(QStringLiteral(FLOW_SOURCE_DIR "/tests/data/invalid"), Either);
        addFiles(QStringLiteral(FLOW_SOURCE_DIR "/resources/examples"), Fast);
        addFiles(QStringLiteral(FLOW_SOURCE_DIR "/fuzz/regressions"), Either);

        add("block map and list", "a: 1\nb:\n  - x\n  - y: 2\n    z: [1, 2.5, true, ~]\n");
        add("indentless list", "a:\n- 1\n- 2\nb: 3\n");
        add("nested lists", "- - a\n  - b\n- - c\n");
        add("flow style", "{a: [1, {b: c}], d: {}, e: []}\n");
        add("flow compact map", "a: [b: 1, c: 2]\n");
        add("flow multi-line", "a: [1,\n  2,\n   3]\nb: {x: 1,\n  y: 2}\n");
        add("anchors and aliases",
            "base: &b {x: 1, y: [1, 2]}\nuse: *b\nlist: [*b, *b]\nk: &k key\n*k : v\n");
        add("anchor redefined", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
        add("merge keys", "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nn:\n  <<: [*b, {z: 4}]\n");
        add("merge of a scalar", "m:\n  <<: 1\n  a: 2\n");
        add("quoted merge key is a key", "m:\n  '<<': 1\n");
        add("duplicate keys", "a: 1\nb: 2\na: 3\nnodes:\n  x: {type: t}\n  x: {type: u}\n");
        add("duplicate flow keys", "{a: 1, a: 2}\n");
        add("non-scalar key", "? [a, b]\n: 1\n? {c: d}\n: 2\n");
        add("explicit key", "? a\n: 1\n? b\n");
        add("literal block", "a: |\n  line one\n  line two\nb: 1\n");
        add("folded block", "a: >\n  one\n  two\n\n  three\nb: 1\n");
        add("block strip keep", "a: |-\n  x\n\nb: |+\n  y\n\nc: >-\n  z\n");
        add("block indent indicator", "a: |2\n   indented\n  less\n");
        add("block leading blank lines", "a: |\n\n\n  text\n");
        add("empty block", "a: |\nb: >\n\nc: 1\n");
        add("block at end", "a: |\n  x\n  y");
        add("double quoted escapes",
            "a: \"tab\\there \\\"q\\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\/ \\0 \\e \\a end\"\n");
        add("byte escapes", "a: \"x\\_y\"\nb: \"\\N\"\n", Declined);
        add("escaped backslash before N", "a: \"\\\\N \\xe9\"\n");
        add("double quoted folding", "a: \"one\n  two\n\n  three \\\n  four\"\n");
        add("single quoted", "a: 'it''s'\nb: 'multi\n  line'\nc: ''\nd: \"\"\n");
        add("multi-line plain", "a: one\n  two\n\n  three\nb: x # comment\n");
        add("question mark in flow", "a: {path: x?y}\n", Declined);
        add("question mark key in flow", "a: {?b: c}\n", Declined);
        add("question mark quoted in flow", "a: {url: 'http://x?y=1'}\n");
        add("question mark in block", "a: x?y\n? b\n: c\n");
        add("plain with colons and hashes", "a: b:c\nd: e#f\ng: http://x/y?z=1\n");
        add("scalar types", "i: 12\nh: 0x1F\no: 0o17\nf: 1.5\ne: 1e3\ninf: .inf\nn: .nan\nt: true\nF: False\n"
                            "s: yes\nv: 1.0.0\nneg: -3\n");
        add("nulls", "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nullx\ng: !!null null\n- x\n", Either);
        add("null values", "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nullx\n", Either);
        add("empty values", "a:\nb:\n  c:\nd: 1\nlist:\n-\n- x\n-\n");
        add("empty value before a null key", "a:\nnull: 1\n", Either);
        add("empty value before ~", "a:\n~: 1\n", Either);
        add("empty flow value", "{a: , b: 1}\n", Either);
        add("flow key without value", "{a, b: 1}\n", Either);
        add("empty key", ": a\n", Either);
        add("tags", "a: !!str 12\nb: !!int \"12\"\nc: ! 12\nd: !local x\ne: !!float 1\nf: !!bool true\n"
                    "h: !!map {x: 1}\ni: !!seq [1]\n");
        add("two tags in one word", "a: !!s!str x\n", Either);
        add("tag running into a colon", "a:\n  !!strcode: |\n    x\n", Either);
        add("verbatim tag", "g: !<tag:yaml.org,2002:str> 5\n", Either);
        add("anchor running into a colon", "a: &b:c d\n", Either);
        add("anchor on a plain scalar over lines", "x:\n  &a sh\n  more\n", Declined);
        add("tag before a plain scalar over lines", "x: !t sh\n  - more\n", Declined);
        add("tagged empty", "a: !!str\nb: 1\nc: !!str\n", Declined);
        add("tagged empty at the end", "!!str", Declined);
        add("tagged empty before a quote", "a: !!str\n\"b\": 1\n", Either);
        add("anchored empty", "a: &x\nb: *x\n");
        add("anchored values", "a: &x [1]\nb: &y {c: &z 1}\nd: [*x, *y, *z]\n");
        add("anchor and tag", "a: &x !!str 1\nb: !!str &y 2\nc: [*x, *y]\n");
        add("utf-8", "é: ü\n\"ñ\": 'ö'\nnodes:\n  x: {when: 'ünï ${{ x }}', t: \"☃ snow\"}\n  y: |\n    ☃ "
                     "snow\nk: 😀 b\n");
        add("utf-8 keys and values", "ключ: значение\n日本: [語, 😀]\nz: x\n");
        add("bom", "\xEF\xBB\xBF"
                   "a: 1\nb: é\n");
        add("double bom",
            "\xEF\xBB\xBF\xEF\xBB\xBF"
            "a: 1\n",
            Either);
        add("crlf", "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\nc: |\r\n  z\r\n");
        add("crlf in quoted scalars", "a: \"one\r\n  two\"\r\nb: 'x\r\n\r\n  y'\r\nc: x\r\n  y\r\n");
        add("crlf utf-8", "é: 1\r\nb: ü\r\n");
        add("lone cr", "a: 1\rb: 2\r", Either);
        add("tabs", "a:\t1\nb: x\ty\nc: \"\t\"\nd: x\t\n", Either);
        add("tab indentation", "a:\n\tb: 1\n", Either);
        add("comments", "# head\na: 1 # x\n# mid\nb:\n  # inner\n  c: 2\n# tail\n");
        add("document markers", "---\na: 1\n...\n");
        add("document start with value", "--- {a: 1}\n");
        add("document end then comment", "a: 1\n...\n# done\n");
        add("second document", "a: 1\n---\nb: 2\n", Declined);
        add("empty second document", "a: 1\n---\n", Declined);
        add("directive", "%YAML 1.1\n---\na: 1\n", Declined);
        add("empty document", "", Either);
        add("only comments", "# nothing\n", Either);
        add("only document start", "---\n");
        add("only document end", "...\n", Either);
        add("scalar root", "hello\n");
        add("list root", "- a\n- b\n");
        add("deep nesting below the limit", nested(199));
        add("deep nesting at the limit", nested(200), Declined);
        add("deep nesting far past the limit", nested(5000), Declined);
        add("deep block nesting", []() -> QByteArray {
            QByteArray t;
            for (int i = 0; i < 150; ++i)
                t += QByteArray(i * 2, ' ') + "k" + QByteArray::number(i) + ":\n";
            return t + QByteArray(300, ' ') + "v\n";
        }());
        add("alias bomb",
            "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c]\n",
            Declined, TreeLimits{200, 5000});
        add("aliases nest too deep", "a: &a [[[[1]]]]\nb: [[[[*a]]]]\n", Declined, TreeLimits{6, 1000});
        add("self alias", "a: &a [1, *a]\n", Declined);
        add("unknown alias", "a: *nope\n", Declined);
        add("unclosed quote", "a: \"open\n", Either);
        add("syntax error", "a: b: c\n", Declined);
        add("unclosed flow", "a: {b: 1\n", Declined);
        add("bad indentation", "a:\n  b: 1\n c: 2\n", Declined);
        add("invalid utf-8", "a: \xff\xfe\n", Either);
        add("control character", QByteArray("a: x\x01y\n", 8), Either);
        add("nel line break", "a: x\xC2\x85y\n", Declined);
        add("long key", QByteArray(2000, 'k') + ": 1\n", Either);
    }

    void sameTree()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, expect);
        QFETCH(TreeLimits, limits);
        bool fastTaken = false;
        const QString difference = compareFrontEnds(text, limits, &fastTaken);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        if (expect == Fast)
            QVERIFY2(fastTaken, "the fast path declined a valid file");
        if (expect == Declined)
            QVERIFY2(!fastTaken, "the fast path read a file it must leave to yaml-cpp");
        // And parseTree() itself gives what yaml-cpp gives.
        const QString viaAuto = firstDifference(
            Internal::describeTree(*Internal::parseTreeWith(text, limits, FrontEnd::YamlCpp)),
            Internal::describeTree(parseTree(text, limits)));
        QVERIFY2(viaAuto.isEmpty(), qPrintable(viaAuto));
    }

    // Small random edits of the files under tests/data and the examples (deleting, inserting or repeating
    // characters YAML cares about): many still parse, and each that the fast path reads must read
    // the same with yaml-cpp.
    void sameTreeAfterRandomEdits()
    {
        QList<QByteArray> seeds;
        for (const char *dir : {FLOW_SOURCE_DIR "/tests/data/valid", FLOW_SOURCE_DIR "/tests/data/invalid",
                                FLOW_SOURCE_DIR "/resources/examples"}) {
            QDirIterator it(QString::fromUtf8(dir), {QStringLiteral("*.yaml")}, QDir::Files);
            while (it.hasNext())
                seeds.append(readFile(it.next()));
        }
        QVERIFY(!seeds.isEmpty());
        static const char pieces[][6] = {" ",  "  ", "\n", "-",    ":",  ": ", "?",   "#",     "'", "\"", "[",
                                         "]",  "{",  "}",  ",",    "&a", "*a", "!",   "!!str", "|", ">",  "~",
                                         "\t", "\r", "<<", "null", "é",  "\\", "---", "...",   "%", "@"};
        // FLOW_DIFF_ROUNDS and FLOW_DIFF_SEED let a longer run by hand look further; FLOW_DIFF_SAVE=FILE
        // keeps the input of a failure.
        const int rounds = qEnvironmentVariableIsSet("FLOW_DIFF_ROUNDS")
                               ? qEnvironmentVariableIntValue("FLOW_DIFF_ROUNDS")
                               : 3000;
        QRandomGenerator random(qEnvironmentVariableIsSet("FLOW_DIFF_SEED")
                                    ? qEnvironmentVariableIntValue("FLOW_DIFF_SEED")
                                    : 15);
        int fast = 0;
        for (int round = 0; round < rounds; ++round) {
            QByteArray text = seeds.at(random.bounded(int(seeds.size())));
            if (random.bounded(4) == 0)
                text.replace("\n", "\r\n"); // Windows line ends
            for (int edits = 1 + random.bounded(3); edits > 0; --edits) {
                const int at = random.bounded(int(text.size()) + 1);
                switch (random.bounded(3)) {
                case 0:
                    text.remove(at, 1 + random.bounded(3));
                    break;
                case 1:
                    text.insert(at, pieces[random.bounded(int(std::size(pieces)))]);
                    break;
                default:
                    text.insert(at, text.mid(at, random.bounded(12)));
                }
            }
            bool fastTaken = false;
            const QString difference = compareFrontEnds(text, {}, &fastTaken);
            if (!difference.isEmpty() && qEnvironmentVariableIsSet("FLOW_DIFF_SAVE")) {
                QFile save(qEnvironmentVariable("FLOW_DIFF_SAVE"));
                if (save.open(QIODevice::WriteOnly))
                    save.write(text);
            }
            if (!difference.isEmpty())
                QFAIL(qPrintable(QStringLiteral("%1\ninput:\n%2").arg(difference, QString::fromUtf8(text))));
            fast += fastTaken;
        }
        qInfo("%d of %d edited files took the fast path", fast, rounds);
        QVERIFY(fast > rounds / 10);
    }

    void charactersNotBytes()
    {
        // libyaml counts characters and yaml-cpp bytes; positions count UTF-16 characters.
        const std::optional<Tree> tree
            = Internal::parseTreeWith("é😀: ü\nb: [ü, 'ñ']\n", {}, FrontEnd::LibYaml);
        QVERIFY(tree && tree->root);
        const Value &root = *tree->root;
        QCOMPARE(root.map().at(0).second.pos, (SourcePos{1, 6}));
        QCOMPARE(root.map().at(1).second.list().at(1).pos, (SourcePos{2, 9}));
    }
};

QTEST_GUILESS_MAIN(TestYamlFrontEnds)
#include "tst_yamlfrontends.moc"

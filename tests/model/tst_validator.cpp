// validateWorkflow() on workflows built in memory (as the editor makes them), and the schema's
// per-type config kept in step with the node type catalog.
#include "nodes/registry.h"
#include "model/nodetypeinfo.h"
#include "model/validator.h"
#include "model/workflowio.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Flow;

namespace {

Node node(const QString &id, const QString &type)
{
    Node n;
    n.id = id;
    n.type = type;
    return n;
}

Node reading(Node n, const QString &port, const QString &source, const QString &sourcePort)
{
    n.inputs.append(InputBinding{port, source, sourcePort, {}});
    return n;
}

Node after(Node n, const QStringList &ids)
{
    n.after = ids;
    return n;
}

QStringList messages(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.message);
    return out;
}

// A catalog with two types, to check what the built-ins happen not to have.
class SmallCatalog : public NodeTypeCatalog
{
public:
    SmallCatalog()
    {
        m_fixed.id = QStringLiteral("fixed");
        m_fixed.inputs = {{QStringLiteral("in"), {}}};
        m_fixed.outputs = {{QStringLiteral("out"), {}}};
        ConfigField number{QStringLiteral("ratio"), FieldKind::Number, {}, {}, false, {}, {}};
        ConfigField needed{QStringLiteral("needed"), FieldKind::String, {}, {}, true, {}, {}};
        ConfigField defaulted{QStringLiteral("defaulted"), FieldKind::String, {}, Value("x"), true, {}, {}};
        m_fixed.config = {number, needed, defaulted};
        m_dynamic.id = QStringLiteral("dynamic");
        m_dynamic.dynamicInputs = true;
        m_dynamic.dynamicOutputs = true;
    }
    const NodeTypeInfo *find(QStringView id) const override
    {
        return id == m_fixed.id ? &m_fixed : id == m_dynamic.id ? &m_dynamic : nullptr;
    }
    QList<const NodeTypeInfo *> all() const override { return {&m_dynamic, &m_fixed}; }

private:
    NodeTypeInfo m_fixed;
    NodeTypeInfo m_dynamic;
};

Node fixed(const QString &id)
{
    Node n = node(id, QStringLiteral("fixed"));
    n.config.insert(QStringLiteral("needed"), QStringLiteral("yes"));
    return n;
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private slots:
    void cleanWorkflowHasNoDiagnostics()
    {
        Workflow w;
        w.nodes = {fixed("a"), reading(fixed("b"), "in", "a", "out"),
                   reading(node("c", "dynamic"), "anything", "b", "out"),
                   reading(fixed("d"), "in", "c", "whatever")};
        w.outputs.append(OutputBinding{"result", "c", "any_name", {}});
        const SmallCatalog catalog;
        QCOMPARE(messages(validateWorkflow(w, &catalog)), QStringList());
    }

    void nullCatalogSkipsTypeChecks()
    {
        Workflow w;
        w.nodes = {node("a", "no.such.type"), reading(node("b", "x"), "port", "a", "nothing"),
                   reading(node("c", "x"), "p", "missing", "out")};
        QCOMPARE(messages(validateWorkflow(w, nullptr)),
                 QStringList({"node 'c' reads 'missing.out', but there is no node 'missing'"}));
    }

    void portsAndTypes()
    {
        Workflow w;
        w.nodes = {fixed("a"), reading(fixed("b"), "inn", "a", "outt"), node("c", "fixd"), node("", "fixed")};
        w.nodes[3].config.insert("needed", "x");
        const SmallCatalog catalog;
        const Diagnostics d = validateWorkflow(w, &catalog);
        // Without positions the order is: ids first, then node by node.
        QCOMPARE(messages(d),
                 QStringList({
                     "invalid node id '' (use letters, digits, '_' and '-', starting with a letter or '_')",
                     "node 'b' has no input port 'inn' ('fixed' has: in)",
                     "node 'b' reads 'a.outt', but 'fixed' has no output port 'outt' (it has: out)",
                     "unknown node type 'fixd' (did you mean 'fixed'?)",
                 }));
        QCOMPARE(d.at(1).nodeId, QStringLiteral("b"));
        QCOMPARE(d.at(3).nodeId, QStringLiteral("c"));
    }

    void configChecks()
    {
        Workflow w;
        Node a = node("a", "fixed");
        a.config.insert("ratio", "high");
        a.config.insert("ratoi", 1);
        Node b = fixed("b");
        b.config.insert("ratio", "${{ params.ratio }}"); // expressions are checked when they run
        b.config.insert("needed", Value());
        Node c = fixed("c");
        c.config = Value(Value::List{}); // the reader reports a config that is not a map
        w.nodes = {a, b, c};
        const SmallCatalog catalog;
        QCOMPARE(messages(validateWorkflow(w, &catalog)),
                 QStringList({"config 'ratio' of node 'a' must be a number, not 'high'",
                              "unknown config key 'ratoi' in node 'a' (did you mean 'ratio'?)",
                              "node 'a' is missing required config 'needed' ('fixed')",
                              "node 'b' is missing required config 'needed' ('fixed')"}));
    }

    void missingType()
    {
        Workflow w;
        w.nodes = {node("a", "")};
        QCOMPARE(messages(validateWorkflow(w, nullptr)), QStringList({"node 'a' has no 'type'"}));
        w.nodes[0].typePos = {3, 11}; // read from a file: the reader has said what is wrong
        QCOMPARE(messages(validateWorkflow(w, nullptr)), QStringList());
    }

    void duplicateIds()
    {
        Workflow w;
        w.nodes = {node("a", "t"), node("b", "t"), node("a", "t")};
        w.nodes[0].pos = {3, 3};
        QCOMPARE(messages(validateWorkflow(w, nullptr)),
                 QStringList({"duplicate node id 'a' (first defined on line 3)"}));
    }

    void afterReferences()
    {
        Workflow w;
        w.nodes
            = {after(node("a", "t"), {"a"}), node("build", "t"), after(node("b", "t"), {"a", "biuld", "c"})};
        QCOMPARE(
            messages(validateWorkflow(w, nullptr)),
            QStringList({"node 'a' waits for itself in 'after'",
                         "node 'b' waits for 'biuld' in 'after', but there is no node 'biuld' (did you mean "
                         "'build'?)",
                         "node 'b' waits for 'c' in 'after', but there is no node 'c'"}));
    }

    void cycles_data()
    {
        QTest::addColumn<QList<Node>>("nodes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("chain") << QList<Node>{node("a", "t"), after(node("b", "t"), {"a"}),
                                              after(node("c", "t"), {"b"})}
                               << QStringList();
        QTest::newRow("diamond") << QList<Node>{node("a", "t"), after(node("b", "t"), {"a"}),
                                                after(node("c", "t"), {"a"}),
                                                after(node("d", "t"), {"b", "c"})}
                                 << QStringList();
        QTest::newRow("two") << QList<Node>{after(node("a", "t"), {"b"}),
                                            reading(node("b", "t"), "x", "a", "y")}
                             << QStringList({"cycle: a → b → a"});
        QTest::newRow("three, data direction")
            << QList<Node>{reading(node("a", "t"), "x", "c", "y"), after(node("b", "t"), {"a"}),
                           after(node("c", "t"), {"b"})}
            << QStringList({"cycle: a → b → c → a"});
        QTest::newRow("separate cycles")
            << QList<Node>{after(node("a", "t"), {"b"}), after(node("b", "t"), {"a"}), node("free", "t"),
                           after(node("c", "t"), {"d"}), after(node("d", "t"), {"c", "free"})}
            << QStringList({"cycle: a → b → a", "cycle: c → d → c"});
        // Two cycles through the same node make one group: one diagnostic, the shortest way round.
        QTest::newRow("figure eight")
            << QList<Node>{after(node("hub", "t"), {"x2", "y1"}), after(node("x1", "t"), {"hub"}),
                           after(node("x2", "t"), {"x1"}), after(node("y1", "t"), {"hub"})}
            << QStringList({"cycle: hub → y1 → hub"});
        Node reads = node("reads", "t");
        reads.config.insert("message", "${{ nodes.writes.outputs.x }}");
        QTest::newRow("through an expression") << QList<Node>{reads, after(node("writes", "t"), {"reads"})}
                                               << QStringList({"cycle: reads → writes → reads"});
        QTest::newRow("self loops are not cycles here")
            << QList<Node>{after(node("a", "t"), {"a"})}
            << QStringList({"node 'a' waits for itself in 'after'"});
    }
    void cycles()
    {
        QFETCH(QList<Node>, nodes);
        QFETCH(QStringList, expected);
        Workflow w;
        w.nodes = nodes;
        QCOMPARE(messages(validateWorkflow(w, nullptr)), expected);
    }

    void longChainDoesNotExhaustTheStack()
    {
        Workflow w;
        const int n = 100000;
        w.nodes.reserve(n);
        w.nodes.append(after(node("n0", "t"), {QStringLiteral("n%1").arg(n - 1)}));
        for (int i = 1; i < n; ++i)
            w.nodes.append(reading(node(QStringLiteral("n%1").arg(i), "t"), "in",
                                   QStringLiteral("n%1").arg(i - 1), "out"));
        const Diagnostics d = validateWorkflow(w, nullptr);
        QCOMPARE(d.size(), 1);
        QVERIFY(d.first().message.startsWith(u"cycle: n0 → n1 → n2 → "));
        QVERIFY(d.first().message.endsWith(u" → n99999 → n0"));
    }

    void expressionPositions()
    {
        // Offsets inside strings map to the file: inside a quoted string on its line, inside a block
        // scalar on the line of the `${{`.
        const QByteArray text = "flowstudio: 1\n"
                                "nodes:\n"
                                "  a:\n"
                                "    type: shell.exec\n"
                                "    config:\n"
                                "      command: |\n"
                                "        echo one\n"
                                "          echo ${{ x\n"
                                "      env: {A: 'x ${{ }}'}\n"
                                "    when: ${{ ok }} and ${{\n";
        const LoadResult r = loadAndValidate(text, Flow::builtinCatalog());
        QStringList found;
        for (const Diagnostic &d : r.diagnostics)
            found.append(QStringLiteral("%1:%2 %3").arg(d.pos.line).arg(d.pos.column).arg(d.message));
        QCOMPARE(found, QStringList({"8:16 unclosed '${{' (it needs a '}}') in config 'command' of node 'a'",
                                     "9:19 empty expression '${{ }}' in config 'env.A' of node 'a'",
                                     "10:25 unclosed '${{' (it needs a '}}') in 'when' of node 'a'"}));
    }

    void schemaConfigMatchesCatalog()
    {
        QFile file(QStringLiteral(FLOW_SOURCE_DIR "/resources/schema/workflow.schema.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject schema = QJsonDocument::fromJson(file.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject defs = schema.value("$defs").toObject();
        const QList<const NodeTypeInfo *> types = Flow::builtinCatalog()->all();
        QVERIFY(types.size() >= 11);
        int configDefs = 0;
        for (auto it = defs.begin(); it != defs.end(); ++it)
            configDefs += it.key().startsWith(u"config-") ? 1 : 0;
        QCOMPARE(configDefs, types.size());
        for (const NodeTypeInfo *type : types) {
            const QJsonObject config = defs.value("config-" + type->id).toObject();
            QVERIFY2(!config.isEmpty(), qPrintable("schema has no config for " + type->id));
            QStringList fields;
            QStringList required;
            for (const ConfigField &f : type->config) {
                fields.append(f.name);
                if (f.required && f.defaultValue.isNull())
                    required.append(f.name);
            }
            QStringList schemaFields = config.value("properties").toObject().keys();
            QStringList schemaRequired;
            for (const QJsonValue &v : config.value("required").toArray())
                schemaRequired.append(v.toString());
            fields.sort();
            schemaFields.sort();
            QCOMPARE(schemaFields, fields);
            QCOMPARE(schemaRequired, required);
        }
    }
};

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"

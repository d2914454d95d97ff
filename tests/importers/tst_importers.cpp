// The FlowEngine importer on hand-written FlowEngine files (tests/importers/data): every mapped node
// type and port, an unmappable node kept and named by validate, broken input, the round trip through
// the writer, a converted workflow that really runs, and `flowrun import` as a process.
#include "executor/run.h"
#include "importers/flowengine.h"
#include "model/workflowio.h"
#include "nodes/registry.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;

namespace {

QByteArray data(const char *name)
{
    QFile f(QStringLiteral(FLOW_SOURCE_DIR "/tests/importers/data/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test file %s", name);
    return f.readAll();
}

QStringList notesOf(const ImportResult &r, ImportNote::Kind kind)
{
    QStringList out;
    for (const ImportNote &n : r.notes) {
        if (n.kind == kind)
            out.append((n.nodeId.isEmpty() ? QString() : n.nodeId + QStringLiteral(": ")) + n.text);
    }
    return out;
}

} // namespace

class tst_Importers : public QObject
{
    Q_OBJECT

private slots:
    void everyMappedType();
    void shellOutputAndSuccessThroughAnAdapter();
    void unmappableNodeIsKeptAndValidateNamesIt();
    void taggedValueSpellings_data();
    void taggedValueSpellings();
    void brokenInput_data();
    void brokenInput();
    void roundTripIsStable_data();
    void roundTripIsStable();
    void importedWorkflowRuns();
    void flowrunImport_data();
    void flowrunImport();
};

void tst_Importers::everyMappedType()
{
    const ImportResult r = importFlowEngine(data("every_mapped_type.json"));
    QVERIFY2(r.workflow, qPrintable(r.error));
    const Workflow &w = *r.workflow;
    QCOMPARE(w.name, QString("Every mapped type"));
    QCOMPARE(w.settings.maxParallel, 3);
    QCOMPARE(w.settings.onError, OnError::Continue);
    QCOMPARE(w.settings.timeout, Millis(60000));
    QVERIFY2(!r.hasUnconverted(), qPrintable(notesOf(r, ImportNote::Kind::NotConverted).join('\n')));

    // Readable ids from the names, FlowEngine's types as ours, file order kept.
    QCOMPARE(w.nodeIds(),
             (QStringList{"emit_json", "emit_json_result", "word_count", "parse_json", "back_to_text",
                          "wait_a_little", "log_result", "log_success", "post_it", "fetch_given_url"}));
    const QStringList types{"shell.exec", "script.js", "shell.exec", "json.parse",   "json.stringify",
                            "time.delay", "debug.log", "debug.log",  "http.request", "http.request"};
    for (int i = 0; i < types.size(); ++i)
        QCOMPARE(w.nodes.at(i).type, types.at(i));

    const Node &shell = *w.node(u"emit_json");
    QCOMPARE(shell.description, QString("Emit JSON"));
    QCOMPARE(shell.config.find(u"command")->toVariant(), QVariant(QVariantList{"printf", "{\"n\": 41}\n"}));
    QCOMPARE(shell.timeout, Millis(30000));
    QVERIFY(shell.retry);
    QCOMPARE(shell.retry->attempts, 3);
    QCOMPARE(shell.retry->delay, Millis(250));
    QCOMPARE(shell.retry->backoff, 2.0);
    QCOMPARE(shell.retry->maxDelay, Millis(4000));

    const Node &wc = *w.node(u"word_count");
    QCOMPARE(wc.config.find(u"command")->toString(), QString("wc -c | tr -d ' '"));
    QCOMPARE(wc.config.find(u"cwd")->toString(), QString("/tmp"));
    QCOMPARE(wc.config.find(u"allow_failure")->toBool(), true);
    QCOMPARE(wc.config.find(u"env")->toVariant().toMap(), (QVariantMap{{"LC_ALL", "C"}}));
    QCOMPARE(*wc.input(u"stdin"), (InputBinding{"stdin", "back_to_text", "text", {}}));

    // Ports renamed to ours: json -> text, parsed -> value, data -> value, json (out) -> text.
    QCOMPARE(*w.node(u"parse_json")->input(u"text"), (InputBinding{"text", "emit_json", "stdout", {}}));
    QCOMPARE(*w.node(u"wait_a_little")->input(u"value"), (InputBinding{"value", "parse_json", "value", {}}));
    QCOMPARE(w.node(u"wait_a_little")->config.find(u"duration")->toString(), QString("20ms"));
    QCOMPARE(*w.node(u"back_to_text")->input(u"value"),
             (InputBinding{"value", "wait_a_little", "value", {}}));
    QCOMPARE(w.node(u"back_to_text")->config.find(u"indent")->toInt(), 2);

    // http.request: the url input became config reading the producer; the body stays a port.
    const Node &post = *w.node(u"post_it");
    QCOMPARE(post.config.find(u"method")->toString(), QString("POST"));
    QCOMPARE(post.config.find(u"url")->toString(), QString("${{ nodes.word_count.outputs.stdout }}"));
    QCOMPARE(post.config.find(u"headers")->toVariant().toMap(),
             (QVariantMap{{"Accept", "application/json"}}));
    QCOMPARE(*post.input(u"body"), (InputBinding{"body", "back_to_text", "text", {}}));
    QVERIFY(!post.retry); // retry_policy: null
    // With neither, the url was FlowEngine's run input: a param here.
    QCOMPARE(w.node(u"fetch_given_url")->config.find(u"url")->toString(), QString("${{ params.url }}"));
    QCOMPARE(w.params.size(), 1);
    QCOMPARE(w.params.first().name, QString("url"));

    // Auto-layout: left to right by dependency, nothing on top of anything else.
    QSet<QPair<qreal, qreal>> seen;
    for (const Node &n : w.nodes) {
        QVERIFY(n.position);
        QVERIFY(!seen.contains({n.position->x(), n.position->y()}));
        seen.insert({n.position->x(), n.position->y()});
        for (const QString &dep : w.dependencies(n.id))
            QVERIFY2(w.node(dep)->position->x() < n.position->x(), qPrintable(n.id + " after " + dep));
    }

    const LoadResult checked = loadAndValidate(writeWorkflow(w), &NodeRegistry::builtins());
    QVERIFY2(checked.ok(),
             checked.diagnostics.isEmpty() ? "" : qPrintable(checked.diagnostics.first().message));
    QCOMPARE(notesOf(r, ImportNote::Kind::Converted).size(), 9);
}

void tst_Importers::shellOutputAndSuccessThroughAnAdapter()
{
    const ImportResult r = importFlowEngine(data("every_mapped_type.json"));
    const Workflow &w = *r.workflow;
    const Node &adapter = *w.node(u"emit_json_result");
    QCOMPARE(*adapter.input(u"stdout"), (InputBinding{"stdout", "emit_json", "stdout", {}}));
    QCOMPARE(*adapter.input(u"exit_code"), (InputBinding{"exit_code", "emit_json", "exit_code", {}}));
    QCOMPARE(*w.node(u"log_result")->input(u"message"),
             (InputBinding{"message", "emit_json_result", "output", {}}));
    QCOMPARE(*w.node(u"log_success")->input(u"message"),
             (InputBinding{"message", "emit_json_result", "success", {}}));
    QVERIFY(notesOf(r, ImportNote::Kind::Adapted).join('\n').contains("emit_json_result"));
}

void tst_Importers::unmappableNodeIsKeptAndValidateNamesIt()
{
    const ImportResult r = importFlowEngine(data("unmappable.json"));
    QVERIFY2(r.workflow, qPrintable(r.error));
    QVERIFY(r.hasUnconverted());
    const Workflow &w = *r.workflow;
    const Node &docker = *w.node(u"build_image");
    QCOMPARE(docker.type, QString("flowengine.docker.run"));
    // Nothing of it is lost: the config as FlowEngine had it, and the wire out of it.
    QCOMPARE(docker.config.find(u"image")->toString(), QString("alpine:3.19"));
    QCOMPARE(docker.config.find(u"memory_limit")->toInt(), 268435456);
    QCOMPARE(*w.node(u"log")->input(u"message"), (InputBinding{"message", "build_image", "stdout", {}}));
    QVERIFY(w.node(u"echo")->description.contains("nice_level: 5"));
    QCOMPARE(w.node(u"echo")->config.find(u"command")->toVariant(), QVariant(QVariantList{"echo", "a", "b"}));

    const QString report = notesOf(r, ImportNote::Kind::NotConverted).join('\n');
    for (const char *words :
         {"docker.run", "RetryWorkflow", "Cron", "nice_level", "'extra'", "does not exist"})
        QVERIFY2(report.contains(words), qPrintable(words + QString(" not in:\n") + report));

    const LoadResult checked = loadAndValidate(writeWorkflow(w), &NodeRegistry::builtins());
    QStringList errors;
    for (const Diagnostic &d : checked.diagnostics)
        errors.append(QStringLiteral("%1:%2 %3").arg(d.pos.line).arg(d.pos.column).arg(d.message));
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.join('\n').contains(
                 "'build_image' was imported from FlowEngine and not converted: 'docker.run'"),
             qPrintable(errors.join('\n')));
    QVERIFY2(errors.join('\n').contains("no input port 'extra'"), qPrintable(errors.join('\n')));
}

void tst_Importers::taggedValueSpellings_data()
{
    QTest::addColumn<QByteArray>("delay");
    QTest::addColumn<QString>("duration");
    QTest::newRow("plain") << QByteArray("250") << "250ms";
    QTest::newRow("tagged") << QByteArray(R"({"type": "Number", "value": 250})") << "250ms";
    QTest::newRow("lower case") << QByteArray(R"({"type": "number", "value": 250})") << "250ms";
    QTest::newRow("schema name") << QByteArray(R"({"type": "integer", "value": 250})") << "250ms";
    QTest::newRow("unknown tag is a map") << QByteArray(R"({"type": "Weird", "value": 250})") << "1s";
}

// Hand-written files spell the Value tag in any case; a tag we do not know is a plain object, which
// for delay_ms means FlowEngine's default of one second.
void tst_Importers::taggedValueSpellings()
{
    QFETCH(QByteArray, delay);
    QFETCH(QString, duration);
    const QByteArray json
        = R"({"name": "t", "nodes": [{"id": "a", "node_type": "time.delay", "config": {"delay_ms": )" + delay
          + "}}], \"connections\": []}";
    const ImportResult r = importFlowEngine(json);
    QVERIFY(r.workflow);
    QCOMPARE(r.workflow->nodes.size(), 1);
    const Value *d = r.workflow->nodes.first().config.find(u"duration");
    QVERIFY(d);
    QCOMPARE(d->toString(), duration);
}

void tst_Importers::brokenInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << data("not_json.json") << "4:15: not JSON";
    QTest::newRow("no nodes") << data("no_nodes.json") << "not a FlowEngine workflow";
    QTest::newRow("array") << QByteArray("[1, 2]") << "not a FlowEngine workflow";
    QTest::newRow("empty") << QByteArray() << "1:1: not JSON";
}

void tst_Importers::brokenInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const ImportResult r = importFlowEngine(json);
    QVERIFY(!r.workflow);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
}

void tst_Importers::roundTripIsStable_data()
{
    QTest::addColumn<QByteArray>("json");
    for (const char *name : {"every_mapped_type.json", "unmappable.json", "runnable_pipeline.json"})
        QTest::newRow(name) << data(name);
    // Odd but valid: no names, duplicate names, ids that are numbers, values of every tagged kind.
    QTest::newRow("odd") << QByteArray(
        R"({"nodes": [{"id": 1, "node_type": "debug.log"}, {"id": 2, "node_type": "debug.log", "name": "1 2 3"},
            {"id": 3, "node_type": "debug.log", "name": "1 2 3"},
            {"id": 4, "node_type": "x.y", "config": {"a": {"type": "Bytes", "value": [104, 105]},
             "b": {"type": "Json", "value": {"k": [1, 2.5, null]}}, "c": {"type": "Null"},
             "d": {"type": "Object", "value": {"z": {"type": "Bool", "value": false}}}}}],
            "connections": [{"from_node": 1, "from_port": "message", "to_node": 2, "to_port": "message"}]})");
}

void tst_Importers::roundTripIsStable()
{
    QFETCH(QByteArray, json);
    const ImportResult r = importFlowEngine(json);
    QVERIFY2(r.workflow, qPrintable(r.error));
    const QByteArray yaml = writeWorkflow(*r.workflow);
    const LoadResult again = readWorkflow(yaml);
    QVERIFY(again.workflow);
    QCOMPARE(again.workflow->nodes, r.workflow->nodes);
    QCOMPARE(writeWorkflow(*again.workflow), yaml);
    // The importer is a function of its input alone.
    QCOMPARE(writeWorkflow(*importFlowEngine(json).workflow), yaml);
}

void tst_Importers::importedWorkflowRuns()
{
    const ImportResult r = importFlowEngine(data("runnable_pipeline.json"));
    QVERIFY2(r.workflow && !r.hasUnconverted(), qPrintable(importReportLines(r).join('\n')));
    const LoadResult loaded = loadAndValidate(writeWorkflow(*r.workflow), &NodeRegistry::builtins());
    QVERIFY(loaded.ok());
    Run run(*loaded.workflow, NodeRegistry::builtins());
    QSignalSpy finished(&run, &Run::finished);
    run.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    // stdout -> json.parse -> time.delay -> json.stringify (pretty, as FlowEngine) -> debug.log
    QCOMPARE(run.nodeOutputs("log").value("message").toString(),
             QString("{\n  \"items\": [\n    1,\n    2,\n    3\n  ]\n}"));
    // shell.exec's `output` (stdout parsed as JSON) through the adapter.
    QCOMPARE(run.nodeOutputs("make_data_result").value("output").toMap().value("items").toList().size(), 3);
    QCOMPARE(run.nodeOutputs("make_data_result").value("success").toBool(), true);
    QVERIFY(run.nodeOutputs("log_parsed_output").value("message").toString().contains("items"));
}

void tst_Importers::flowrunImport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("all converted") << "every_mapped_type.json" << 0 << "adapted: post_it: input 'url'";
    QTest::newRow("unconverted node") << "unmappable.json" << 1 << "NOT converted: build_image";
    QTest::newRow("not json") << "not_json.json" << 2 << "not_json.json:4:15: error: not JSON";
    QTest::newRow("missing file") << "no/such.json" << 2 << "cannot read";
}

void tst_Importers::flowrunImport()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    QTemporaryDir dir;
    const QString out = dir.filePath("out.yaml");
    QProcess p;
    p.start(QStringLiteral(FLOWRUN_PATH),
            {"import", QStringLiteral(FLOW_SOURCE_DIR "/tests/importers/data/") + file, "-o", out});
    QVERIFY(p.waitForFinished(20000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), exitCode);
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
    if (exitCode == 2) {
        QVERIFY(!QFile::exists(out));
        return;
    }
    // The YAML is written either way; `fmt --check` finds it canonical; validate agrees with the exit code.
    QVERIFY(QFile::exists(out));
    QProcess fmt;
    fmt.start(QStringLiteral(FLOWRUN_PATH), {"fmt", "--check", out});
    QVERIFY(fmt.waitForFinished(20000));
    QCOMPARE(fmt.exitCode(), exitCode == 0 ? 0 : 1); // fmt refuses files with errors
    QProcess validate;
    validate.start(QStringLiteral(FLOWRUN_PATH), {"validate", out});
    QVERIFY(validate.waitForFinished(20000));
    QCOMPARE(validate.exitCode(), exitCode);
}

QTEST_GUILESS_MAIN(tst_Importers)
#include "tst_importers.moc"

// Sub-workflows in the app (offscreen): a subflow node opens its file from a double-click or Enter,
// "Extract selection into subflow" is one undo step whose undo gives back the exact bytes (and the
// extracted workflow computes what the nodes computed before), File → Import of a FlowEngine file.
#include "canvas/canvaseditor.h"
#include "documents/commands/extractsubflow.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/nodeitem.h"
#include "executor/run.h"
#include "filecontroller.h"
#include "mainwindow.h"
#include "model/subflows.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "nodes/registry.h"
#include "notificationbar.h"
#include "studioapp.h"
#include "subflowactions.h"
#include "documents/workflowsession.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Flow;
using namespace Flow::Studio;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The outputs of a workflow file run to its end with the built-in nodes.
QVariantMap runFile(const QString &path)
{
    const LoadResult loaded = loadAndValidate(readAll(path), &NodeRegistry::builtins());
    if (!loaded.ok())
        return {{"error", loaded.diagnostics.isEmpty() ? QString("?") : loaded.diagnostics.first().message}};
    RunOptions options;
    options.workflowFile = path;
    Run run(*loaded.workflow, NodeRegistry::builtins(), options);
    QSignalSpy finished(&run, &Run::finished);
    run.start();
    if (!finished.wait(20000) || run.status() != RunStatus::Succeeded)
        return {{"error", run.error()}};
    return run.outputs();
}

MainWindow *windowWithFile(const QString &path)
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        auto *window = qobject_cast<MainWindow *>(w);
        if (window && window->session()->filePath() == path)
            return window;
    }
    return nullptr;
}

} // namespace

class tst_SubflowApp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void extractPlanWiresTheSame();
    void extractThenUndoRestoresTheBytes();
    void extractRefusesExpressionsAcrossTheBorder();
    void openSubflowFromItsNode_data();
    void openSubflowFromItsNode();
    void importFromTheFileMenu();

private:
    QString write(const QString &name, const QByteArray &yaml);
    QTemporaryDir m_dir;
};

void tst_SubflowApp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
}

void tst_SubflowApp::cleanup()
{
    // Windows the tests or the app opened with `new` (deleting one may delete other top-levels).
    QList<QPointer<MainWindow>> windows;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<MainWindow *>(w))
            windows.append(window);
    }
    for (const QPointer<MainWindow> &window : windows) {
        if (window) {
            window->files()->setAutomaticAnswer(FileController::Answer::Discard);
            delete window.data();
        }
    }
}

QString tst_SubflowApp::write(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(yaml);
    return path;
}

static const QByteArray pipeline
    = "flowstudio: 1\nname: pipeline\nparams:\n  suffix: {default: '!'}\n"
      "outputs: {final: show.message, mid: upper.result}\nnodes:\n"
      "  words: {type: shell.exec, config: {command: 'printf \"a b\"'}}\n"
      "  count: {type: shell.exec, inputs: {stdin: words.stdout}, "
      "config: {command: 'wc -w | tr -d \" \"'}}\n"
      "  upper:\n    type: script.js\n    inputs: {t: words.stdout, n: count.stdout}\n"
      "    config: {code: 'return t.toUpperCase() + n.trim() + \"${{ params.suffix }}\";'}\n"
      "  show: {type: debug.log, inputs: {message: upper.result}, after: [count]}\n"
      "layout:\n  words: [0, 0]\n  count: [280, 0]\n  upper: [560, 0]\n  show: [840, 0]\n";

void tst_SubflowApp::extractPlanWiresTheSame()
{
    const Workflow before = *readWorkflow(pipeline).workflow;
    const SubflowExtraction plan = planSubflowExtraction(before, {"upper", "count"}, "inner", "inner.yaml");
    QCOMPARE(plan.error, QString());
    // Outside: words -> inner -> show, in the place of the first moved node.
    QCOMPARE(plan.after.nodeIds(), (QStringList{"words", "inner", "show"}));
    const Node &inner = *plan.after.node(u"inner");
    QCOMPARE(inner.type, QString("flow.subflow"));
    QCOMPARE(inner.config.find(u"path")->toString(), QString("inner.yaml"));
    QCOMPARE(inner.inputs, (QList<InputBinding>{{"words_stdout", "words", "stdout", {}}}));
    QCOMPARE(inner.config.find(u"params")->find(u"suffix")->toString(), QString("${{ params.suffix }}"));
    QCOMPARE(inner.position, QPointF(280, 0));
    const Node &show = *plan.after.node(u"show");
    QCOMPARE(show.inputs, (QList<InputBinding>{{"message", "inner", "upper_result", {}}}));
    QCOMPARE(show.after, QStringList{"inner"});
    QCOMPARE(plan.after.outputs.at(1), (OutputBinding{"mid", "inner", "upper_result", {}}));
    // Inside: one flow.value per outside source, the params it needs, the outputs read outside.
    QCOMPARE(plan.sub.nodeIds(), (QStringList{"words_stdout", "count", "upper"}));
    QCOMPARE(plan.sub.node(u"words_stdout")->type, QString("flow.value"));
    QCOMPARE(plan.sub.node(u"count")->inputs, (QList<InputBinding>{{"stdin", "words_stdout", "value", {}}}));
    QStringList params;
    for (const ParamSpec &p : plan.sub.params)
        params.append(p.name);
    QCOMPARE(params, (QStringList{"words_stdout", "suffix"}));
    QCOMPARE(plan.sub.outputs, (QList<OutputBinding>{{"upper_result", "upper", "result", {}}}));
}

void tst_SubflowApp::extractThenUndoRestoresTheBytes()
{
    const QString parent = write("pipeline.yaml", pipeline);
    const QVariantMap expected = runFile(parent);
    QCOMPARE(expected.value("final").toString(), QString("A B2!"));

    MainWindow window;
    window.show();
    QVERIFY(window.files()->openFile(parent));
    WorkflowSession *session = window.session();
    const QByteArray textBefore = session->text();
    window.canvas()->selectNodes({"count", "upper"});
    QTRY_VERIFY(window.subflows()->extractAction()->isEnabled());
    const QString subFile = m_dir.filePath("steps.yaml");
    const int steps = session->undoStack()->count();
    QVERIFY(window.subflows()->extractSelectionTo(subFile));
    QCOMPARE(session->undoStack()->count(), steps + 1); // one undo step
    QVERIFY(QFile::exists(subFile));
    const QByteArray textAfter = session->text();
    QVERIFY(textAfter.contains("type: flow.subflow"));
    QVERIFY(textAfter.contains("path: steps.yaml"));
    QCOMPARE(window.canvas()->selectedNodeIds(), QStringList{"steps"});
    QVERIFY(window.canvas()->scene()->nodeItem(u"steps"));
    QVERIFY(!window.canvas()->scene()->nodeItem(u"upper"));

    // Saved, the two files validate together and compute what the one file did.
    QVERIFY(window.files()->save());
    QCOMPARE(
        validateSubflows(*readWorkflow(readAll(parent)).workflow, parent, &NodeRegistry::builtins()).size(),
        0);
    const QVariantMap extracted = runFile(parent);
    QCOMPARE(extracted.value("final"), expected.value("final"));
    QCOMPARE(extracted.value("mid"), expected.value("mid"));

    session->undo();
    QCOMPARE(session->text(), textBefore);
    QVERIFY(!QFile::exists(subFile));
    QVERIFY(window.canvas()->scene()->nodeItem(u"upper"));
    session->redo();
    QCOMPARE(session->text(), textAfter);
    QVERIFY(QFile::exists(subFile));
    session->undo();
    QCOMPARE(session->text(), textBefore);
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
}

void tst_SubflowApp::extractRefusesExpressionsAcrossTheBorder()
{
    const Workflow w
        = *readWorkflow("flowstudio: 1\nname: x\nnodes:\n  a: {type: debug.log, config: {message: hi}}\n"
                        "  b: {type: debug.log, config: {message: '${{ nodes.a.outputs.message }}'}}\n")
               .workflow;
    const SubflowExtraction plan = planSubflowExtraction(w, {"b"}, "sub", "sub.yaml");
    QVERIFY2(plan.error.contains("nodes.a"), qPrintable(plan.error));
    QVERIFY(planSubflowExtraction(w, {"a", "b"}, "sub", "sub.yaml").error.isEmpty());
    QVERIFY(!planSubflowExtraction(w, {}, "sub", "sub.yaml").error.isEmpty());
}

void tst_SubflowApp::openSubflowFromItsNode_data()
{
    QTest::addColumn<bool>("byKey");
    QTest::newRow("double-click") << false;
    QTest::newRow("enter") << true;
}

void tst_SubflowApp::openSubflowFromItsNode()
{
    QFETCH(bool, byKey);
    const QString sub = write("child.yaml", "flowstudio: 1\nname: child\nnodes:\n"
                                            "  hello: {type: debug.log, config: {message: hi}}\n");
    const QString parent = write("parent.yaml", "flowstudio: 1\nname: parent\nnodes:\n"
                                                "  child: {type: flow.subflow, config: {path: child.yaml}}\n"
                                                "  other: {type: debug.log, config: {message: x}}\n"
                                                "layout:\n  child: [0, 0]\n  other: [300, 0]\n");
    auto *window = new MainWindow;
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(window->files()->openFile(parent));
    GraphView *view = window->canvas()->view();
    QTRY_VERIFY(window->canvas()->scene()->nodeItem(u"child"));
    NodeItem *item = window->canvas()->scene()->nodeItem(u"child");
    view->centerOn(item);

    // Not a subflow: nothing opens.
    window->canvas()->selectNodes({"other"});
    view->setFocus();
    QTest::keyClick(view->viewport(), Qt::Key_Return);
    QVERIFY(!windowWithFile(sub));

    if (byKey) {
        window->canvas()->selectNodes({"child"});
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
    } else {
        // The body of the card, below its title (a double-click on the title renames).
        const QRectF body = item->cardRect().adjusted(0, NodeItem::HeaderHeight + 4, 0, 0);
        const QPoint at = view->mapFromScene(item->mapToScene(body.center()));
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    }
    QTRY_VERIFY(windowWithFile(sub));
    MainWindow *opened = windowWithFile(sub);
    QVERIFY(opened != window);
    QTRY_VERIFY(opened->isVisible());
    QVERIFY(opened->canvas()->scene()->nodeItem(u"hello"));
    // Asking again raises the same window instead of opening another.
    QCOMPARE(window->subflows()->openSubflow("child"), opened);
}

void tst_SubflowApp::importFromTheFileMenu()
{
    MainWindow window;
    window.show();
    QVERIFY(window.findAction("action.importFlowEngine"));
    QVERIFY(window.subflows()->importFlowEngineFile(
        QStringLiteral(FLOW_SOURCE_DIR "/tests/importers/data/unmappable.json")));
    QVERIFY(window.session()->text().contains("type: flowengine.docker.run"));
    QVERIFY(window.session()->isModified());
    QVERIFY(window.session()->filePath().isEmpty()); // Save asks where; the JSON is never overwritten
    NotificationBar *bar = window.notifications()->bar("import.report");
    QVERIFY(bar);
    QVERIFY(bar->findChild<QLabel *>()->text().contains("docker.run"));
    // Validate names what is left, in the problems of the window.
    QTRY_VERIFY(std::any_of(window.session()->diagnostics().begin(), window.session()->diagnostics().end(),
                            [](const Diagnostic &d) { return d.message.contains("not converted"); }));
    QVERIFY(!window.subflows()->importFlowEngineFile(
        QStringLiteral(FLOW_SOURCE_DIR "/tests/importers/data/not_json.json")));
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
}

QTEST_MAIN(tst_SubflowApp)
#include "tst_subflowapp.moc"

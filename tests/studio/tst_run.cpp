// Running from the main window (issue 6): a real run on the scheduler thread, watched through the
// run panel's model, the canvas overlay, the log model and the timeline; retries, cancel from the UI
// (no process left behind), run selected nodes, params and refusal of a broken workflow.
#include "studiotestutil.h"

#include "filecontroller.h"
#include "mainwindow.h"
#include "notificationbar.h"
#include "runparamsdialog.h"
#include "runworkbench.h"
#include "documents/workflowsession.h"

#include "app/runview/logmodel.h"
#include "app/runview/logview.h"
#include "app/runview/runnodemodel.h"
#include "app/runview/runlistmodel.h"
#include "app/runview/runpanel.h"
#include "app/runview/timelineview.h"
#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "canvas/nodeitem.h"
#include "model/workflowdocument.h"
#include "runs/runlist.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Flow;
using namespace Flow::Studio;

class tst_Run : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runShowsStatesEverywhere();
    void retriesShowAttempts();
    void stopLeavesNoProcessBehind();
    void runSelectedRunsUpstreamOnly();
    void brokenWorkflowIsNotRun();
    void paramsDialog_data();
    void paramsDialog();
    void selectionFollowsAcrossViews();
    void twoRunsAtOnce();

private:
    // Opens `yaml` (written to a file in m_dir) in a fresh window.
    void open(const QByteArray &yaml);
    QString cell(const QString &node, int column) const;
    NodeState stateOf(const QString &node) const;
    bool runAndWait(const std::function<bool()> &start, RunStatus expected);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_Run::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->files()->setAutomaticAnswer(FileController::Answer::Discard);
    m_window->show();
}

void tst_Run::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void tst_Run::open(const QByteArray &yaml)
{
    const QString path = m_dir->filePath(QStringLiteral("flow.yaml"));
    QVERIFY(StudioTest::writeFile(path, yaml));
    QVERIFY(m_window->files()->openFile(path));
}

QString tst_Run::cell(const QString &node, int column) const
{
    const RunNodeModel *model = m_window->runs()->runPanel()->model();
    const int row = model->rowOf(node);
    return row < 0 ? QStringLiteral("<no row>") : model->index(row, column).data().toString();
}

NodeState tst_Run::stateOf(const QString &node) const
{
    const NodeStatus *s = m_window->runs()->runPanel()->model()->state().node(node);
    return s ? s->state : NodeState::Pending;
}

bool tst_Run::runAndWait(const std::function<bool()> &start, RunStatus expected)
{
    QSignalSpy finished(m_window->runs(), &RunWorkbench::runFinished);
    if (!start())
        return false;
    if (!finished.wait(20000))
        return false;
    return finished.first().first().value<RunStatus>() == expected;
}

void tst_Run::runShowsStatesEverywhere()
{
    open("flowstudio: 1\n"
         "settings: {on_error: continue}\n"
         "nodes:\n"
         "  hello: {type: shell.exec, config: {command: 'echo one; echo two; echo oops >&2'}}\n"
         "  shout: {type: shell.exec, inputs: {stdin: hello.stdout}, config: {command: 'tr a-z A-Z'}}\n"
         "  broken: {type: shell.exec, config: {command: 'echo bad; exit 3'}}\n"
         "  after_broken: {type: debug.log, after: [broken], config: {message: never}}\n");
    RunWorkbench *runs = m_window->runs();
    QVERIFY(runs->runAction()->isEnabled());
    QVERIFY(runAndWait(
        [&] {
            runs->runAction()->trigger();
            return runs->isRunning();
        },
        RunStatus::Failed));
    // Run panel model.
    QCOMPARE(stateOf("hello"), NodeState::Succeeded);
    QCOMPARE(stateOf("shout"), NodeState::Succeeded);
    QCOMPARE(stateOf("broken"), NodeState::Failed);
    QCOMPARE(stateOf("after_broken"), NodeState::Skipped);
    QVERIFY(cell("broken", RunNodeModel::MessageColumn).contains("3"));
    // Canvas overlay: the same states, and the wire hello -> shout carried data.
    GraphScene *scene = m_window->canvas()->scene();
    QCOMPARE(scene->nodeItem(u"hello")->runState(), NodeState::Succeeded);
    QCOMPARE(scene->nodeItem(u"broken")->runState(), NodeState::Failed);
    QCOMPARE(scene->nodeItem(u"after_broken")->runState(), NodeState::Skipped);
    QVERIFY(scene->nodeItem(u"broken")->toolTip().contains("3"));
    // Log: stdout and stderr lines of hello, in order, with their streams.
    const LogModel *log = runs->logView()->model();
    QStringList helloLines;
    QStringList streams;
    for (int row = 0; row < log->rowCount(); ++row) {
        const QModelIndex index = log->index(row, 0);
        if (index.data(LogModel::NodeRole).toString() == u"hello") {
            helloLines.append(log->index(row, 4).data().toString());
            streams.append(index.data(LogModel::StreamRole).toString());
        }
    }
    QCOMPARE(helloLines.size(), 3);
    QVERIFY(helloLines.contains("oops"));
    QCOMPARE(streams.count("stderr"), 1);
    QCOMPARE(streams.count("stdout"), 2);
    // Timeline: one attempt bar per started node.
    int attemptBars = 0;
    for (const TimelineBar &bar : runs->timeline()->bars())
        attemptBars += bar.kind == TimelineBar::Attempt ? 1 : 0;
    QCOMPARE(attemptBars, 3);
    QVERIFY(runs->statusLabel()->text().contains(QStringLiteral("failed")));
    QVERIFY(runs->runAction()->isEnabled());
    QVERIFY(!runs->stopAction()->isEnabled());
}

void tst_Run::retriesShowAttempts()
{
    // Fails twice, succeeds on the third attempt: a counter file next to the workflow.
    open("flowstudio: 1\n"
         "nodes:\n"
         "  flaky:\n"
         "    type: shell.exec\n"
         "    retry: {attempts: 3, delay: 50ms}\n"
         "    config: {command: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; "
         "echo attempt $n; [ $n -ge 3 ]'}\n");
    QVERIFY(runAndWait([&] { return m_window->runs()->runWorkflow(); }, RunStatus::Succeeded));
    QCOMPARE(stateOf("flaky"), NodeState::Succeeded);
    QCOMPARE(cell("flaky", RunNodeModel::AttemptColumn), QStringLiteral("3/3"));
    QCOMPARE(m_window->canvas()->scene()->nodeItem(u"flaky")->runState(), NodeState::Succeeded);
    int attempts = 0;
    int waits = 0;
    for (const TimelineBar &bar : m_window->runs()->timeline()->bars()) {
        attempts += bar.kind == TimelineBar::Attempt ? 1 : 0;
        waits += bar.kind == TimelineBar::RetryWait ? 1 : 0;
    }
    QCOMPARE(attempts, 3);
    QCOMPARE(waits, 2);
    // The log holds each attempt's line under its attempt number.
    const LogModel *log = m_window->runs()->logView()->model();
    QSet<int> attemptsLogged;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row, 4).data().toString().startsWith(QLatin1String("attempt ")))
            attemptsLogged.insert(log->index(row, 0).data(LogModel::AttemptRole).toInt());
    }
    QCOMPARE(attemptsLogged, (QSet<int>{1, 2, 3}));
}

void tst_Run::stopLeavesNoProcessBehind()
{
    // The shell starts a background child and waits; both pids are written down first.
    open("flowstudio: 1\n"
         "nodes:\n"
         "  long: {type: shell.exec, config: {command: 'sleep 60 & echo $! > child.pid; echo $$ > shell.pid; "
         "wait'}}\n");
    RunWorkbench *runs = m_window->runs();
    QSignalSpy finished(runs, &RunWorkbench::runFinished);
    QVERIFY(runs->runWorkflow());
    const QString childFile = m_dir->filePath("child.pid");
    const QString shellFile = m_dir->filePath("shell.pid");
    QTRY_VERIFY_WITH_TIMEOUT(!StudioTest::readFile(shellFile).trimmed().isEmpty(), 10000);
    QTRY_VERIFY(!StudioTest::readFile(childFile).trimmed().isEmpty());
    const pid_t child = StudioTest::readFile(childFile).trimmed().toInt();
    const pid_t shell = StudioTest::readFile(shellFile).trimmed().toInt();
    QVERIFY(child > 0 && shell > 0);
    QCOMPARE(::kill(child, 0), 0);
    QVERIFY(runs->stopAction()->isEnabled());
    runs->stopAction()->trigger();
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().first().value<RunStatus>(), RunStatus::Cancelled);
    QCOMPARE(stateOf("long"), NodeState::Cancelled);
    // Gone, not just signalled (the executor reaps its shell; the child belongs to init by now).
    QTRY_VERIFY_WITH_TIMEOUT(::kill(child, 0) != 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(shell, 0) != 0, 10000);
}

void tst_Run::runSelectedRunsUpstreamOnly()
{
    open("flowstudio: 1\n"
         "nodes:\n"
         "  a: {type: shell.exec, config: {command: 'echo a'}}\n"
         "  b: {type: shell.exec, inputs: {stdin: a.stdout}, config: {command: cat}}\n"
         "  c: {type: shell.exec, inputs: {stdin: b.stdout}, config: {command: cat}}\n"
         "  d: {type: debug.log, config: {message: other}}\n");
    RunWorkbench *runs = m_window->runs();
    QVERIFY(!runs->runSelectedAction()->isEnabled());
    m_window->canvas()->selectNodes({"b"});
    QVERIFY(runs->runSelectedAction()->isEnabled());
    QVERIFY(runAndWait(
        [&] {
            runs->runSelectedAction()->trigger();
            return runs->isRunning();
        },
        RunStatus::Succeeded));
    QCOMPARE(runs->runPanel()->model()->rowCount(), 2);
    QCOMPARE(stateOf("a"), NodeState::Succeeded);
    QCOMPARE(stateOf("b"), NodeState::Succeeded);
    QVERIFY(!runs->runPanel()->model()->state().node("c"));
    QVERIFY(!runs->runPanel()->model()->state().node("d"));
}

void tst_Run::brokenWorkflowIsNotRun()
{
    open("flowstudio: 1\nnodes:\n  a: {type: no.such.type}\n");
    RunWorkbench *runs = m_window->runs();
    QVERIFY(!runs->runWorkflow());
    QVERIFY(!runs->isRunning());
    QVERIFY(m_window->notifications()->findChild<NotificationBar *>());
    QCOMPARE(runs->runPanel()->model()->rowCount(), 0);
}

void tst_Run::paramsDialog_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("required filled") << "who"
                                     << "world" << true << QVariant("world");
    QTest::newRow("required empty") << "who"
                                    << "" << false << QVariant();
    QTest::newRow("int ok") << "count"
                            << "7" << true << QVariant(qint64(7));
    QTest::newRow("int bad") << "count"
                             << "seven" << false << QVariant();
    QTest::newRow("int default") << "count"
                                 << "" << true << QVariant(qint64(3));
    QTest::newRow("list json") << "tags"
                               << "[1, 2]" << true << QVariant(QVariantList{1, 2});
    QTest::newRow("list bad") << "tags"
                              << "{}" << false << QVariant();
}

void tst_Run::paramsDialog()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QVariant, value);
    open("flowstudio: 1\n"
         "params:\n"
         "  who: {description: whom to greet}\n"
         "  count: {default: 3}\n"
         "  loud: {default: false}\n"
         "  tags: {default: [a]}\n"
         "nodes:\n"
         "  a: {type: debug.log, config: {message: 'hi ${{ params.who }}'}}\n");
    const QList<ParamSpec> params = m_window->session()->document()->workflow().params;
    QVERIFY(!RunParamsDialog::canRunWithout(params, {}));
    QVERIFY(RunParamsDialog::canRunWithout(params, {{"who", "x"}}));
    RunParamsDialog dialog(params, {{"who", "x"}});
    QVERIFY(dialog.checkBox("loud"));
    QVERIFY(!dialog.field("loud"));
    QVERIFY(dialog.isValid());
    dialog.field(field)->setText(text);
    QCOMPARE(dialog.isValid(), valid);
    if (valid)
        QCOMPARE(dialog.values().value(field), value);
}

void tst_Run::selectionFollowsAcrossViews()
{
    open("flowstudio: 1\nnodes:\n  a: {type: debug.log, config: {message: x}}\n"
         "  b: {type: debug.log, config: {message: y}}\n");
    RunWorkbench *runs = m_window->runs();
    QVERIFY(runAndWait([&] { return runs->runWorkflow(); }, RunStatus::Succeeded));
    // Canvas -> table.
    m_window->canvas()->selectNodes({"b"});
    const QModelIndexList rows = runs->runPanel()->view()->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(RunNodeModel::NodeIdRole).toString(), QStringLiteral("b"));
    // Timeline click -> canvas (through the signal the view emits on a click).
    emit runs->timeline()->nodeClicked(QStringLiteral("a"));
    QCOMPARE(m_window->canvas()->selectedNodeIds(), QStringList{"a"});
}

void tst_Run::twoRunsAtOnce()
{
    // Each run waits for its own gate file, so both are going at the same time for as long as the
    // test wants; a run numbers itself from a counter file, and its line names that number.
    open("flowstudio: 1\n"
         "nodes:\n"
         "  wait:\n"
         "    type: shell.exec\n"
         "    config:\n"
         "      command: |\n"
         "        n=$(( $(cat counter 2>/dev/null || echo 0) + 1 )); echo $n > counter\n"
         "        echo \"run $n waiting\"\n"
         "        while [ ! -f gate$n ]; do sleep 0.02; done\n"
         "        echo \"run $n done\"\n");
    RunWorkbench *runs = m_window->runs();
    RunList *list = runs->runList();
    QSignalSpy finished(runs, &RunWorkbench::runFinished);
    QVERIFY(runs->runWorkflow());
    RunFeed *first = runs->currentFeed();
    QTRY_COMPARE_WITH_TIMEOUT(cell("wait", RunNodeModel::MessageColumn), QString("run 1 waiting"), 10000);
    QVERIFY(runs->runAction()->isEnabled()); // a second run may start beside the first
    runs->runAction()->trigger();
    RunFeed *second = runs->currentFeed();
    QVERIFY(second && second != first);
    QCOMPARE(list->liveCount(), 2);
    QCOMPARE(runs->runListView()->model()->rowCount(), 2);
    // The views show the run picked in the list, and only that one.
    QTRY_COMPARE_WITH_TIMEOUT(cell("wait", RunNodeModel::MessageColumn), QString("run 2 waiting"), 10000);
    QCOMPARE(m_window->canvas()->scene()->runState()->runId(), second->runId());
    QCOMPARE(runs->logView()->model()->runId(), second->runId());
    auto *model = static_cast<RunListModel *>(runs->runListView()->model());
    runs->runListView()->selectRow(model->rowOf(first));
    QCOMPARE(runs->currentFeed(), first);
    QCOMPARE(runs->runPanel()->feed(), first);
    QCOMPARE(cell("wait", RunNodeModel::MessageColumn), QString("run 1 waiting"));
    QCOMPARE(m_window->canvas()->scene()->runState()->runId(), first->runId());
    QCOMPARE(runs->timeline()->feed(), first);
    // The second finishes while the first is shown: the views stay on the first.
    QVERIFY(StudioTest::writeFile(m_dir->filePath("gate2"), "go"));
    QVERIFY(finished.wait(10000));
    QCOMPARE(second->state().phase(), RunPhase::Succeeded);
    QCOMPARE(first->state().phase(), RunPhase::Running);
    QCOMPARE(stateOf("wait"), NodeState::Running);
    QCOMPARE(list->liveCount(), 1);
    if (QFileInfo(QDir::tempPath()).isWritable()) // a picture of two runs, for people to look at
        m_window->grab().save(QDir::temp().filePath(QStringLiteral("flowstudio-two-runs.png")));
    // Stop stops the shown run.
    QVERIFY(runs->stopAction()->isEnabled());
    runs->stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QCOMPARE(first->state().phase(), RunPhase::Cancelled);
    QCOMPARE(stateOf("wait"), NodeState::Cancelled);
    QCOMPARE(list->liveCount(), 0);
    // Clear takes the finished runs off the list and the states off the views.
    runs->clearAction()->trigger();
    QTRY_COMPARE(runs->runListView()->model()->rowCount(), 0);
    QVERIFY(!m_window->canvas()->scene()->hasRunOverlay());
}

QTEST_MAIN(tst_Run)
#include "tst_run.moc"

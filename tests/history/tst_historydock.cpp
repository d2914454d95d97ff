// The Run History dock in a real window: runs recorded by `flowrun` in another process appear, an
// interrupted one is listed as such, opening a run replays it into the window's run list through the
// one reducer (the same state as folding the stored events), and a run of the window is recorded.
// A cached node says which run its outputs came from; the canvas's node menu resumes the last run
// and re-runs from a node through the same path as the dock.
#include "canvasrunmenu.h"
#include "historydock.h"
#include "historymodel.h"
#include "mainwindow.h"
#include "runworkbench.h"

#include "app/runview/runnodemodel.h"
#include "app/runview/runpanel.h"
#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/nodeitem.h"
#include "documents/workflowsession.h"
#include "history/storedb.h"
#include "runs/runfeed.h"
#include "runs/runlist.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;
using namespace Flow::Studio;

class tst_HistoryDock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsRunsOfOtherProcessesAndReplaysThem();
    void resumeFromTheDockRunsOnlyWhatFailed();
    void cachedNodeSaysWhichRunItCameFrom();
    void canvasMenuResumesAndRerunsFromNode();

private:
    int flowrun(const QStringList &args);
    QString write(const QString &name, const QByteArray &yaml);
    QByteArray effects(const QString &name) const;
    // Right-clicks `node` on the canvas; returns the menu once its run entries are settled.
    QMenu *nodeMenu(MainWindow &window, const QString &node);
    // The first event of a run as stored: its run.started.
    RunEvent startOf(const QString &runId);
    QTemporaryDir m_dir;
    QString m_db;
};

void tst_HistoryDock::initTestCase()
{
    qRegisterMetaType<QMenu *>(); // CanvasRunMenu::entriesSettled, for QSignalSpy
    m_db = m_dir.filePath("history.db");
    qputenv("FLOWSTUDIO_HISTORY_DB", m_db.toUtf8());
}

int tst_HistoryDock::flowrun(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(FLOWRUN_PATH), args);
    if (!p.waitForFinished(30000))
        return -1;
    return p.exitCode();
}

void tst_HistoryDock::listsRunsOfOtherProcessesAndReplaysThem()
{
    const QString wf = m_dir.filePath("two.yaml");
    QFile f(wf);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("flowstudio: 1\nname: Two\nnodes:\n"
            "  a:\n    type: shell.exec\n    config: {command: \"seq 1 50\"}\n"
            "  b:\n    type: shell.exec\n    after: [a]\n    config: {command: \"exit 4\"}\n");
    f.close();
    QCOMPARE(flowrun({"run", wf}), 1);

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    HistoryDock *dock = window.historyDock();
    QVERIFY(dock);
    QTRY_COMPARE(dock->model()->rowCount(), 1);
    QCOMPARE(dock->model()->run(0)->status, QStringLiteral("failed"));

    // A second run by another process while the window is open shows up by itself.
    QCOMPARE(flowrun({"run", wf}), 1);
    // The reader thread polls PRAGMA data_version about once a second.
    QTRY_COMPARE_WITH_TIMEOUT(dock->model()->rowCount(), 2, 10000);

    const QString id = dock->model()->run(0)->id;
    QSignalSpy shown(dock, &HistoryDock::runShown);
    dock->openRun(id);
    QTRY_VERIFY(!shown.isEmpty());
    RunFeed *feed = window.runs()->runList()->feed(id);
    QVERIFY(feed);
    QTRY_VERIFY(feed->isFinished());
    StoreDb db;
    QVERIFY(db.open(m_db, StoreDb::OpenMode::ExistingOnly));
    const RunState folded = RunState::fold(db.events(id));
    QCOMPARE(feed->state().lastSeq(), folded.lastSeq());
    QCOMPARE(feed->state().phase(), RunPhase::Failed);
    QCOMPARE(feed->state().node("a")->logLines, 50);
    QCOMPARE(feed->state().node("b")->state, NodeState::Failed);
    QCOMPARE(window.runs()->currentFeed(), feed);
}

void tst_HistoryDock::resumeFromTheDockRunsOnlyWhatFailed()
{
    const QString wf = m_dir.filePath("resume.yaml");
    QFile f(wf);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("flowstudio: 1\nname: Resume\nnodes:\n"
            "  a:\n    type: shell.exec\n    config: {command: \"echo a >> effects.txt\"}\n"
            "  b:\n    type: shell.exec\n    after: [a]\n"
            "    config: {command: \"echo b >> effects.txt; test -f ok\"}\n");
    f.close();
    QCOMPARE(flowrun({"run", wf}), 1);
    QFile ok(m_dir.filePath("ok"));
    QVERIFY(ok.open(QIODevice::WriteOnly));
    ok.close();

    MainWindow window;
    HistoryDock *dock = window.historyDock();
    QTRY_VERIFY(dock->model()->rowCount() >= 1);
    const RunRecord failed = *dock->model()->run(0);
    QCOMPARE(failed.name, QStringLiteral("Resume"));
    QSignalSpy shown(dock, &HistoryDock::runShown);
    dock->resumeRun(failed.id);
    QTRY_VERIFY(!shown.isEmpty());
    RunFeed *feed = window.runs()->runList()->feed(shown.first().first().toString());
    QVERIFY(feed);
    QTRY_VERIFY_WITH_TIMEOUT(feed->isFinished(), 20000);
    QCOMPARE(feed->state().phase(), RunPhase::Succeeded);
    QCOMPARE(feed->state().node("a")->state, NodeState::Cached);
    QFile effects(m_dir.filePath("effects.txt"));
    QVERIFY(effects.open(QIODevice::ReadOnly));
    QCOMPARE(effects.readAll(), QByteArray("a\nb\nb\n"));
    // The window's run is recorded too, as continuing the failed one.
    QTRY_VERIFY_WITH_TIMEOUT(dock->model()->rowCount() >= 2 && dock->model()->run(0)->status == u"succeeded",
                             10000);
    QCOMPARE(dock->model()->run(0)->continues, failed.id);
}

QString tst_HistoryDock::write(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(yaml) != yaml.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray tst_HistoryDock::effects(const QString &name) const
{
    QFile f(m_dir.filePath(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QMenu *tst_HistoryDock::nodeMenu(MainWindow &window, const QString &node)
{
    GraphView *view = window.canvas()->view();
    NodeItem *item = window.canvas()->scene()->nodeItem(node);
    if (!item)
        return nullptr;
    view->centerOn(item);
    const QPoint pos = view->mapFromScene(item->sceneBoundingRect().center());
    QSignalSpy settled(window.canvasRunMenu(), &CanvasRunMenu::entriesSettled);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QCoreApplication::sendEvent(view->viewport(), &event);
    if (settled.isEmpty() && !settled.wait(10000))
        return nullptr;
    return settled.first().first().value<QMenu *>();
}

RunEvent tst_HistoryDock::startOf(const QString &runId)
{
    StoreDb db;
    if (!db.open(m_db, StoreDb::OpenMode::ExistingOnly))
        return {};
    const RunEvents events = db.events(runId, 0, 1);
    return events.isEmpty() ? RunEvent() : events.first();
}

void tst_HistoryDock::cachedNodeSaysWhichRunItCameFrom()
{
    const QString wf = write("cached.yaml", "flowstudio: 1\nname: CachedDock\nnodes:\n"
                                            "  work:\n    type: shell.exec\n    cache: true\n"
                                            "    config: {command: \"echo work >> cached.txt; echo 5\"}\n");
    QCOMPARE(flowrun({"run", wf}), 0);
    MainWindow window;
    HistoryDock *dock = window.historyDock();
    QTRY_VERIFY(dock->model()->rowCount() >= 1);
    const QString first = dock->model()->run(0)->id;

    // A run of the window hits what the other process computed.
    QVERIFY(window.session()->load(wf));
    QVERIFY(window.runs()->runWorkflow());
    RunFeed *feed = window.runs()->currentFeed();
    QVERIFY(feed);
    QTRY_VERIFY_WITH_TIMEOUT(feed->isFinished(), 20000);
    QCOMPARE(feed->state().node("work")->state, NodeState::Cached);
    QCOMPARE(feed->state().node("work")->fromRun, first);
    QCOMPARE(effects("cached.txt"), QByteArray("work\n"));

    // Opened from the dock, the stored run says so in its node list.
    const QString second = feed->runId();
    window.runs()->clearAction()->trigger();
    HistoryModel *runs = dock->model();
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(second) >= 0 && runs->run(runs->rowOf(second))->isFinished(), 10000);
    dock->openRun(second);
    QTRY_VERIFY(window.runs()->runList()->feed(second)
                && window.runs()->runList()->feed(second)->isFinished());
    RunNodeModel *nodes = window.runs()->runPanel()->model();
    QTRY_COMPARE(nodes->rowCount(), 1);
    // The row comes with the run's first events; its message once the stored state is applied.
    QTRY_COMPARE(nodes->index(0, RunNodeModel::MessageColumn).data().toString(),
                 QStringLiteral("cached, from run %1").arg(first.left(8)));
    QVERIFY(nodes->index(0, RunNodeModel::MessageColumn).data(Qt::ToolTipRole).toString().contains(first));
}

void tst_HistoryDock::canvasMenuResumesAndRerunsFromNode()
{
    const QString wf
        = write("menu.yaml", "flowstudio: 1\nname: Menu\nnodes:\n"
                             "  a:\n    type: shell.exec\n    config: {command: \"echo a >> menu.txt\"}\n"
                             "  b:\n    type: shell.exec\n    after: [a]\n"
                             "    config: {command: \"echo b >> menu.txt; test -f menu.ok\"}\n"
                             "  c:\n    type: shell.exec\n    after: [b]\n"
                             "    config: {command: \"echo c >> menu.txt; "
                             "while [ -f menu.hold ]; do sleep 0.05; done\"}\n");
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.session()->load(wf));
    QTRY_VERIFY(window.canvas()->scene()->nodeItem(QStringLiteral("c")));

    // No run of this workflow yet: both entries are there, disabled, and say why.
    QMenu *menu = nodeMenu(window, "b");
    QVERIFY(menu);
    auto *rerun = menu->findChild<QAction *>("canvas.rerunFromNode");
    auto *resume = menu->findChild<QAction *>("canvas.resumeLastRun");
    QVERIFY(rerun && resume);
    QVERIFY(!rerun->isEnabled() && !resume->isEnabled());
    QVERIFY2(resume->toolTip().contains("No run"), qPrintable(resume->toolTip()));
    menu->close();

    // Another process runs it, b fails: Resume Last Run resumes that run.
    QCOMPARE(flowrun({"run", wf}), 1);
    for (const char *name : {"menu.ok", "menu.hold"}) {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    menu = nodeMenu(window, "b");
    QVERIFY(menu);
    resume = menu->findChild<QAction *>("canvas.resumeLastRun");
    QVERIFY2(resume->isEnabled(), qPrintable(resume->toolTip()));
    const QString failed = resume->data().toString();
    QSignalSpy shown(window.historyDock(), &HistoryDock::runShown);
    resume->trigger();
    menu->close();
    QTRY_VERIFY(!shown.isEmpty());
    const QString resumed = shown.takeFirst().first().toString();
    RunFeed *feed = window.runs()->runList()->feed(resumed);
    QVERIFY(feed);
    // While a run goes (c waits for menu.hold to go), the entries are disabled and say why.
    QTRY_VERIFY_WITH_TIMEOUT(feed->state().node("c") && feed->state().node("c")->state == NodeState::Running,
                             20000);
    menu = nodeMenu(window, "a");
    QVERIFY(menu);
    for (const char *name : {"canvas.rerunFromNode", "canvas.resumeLastRun"}) {
        const QAction *a = menu->findChild<QAction *>(name);
        QVERIFY(a && !a->isEnabled());
        QVERIFY2(a->toolTip().contains("in progress"), qPrintable(a->toolTip()));
    }
    menu->close();
    QVERIFY(QFile::remove(m_dir.filePath("menu.hold")));
    QTRY_VERIFY_WITH_TIMEOUT(feed->isFinished(), 20000);
    QCOMPARE(feed->state().phase(), RunPhase::Succeeded);
    QTRY_COMPARE(startOf(resumed).data.value("continues").toString(), failed);
    QCOMPARE(effects("menu.txt"), QByteArray("a\nb\nb\nc\n"));

    // Re-run From This Node on c: the newest run in which c ended is the resumed one; only c runs.
    // The store's writer commits the window's runs after their feed has shown them: wait until the
    // history has the resumed run as finished.
    HistoryModel *runs = window.historyDock()->model();
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(resumed) >= 0 && runs->run(runs->rowOf(resumed))->isFinished(),
                             10000);
    menu = nodeMenu(window, "c");
    QVERIFY(menu);
    rerun = menu->findChild<QAction *>("canvas.rerunFromNode");
    QVERIFY2(rerun->isEnabled(), qPrintable(rerun->toolTip()));
    QCOMPARE(rerun->data().toString(), resumed);
    rerun->trigger();
    menu->close();
    QTRY_VERIFY(!shown.isEmpty());
    const QString rerunId = shown.takeFirst().first().toString();
    feed = window.runs()->runList()->feed(rerunId);
    QVERIFY(feed);
    QTRY_VERIFY_WITH_TIMEOUT(feed->isFinished(), 20000);
    QCOMPARE(feed->state().phase(), RunPhase::Succeeded);
    QCOMPARE(feed->state().node("a")->state, NodeState::Cached);
    QCOMPARE(feed->state().node("b")->state, NodeState::Cached);
    QCOMPARE(feed->state().node("c")->state, NodeState::Succeeded);
    QTRY_COMPARE(startOf(rerunId).data.value("continues").toString(), resumed);
    QCOMPARE(effects("menu.txt"), QByteArray("a\nb\nb\nc\nc\n"));
}

QTEST_MAIN(tst_HistoryDock)
#include "tst_historydock.moc"

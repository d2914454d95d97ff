// The Run History dock in a real window: runs recorded by `flowrun` in another process appear, an
// interrupted one is listed as such, opening a run replays it into the window's run list through the
// one reducer (the same state as folding the stored events), and a run of the window is recorded.
#include "historydock.h"
#include "historymodel.h"
#include "mainwindow.h"
#include "runworkbench.h"

#include "history/storedb.h"
#include "runs/runfeed.h"
#include "runs/runlist.h"

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

private:
    int flowrun(const QStringList &args);
    QTemporaryDir m_dir;
    QString m_db;
};

void tst_HistoryDock::initTestCase()
{
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

QTEST_MAIN(tst_HistoryDock)
#include "tst_historydock.moc"

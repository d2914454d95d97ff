// One run, two sources: a real local run and a replay of its events through a second feed must draw
// the same run panel, log, timeline and canvas overlay; views bound to one feed ignore every other.
#include "app/runview/logmodel.h"
#include "app/runview/logview.h"
#include "app/runview/runnodemodel.h"
#include "app/runview/runpanel.h"
#include "app/runview/runviewdata.h"
#include "app/runview/timelineview.h"
#include "canvas/graphscene.h"
#include "canvas/runoverlay.h"
#include "executor/localrunsource.h"
#include "executor/run.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "runs/replaysource.h"
#include "runs/runlist.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;

namespace {

const QByteArray Yaml
    = "flowstudio: 1\n"
      "name: replayed\n"
      "settings: {on_error: continue, max_parallel: 2}\n"
      "nodes:\n"
      "  make:\n"
      "    type: shell.exec\n"
      "    config: {command: 'for i in 1 2 3; do echo line $i; echo ::progress $i/3; done'}\n"
      "  flaky:\n"
      "    type: shell.exec\n"
      "    config:\n"
      "      command: |\n"
      "        n=$(cat count.txt 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count.txt\n"
      "        if [ $n -lt 2 ]; then echo not yet >&2; exit 1; fi; echo done\n"
      "    retry: {attempts: 3, delay: 20ms}\n"
      "  broken: {type: shell.exec, after: [make], config: {command: 'echo bad >&2; exit 3'}}\n"
      "  later: {type: shell.exec, after: [broken], config: {command: 'echo never'}}\n"
      "layout:\n  make: [0, 0]\n  flaky: [0, 200]\n  broken: [300, 0]\n  later: [600, 0]\n";

constexpr qint64 Now = 4'000'000'000'000; // a fixed "now" for every view, long after the run

// Everything the four views show, as plain values that can be compared.
struct Picture
{
    QList<QStringList> panel;  // per row: every column's text, tooltip and sort value
    QStringList log;           // every line as copied, with its stream
    QList<TimelineBar> bars;   // every bar of every lane
    QList<NodeStatus> overlay; // the canvas's status per node, in document order
    QStringList overlayTexts;  // the status line and badge drawn on each card
    bool operator==(const Picture &) const = default;
};

Picture capture(RunPanel &panel, LogView &log, TimelineView &timeline, GraphScene &scene,
                const QStringList &nodes)
{
    Picture p;
    const RunNodeModel *m = panel.model();
    for (int row = 0; row < m->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < m->columnCount(); ++column) {
            const QModelIndex index = m->index(row, column);
            cells << index.data().toString() << index.data(Qt::ToolTipRole).toString()
                  << index.data(RunNodeModel::SortRole).toString();
        }
        p.panel.append(cells);
    }
    const LogModel *lm = log.model();
    for (qsizetype row = 0; row < lm->lineCount(); ++row)
        p.log << lm->lineText(row) + QLatin1Char('|') + QString::number(lm->stream(row));
    p.bars = timeline.bars();
    for (const QString &id : nodes) {
        const NodeStatus *s = scene.nodeRunStatus(id);
        p.overlay.append(s ? *s : NodeStatus{});
        p.overlayTexts << (s ? scene.runOverlay().statusLine(*s) + RunOverlay::attemptBadge(*s) : QString());
    }
    return p;
}

// A replay that knows the run's final state before its events, as a stored run of the history
// does (StoredRunSource with the snapshot written when the run ended).
class KnownStateReplay : public ReplaySource
{
public:
    using ReplaySource::ReplaySource;
    void announce(const RunState &state) { deliverState(state); }
};

} // namespace

class tst_Replay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void replayDrawsTheLiveRun();
    void viewsShowOnlyTheirFeed();

private:
    RunEvents m_events; // the live run's, as its feed applied them
    std::unique_ptr<RunList> m_list;
    RunFeed *m_live = nullptr;
    QTemporaryDir m_dir;
    Workflow m_workflow;
};

void tst_Replay::initTestCase()
{
    m_workflow = readWorkflow(Yaml).workflow.value();
    m_list = std::make_unique<RunList>();
    RunOptions options;
    options.workingDirectory = m_dir.path();
    auto *source = new LocalRunSource(m_workflow, builtinNodeRegistry(), options, QString::fromUtf8(Yaml));
    m_live = m_list->add(source);
    RunViewData::of(m_live);
    connect(m_live, &RunFeed::applied, this, [this](const RunEvents &batch) { m_events += batch; });
    QSignalSpy finished(m_live, &RunFeed::finished);
    source->start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_live->state().phase(), RunPhase::Failed);
    QCOMPARE(m_live->state().node("flaky")->attempt, 2);
    QCOMPARE(m_live->state().node("later")->state, NodeState::Skipped);
    QVERIFY(!m_live->canStop());
}

void tst_Replay::replayDrawsTheLiveRun()
{
    WorkflowDocument document;
    document.setWorkflow(m_workflow);
    GraphScene scene(&document);
    scene.setOverlayClock([] { return Now; });
    RunPanel panel;
    LogView log;
    TimelineView timeline;
    timeline.setClock([] { return Now; });
    const auto bind = [&](RunFeed *feed) {
        panel.setFeed(feed);
        panel.model()->setClock([] { return Now; });
        log.setFeed(feed);
        timeline.setFeed(feed);
        scene.setRunFeed(feed);
    };
    const QStringList nodes{"make", "flaky", "broken", "later"};

    bind(m_live);
    const Picture live = capture(panel, log, timeline, scene, nodes);
    QCOMPARE(live.panel.size(), 4);
    QVERIFY(live.log.size() >= 6); // three lines of make, the retry, the failure and stderr lines
    QVERIFY(std::any_of(live.bars.cbegin(), live.bars.cend(),
                        [](const TimelineBar &b) { return b.kind == TimelineBar::RetryWait; }));
    QCOMPARE(live.overlay.at(1).attempt, 2);

    // The same events through another source, in other batch sizes, into a second feed. (Not into
    // the same list: a list holds one feed per run id and would hand back the live one.)
    auto *replay = new ReplaySource(m_events, QString::fromUtf8(Yaml));
    replay->setBatchSize(3);
    QCOMPARE(m_list->add(new ReplaySource(m_events)), m_live);
    RunFeed second(replay);
    RunViewData::of(&second);
    QSignalSpy finished(&second, &RunFeed::finished);
    replay->start();
    QVERIFY(finished.wait(10000));
    bind(&second);
    const Picture replayed = capture(panel, log, timeline, scene, nodes);
    QCOMPARE(replayed.panel, live.panel);
    QCOMPARE(replayed.log, live.log);
    QCOMPARE(replayed.bars, live.bars);
    QCOMPARE(replayed.overlay, live.overlay);
    QCOMPARE(replayed.overlayTexts, live.overlayTexts);
    QVERIFY(replayed == live);

    // The final state first (through its JSON snapshot, as stored), then the events: the panel and
    // the canvas are complete at once, the log and the timeline fill as the events are listed, and
    // the end is the same picture as a full fold.
    const std::optional<RunState> final = RunState::fromSnapshot(RunState::fold(m_events).snapshot());
    QVERIFY(final);
    auto *known = new KnownStateReplay(m_events, QString::fromUtf8(Yaml));
    known->setBatchSize(4);
    RunFeed third(known);
    RunViewData::of(&third);
    known->announce(*final);
    bind(&third);
    const Picture early = capture(panel, log, timeline, scene, nodes);
    QCOMPARE(early.panel, live.panel);
    QCOMPARE(early.overlay, live.overlay);
    QCOMPARE(early.overlayTexts, live.overlayTexts);
    QVERIFY(early.log.isEmpty());
    QSignalSpy thirdFinished(&third, &RunFeed::finished);
    known->start();
    QVERIFY(thirdFinished.wait(10000));
    QCOMPARE(third.eventCount(), qint64(m_events.size()));
    QVERIFY(capture(panel, log, timeline, scene, nodes) == live);

    bind(m_live); // and back: nothing was folded twice or lost
    QVERIFY(capture(panel, log, timeline, scene, nodes) == live);
}

void tst_Replay::viewsShowOnlyTheirFeed()
{
    WorkflowDocument document;
    document.setWorkflow(m_workflow);
    GraphScene scene(&document);
    RunPanel panel;
    LogView log;
    TimelineView timeline;
    panel.setFeed(m_live);
    log.setFeed(m_live);
    timeline.setFeed(m_live);
    scene.setRunFeed(m_live);
    const QStringList nodes{"make", "flaky", "broken", "later"};
    const Picture before = capture(panel, log, timeline, scene, nodes);

    // Another run of the same workflow streams into its own feed: its run.started changes nothing here.
    RunFeed other;
    RunViewData::of(&other);
    RunEvents renamed = m_events;
    for (RunEvent &e : renamed)
        e.run = QStringLiteral("another-run");
    other.apply(renamed.first(5));
    QCOMPARE(other.eventCount(), 5);
    QVERIFY(capture(panel, log, timeline, scene, nodes) == before);
    QCOMPARE(scene.runState()->runId(), m_live->runId());

    // A feed that goes away leaves the canvas plain rather than dangling.
    {
        RunFeed gone;
        scene.setRunFeed(&gone);
        QVERIFY(scene.hasRunOverlay());
    }
    QVERIFY(!scene.hasRunOverlay());
}

QTEST_MAIN(tst_Replay)
#include "tst_replay.moc"

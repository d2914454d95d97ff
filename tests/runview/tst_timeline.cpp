// The timeline: bars folded from event streams (attempts, retry waits, queue waits), hit testing,
// tooltips, zoom, axis labels and 2,000 lanes.
#include "app/runview/timelineaxis.h"
#include "app/runview/runviewdata.h"
#include "app/runview/timelineview.h"
#include "runs/runfeed.h"
#include "eventstream.h"
#include "executor/run.h"
#include "model/workflowio.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace Flow;

namespace {

// 2026-01-01 12:00:00 local time: tooltips show readable clock times.
const qint64 T0 = QDateTime(QDate(2026, 1, 1), QTime(12, 0)).toMSecsSinceEpoch();

// One hand-made run at T0.
class Stream : public RunViewTest::EventStream
{
public:
    explicit Stream(QString run = QStringLiteral("r"))
        : EventStream(T0, std::move(run))
    {}
};

QVariantMap retry(int next, qint64 delay, const QString &error)
{
    return {{"attempt", next}, {"delay", delay}, {"error", error}};
}

// "kind attempt start-end outcome error", times relative to T0, "open" for an open end.
QString describe(const TimelineBar &bar)
{
    static const char *kinds[] = {"attempt", "wait", "queued"};
    return QStringLiteral("%1 %2 %3-%4 %5%6")
        .arg(kinds[bar.kind])
        .arg(bar.attempt)
        .arg(bar.start - T0)
        .arg(bar.isOpen() ? QStringLiteral("open") : QString::number(bar.end - T0))
        .arg(nodeStateName(bar.outcome))
        .arg(bar.error.isEmpty() ? QString() : u' ' + bar.error);
}

QStringList describe(const QList<TimelineBar> &bars, const QString &node)
{
    QStringList lines;
    for (const TimelineBar &bar : bars) {
        if (bar.node == node)
            lines.append(describe(bar));
    }
    return lines;
}

QString clock(qint64 at)
{
    return QDateTime::fromMSecsSinceEpoch(T0 + at).toString("hh:mm:ss.zzz");
}

// A finished run: a queued 0-100, attempt 1 100-1200 failed, wait 1200-1500, attempt 2 1500-3750
// failed, wait 3750-4000, attempt 3 4000-5000 succeeded; b 200-2200 succeeded; c skipped at 2200.
Stream finishedRun()
{
    Stream s;
    s.start({"a", "b", "c"})
        .add(0, EventKind::NodeQueued, "a")
        .add(100, EventKind::NodeStarted, "a", 1, {{"attempts", 3}})
        .add(200, EventKind::NodeStarted, "b", 1)
        .add(1200, EventKind::NodeRetrying, "a", 1, retry(2, 300, "timeout"))
        .add(1500, EventKind::NodeStarted, "a", 2, {{"attempts", 3}})
        .add(2200, EventKind::NodeSucceeded, "b", 1)
        .add(2200, EventKind::NodeSkipped, "c", 0, {{"reason", "when"}})
        .add(3750, EventKind::NodeRetrying, "a", 2, retry(3, 250, "exit code 1"))
        .add(4000, EventKind::NodeStarted, "a", 3, {{"attempts", 3}})
        .add(5000, EventKind::NodeSucceeded, "a", 3)
        .finish(5000);
    return s;
}

} // namespace

class tst_Timeline : public QObject
{
    Q_OBJECT

private slots:
    void barsFromStreams_data();
    void barsFromStreams();
    void onlyBarChangesCount();
    void otherRunsAreNotShown();
    void openBarGrows();
    void clickSelectsNode();
    void toolTips();
    void ctrlWheelZoomsAroundTheMouse();
    void tickLabels_data();
    void tickLabels();
    void tickSteps();
    void twoThousandLanes();
    void realRunWithRetries();
};

void tst_Timeline::barsFromStreams_data()
{
    QTest::addColumn<RunEvents>("events");
    QTest::addColumn<QStringList>("bars"); // of node a

    QTest::newRow("retries then success") << finishedRun().events()
                                          << QStringList{"queued 0 0-100 queued",
                                                         "attempt 1 100-1200 failed timeout",
                                                         "wait 2 1200-1500 retrying timeout",
                                                         "attempt 2 1500-3750 failed exit code 1",
                                                         "wait 3 3750-4000 retrying exit code 1",
                                                         "attempt 3 4000-5000 succeeded"};
    QTest::newRow("running: open bar") << Stream()
                                              .start({"a"})
                                              .add(0, EventKind::NodeQueued, "a")
                                              .add(40, EventKind::NodeStarted, "a", 1)
                                              .events()
                                       << QStringList{"queued 0 0-40 queued", "attempt 1 40-open running"};
    QTest::newRow("waiting for a retry: open wait")
        << Stream()
               .start({"a"})
               .add(0, EventKind::NodeStarted, "a", 1)
               .add(500, EventKind::NodeRetrying, "a", 1, retry(2, 1000, "e"))
               .events()
        << QStringList{"attempt 1 0-500 failed e", "wait 2 500-open retrying e"};
    QTest::newRow("final failure") << Stream()
                                          .start({"a"})
                                          .add(0, EventKind::NodeStarted, "a", 1)
                                          .add(700, EventKind::NodeFailed, "a", 1, {{"error", "boom"}})
                                          .finish(700, "failed")
                                          .events()
                                   << QStringList{"attempt 1 0-700 failed boom"};
    QTest::newRow("cancelled during the retry wait")
        << Stream()
               .start({"a"})
               .add(0, EventKind::NodeStarted, "a", 1)
               .add(100, EventKind::NodeRetrying, "a", 1, retry(2, 5000, "e"))
               .add(900, EventKind::NodeCancelled, "a", 0, {{"reason", "stopped"}})
               .finish(900, "cancelled")
               .events()
        << QStringList{"attempt 1 0-100 failed e", "wait 2 100-900 cancelled stopped"};
    QTest::newRow("skipped and cached have no bars")
        << Stream().start({"a"}).add(0, EventKind::NodeSkipped, "a").events() << QStringList{};
    QTest::newRow("a cut stream closes with the run")
        << Stream().start({"a"}).add(0, EventKind::NodeStarted, "a", 1).finish(300, "cancelled").events()
        << QStringList{"attempt 1 0-300 running"};
}

void tst_Timeline::barsFromStreams()
{
    QFETCH(RunEvents, events);
    QFETCH(QStringList, bars);
    TimelineView view;
    view.addEvents(events);
    QCOMPARE(describe(view.bars(), "a"), bars);
    // Feeding the same events again (a replay overlapping the live stream) changes nothing.
    view.addEvents(events);
    QCOMPARE(describe(view.bars(), "a"), bars);
}

void tst_Timeline::onlyBarChangesCount()
{
    TimelineModel model;
    Stream s;
    s.start({"a"}).add(0, EventKind::NodeStarted, "a", 1);
    QVERIFY(model.addEvents(s));
    const qsizetype seen = s.events().size();
    s.add(10, EventKind::NodeLog, "a", 1, {{"stream", "stdout"}, {"line", "x"}});
    s.add(20, EventKind::NodeProgress, "a", 1, {{"fraction", 0.5}});
    QVERIFY(!model.addEvents(s.events().mid(seen))); // nothing to repaint
    QCOMPARE(model.openBars(), 1);
    QVERIFY(model.isRunning());
    QCOMPARE(model.lanes().size(), 1);
}

void tst_Timeline::otherRunsAreNotShown()
{
    TimelineView view;
    view.addEvents(finishedRun());
    QCOMPARE(view.model().lanes().size(), 3);
    view.selectNodes({"b"});
    view.addEvents(Stream("other").start({"x", "y"}).add(10, EventKind::NodeStarted, "y", 1));
    QCOMPARE(view.model().lanes().size(), 3); // not this view's run
    QCOMPARE(view.model().laneOf("y"), -1);
    // Bound to the other run's feed, it shows that run.
    RunFeed other;
    RunViewData::of(&other);
    other.apply(Stream("other").start({"x", "y"}).add(10, EventKind::NodeStarted, "y", 1));
    view.setFeed(&other);
    QCOMPARE(view.model().runId(), QString("other"));
    QCOMPARE(view.model().lanes().size(), 2);
    QCOMPARE(view.model().laneOf("y"), 1);
    QCOMPARE(describe(view.bars(), "y"), QStringList{"attempt 1 10-open running"});
    QVERIFY(describe(view.bars(), "a").isEmpty());
    view.clear();
    QVERIFY(view.bars().isEmpty());
    QVERIFY(view.selectedNodes().isEmpty());
}

void tst_Timeline::openBarGrows()
{
    TimelineView view;
    view.resize(600, 300);
    qint64 now = T0 + 2000;
    view.setClock([&now] { return now; });
    view.addEvents(Stream().start({"a"}).add(0, EventKind::NodeStarted, "a", 1));
    view.zoomToFit();
    view.setMsPerPixel(2); // a fixed scale: the fit would follow the clock
    QVERIFY(!view.isFitting());
    const QRect before = view.barRect("a", 1);
    QCOMPARE(before.width(), 1000);
    now += 1000;
    QCOMPARE(view.barRect("a", 1).width(), 1500);
    QVERIFY(view.toolTipAt(before.center()).endsWith("(3 s), running"));
}

void tst_Timeline::clickSelectsNode()
{
    TimelineView view;
    view.resize(800, 300);
    view.addEvents(finishedRun());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy clicked(&view, &TimelineView::nodeClicked);

    const QRect b = view.barRect("b", 1);
    QVERIFY(view.viewport()->rect().contains(b.center()));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, b.center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.constLast().at(0).toString(), QString("b"));
    QCOMPARE(view.selectedNodes(), QStringList{"b"});

    // The second attempt of a, not its retry wait next to it.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.barRect("a", 2).center());
    QCOMPARE(clicked.constLast().at(0).toString(), QString("a"));

    // Empty space in a lane and the axis select nothing.
    const QRect laneC = view.laneRect("c");
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      QPoint(view.barRect("b", 1).center().x(), laneC.center().y()));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(b.center().x(), 2));
    QCOMPARE(clicked.count(), 2);

    // selectNodes() highlights without a signal.
    view.selectNodes({"c"});
    QCOMPARE(view.selectedNodes(), QStringList{"c"});
    QCOMPARE(clicked.count(), 2);
}

void tst_Timeline::toolTips()
{
    TimelineView view;
    view.resize(800, 300);
    view.addEvents(finishedRun());
    QCOMPARE(
        view.toolTipAt(view.barRect("a", 2).center()),
        QString("a — attempt 2/3 — %1 → %2 (2.25 s), failed: exit code 1").arg(clock(1500), clock(3750)));
    QCOMPARE(view.toolTipAt(view.barRect("a", 3).center()),
             QString("a — attempt 3/3 — %1 → %2 (1 s), succeeded").arg(clock(4000), clock(5000)));
    QCOMPARE(view.toolTipAt(view.barRect("a", 2, TimelineBar::RetryWait).center()),
             QString("a — waiting to retry, attempt 2/3 — %1 → %2 (300 ms), after: timeout")
                 .arg(clock(1200), clock(1500)));
    QCOMPARE(view.toolTipAt(view.barRect("b", 1).center()),
             QString("b — attempt 1/1 — %1 → %2 (2 s), succeeded").arg(clock(200), clock(2200)));
    const QRect laneA = view.laneRect("a");
    QCOMPARE(view.toolTipAt(QPoint(10, laneA.center().y())), QString("a — Succeeded, 5 s in all"));
    QVERIFY(view.toolTipAt(QPoint(view.barRect("a", 3).right() + 30, laneA.center().y())).isEmpty());
}

void tst_Timeline::ctrlWheelZoomsAroundTheMouse()
{
    TimelineView view;
    view.resize(800, 300);
    view.addEvents(finishedRun());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isFitting());
    const double fit = view.msPerPixel();
    const QRect before = view.barRect("a", 2);
    const QPointF mouse(before.left(), before.center().y());

    QWheelEvent zoomIn(mouse, view.viewport()->mapToGlobal(mouse), {}, QPoint(0, 240), Qt::NoButton,
                       Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &zoomIn);
    QVERIFY(!view.isFitting());
    QVERIFY(view.msPerPixel() < fit * 0.7);
    QVERIFY(view.horizontalScrollBar()->maximum() > 0); // now wider than the view: it scrolls
    const QRect after = view.barRect("a", 2);
    QVERIFY2(qAbs(after.left() - before.left()) <= 1, "the moment under the mouse stays there");
    QVERIFY(after.width() > before.width());

    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, QPoint(400, 3)); // on the axis
    QVERIFY(view.isFitting());
    QCOMPARE(view.msPerPixel(), fit);

    QTest::keyClick(&view, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(!view.isFitting());
    QVERIFY(view.msPerPixel() < fit);
    QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
    QVERIFY(view.isFitting());
}

void tst_Timeline::tickLabels_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("label");
    QTest::newRow("start") << qint64(0) << qint64(500) << "0";
    QTest::newRow("ms") << qint64(500) << qint64(500) << "500 ms";
    QTest::newRow("s with a decimal") << qint64(1500) << qint64(500) << "1.5 s";
    QTest::newRow("whole s at a ms step") << qint64(2000) << qint64(500) << "2 s";
    QTest::newRow("s with two decimals") << qint64(1250) << qint64(50) << "1.25 s";
    QTest::newRow("s") << qint64(12000) << qint64(2000) << "12 s";
    QTest::newRow("m:ss") << qint64(90000) << qint64(30000) << "1:30";
    QTest::newRow("min") << qint64(300000) << qint64(60000) << "5 min";
    QTest::newRow("h:mm") << qint64(3900000) << qint64(300000) << "1:05:00";
    QTest::newRow("h") << qint64(7200000) << qint64(3600000) << "2 h";
}

void tst_Timeline::tickLabels()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, step);
    QFETCH(QString, label);
    QCOMPARE(timelineTickLabel(offset, step), label);
}

void tst_Timeline::tickSteps()
{
    QCOMPARE(timelineTickStep(1.0, 90), qint64(100));
    QCOMPARE(timelineTickStep(10.0, 90), qint64(1000));
    QCOMPARE(timelineTickStep(100.0, 90), qint64(10000));
    QCOMPARE(timelineTickStep(1000.0, 90), qint64(120000));
    QCOMPARE(timelinePreciseDuration(2250), QString("2.25 s"));
    QCOMPARE(timelinePreciseDuration(850), QString("850 ms"));
    QCOMPARE(timelinePreciseDuration(62500), QString("1:02.5"));
}

void tst_Timeline::twoThousandLanes()
{
    constexpr int Nodes = 2000;
    QStringList ids;
    for (int i = 0; i < Nodes; ++i)
        ids.append(QStringLiteral("node-%1").arg(i));
    Stream s;
    s.start(ids);
    for (int i = 0; i < Nodes; ++i) {
        const qint64 at = i * 5;
        s.add(at, EventKind::NodeStarted, ids.at(i), 1, {{"attempts", 2}});
        if (i % 3 == 0) {
            s.add(at + 100, EventKind::NodeRetrying, ids.at(i), 1, retry(2, 50, "e"));
            s.add(at + 150, EventKind::NodeStarted, ids.at(i), 2, {{"attempts", 2}});
        }
        if (i < Nodes - 10) // the last ones still run
            s.add(at + 400, EventKind::NodeSucceeded, ids.at(i), i % 3 == 0 ? 2 : 1);
    }
    TimelineView view;
    view.resize(1000, 700);
    QElapsedTimer timer;
    timer.start();
    TimelineModel bare;
    bare.addEvents(s);
    const qint64 modelNs = timer.nsecsElapsed();
    timer.restart();
    view.addEvents(s);
    const qint64 foldNs = timer.nsecsElapsed();
    QCOMPARE(view.model().lanes().size(), Nodes);
    QCOMPARE(view.bars().size(), Nodes + 2 * ((Nodes + 2) / 3));
    QCOMPARE(view.model().openBars(), 10);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    timer.restart();
    const QImage top = view.viewport()->grab().toImage();
    const qint64 paintNs = timer.nsecsElapsed();
    QVERIFY(!top.isNull());
    view.selectNodes({"node-1500"});
    QVERIFY(view.viewport()->rect().intersects(view.laneRect("node-1500")));
    timer.restart();
    const QImage middle = view.viewport()->grab().toImage();
    const qint64 scrolledNs = timer.nsecsElapsed();
    QVERIFY(middle != top);
    qInfo("2,000 lanes, %d events in one batch: model %.1f ms, view %.1f ms; paint %.2f ms, paint after "
          "scrolling %.2f ms",
          int(s.events().size()), modelNs / 1e6, foldNs / 1e6, paintNs / 1e6, scrolledNs / 1e6);
    QVERIFY2(paintNs < 100'000'000 && scrolledNs < 100'000'000, "painting must only cost the visible lanes");
}

void tst_Timeline::realRunWithRetries()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray yaml = RunViewTest::flakyWorkflow(1, 2, "80ms");
    const LoadResult loaded = readWorkflow(yaml);
    QVERIFY(loaded.workflow);
    RunOptions options;
    options.workingDirectory = dir.path();
    Run run(*loaded.workflow, builtinNodeRegistry(), options);
    TimelineView view;
    connect(&run, &Run::eventsReady, &view, &TimelineView::addEvents);
    QSignalSpy finished(&run, &Run::finished);
    run.start();
    QVERIFY(finished.wait(20000));
    const QList<TimelineBar> bars = view.bars();
    QCOMPARE(bars.size(), 4); // queued, attempt 1, wait, attempt 2
    QCOMPARE(bars.at(1).outcome, NodeState::Failed);
    QCOMPARE(bars.at(2).kind, TimelineBar::RetryWait);
    QVERIFY(bars.at(2).end - bars.at(2).start >= 80);
    QCOMPARE(bars.at(3).outcome, NodeState::Succeeded);
    QCOMPARE(bars.at(3).attempt, 2);
    QVERIFY(!view.model().isRunning());
}

QTEST_MAIN(tst_Timeline)
#include "tst_timeline.moc"

// The run overlay on the canvas: node states, attempt badges, retry countdowns, durations, wires that
// carried data, tooltips, edits during a run, clearing, a real run, and how it looks at three zooms.
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "canvas/minimap.h"
#include "canvas/nodeitem.h"
#include "canvas/nodestatestyle.h"
#include "canvas/runoverlay.h"
#include "canvas/wireitem.h"
#include "canvastestutil.h"
#include "executor/run.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "viewtestbase.h"

#include <QGraphicsView>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>
#include <QToolTip>

using namespace Flow;
using CanvasTest::PaintSpy;

namespace {

constexpr qint64 T0 = 1'700'000'000'000; // the hand-made runs start here (ms since the epoch)

const QByteArray Yaml = "flowstudio: 1\n"
                        "name: overlay\n"
                        "nodes:\n"
                        "  a: {type: shell.exec, config: {command: echo a}}\n"
                        "  b: {type: shell.exec, inputs: {stdin: a.stdout}, config: {command: cat}}\n"
                        "  c: {type: shell.exec, inputs: {stdin: b.stdout}, config: {command: cat}}\n"
                        "  d: {type: shell.exec, after: [a], config: {command: echo d}}\n"
                        "layout:\n  a: [0, 0]\n  b: [300, 0]\n  c: [600, 0]\n  d: [300, 200]\n";

// A hand-made event stream. Each step is "kind node [key=value...]" ("@1500" moves the clock to
// T0 + 1500 first; "#2" sets the event's attempt); the run.started that lists nodes a..d comes first
// unless the first step is "started-run" with its own nodes=a|b list.
class Stream
{
public:
    explicit Stream(QString run = QStringLiteral("r1"))
        : m_run(std::move(run))
    {}

    RunEvent event(EventKind kind, const QString &node = {}, QVariantMap data = {}, int attempt = 0)
    {
        m_time += 100;
        return RunEvent{m_run, ++m_seq, m_time, node, kind, attempt, std::move(data)};
    }
    RunEvent started(const QStringList &nodes = {"a", "b", "c", "d"})
    {
        return event(EventKind::RunStarted, {}, {{"name", "overlay"}, {"nodes", nodes}});
    }
    RunEvents parse(const QStringList &steps)
    {
        RunEvents events;
        for (const QString &step : steps) {
            QStringList words = step.split(u' ', Qt::SkipEmptyParts);
            int attempt = 0;
            QVariantMap data;
            for (qsizetype i = words.size() - 1; i >= 0; --i) {
                const QString w = words.at(i);
                if (w.startsWith(u'@')) {
                    m_time = T0 + w.mid(1).toLongLong() - 100;
                } else if (w.startsWith(u'#')) {
                    attempt = w.mid(1).toInt();
                } else if (w.contains(u'=')) {
                    const QString key = w.section(u'=', 0, 0);
                    const QString value = w.section(u'=', 1).replace(u'_', u' ');
                    bool number = false;
                    const double d = value.toDouble(&number);
                    data.insert(key, key == u"nodes" ? QVariant(value.split(u'|'))
                                     : number        ? QVariant(d)
                                                     : QVariant(value));
                } else {
                    continue;
                }
                words.removeAt(i);
            }
            if (words.value(0) == u"run") {
                data.insert("name", "overlay");
                events.append(event(EventKind::RunStarted, {}, data));
                continue;
            }
            const auto kind = eventKindFromName(QString(u"node." + words.value(0)));
            Q_ASSERT(kind);
            if (*kind == EventKind::NodeStarted && attempt == 0)
                attempt = 1;
            events.append(event(*kind, words.value(1), data, attempt));
        }
        return events;
    }

private:
    QString m_run;
    qint64 m_seq = 0;
    qint64 m_time = T0 - 100;
};

QString stateOf(const GraphScene *scene, const QString &id)
{
    const NodeStatus *status = scene->nodeRunStatus(id);
    return status ? nodeStateName(status->state) : QStringLiteral("-");
}

} // namespace

class TstCanvasOverlay : public CanvasTest::ViewTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init()
    {
        setUp();
        load(Yaml);
        scene()->setOverlayClock([this] { return m_now; });
    }
    void cleanup() { tearDown(); }
    void states_data();
    void states();
    void failedNodeTooltipHoldsError();
    void countdownTicksEachSecond();
    void onlyChangedItemsRepaint();
    void bigBatchRepaintsEverythingOnce();
    void newRunReplacesOld();
    void editsDuringRun();
    void clearRestoresEditingLook();
    void realRun();
    void overviewShowsStateColours();
    void renderPictures();

private:
    GraphScene *scene() const { return m_editor->scene(); }
    NodeItem *item(const QString &id) const { return scene()->nodeItem(id); }
    WireItem *wire(const QString &from, const QString &to) const
    {
        for (WireItem *w : scene()->wiresOf(from)) {
            if (w->kind() == WireItem::Kind::Data && w->edge().fromNode == from && w->edge().toNode == to)
                return w;
        }
        return nullptr;
    }
    QStringList carried() const
    {
        QStringList out;
        for (const QString id : {"a", "b", "c", "d"}) {
            for (WireItem *w : scene()->wiresOf(id)) {
                if (w->fromItem() == item(id) && w->carriedData())
                    out.append(w->edge().fromNode + u'>' + w->edge().toNode);
            }
        }
        return out;
    }
    void apply(Stream &stream, const QStringList &steps, bool withStart = true)
    {
        RunEvents events;
        if (withStart)
            events.append(stream.started());
        events += stream.parse(steps);
        scene()->applyRunEvents(events);
    }

    qint64 m_now = T0;
};

void TstCanvasOverlay::states_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<qint64>("now"); // ms after T0
    QTest::addColumn<QString>("states");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("text"); // overlayText() of `node`
    QTest::addColumn<QStringList>("carried");

    QTest::newRow("started, nothing ran") << QStringList{} << qint64(0) << "pending pending pending pending"
                                          << "a"
                                          << "" << QStringList{};
    QTest::newRow("queued") << QStringList{"queued a", "queued d"} << qint64(0)
                            << "queued pending pending queued"
                            << "a"
                            << "" << QStringList{};
    QTest::newRow("running, live duration")
        << QStringList{"queued a", "started a @1000"} << qint64(13'400) << "running pending pending pending"
        << "a"
        << "12 s" << QStringList{};
    QTest::newRow("running with progress") << QStringList{"started a @0", "progress a fraction=0.5 text=half"}
                                           << qint64(2'000) << "running pending pending pending"
                                           << "a"
                                           << "half · 2 s" << QStringList{};
    QTest::newRow("for_each items") << QStringList{"started a @0", "progress a fraction=0.3 text=3/10"}
                                    << qint64(2'000) << "running pending pending pending"
                                    << "a"
                                    << "3/10 · 2 s" << QStringList{};
    QTest::newRow("long progress text left to the tooltip")
        << QStringList{"started a @0", "progress a fraction=0.3 text=downloading-the-archive"}
        << qint64(2'000) << "running pending pending pending"
        << "a"
        << "2 s" << QStringList{};
    QTest::newRow("succeeded, wires carried")
        << QStringList{"started a @0", "succeeded a duration=1234", "started b", "succeeded b duration=340"}
        << qint64(5'000) << "succeeded succeeded pending pending"
        << "a"
        << "1.2 s" << QStringList{"a>b", "b>c"};
    QTest::newRow("first retry counts down")
        << QStringList{"started a @0 attempts=3", "retrying a #1 @500 attempt=2 delay=3000 error=boom"}
        << qint64(1'500) << "retrying pending pending pending"
        << "a"
        << "2/3 · retry in 2 s" << QStringList{};
    QTest::newRow("countdown rounds up")
        << QStringList{"started a @0 attempts=3", "retrying a #1 @0 attempt=2 delay=3000 error=boom"}
        << qint64(10) << "retrying pending pending pending"
        << "a"
        << "2/3 · retry in 3 s" << QStringList{};
    QTest::newRow("countdown over") << QStringList{"started a @0 attempts=3",
                                                   "retrying a #1 @0 attempt=2 delay=1000 error=boom"}
                                    << qint64(1'200) << "retrying pending pending pending"
                                    << "a"
                                    << "2/3 · retrying now" << QStringList{};
    QTest::newRow("second attempt running")
        << QStringList{"started a @0 attempts=3", "retrying a #1 @100 attempt=2 delay=200 error=boom",
                       "started a #2 @300 attempts=3"}
        << qint64(4'100) << "running pending pending pending"
        << "a"
        << "2/3 · 4 s" << QStringList{};
    QTest::newRow("failed after retries, dependents skipped")
        << QStringList{"started a @0 attempts=2",
                       "retrying a #1 @100 attempt=2 delay=100 error=boom",
                       "started a #2 @200 attempts=2",
                       "failed a #2 @2700 error=boom_again",
                       "skipped b reason=upstream",
                       "skipped c reason=upstream",
                       "cancelled d"}
        << qint64(9'000) << "failed skipped skipped cancelled"
        << "a"
        << "2/2 · 2.7 s" << QStringList{};
    QTest::newRow("cached carries data")
        << QStringList{"cached a", "started b @0", "succeeded b @65000 duration=65000"} << qint64(70'000)
        << "cached succeeded pending pending"
        << "b"
        << "1 min 5 s" << QStringList{"a>b", "b>c"};
    QTest::newRow("subset run: others have no overlay")
        << QStringList{"run nodes=b|c", "started b @0"} << qint64(500) << "- running pending -"
        << "a"
        << "" << QStringList{};
}

void TstCanvasOverlay::states()
{
    QFETCH(QStringList, steps);
    QFETCH(qint64, now);
    QFETCH(QString, states);
    QFETCH(QString, node);
    QFETCH(QString, text);
    QFETCH(QStringList, carried);
    m_now = T0 + now;
    Stream stream;
    apply(stream, steps, steps.value(0).left(3) != u"run");
    QVERIFY(scene()->runState());
    QStringList got;
    for (const QString id : {"a", "b", "c", "d"})
        got.append(stateOf(scene(), id));
    QCOMPARE(got.join(u' '), states);
    for (const QString id : {"a", "b", "c", "d"}) {
        const NodeStatus *status = scene()->nodeRunStatus(id);
        QCOMPARE(item(id)->runState(), status ? status->state : NodeState::Pending);
    }
    QCOMPARE(item(node)->overlayText(), text);
    QCOMPARE(this->carried(), carried);
    // `after` wires never carry data.
    for (WireItem *w : scene()->wiresOf(QStringLiteral("d")))
        QVERIFY(!w->carriedData());
}

void TstCanvasOverlay::failedNodeTooltipHoldsError()
{
    Stream stream;
    const QString error = QStringLiteral("command exited with status 3: line one\nline two of stderr");
    RunEvents events{stream.started()};
    events += stream.parse({"started a @0 attempts=2", "retrying a #1 @100 attempt=2 delay=100 error=first"});
    scene()->applyRunEvents(events);
    QVERIFY2(item("a")->toolTip().contains(u"first"), qPrintable(item("a")->toolTip()));
    QVERIFY(item("a")->toolTip().contains(u"2/2"));
    events = stream.parse({"started a #2 @200 attempts=2"});
    events.append(stream.event(EventKind::NodeFailed, "a", {{"error", error}}, 2));
    scene()->applyRunEvents(events);
    const QString tip = item("a")->toolTip();
    QVERIFY2(tip.contains(error), qPrintable(tip));
    QVERIFY(tip.contains(nodeStateStyle(NodeState::Failed).label));
    QVERIFY(tip.contains(u"2/2"));
    QVERIFY(!Qt::mightBeRichText(tip)); // shown exactly as written
    // Other nodes get their tooltip when hovered.
    QCOMPARE(item("b")->runToolTip(), nodeStateStyle(NodeState::Pending).label);
    QVERIFY(item("b")->toolTip().isEmpty());
    const QPoint over = viewPos(scene()->nodeRect(QStringLiteral("b")).center());
    QHelpEvent help(QEvent::ToolTip, over, viewport()->mapToGlobal(over));
    QApplication::sendEvent(viewport(), &help);
    QCOMPARE(item("b")->toolTip(), nodeStateStyle(NodeState::Pending).label);
    QTRY_COMPARE(QToolTip::text(), nodeStateStyle(NodeState::Pending).label);
    QToolTip::hideText();
    // A failed node that succeeds in a new run loses the error.
    scene()->clearRunOverlay();
    Stream next(QStringLiteral("r2"));
    apply(next, {"started a", "succeeded a duration=1500"});
    QVERIFY(item("a")->toolTip().isEmpty());
    QCOMPARE(item("a")->runToolTip(), nodeStateStyle(NodeState::Succeeded).label + " · 1.5 s");
}

void TstCanvasOverlay::countdownTicksEachSecond()
{
    Stream stream;
    QVERIFY(!scene()->isRunOverlayTicking());
    apply(stream, {"started a @0 attempts=3", "progress a fraction=0.2"});
    QVERIFY(scene()->isRunOverlayTicking()); // live duration
    QCOMPARE(scene()->runOverlayTickInterval(), 1000);
    scene()->applyRunEvents(stream.parse({"started d @0"})); // no fraction: its bar moves
    QCOMPARE(scene()->runOverlayTickInterval(), 250);
    scene()->applyRunEvents(
        stream.parse({"succeeded d duration=5", "retrying a #1 @1000 attempt=2 delay=3000 error=x"}));
    QCOMPARE(scene()->runOverlayTickInterval(), 1000);
    m_now = T0 + 1000;
    QCOMPARE(item("a")->overlayText(), QString("2/3 · retry in 3 s"));
    // Each tick repaints the retrying card with the countdown of that moment.
    QApplication::processEvents();
    PaintSpy spy;
    viewport()->installEventFilter(&spy);
    m_now = T0 + 2000;
    scene()->tickRunOverlay();
    QTRY_VERIFY(!spy.region.isEmpty());
    const QRect card = m_editor->view()->mapFromScene(item("a")->sceneBoundingRect()).boundingRect();
    QVERIFY(card.adjusted(-2, -2, 2, 2).contains(spy.region.boundingRect()));
    QCOMPARE(item("a")->overlayText(), QString("2/3 · retry in 2 s"));
    scene()->applyRunEvents(stream.parse({"started a #2 @4000 attempts=3", "succeeded a #2 duration=10"}));
    QVERIFY(!scene()->isRunOverlayTicking()); // nothing moves any more
}

void TstCanvasOverlay::onlyChangedItemsRepaint()
{
    Stream stream;
    apply(stream, {"started a @0", "succeeded a duration=5"});
    QApplication::processEvents();
    PaintSpy spy;
    viewport()->installEventFilter(&spy);
    // c changes: its card repaints, nothing else (the b -> c wire's source did not change).
    scene()->applyRunEvents(stream.parse({"queued c"}));
    QTRY_VERIFY(!spy.region.isEmpty());
    const QRect card = m_editor->view()->mapFromScene(item("c")->sceneBoundingRect()).boundingRect();
    QVERIFY(card.adjusted(-2, -2, 2, 2).contains(spy.region.boundingRect()));
    // b succeeds: its card and its outgoing data wire (b -> c) repaint; a and d do not.
    spy.region = QRegion();
    scene()->applyRunEvents(stream.parse({"started b", "succeeded b duration=3"}));
    QTRY_VERIFY(!spy.region.isEmpty());
    const QRect a = m_editor->view()->mapFromScene(scene()->nodeRect(QStringLiteral("a"))).boundingRect();
    const QRect d = m_editor->view()->mapFromScene(scene()->nodeRect(QStringLiteral("d"))).boundingRect();
    QVERIFY(!spy.region.intersects(a.adjusted(4, 4, -4, -4)));
    QVERIFY(!spy.region.intersects(d.adjusted(4, 4, -4, -4)));
    const QRect bc = m_editor->view()->mapFromScene(wire("b", "c")->sceneBoundingRect()).boundingRect();
    QVERIFY(spy.region.intersects(bc));
    // Log lines change nothing drawn: no repaint at all.
    QApplication::processEvents();
    spy.region = QRegion();
    RunEvents logs;
    for (int i = 0; i < 100; ++i)
        logs.append(stream.event(EventKind::NodeLog, "c", {{"stream", "stdout"}, {"line", "x"}}, 1));
    scene()->applyRunEvents(logs);
    QApplication::processEvents();
    QVERIFY(spy.region.isEmpty());
    // The state is the feed's, folded once for every view (the run table shows the lines), so it
    // counts them; the canvas only draws nothing new for them.
    QCOMPARE(scene()->runState()->node("c")->logLines, 100);
    QCOMPARE(scene()->runState()->gaps(), 0);
    QCOMPARE(scene()->runState()->lastSeq(), logs.constLast().seq);
}

void TstCanvasOverlay::bigBatchRepaintsEverythingOnce()
{
    // Past a few hundred changed cards the scene repaints all of the view instead of each card.
    load(writeWorkflow(CanvasTest::generatedWorkflow(600, 100, 0, true)));
    QStringList ids;
    for (const Node &n : m_doc->workflow().nodes)
        ids.append(n.id);
    Stream stream;
    scene()->applyRunEvents({stream.started(ids)});
    QApplication::processEvents();
    PaintSpy spy;
    viewport()->installEventFilter(&spy);
    RunEvents batch;
    for (const QString &id : ids)
        batch.append(stream.event(EventKind::NodeSucceeded, id, {{"duration", 20}}, 1));
    scene()->applyRunEvents(batch);
    QTRY_VERIFY(spy.region.contains(viewport()->rect()));
    for (const QString &id : ids)
        QCOMPARE(item(id)->runState(), NodeState::Succeeded);
    int carried = 0;
    for (NodeItem *node : scene()->nodeItems()) {
        for (WireItem *w : node->wires())
            carried += w->fromItem() == node && w->carriedData();
    }
    QCOMPARE(carried, int(edgesOf(m_doc->workflow()).size()));
}

void TstCanvasOverlay::newRunReplacesOld()
{
    // Two runs, each in its own feed: the scene shows the feed it is given, and only that one.
    Stream first(QStringLiteral("r1"));
    RunFeed one;
    one.apply(first.parse({"started a", "succeeded a duration=5", "failed b error=x"}));
    scene()->setRunFeed(&one);
    QCOMPARE(stateOf(scene(), "b"), QString("failed"));
    QVERIFY(item("b")->toolTip().contains(u"x"));
    Stream second(QStringLiteral("r2"));
    RunFeed two;
    two.apply(second.parse({"run nodes=b", "queued b"}));
    scene()->setRunFeed(&two);
    QCOMPARE(scene()->runState()->runId(), QString("r2"));
    QCOMPARE(stateOf(scene(), "a"), QString("-"));
    QCOMPARE(stateOf(scene(), "b"), QString("queued"));
    QVERIFY(item("a")->toolTip().isEmpty());
    QVERIFY(!wire("a", "b")->carriedData());
    // Events of the first run, into its own feed, change nothing shown.
    one.apply(first.parse({"succeeded b duration=1"}));
    QCOMPARE(stateOf(scene(), "b"), QString("queued"));
    // A run.started of another run given to the shown feed is not taken either.
    two.apply(Stream(QStringLiteral("r3")).parse({"started a"}));
    QCOMPARE(stateOf(scene(), "a"), QString("-"));
    // Back to the first: its latest state, drawn at once.
    scene()->setRunFeed(&one);
    QCOMPARE(stateOf(scene(), "b"), QString("succeeded"));
    QVERIFY(wire("a", "b")->carriedData());
    scene()->setRunFeed(nullptr);
    QVERIFY(!scene()->hasRunOverlay());
}

void TstCanvasOverlay::editsDuringRun()
{
    Stream stream;
    apply(stream, {"started a", "started b"});
    // Removed while running: its later events are folded, nothing is drawn, nothing crashes.
    m_editor->controller()->removeNodes({QStringLiteral("b")});
    QVERIFY(!item("b"));
    scene()->applyRunEvents(stream.parse({"succeeded b duration=1", "succeeded a duration=3"}));
    QCOMPARE(stateOf(scene(), "b"), QString("succeeded"));
    scene()->tickRunOverlay();
    // Renamed: the run does not know the new id, so the card loses its overlay.
    QCOMPARE(m_editor->controller()->renameNode(QStringLiteral("a"), QStringLiteral("renamed")), QString());
    NodeItem *renamed = item("renamed");
    QVERIFY(renamed);
    QCOMPARE(renamed->runState(), NodeState::Pending);
    QVERIFY(!scene()->nodeRunStatus(QStringLiteral("renamed")));
    QVERIFY(renamed->toolTip().isEmpty());
    QVERIFY(renamed->runToolTip().isEmpty());
    QVERIFY(renamed->overlayText().isEmpty());
    for (WireItem *w : renamed->wires())
        QVERIFY(!w->carriedData());
    scene()->applyRunEvents(stream.parse({"started c"}));
    // Undo brings b back with the state the run gave it.
    m_undo->undo(); // rename
    m_undo->undo(); // remove
    QVERIFY(item("b"));
    QCOMPARE(item("b")->runState(), NodeState::Succeeded);
    QVERIFY(item("b")->runToolTip().startsWith(nodeStateStyle(NodeState::Succeeded).label));
    QCOMPARE(item("a")->runState(), NodeState::Succeeded);
    QVERIFY(wire("a", "b")->carriedData());
    // A node added during the run is not part of it.
    const QString added = m_editor->controller()->addNode(QStringLiteral("debug.log"), QPointF(0, 400));
    QCOMPARE(item(added)->runState(), NodeState::Pending);
    QVERIFY(!scene()->nodeRunStatus(added));
    m_editor->grab(); // paints every kind of card without crashing
}

void TstCanvasOverlay::clearRestoresEditingLook()
{
    Stream stream;
    RunFeed feed;
    feed.apply(stream.parse({"started a", "succeeded a duration=5", "failed b error=x"}));
    scene()->setRunFeed(&feed);
    QCOMPARE(stateOf(scene(), "b"), QString("failed"));
    QSignalSpy changed(scene(), &GraphScene::runOverlayChanged);
    scene()->clearRunOverlay();
    QCOMPARE(changed.size(), 1);
    QVERIFY(!scene()->runState());
    for (const QString id : {"a", "b", "c", "d"}) {
        QVERIFY(!scene()->nodeRunStatus(id));
        QVERIFY(item(id)->toolTip().isEmpty());
        QVERIFY(item(id)->overlayText().isEmpty());
    }
    QVERIFY(!wire("a", "b")->carriedData());
    QVERIFY(!scene()->isRunOverlayTicking());
    // The cleared run's later batches do not bring it back: the scene is bound to no feed now...
    feed.apply(stream.parse({"succeeded c duration=5"}));
    QVERIFY(!scene()->runState());
    QCOMPARE(changed.size(), 1);
    // ...until one is given again, which shows its latest state at once.
    scene()->setRunFeed(&feed);
    QCOMPARE(stateOf(scene(), "c"), QString("succeeded"));
}

void TstCanvasOverlay::realRun()
{
    scene()->setOverlayClock({}); // the real clock
    const QByteArray yaml
        = "flowstudio: 1\nname: real\nsettings: {on_error: continue}\nnodes:\n"
          "  a: {type: shell.exec, config: {command: 'for i in $(seq 1 5); do echo $i; done'}}\n"
          "  b:\n    type: shell.exec\n    inputs: {stdin: a.stdout}\n"
          "    config: {command: 'cat >/dev/null; echo disk on fire >&2; exit 3'}\n"
          "    retry: {attempts: 2, delay: 10ms}\n"
          "  c: {type: shell.exec, inputs: {stdin: b.stdout}, config: {command: cat}}\n"
          "  d: {type: shell.exec, after: [a], config: {command: echo d}}\n"
          "layout:\n  a: [0, 0]\n  b: [300, 0]\n  c: [600, 0]\n  d: [300, 200]\n";
    load(yaml);
    Run run(readWorkflow(yaml).workflow.value(), builtinNodeRegistry());
    QVERIFY(run.problems().isEmpty());
    connect(&run, &Run::eventsReady, scene(), &GraphScene::applyRunEvents);
    QSignalSpy finished(&run, &Run::finished);
    run.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(scene()->runState()->runId(), run.id());
    QVERIFY(scene()->runState()->isFinished());
    QCOMPARE(item("a")->runState(), NodeState::Succeeded);
    QCOMPARE(item("b")->runState(), NodeState::Failed);
    QCOMPARE(item("c")->runState(), NodeState::Skipped);
    QCOMPARE(item("d")->runState(), NodeState::Succeeded);
    QVERIFY(wire("a", "b")->carriedData());
    QVERIFY(!wire("b", "c")->carriedData());
    QVERIFY2(item("b")->toolTip().contains(u"disk on fire"), qPrintable(item("b")->toolTip()));
    QVERIFY(item("b")->overlayText().startsWith(u"2/2 · "));
    QVERIFY(!scene()->isRunOverlayTicking());
    m_editor->view()->zoomToFit();
    m_editor->grab().save(QStringLiteral("/tmp/overlay-real-run.png"));
}

void TstCanvasOverlay::overviewShowsStateColours()
{
    Stream stream;
    apply(stream, {"started a", "failed a error=x", "cached b", "started c"});
    GraphView *view = m_editor->view();
    view->setZoom(0.1, QPointF(400, 100));
    view->centerOn(QPointF(400, 100));
    QVERIFY(scene()->isOverview());
    const QImage image = view->viewport()->grab().toImage();
    auto colorAt = [&](const QString &id) {
        return QColor(image.pixel(view->mapFromScene(scene()->nodeRect(id).center())));
    };
    const bool dark = scene()->theme().dark;
    QCOMPARE(colorAt("a"), nodeStateStyle(NodeState::Failed, dark).color);
    QCOMPARE(colorAt("b"), nodeStateStyle(NodeState::Cached, dark).color);
    QCOMPARE(colorAt("c"), nodeStateStyle(NodeState::Running, dark).color);
    QCOMPARE(colorAt("d"), nodeStateStyle(NodeState::Pending, dark).color);
    // The minimap follows (after its short debounce).
    Minimap *minimap = view->minimap();
    auto minimapColor = [&](const QString &id) {
        const QImage picture = minimap->grab().toImage(); // paints, so the area is current
        return QColor(picture.pixel(minimap->fromScene(scene()->nodeRect(id).center()).toPoint()));
    };
    auto near = [](const QColor &a, const QColor &b) { // the visible-area frame tints it a little
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue())
               < 40;
    };
    QTRY_VERIFY(near(minimapColor("a"), nodeStateStyle(NodeState::Failed, dark).color));
    QVERIFY(near(minimapColor("b"), nodeStateStyle(NodeState::Cached, dark).color));
    // A state change repaints there, without any wait for a tick.
    scene()->applyRunEvents(stream.parse({"succeeded c duration=4"}));
    QTRY_COMPARE(QColor(view->viewport()->grab().toImage().pixel(
                     view->mapFromScene(scene()->nodeRect(QStringLiteral("c")).center()))),
                 nodeStateStyle(NodeState::Succeeded, dark).color);
}

void TstCanvasOverlay::renderPictures()
{
    // Every state on one canvas, for looking at (/tmp/overlay-*.png).
    QByteArray yaml = "flowstudio: 1\nname: states\nnodes:\n";
    const QStringList ids{"fetch_data", "transform", "upload_results", "notify",       "flaky_api",
                          "optional",   "stopped",   "from_cache",     "build_report", "not_in_run"};
    QByteArray layout = "layout:\n";
    for (int i = 0; i < ids.size(); ++i) {
        yaml += "  " + ids[i].toUtf8() + ": {type: shell.exec"
                + (i > 0 && i < 4 ? ", inputs: {stdin: " + ids[i - 1].toUtf8() + ".stdout}" : QByteArray())
                + ", config: {command: 'true'}}\n";
        layout += "  " + ids[i].toUtf8() + ": [" + QByteArray::number((i % 4) * 280) + ", "
                  + QByteArray::number((i / 4) * 160) + "]\n";
    }
    load(yaml + layout);
    m_now = T0 + 9'400;
    Stream stream;
    RunEvents events{stream.started(ids.mid(0, 9))};
    events += stream.parse({"started fetch_data @0", "succeeded fetch_data @1234 duration=1234",
                            "started transform @1300 attempts=3",
                            "retrying transform #1 @2000 attempt=2 delay=200 error=timeout",
                            "started transform #2 @2200 attempts=3", "progress transform #2 fraction=0.6",
                            "queued upload_results", "started flaky_api @0 attempts=3",
                            "retrying flaky_api #1 @6400 attempt=2 delay=5000 error=HTTP_503",
                            "skipped optional reason=when_is_false", "cancelled stopped", "cached from_cache",
                            "started build_report @1000", "failed build_report @4500 error=exit_status_2"});
    scene()->applyRunEvents(events);
    m_editor->resize(1200, 520);
    GraphView *view = m_editor->view();
    for (const qreal zoom : {1.0, 0.3, 0.1}) {
        view->setZoom(zoom, QPointF(540, 230));
        view->centerOn(QPointF(540, 230));
        QApplication::processEvents();
        const QString file = QStringLiteral("/tmp/overlay-%1.png").arg(int(zoom * 100));
        QVERIFY(m_editor->grab().save(file));
    }
    // Dark palette, 100%.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(37, 38, 43));
    dark.setColor(QPalette::WindowText, QColor(225, 225, 230));
    dark.setColor(QPalette::Base, QColor(30, 31, 35));
    dark.setColor(QPalette::Text, QColor(225, 225, 230));
    m_editor->setPalette(dark);
    view->setPalette(dark);
    view->setZoom(1.0, QPointF(540, 230));
    view->centerOn(QPointF(540, 230));
    QApplication::processEvents();
    QVERIFY(scene()->theme().dark);
    QVERIFY(m_editor->grab().save(QStringLiteral("/tmp/overlay-dark-100.png")));
    QCOMPARE(item("flaky_api")->overlayText(), QString("2/3 · retry in 2 s"));
    QCOMPARE(item("transform")->overlayText(), QString("2/3 · 8 s"));
}

QTEST_MAIN(TstCanvasOverlay)
#include "tst_canvasoverlay.moc"

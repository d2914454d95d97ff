// Opening a stored 1,000,000-event run as the History dock does, until the canvas and the panels are
// drawn: RunStore::loadRun() in the reader thread, a StoredRunSource into a RunFeed, the run panel,
// log, timeline and a canvas (QGraphicsView on the run's workflow) bound to it and shown offscreen.
// The clock stops when each of the four has painted with the run's final state in it ("drawn_s"); it goes
// on until every event is listed in the log and timeline ("complete_s"). Two ways, alternated:
//  - "snapshot": the final state stored with the run (schema 3) is drawn first, events stream after;
//  - "replay": the same run without it (as a run recorded before schema 3): every event is folded.
// CPU time (user+sys of the process, getrusage) beside wall time: the machine is shared.
// Prints JSON with medians.   bench_historyopen [--quick] [--rounds N]
#include "app/runview/logview.h"
#include "app/runview/runpanel.h"
#include "app/runview/runviewdata.h"
#include "app/runview/timelineview.h"
#include "benchworkflow.h"
#include "canvas/graphscene.h"
#include "history/runstore.h"
#include "history/storedrunsource.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "runs/runfeed.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGraphicsView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>

using namespace Flow;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Counts the widgets that have painted the run's final state (a partly folded run does not count).
class PaintWatch : public QObject
{
public:
    PaintWatch(const RunFeed *feed, qint64 lastSeq, std::function<void()> painted)
        : m_feed(feed)
        , m_lastSeq(lastSeq)
        , m_painted(std::move(painted))
    {}
    void watch(QWidget *w) { w->installEventFilter(this); }
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && m_feed->state().lastSeq() >= m_lastSeq && !m_seen.contains(o)) {
            m_seen.insert(o);
            m_painted();
        }
        return false;
    }
    qsizetype seen() const { return m_seen.size(); }

private:
    const RunFeed *m_feed;
    qint64 m_lastSeq;
    std::function<void()> m_painted;
    QSet<QObject *> m_seen;
};

struct Round
{
    double drawn = 0, drawnCpu = 0, complete = 0, completeCpu = 0;
    qint64 events = 0;
};

Round openOnce(RunStore &store, const QString &runId, bool withSnapshot)
{
    Round r;
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    QEventLoop loop;
    std::optional<RunRecord> record;
    store.loadRun(runId, &loop,
                  [&](const std::optional<RunRecord> &run, const QList<NodeResult> &, const QString &) {
                      record = run;
                      loop.quit();
                  });
    loop.exec();
    if (!withSnapshot)
        record->finalState = {};

    WorkflowDocument document;
    document.setWorkflow(readWorkflow(record->workflowText.toUtf8()).workflow.value_or(Workflow()));
    GraphScene scene(&document);
    QGraphicsView canvas(&scene);
    RunPanel panel;
    LogView log;
    TimelineView timeline;
    auto *source = new StoredRunSource(&store, *record);
    RunFeed feed(source);
    RunViewData::of(&feed);
    panel.setFeed(&feed);
    log.setFeed(&feed);
    timeline.setFeed(&feed);
    scene.setRunFeed(&feed);
    bool finished = false;
    PaintWatch watch(&feed, record->lastSeq, [&] {
        if (watch.seen() == 4) {
            r.drawn = double(t.nsecsElapsed()) / 1e9;
            r.drawnCpu = cpuSeconds() - cpu0;
            if (finished)
                loop.quit();
        }
    });
    for (QWidget *w : {static_cast<QWidget *>(canvas.viewport()), static_cast<QWidget *>(&panel),
                       static_cast<QWidget *>(&log), static_cast<QWidget *>(&timeline)})
        watch.watch(w);
    QObject::connect(&feed, &RunFeed::finished, &loop, [&] {
        finished = true;
        r.complete = double(t.nsecsElapsed()) / 1e9;
        r.completeCpu = cpuSeconds() - cpu0;
        if (watch.seen() == 4)
            loop.quit();
        // A view that the last batches did not change has no reason to paint again by itself; ask
        // once, so that each shows (and is timed with) the final state.
        for (QWidget *w : {static_cast<QWidget *>(canvas.viewport()), static_cast<QWidget *>(&panel),
                           static_cast<QWidget *>(&log), static_cast<QWidget *>(&timeline)})
            w->update();
    });
    for (QWidget *w : {static_cast<QWidget *>(&canvas), static_cast<QWidget *>(&panel),
                       static_cast<QWidget *>(&log), static_cast<QWidget *>(&timeline)}) {
        w->resize(800, 500);
        w->show();
    }
    source->start();
    loop.exec();
    r.events = feed.eventCount();
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int rounds = quick ? 1 : 3;
    const int nodes = quick ? 100 : 2000;
    const int lines = quick ? 50000 : 1000000;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("runs.db"));
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(QStringLiteral(FLOWRUN_PATH), {QStringLiteral("run"), QStringLiteral("--db"), db,
                                           Bench::writeLinesWorkflow(dir.path(), nodes, lines / nodes)});
    p.waitForFinished(600000);

    RunStore store(db);
    if (!store.waitForOpen()) {
        fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return 1;
    }
    QString runId;
    {
        QEventLoop loop;
        store.listRuns({1, {}, {}, {}}, &loop, [&](const QList<RunRecord> &runs, const QString &) {
            runId = runs.value(0).id;
            loop.quit();
        });
        loop.exec();
    }
    QList<double> drawn[2], drawnCpu[2], complete[2], completeCpu[2];
    qint64 events = 0;
    for (int i = 0; i < rounds; ++i) {
        for (int mode = 0; mode < 2; ++mode) {
            const Round r = openOnce(store, runId, mode == 0);
            drawn[mode].append(r.drawn);
            drawnCpu[mode].append(r.drawnCpu);
            complete[mode].append(r.complete);
            completeCpu[mode].append(r.completeCpu);
            events = r.events;
        }
    }
    QJsonObject result{{QStringLiteral("events"), events}, {QStringLiteral("rounds"), rounds}};
    const char *names[] = {"snapshot", "replay"};
    for (int mode = 0; mode < 2; ++mode) {
        result.insert(QString::fromLatin1(names[mode]),
                      QJsonObject{{QStringLiteral("drawn_s"), median(drawn[mode])},
                                  {QStringLiteral("drawn_cpu_s"), median(drawnCpu[mode])},
                                  {QStringLiteral("complete_s"), median(complete[mode])},
                                  {QStringLiteral("complete_cpu_s"), median(completeCpu[mode])}});
    }
    printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}

// The run history's costs, as JSON on stdout (medians of several rounds):
//  - store_events_per_s: RunStore taking a run that streams 1,000,000 log lines (synthetic events,
//    appended in batches as a run delivers them) until every one is committed;
//  - run_with_history_s / run_no_history_s / ratio: `flowrun run` of 2,000 shell.exec nodes x 500 log
//    lines (1,000,000 lines) recorded and with --no-history (target: ratio <= 1.1);
//  - open_s: reading the recorded 1,000,000-event run back (the History dock's reader thread) and
//    folding it through RunState, the cost under opening it in the app.
// --quick: smaller numbers, one round (a smoke test of the harness).
#include "benchworkflow.h"
#include "history/runstore.h"
#include "history/storedb.h"
#include "runs/runstate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>

using namespace Flow;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

RunEvent logEvent(const QString &run, qint64 seq, const QString &node)
{
    RunEvent e;
    e.run = run;
    e.seq = seq;
    e.time = 1700000000000 + seq;
    e.node = node;
    e.kind = EventKind::NodeLog;
    e.attempt = 1;
    e.data = {{QStringLiteral("stream"), QStringLiteral("stdout")},
              {QStringLiteral("line"), QStringLiteral("line %1 of a node that talks a lot").arg(seq)}};
    return e;
}

double storeRound(const QString &path, int lines)
{
    QFile::remove(path);
    RunStore store(path);
    store.waitForOpen();
    RunRecord r;
    r.id = QStringLiteral("bench");
    r.workflowText = QStringLiteral("flowstudio: 1\n");
    // Built first: the benchmark measures the store, not making events.
    QList<RunEvents> batches;
    RunEvents batch;
    RunEvent started;
    started.run = r.id;
    started.seq = 1;
    started.kind = EventKind::RunStarted;
    started.data = {{QStringLiteral("name"), QStringLiteral("bench")}};
    batch.append(started);
    for (int i = 0; i < lines; ++i) {
        batch.append(logEvent(r.id, i + 2, QStringLiteral("n%1").arg(i / 500)));
        if (batch.size() == 2000) // about what 20 deliveries a second carry in a flood
            batches.append(std::exchange(batch, {}));
    }
    batches.append(batch);
    QElapsedTimer t;
    t.start();
    store.beginRun(r);
    for (const RunEvents &b : std::as_const(batches))
        store.append(b);
    store.flush(600000);
    return double(lines) / (double(t.nsecsElapsed()) / 1e9);
}

double runOnce(const QStringList &args)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(FLOWRUN_PATH), args);
    p.waitForFinished(600000);
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int rounds = quick ? 1 : 3;
    const int lines = quick ? 50000 : 1000000;
    const int nodes = quick ? 100 : 2000;
    QTemporaryDir dir;

    QList<double> store;
    for (int i = 0; i < rounds; ++i)
        store.append(storeRound(dir.filePath(QStringLiteral("store.db")), lines));

    const QString wf = Bench::writeLinesWorkflow(dir.path(), nodes, lines / nodes);
    const QString db = dir.filePath(QStringLiteral("runs.db"));
    QList<double> with, without;
    for (int i = 0; i < rounds; ++i) {
        // Alternated, so that a noisy neighbour on the machine hits both alike.
        without.append(runOnce({QStringLiteral("run"), QStringLiteral("--no-history"), wf}));
        with.append(runOnce({QStringLiteral("run"), QStringLiteral("--db"), db, wf}));
    }

    QList<double> open;
    qint64 events = 0;
    for (int i = 0; i < rounds; ++i) {
        StoreDb reader;
        reader.open(db, StoreDb::OpenMode::ExistingOnly);
        const QString run = reader.runs({1, {}, {}, {}}).value(0).id;
        QElapsedTimer t;
        t.start();
        RunState state;
        qint64 after = 0;
        events = 0;
        for (;;) {
            const RunEvents batch = reader.events(run, after, 50000);
            state.apply(batch);
            events += batch.size();
            if (batch.size() < 50000)
                break;
            after = batch.constLast().seq;
        }
        open.append(double(t.nsecsElapsed()) / 1e9);
    }

    const QJsonObject result{
        {QStringLiteral("store_events"), lines},
        {QStringLiteral("store_events_per_s"), qRound64(median(store))},
        {QStringLiteral("run_lines"), lines},
        {QStringLiteral("run_no_history_s"), median(without)},
        {QStringLiteral("run_with_history_s"), median(with)},
        {QStringLiteral("ratio"), median(with) / median(without)},
        {QStringLiteral("open_events"), events},
        {QStringLiteral("open_s"), median(open)},
        {QStringLiteral("rounds"), rounds},
    };
    printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}

// Scheduling overhead of the executor: 10,000 no-op nodes as a chain and as a fan-out/fan-in, from
// Run construction (graph building included) to run.finished, in microseconds per node. Prints JSON.
//
//   bench_scheduler [--runs N] [--nodes N]
#include "benchnodes.h"

#include "executor/run.h"
#include "runs/runstate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Flow;

namespace {

Node noop(const QString &id)
{
    Node n;
    n.id = id;
    n.type = QStringLiteral("bench.noop");
    return n;
}

// n0 -> n1 -> ... : every node waits for the one before (a data edge, so outputs travel too).
Workflow chain(int count)
{
    Workflow w;
    w.name = QStringLiteral("chain");
    w.nodes.reserve(count);
    for (int i = 0; i < count; ++i) {
        Node n = noop(QStringLiteral("n%1").arg(i));
        if (i > 0)
            n.inputs.append(InputBinding{
                QStringLiteral("in"), QStringLiteral("n%1").arg(i - 1), QStringLiteral("out"), {}});
        w.nodes.append(std::move(n));
    }
    return w;
}

// root -> (count - 2 nodes) -> sink
Workflow fan(int count)
{
    Workflow w;
    w.name = QStringLiteral("fan");
    w.nodes.reserve(count);
    w.nodes.append(noop(QStringLiteral("root")));
    Node sink = noop(QStringLiteral("sink"));
    for (int i = 0; i < count - 2; ++i) {
        Node n = noop(QStringLiteral("w%1").arg(i));
        n.after.append(QStringLiteral("root"));
        sink.after.append(n.id);
        w.nodes.append(std::move(n));
    }
    w.nodes.append(std::move(sink));
    return w;
}

Workflow logFlood(int lines)
{
    Workflow w;
    w.name = QStringLiteral("log flood");
    Node n = noop(QStringLiteral("chatty"));
    n.type = QStringLiteral("bench.log");
    n.config.insert(QStringLiteral("lines"), Value(lines));
    w.nodes.append(std::move(n));
    return w;
}

// Log lines from a worker to a listener that folds them (as the run panel does), µs per line.
QJsonObject measureLogFlood(int lines, int runs)
{
    QList<double> samples;
    for (int i = 0; i <= runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        Run run(logFlood(lines), Bench::benchRegistry());
        RunState state;
        QObject::connect(&run, &Run::eventsReady, &run, [&](const RunEvents &batch) { state.apply(batch); });
        QEventLoop loop;
        QObject::connect(&run, &Run::finished, &loop, &QEventLoop::quit);
        run.start();
        if (!run.isFinished())
            loop.exec();
        if (state.node(QStringLiteral("chatty"))->logLines != lines)
            qFatal("lost log lines");
        if (i > 0) // the first is a warm-up
            samples.append(double(timer.nsecsElapsed()) / 1000.0 / lines);
    }
    std::sort(samples.begin(), samples.end());
    const double median = samples.at(samples.size() / 2);
    std::fprintf(stderr, "%-40s median %.2f us/line\n", "log flood", median);
    return QJsonObject{{"name", "log flood (one node, reducer listening)"},
                       {"lines", lines},
                       {"us_per_line_median", std::round(median * 100) / 100},
                       {"lines_per_second", qint64(1e6 / median)}};
}

struct Sample
{
    double microsPerNode = 0;
    qint64 events = 0;
};

Sample runOnce(const Workflow &workflow, int maxParallel, bool withReducer)
{
    RunOptions options;
    options.maxParallel = maxParallel;
    QElapsedTimer timer;
    timer.start();
    Run run(workflow, Bench::benchRegistry(), options);
    RunState state;
    qint64 events = 0;
    QObject::connect(&run, &Run::eventsReady, &run, [&](const RunEvents &batch) {
        events += batch.size();
        if (withReducer)
            state.apply(batch);
    });
    QEventLoop loop;
    QObject::connect(&run, &Run::finished, &loop, &QEventLoop::quit);
    run.start();
    if (!run.isFinished())
        loop.exec();
    const qint64 ns = timer.nsecsElapsed();
    if (run.status() != RunStatus::Succeeded)
        qFatal("benchmark run failed: %s", qPrintable(run.error()));
    return {double(ns) / 1000.0 / double(workflow.nodes.size()), events};
}

QJsonObject measure(const QString &name, const Workflow &workflow, int maxParallel, bool withReducer,
                    int runs)
{
    runOnce(workflow, maxParallel, withReducer); // warm-up: thread creation, allocator
    QList<double> samples;
    qint64 events = 0;
    for (int i = 0; i < runs; ++i) {
        const Sample s = runOnce(workflow, maxParallel, withReducer);
        samples.append(s.microsPerNode);
        events = s.events;
    }
    std::sort(samples.begin(), samples.end());
    QJsonArray all;
    for (double s : samples)
        all.append(std::round(s * 100) / 100);
    std::fprintf(stderr, "%-40s median %.2f us/node\n", qPrintable(name), samples.at(samples.size() / 2));
    return QJsonObject{{"name", name},
                       {"nodes", int(workflow.nodes.size())},
                       {"max_parallel", maxParallel},
                       {"reducer", withReducer},
                       {"events", events},
                       {"us_per_node_median", std::round(samples.at(samples.size() / 2) * 100) / 100},
                       {"us_per_node_runs", all}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption("runs", "Runs per case (median reported).", "N", "5");
    const QCommandLineOption nodesOption("nodes", "Nodes per workflow.", "N", "10000");
    parser.addOption(runsOption);
    parser.addOption(nodesOption);
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int nodes = std::max(3, parser.value(nodesOption).toInt());
    const int ideal = QThread::idealThreadCount();

    const Workflow chainFlow = chain(nodes);
    const Workflow fanFlow = fan(nodes);
    QJsonArray results;
    for (bool reducer : {false, true}) {
        const QString suffix = reducer ? QStringLiteral(" +reducer") : QString();
        results.append(measure("chain" + suffix, chainFlow, ideal, reducer, runs));
        results.append(measure("fan-out/fan-in" + suffix, fanFlow, ideal, reducer, runs));
    }
    results.append(measure("fan-out/fan-in, 1 worker", fanFlow, 1, false, runs));
    results.append(measureLogFlood(200000, runs));
    const QJsonObject out{{"benchmark", "executor scheduling overhead"},
                          {"target_us_per_node", 10},
                          {"ideal_thread_count", ideal},
                          {"results", results}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}

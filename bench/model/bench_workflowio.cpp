// Cost of the YAML file format on a big workflow: writeWorkflow, readWorkflow, validateWorkflow and
// loadAndValidate on N shell nodes (chain + fan-in edges, config with expressions, layout), median
// of several runs in milliseconds. Prints JSON.
//
//   bench_workflowio [--runs N] [--nodes N]
#include "model/validator.h"
#include "model/workflowio.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Flow;

namespace {

Workflow bigWorkflow(int count)
{
    Workflow w;
    w.name = QStringLiteral("bench");
    w.nodes.reserve(count);
    for (int i = 0; i < count; ++i) {
        Node n;
        n.id = QStringLiteral("node_%1").arg(i);
        n.type = QStringLiteral("shell.exec");
        n.config.insert(QStringLiteral("command"), QStringLiteral("echo %1 ${{ params.x }}").arg(i));
        n.config.insert(QStringLiteral("env"),
                        Value(Value::Map{{"A", Value("1")}, {"B", Value("two words")}}));
        if (i > 0)
            n.inputs.append(InputBinding{"stdin", QStringLiteral("node_%1").arg(i - 1), "stdout", {}});
        if (i >= 10)
            n.after.append(QStringLiteral("node_%1").arg(i - 10));
        n.position = QPointF(i % 100 * 220, i / 100 * 140);
        w.nodes.append(n);
    }
    return w;
}

double medianMs(int runs, const std::function<void()> &work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"runs", "Runs per measurement (median reported).", "N", "5"});
    parser.addOption({"nodes", "Nodes in the workflow.", "N", "5000"});
    parser.process(app);
    const int runs = std::max(1, parser.value("runs").toInt());
    const int nodes = std::max(1, parser.value("nodes").toInt());

    const Workflow workflow = bigWorkflow(nodes);
    const QByteArray text = writeWorkflow(workflow);
    const LoadResult loaded = readWorkflow(text);
    if (!loaded.ok() || writeWorkflow(*loaded.workflow) != text) {
        std::fprintf(stderr, "round trip failed\n");
        return 1;
    }
    QJsonObject result;
    result["nodes"] = nodes;
    result["bytes"] = qint64(text.size());
    result["write_ms"] = medianMs(runs, [&] { (void)writeWorkflow(workflow); });
    result["read_ms"] = medianMs(runs, [&] { (void)readWorkflow(text); });
    result["validate_ms"] = medianMs(runs, [&] { (void)validateWorkflow(*loaded.workflow, nullptr); });
    result["load_and_validate_ms"] = medianMs(runs, [&] { (void)loadAndValidate(text, nullptr); });
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}

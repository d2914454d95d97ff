// Issue 6 benchmark: a run of N nodes each logging L lines (default 2,000 x 500 = 1,000,000 lines)
// with the main window open (offscreen). Measures the longest GUI-thread stall while the run goes
// (event-loop latency: the largest gap between ticks of a 5 ms timer, minus the 5 ms) and the run's
// wall time, against the same workflow run by `flowrun run`. Prints one JSON object.
//
//   bench_runwindow [--nodes N] [--lines L] [--flowrun PATH] [--repeat R]
#include "filecontroller.h"
#include "mainwindow.h"
#include "runworkbench.h"

#include "app/runview/logmodel.h"
#include "app/runview/logview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <ctime>

using namespace Flow;
using namespace Flow::Studio;

namespace {

// With FLOW_BENCH_TRACE set: names every event that kept the GUI thread busy for over 15 ms.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_trace)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        const bool result = QApplication::notify(receiver, event);
        if (const qint64 ns = t.nsecsElapsed(); ns > 15'000'000)
            std::fprintf(stderr, "slow event %d to %s (%s): %.1f ms\n", type,
                         receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                         double(ns) / 1e6);
        return result;
    }

private:
    bool m_trace = qEnvironmentVariableIsSet("FLOW_BENCH_TRACE");
};

QByteArray workflow(int nodes, int lines)
{
    // Independent chains of 50 nodes (after:), so the scheduler has parallel work and an order.
    QByteArray y = "flowstudio: 1\nname: Log flood\nnodes:\n";
    const QByteArray command = "awk 'BEGIN { for (i = 1; i <= " + QByteArray::number(lines)
                               + "; i++) print \"line \" i \" of a node that logs a lot\" }'";
    for (int i = 0; i < nodes; ++i) {
        y += "  n" + QByteArray::number(i) + ":\n    type: shell.exec\n    config: {command: \""
             + QByteArray(command).replace('"', "\\\"") + "\"}\n";
        if (i % 50 != 0)
            y += "    after: [n" + QByteArray::number(i - 1) + "]\n";
    }
    return y;
}

double cliRun(const QString &flowrun, const QString &file)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(flowrun, {QStringLiteral("run"), file});
    p.waitForFinished(-1);
    return double(t.nsecsElapsed()) / 1e6;
}

struct AppResult
{
    double wallMs = 0;
    double maxStallMs = 0;
    double p99StallMs = 0;
    qint64 logRows = 0;
    double guiCpuMs = 0; // CPU time the GUI thread spent while the run went
};

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

AppResult appRun(const QString &file)
{
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    window.resize(1600, 1000);
    window.show();
    window.files()->openFile(file);
    QCoreApplication::processEvents();
    QElapsedTimer clock;
    QList<double> gaps;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    qint64 last = 0;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.append(double(now - last) / 1e6 - 5.0);
        if (gaps.last() > 40 && qEnvironmentVariableIsSet("FLOW_BENCH_TRACE"))
            std::fprintf(stderr, "stall %.1f ms at %.0f ms\n", gaps.last(), double(now) / 1e6);
        last = now;
    });
    QSignalSpy finished(window.runs(), &RunWorkbench::runFinished);
    const double cpuBefore = threadCpuMs();
    clock.start();
    ticker.start();
    window.runs()->runWorkflow();
    while (finished.isEmpty())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    AppResult r;
    r.wallMs = double(clock.nsecsElapsed()) / 1e6;
    r.guiCpuMs = threadCpuMs() - cpuBefore;
    ticker.stop();
    std::sort(gaps.begin(), gaps.end());
    r.maxStallMs = gaps.isEmpty() ? 0 : std::max(0.0, gaps.last());
    r.p99StallMs = gaps.isEmpty() ? 0 : std::max(0.0, gaps.at(qsizetype(double(gaps.size() - 1) * 0.99)));
    r.logRows = window.runs()->logView()->model()->lineCount();
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    TracingApplication app(argc, argv);
    int nodes = 2000;
    int lines = 500;
    int repeat = 1;
    QString flowrun = QStringLiteral(FLOWRUN_PATH);
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--nodes")
            nodes = args[i + 1].toInt();
        else if (args[i] == u"--lines")
            lines = args[i + 1].toInt();
        else if (args[i] == u"--flowrun")
            flowrun = args[i + 1];
        else if (args[i] == u"--repeat")
            repeat = args[i + 1].toInt();
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("flood.yaml"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(workflow(nodes, lines)) < 0)
        return 1;
    f.close();

    QJsonArray runs;
    double bestCli = 1e18, bestApp = 1e18, worstStall = 0;
    for (int i = 0; i < repeat; ++i) {
        const double cli = cliRun(flowrun, file);
        const AppResult a = appRun(file);
        bestCli = std::min(bestCli, cli);
        bestApp = std::min(bestApp, a.wallMs);
        worstStall = std::max(worstStall, a.maxStallMs);
        runs.append(QJsonObject{{"cli_ms", cli},
                                {"app_ms", a.wallMs},
                                {"app_over_cli", a.wallMs / cli},
                                {"max_stall_ms", a.maxStallMs},
                                {"p99_stall_ms", a.p99StallMs},
                                {"log_rows", a.logRows},
                                {"gui_thread_cpu_ms", a.guiCpuMs}});
    }
    const QJsonObject out{{"benchmark", "run_in_window"},
                          {"nodes", nodes},
                          {"lines_per_node", lines},
                          {"runs", runs},
                          {"best_app_over_best_cli", bestApp / bestCli},
                          {"worst_max_stall_ms", worstStall}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}

// Issue 11 benchmark: the app (offscreen main window) follows a remote run of N events
// (default 200,000) streamed by a real `flowrun serve` on loopback, through the Remote dock, as a
// user does: add the server, open the run. Measures the longest GUI-thread stall meanwhile
// (event-loop latency: the largest gap between ticks of a 5 ms timer, minus the 5 ms), the events/s
// the window received and the GUI thread's CPU time. Prints one JSON object with the targets.
//
//   bench_remotewindow [--events N] [--repeat R]
#include "mainwindow.h"
#include "remotedock.h"
#include "runworkbench.h"

#include "app/runview/logmodel.h"
#include "app/runview/logview.h"
#include "remote/remoteclient.h"
#include "serverprocess.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <ctime>

using namespace Flow;
using namespace Flow::Studio;

namespace {

constexpr double TargetStallMs = 50;

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

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

struct Result
{
    double wallMs = 0;
    double maxStallMs = 0;
    double p99StallMs = 0;
    double guiCpuMs = 0;
    qint64 logRows = 0;
    bool finished = false;
};

Result follow(const QUrl &url, const QString &yaml)
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    RemoteDock *dock = window.remoteDock();
    dock->addServer(QStringLiteral("bench"), url, {});
    Remote::RemoteClient *client = dock->client(dock->serverCount() - 1);
    if (!client->isConnected())
        QSignalSpy(client, &Remote::RemoteClient::welcomed).wait(20000);

    // The run is started by another client, so the window only follows it (as a watcher would).
    Remote::RemoteClient starter;
    starter.setUrl(url);
    QSignalSpy welcomed(&starter, &Remote::RemoteClient::welcomed);
    starter.open();
    welcomed.wait(20000);
    QSignalSpy started(&starter, &Remote::RemoteClient::started);
    starter.start(yaml);
    started.wait(20000);
    const QString run = started.value(0).value(1).toString();

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
    dock->openRun(dock->serverCount() - 1, run);
    QElapsedTimer limit;
    limit.start();
    while (finished.isEmpty() && limit.elapsed() < 600'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    Result r;
    r.finished = !finished.isEmpty();
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
    // The dock keeps its servers in QSettings and tokens in a file: never the user's.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    TracingApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowstudioBench"));
    int events = 200'000;
    int repeat = 1;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--events")
            events = args[i + 1].toInt();
        else if (args[i] == u"--repeat")
            repeat = args[i + 1].toInt();
    }
    ServerProcess server;
    if (!server.start(0, {QStringLiteral("--workflows"), home.path(), QStringLiteral("--db"),
                          home.filePath(QStringLiteral("bench.db"))})) {
        std::fprintf(stderr, "bench_remotewindow: cannot start flowrun serve\n");
        return 1;
    }
    // run.started, node.queued, node.started, node.succeeded, run.finished around the lines.
    const QString yaml
        = QStringLiteral("flowstudio: 1\nname: Stream\nnodes:\n  print:\n    type: shell.exec\n"
                         "    config: {command: \"seq 1 %1\"}\n")
              .arg(events - 5);
    QJsonArray runs;
    QList<double> stalls;
    for (int i = 0; i < repeat; ++i) {
        const Result r = follow(server.url(), yaml);
        stalls.append(r.maxStallMs);
        runs.append(QJsonObject{{"finished", r.finished},
                                {"wall_ms", r.wallMs},
                                {"events_per_second", double(events) / (r.wallMs / 1000.0)},
                                {"max_stall_ms", r.maxStallMs},
                                {"p99_stall_ms", r.p99StallMs},
                                {"gui_thread_cpu_ms", r.guiCpuMs},
                                {"log_rows", r.logRows}});
    }
    std::sort(stalls.begin(), stalls.end());
    const double median = stalls.isEmpty() ? 0 : stalls.at(stalls.size() / 2);
    double load = 0;
    if (FILE *f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1)
            load = 0;
        std::fclose(f);
    }
    const QJsonObject out{{"benchmark", "remote_run_in_window"},
                          {"events", events},
                          {"runs", runs},
                          {"median_max_stall_ms", median},
                          {"target_max_stall_ms", TargetStallMs},
                          {"pass", median <= TargetStallMs},
                          {"load_average", load}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}

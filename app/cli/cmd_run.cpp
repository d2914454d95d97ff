// flowrun run: runs a workflow with the local executor and reports its events (docs/executor.md).
#include "cliutil.h"
#include "commands.h"
#include "nodes/registry.h"
#include "runhistory.h"
#include "signalpipe.h"

#include "executor/nodecache.h"
#include "executor/run.h"
#include "history/storenodecache.h"
#include "model/subflows.h"
#include "model/workflowio.h"
#include "runs/runstate.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <csignal>
#include <unistd.h>

namespace Flow::Cli {
namespace {

enum RunExit { ExitSucceeded = 0, ExitFailed = 1, ExitInvalid = 2, ExitInterrupted = 130 };

// ---- human-readable progress -----------------------------------------------------------------

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms < 10000 ? 2 : 1) + u's';
}

QString valueText(const QVariant &value)
{
    if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QVariantMap)
        return QString::fromUtf8(QJsonDocument::fromVariant(value).toJson(QJsonDocument::Compact));
    return value.toString();
}

// One line per node state change (and progress, at most a few per second per node). On a terminal
// everything is shown; otherwise only what went wrong, so that logs of CI jobs stay short.
class Reporter
{
public:
    Reporter(bool live, bool verbose)
        : m_live(live)
        , m_verbose(verbose)
    {
        m_clock.start();
    }

    void add(const RunEvent &e)
    {
        m_state.apply(e);
        if (e.node.isEmpty())
            return;
        if (e.node.size() > m_width)
            m_width = int(std::min<qsizetype>(e.node.size(), 24));
        switch (e.kind) {
        case EventKind::NodeStarted:
            if (m_live)
                line(e.node, e.attempt > 1 ? QStringLiteral("started (attempt %1)").arg(e.attempt)
                                           : QStringLiteral("started"));
            break;
        case EventKind::NodeProgress:
            progress(e);
            break;
        case EventKind::NodeLog:
            log(e);
            break;
        case EventKind::NodeRetrying:
            line(e.node,
                 QStringLiteral("attempt %1 failed: %2; retrying in %3")
                     .arg(e.attempt)
                     .arg(e.data.value("error").toString(), seconds(e.data.value("delay").toLongLong())),
                 true);
            break;
        case EventKind::NodeSucceeded:
            if (m_live)
                line(e.node,
                     QStringLiteral("succeeded in %1").arg(seconds(e.data.value("duration").toLongLong())));
            break;
        case EventKind::NodeCached:
            if (m_live) {
                const QString from = e.data.value("run").toString();
                line(e.node, from.isEmpty() ? QStringLiteral("cached")
                                            : QStringLiteral("cached (from run %1)").arg(from.left(8)));
            }
            break;
        case EventKind::NodeFailed:
            failed(e);
            break;
        case EventKind::NodeSkipped:
            if (m_live)
                line(e.node, QStringLiteral("skipped: %1").arg(e.data.value("reason").toString()));
            break;
        case EventKind::NodeCancelled:
            if (m_live)
                line(e.node, QStringLiteral("cancelled"));
            break;
        default:
            break;
        }
    }

    // The workflow's outputs as run.finished announced them: with secrets masked.
    QVariantMap outputs() const { return m_state.outputs(); }

    void summary() const
    {
        QStringList parts;
        for (int s = int(NodeState::Succeeded); s < NodeStateCount; ++s) {
            if (const int n = m_state.count(NodeState(s)))
                parts.append(QStringLiteral("%1 %2").arg(n).arg(nodeStateName(NodeState(s))));
        }
        QString text
            = QStringLiteral("run %1 in %2").arg(runPhaseName(m_state.phase()), seconds(m_clock.elapsed()));
        if (!parts.isEmpty())
            text += QStringLiteral(": ") + parts.join(QStringLiteral(", "));
        if (!m_state.error().isEmpty() && m_state.phase() != RunPhase::Succeeded)
            text += QStringLiteral("\n  ") + m_state.error();
        print(text + u'\n', m_state.phase() != RunPhase::Succeeded);
    }

private:
    void line(const QString &node, const QString &what, bool important = false)
    {
        print(QStringLiteral("[%1] %2 %3\n")
                  .arg(seconds(m_clock.elapsed()), 8)
                  .arg(node.leftJustified(m_width), what),
              important);
    }

    // Live output goes to stdout; without a terminal only problems are shown, on stderr.
    void print(const QString &text, bool important) const
    {
        if (m_live)
            printOut(text);
        else if (important)
            printErr(text);
    }

    void progress(const RunEvent &e)
    {
        if (!m_live)
            return;
        const double fraction = e.data.value("fraction").toDouble();
        qint64 &last = m_lastProgress[e.node];
        if (fraction < 1.0 && last != 0 && m_clock.elapsed() - last < 250)
            return;
        last = m_clock.elapsed();
        const QString text = e.data.value("text").toString();
        QString what
            = fraction >= 0 ? QStringLiteral("%1%").arg(int(fraction * 100)) : QStringLiteral("busy");
        if (!text.isEmpty())
            what += u' ' + text;
        line(e.node, what);
    }

    void log(const RunEvent &e)
    {
        const QString text = e.data.value("line").toString();
        if (m_verbose) {
            print(QStringLiteral("%1 | %2\n").arg(e.node.leftJustified(m_width), text), false);
            return;
        }
        // Kept for the failure report: the last lines usually say what went wrong.
        QStringList &tail = m_tails[e.node];
        tail.append(text);
        if (tail.size() > 5)
            tail.removeFirst();
    }

    void failed(const RunEvent &e)
    {
        line(e.node, QStringLiteral("failed: %1").arg(e.data.value("error").toString()), true);
        for (const QString &text : m_tails.value(e.node))
            print(QStringLiteral("%1 | %2\n").arg(QString(m_width, u' '), text), true);
    }

    bool m_live;
    bool m_verbose;
    int m_width = 8;
    QElapsedTimer m_clock;
    RunState m_state;
    QHash<QString, qint64> m_lastProgress;
    QHash<QString, QStringList> m_tails;
};

// ---- setting up ----------------------------------------------------------------------------------

struct Setup
{
    QString file;
    Workflow workflow;
    RunOptions options;
    bool json = false;
    bool verbose = false;
    QString eventsPath;
    QByteArray text;                       // the workflow as it runs: recorded as the run's snapshot
    HistoryOptions history;                // runhistory.h
    std::optional<ContinuedRun> continued; // --resume / --of
};

// Reads -p name=value as the param's type. Unknown names are an error here, before anything runs.
bool parseParams(const QStringList &texts, Setup &setup)
{
    QString error;
    const std::optional<QVariantMap> params = paramsFromTexts(setup.workflow.params, texts, &error);
    if (!params) {
        printErr(QStringLiteral("%1: error: %2\n").arg(displayName(setup.file), error));
        return false;
    }
    setup.options.params.insert(*params);
    return true;
}

// A continued run starts from the params of the run it continues (those the workflow still has);
// -p overrides them.
QVariantMap continuedParams(const Workflow &workflow, const RunRecord &run)
{
    QVariantMap params;
    for (const ParamSpec &p : workflow.params) {
        if (run.params.contains(p.name))
            params.insert(p.name, run.params.value(p.name));
    }
    return params;
}

// FILE given with --resume/--of must be the workflow RUN ran: the same file, or (moved, copied or
// piped in) a workflow of the same name. Seeding another workflow with RUN's outputs would feed its
// nodes results they never produced.
bool isSameWorkflow(const Setup &setup, const RunRecord &run)
{
    const bool sameFile
        = !run.file.isEmpty() && setup.file != u"-" && QFileInfo(setup.file).absoluteFilePath() == run.file;
    return sameFile || setup.workflow.name == run.name;
}

bool seedFromContinued(Setup &setup)
{
    const ContinuedRun &run = *setup.continued;
    if (!isSameWorkflow(setup, run.record)) {
        printError(
            QStringLiteral("run: %1 is workflow '%2', but run %3 ran workflow '%4'%5; give that "
                           "workflow's file, or no file to use the workflow as the run ran it")
                .arg(displayName(setup.file), setup.workflow.name, run.record.id.left(8), run.record.name,
                     run.record.file.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(run.record.file)));
        return false;
    }
    QStringList from;
    if (!setup.history.from.isEmpty()) {
        if (!setup.workflow.node(setup.history.from)) {
            printError(QStringLiteral("run: --from: the workflow has no node '%1'").arg(setup.history.from));
            return false;
        }
        from.append(setup.history.from);
    }
    const LoadResult stored = loadAndValidate(run.record.workflowText.toUtf8(), builtinCatalog());
    const SeedPlan plan
        = planSeed(setup.workflow, stored.workflow.value_or(Workflow()), run.succeeded, run.record.id, from);
    reportSeed(run, plan);
    setup.options.seed = plan.seed;
    return true;
}

std::optional<int> prepare(const QStringList &args, Setup &setup)
{
    CommandParser cmd(QStringLiteral("run"), QStringLiteral("run [options] FILE"),
                      QStringLiteral("Runs a workflow and reports each node's progress.\n"
                                     "Prints the workflow's outputs at the end (with --json they are in the "
                                     "run.finished event instead).\n"
                                     "Exit status: 0 succeeded, 1 failed, 2 invalid workflow or usage, "
                                     "130 interrupted (Ctrl-C) after a clean cancel."));
    const QCommandLineOption param({QStringLiteral("p"), QStringLiteral("param")},
                                   QStringLiteral("Set a param (repeatable)."), QStringLiteral("name=value"));
    const QCommandLineOption maxParallel(QStringLiteral("max-parallel"),
                                         QStringLiteral("Run at most N nodes at once (overrides settings)."),
                                         QStringLiteral("N"));
    const QCommandLineOption backend(QStringLiteral("backend"),
                                     QStringLiteral("Run shell.exec nodes on local or slurm (overrides "
                                                    "settings.backend; a node's own backend: wins)."),
                                     QStringLiteral("local|slurm"));
    const QCommandLineOption events(QStringLiteral("events"),
                                    QStringLiteral("Write every event to FILE as NDJSON."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the event stream (NDJSON) on stdout."));
    const QCommandLineOption secret(QStringLiteral("secret"),
                                    QStringLiteral("Make environment variable NAME available as secrets.NAME "
                                                   "(masked as *** in all output; repeatable)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Also print every log line of every node."));
    for (const QCommandLineOption &o : {param, maxParallel, backend, events, json, secret, verbose})
        cmd.parser().addOption(o);
    for (const QCommandLineOption &o : HistoryOptions::options())
        cmd.parser().addOption(o);
    cmd.addFilesArgument(QStringLiteral("The workflow file; '-' reads standard input. Optional with --resume "
                                        "and --of (the workflow as that run ran it)."));
    if (auto exit = cmd.parse(args, false))
        return *exit;
    if (!setup.history.read(cmd.parser()))
        return ExitInvalid;
    const bool continues = !setup.history.continued().isEmpty();
    if (cmd.files().size() > 1 || (cmd.files().isEmpty() && !continues)) {
        printError(QStringLiteral("run: give exactly one workflow file"));
        return ExitInvalid;
    }
    if (continues && !(setup.continued = loadContinued(setup.history)))
        return ExitInvalid;
    setup.file = cmd.files().value(0, continues ? setup.continued->record.file : QString());
    setup.json = cmd.parser().isSet(json);
    setup.verbose = cmd.parser().isSet(verbose);
    setup.eventsPath = cmd.parser().value(events);
    if (cmd.parser().isSet(maxParallel)) {
        bool ok = false;
        const int n = cmd.parser().value(maxParallel).toInt(&ok);
        if (!ok || n < 1) {
            printError(QStringLiteral("run: --max-parallel needs a number of at least 1"));
            return ExitInvalid;
        }
        setup.options.maxParallel = n;
    }
    if (cmd.parser().isSet(backend)) {
        setup.options.backend = backendFromName(cmd.parser().value(backend));
        if (!setup.options.backend) {
            printError(QStringLiteral("run: --backend must be local or slurm, not '%1'")
                           .arg(cmd.parser().value(backend)));
            return ExitInvalid;
        }
    }
    for (const QString &name : cmd.parser().values(secret))
        setup.options.secrets.insert(name, qEnvironmentVariable(name.toLocal8Bit().constData()));

    const std::optional<QByteArray> text
        = cmd.files().isEmpty() ? setup.continued->record.workflowText.toUtf8() : readInput(setup.file);
    if (!text)
        return ExitInvalid;
    setup.text = *text;
    LoadResult loaded = loadAndValidate(*text, builtinCatalog());
    if (loaded.workflow && setup.file != u"-") {
        setup.options.workflowFile = QFileInfo(setup.file).absoluteFilePath();
        loaded.diagnostics
            += validateSubflows(*loaded.workflow, setup.options.workflowFile, builtinCatalog());
    }
    for (const Diagnostic &d : std::as_const(loaded.diagnostics))
        printErr(d.format(displayName(setup.file)) + u'\n');
    if (!loaded.ok())
        return ExitInvalid;
    setup.workflow = std::move(*loaded.workflow);
    if (setup.continued)
        setup.options.params = continuedParams(setup.workflow, setup.continued->record);
    if (!parseParams(cmd.parser().values(param), setup))
        return ExitInvalid;
    setup.options.workingDirectory = setup.file == u"-" || setup.file.isEmpty()
                                         ? QDir::currentPath()
                                         : QFileInfo(setup.file).absoluteDir().absolutePath();
    if (setup.continued && !seedFromContinued(setup))
        return ExitInvalid;
    return std::nullopt;
}

void printOutputs(const QVariantMap &outputs, const Workflow &workflow)
{
    // In the order the workflow declares them, not the map's.
    for (const OutputBinding &b : workflow.outputs)
        printOut(QStringLiteral("%1: %2\n").arg(b.name, valueText(outputs.value(b.name))));
}

RunRecord runRecordFor(const Run &run, const Setup &setup)
{
    RunRecord record;
    record.id = run.id();
    record.name = run.workflow().name;
    record.file
        = setup.file.isEmpty() || setup.file == u"-" ? QString() : QFileInfo(setup.file).absoluteFilePath();
    record.workflowText = QString::fromUtf8(setup.text);
    record.continues = setup.options.seed.fromRun;
    record.mode = setup.options.seed.mode;
    return record;
}

} // namespace

int runCommand(const QStringList &args)
{
    Setup setup;
    if (std::optional<int> exit = prepare(args, setup))
        return *exit;

    // `cache: true` results: kept in the history file (shared with later runs and the app, each
    // naming its run), or with --no-history only for this process (repeated sub-workflow calls).
    std::unique_ptr<NodeCache> cache;
    if (setup.history.record)
        cache = std::make_unique<StoreNodeCache>(setup.history.dbPath());
    else
        cache = std::make_unique<MemoryNodeCache>();
    setup.options.cache = cache.get();

    // Moved, not copied: a copy of 10,000 nodes costs more than scheduling them. From here on the
    // workflow is run.workflow().
    Run run(std::move(setup.workflow), builtinNodeRegistry(), setup.options);
    if (const Diagnostics problems = run.problems(); hasErrors(problems)) {
        for (const Diagnostic &d : problems)
            printErr(d.format(displayName(setup.file)) + u'\n');
        return ExitInvalid;
    }

    std::unique_ptr<QFile> eventsFile;
    if (!setup.eventsPath.isEmpty()) {
        eventsFile = std::make_unique<QFile>(setup.eventsPath);
        if (!eventsFile->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            printError(
                QStringLiteral("run: cannot write %1: %2").arg(setup.eventsPath, eventsFile->errorString()));
            return ExitInvalid;
        }
    }
    Reporter reporter(!setup.json && ::isatty(STDOUT_FILENO), setup.verbose);
    // One write per batch of events, not per event: a run that logs a lot stays cheap to report.
    const auto report = [&](const RunEvents &events) {
        QByteArray lines;
        if (setup.json || eventsFile) {
            for (const RunEvent &e : events)
                lines += e.toJsonLine() + '\n';
        }
        if (setup.json)
            writeOut(lines);
        if (eventsFile) {
            eventsFile->write(lines);
            eventsFile->flush();
        }
        if (!setup.json) {
            for (const RunEvent &e : events)
                reporter.add(e);
        }
    };
    std::unique_ptr<Recording> recording;
    if (setup.history.record)
        recording = std::make_unique<Recording>(setup.history.dbPath(), runRecordFor(run, setup), report);
    QObject::connect(&run, &Run::eventsReady, &run, [&](const RunEvents &events) {
        if (recording)
            recording->add(events);
        else
            report(events);
    });

    // SIGINT / SIGTERM cancel the run cleanly (processes killed by their nodes, workers done).
    int signal = 0;
    SignalPipe signalPipe;
    QObject::connect(&signalPipe, &SignalPipe::received, &run, [&](int received) {
        if (signal != 0) {
            printErr(QStringLiteral("flowrun: second interrupt, exiting without waiting\n"));
            ::_exit(ExitInterrupted);
        }
        signal = received;
        printErr(QStringLiteral("flowrun: interrupted, cancelling (press Ctrl-C again to exit at once)\n"));
        run.cancel();
    });

    QEventLoop loop;
    QObject::connect(&run, &Run::finished, &loop, &QEventLoop::quit);
    run.start();
    if (!run.isFinished())
        loop.exec();
    if (recording)
        recording->finish();

    if (!setup.json) {
        reporter.summary();
        printOutputs(reporter.outputs(), run.workflow());
    }
    if (run.status() == RunStatus::Cancelled && signal != 0)
        return signal == SIGINT ? ExitInterrupted : 128 + signal;
    return run.status() == RunStatus::Succeeded ? ExitSucceeded : ExitFailed;
}

} // namespace Flow::Cli

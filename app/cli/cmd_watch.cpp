// flowrun watch: follows (or starts) a run on a `flowrun serve` server from a terminal (docs/cli.md).
#include "cliutil.h"
#include "commands.h"
#include "remoteargs.h"
#include "signalpipe.h"

#include "executor/runoptions.h"
#include "model/workflowio.h"
#include "nodes/registry.h"
#include "remote/remoteclient.h"
#include "runs/runstate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace Flow::Cli {
namespace {

using Remote::RemoteClient;
using Remote::RunSummary;

enum WatchExit { ExitSucceeded = 0, ExitFailed = 1, ExitRefused = 2, ExitInterrupted = 130 };
constexpr int GiveUpAfterAttempts = 12; // about 20 s of trying with the backoff below

struct WatchSetup
{
    QUrl url;
    QString token;
    QString run;
    qint64 after = 0;
    QString startFile;
    QByteArray startText;
    QVariantMap params;
    bool json = false;
};

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms < 10000 ? 2 : 1) + u's';
}

// One line per node state change, like `flowrun run` on a terminal; the summary at the end.
class WatchReporter
{
public:
    void add(const RunEvents &events)
    {
        for (const RunEvent &e : events) {
            m_state.apply(e);
            if (!m_start)
                m_start = e.time;
            if (e.node.isEmpty())
                continue;
            const QString what = m_quiet ? QString() : describe(e);
            if (!what.isEmpty())
                printOut(QStringLiteral("[%1] %2 %3\n")
                             .arg(seconds(e.time - m_start), 8)
                             .arg(e.node.leftJustified(16), what));
        }
    }
    void summary() const
    {
        QStringList parts;
        for (int s = int(NodeState::Succeeded); s < NodeStateCount; ++s) {
            if (const int n = m_state.count(NodeState(s)))
                parts.append(QStringLiteral("%1 %2").arg(n).arg(nodeStateName(NodeState(s))));
        }
        QString text = QStringLiteral("run %1").arg(runPhaseName(m_state.phase()));
        if (m_state.finishedAt())
            text += QStringLiteral(" in %1").arg(seconds(m_state.finishedAt() - m_state.startedAt()));
        if (!parts.isEmpty())
            text += QStringLiteral(": ") + parts.join(QStringLiteral(", "));
        if (!m_state.error().isEmpty() && m_state.phase() != RunPhase::Succeeded)
            text += QStringLiteral("\n  ") + m_state.error();
        printOut(text + u'\n');
    }
    const RunState &state() const { return m_state; }
    // With --json only the state is kept: stdout is the NDJSON stream alone.
    void setQuiet(bool quiet) { m_quiet = quiet; }

private:
    static QString describe(const RunEvent &e)
    {
        switch (e.kind) {
        case EventKind::NodeStarted:
            return e.attempt > 1 ? QStringLiteral("started (attempt %1)").arg(e.attempt)
                                 : QStringLiteral("started");
        case EventKind::NodeRetrying:
            return QStringLiteral("attempt %1 failed: %2; retrying")
                .arg(e.attempt)
                .arg(e.data.value("error").toString());
        case EventKind::NodeSucceeded:
            return QStringLiteral("succeeded in %1").arg(seconds(e.data.value("duration").toLongLong()));
        case EventKind::NodeFailed:
            return QStringLiteral("failed: %1").arg(e.data.value("error").toString());
        case EventKind::NodeSkipped:
            return QStringLiteral("skipped: %1").arg(e.data.value("reason").toString());
        case EventKind::NodeCached:
            return QStringLiteral("cached");
        case EventKind::NodeCancelled:
            return QStringLiteral("cancelled");
        default:
            return {};
        }
    }

    RunState m_state;
    qint64 m_start = 0;
    bool m_quiet = false;
};

void printRuns(const QList<RunSummary> &runs, bool json)
{
    for (const RunSummary &s : runs) {
        if (json) {
            QJsonObject o{{"run", s.run},
                          {"workflow", s.workflow},
                          {"status", s.status},
                          {"started", s.startedAt},
                          {"last_seq", s.lastSeq}};
            if (s.finishedAt)
                o.insert("finished", s.finishedAt);
            writeOut(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
            continue;
        }
        printOut(QStringLiteral("%1  %2  %3  %4 events  %5\n")
                     .arg(s.run, s.status.leftJustified(11),
                          QDateTime::fromMSecsSinceEpoch(s.startedAt).toString(Qt::ISODate))
                     .arg(s.lastSeq, 7)
                     .arg(s.workflow));
    }
    if (runs.isEmpty() && !json)
        printOut(QStringLiteral("no runs\n"));
}

std::optional<int> prepare(const QStringList &args, WatchSetup &setup)
{
    CommandParser cmd(
        QStringLiteral("watch"), QStringLiteral("watch [options] URL [RUN]"),
        QStringLiteral("Follows a run on a `flowrun serve` server: with RUN from its first event "
                       "(or --after SEQ), with --start FILE a run of FILE started on the "
                       "server; with neither it lists the server's runs.\n"
                       "Reconnects by itself and resumes after the last event it has.\n"
                       "Exit status: 0 succeeded, 1 failed or lost, 2 usage, refused or "
                       "invalid workflow, 130 interrupted."));
    const QCommandLineOption tokenFile
        = RemoteArgs::tokenFileOption(QStringLiteral("Send the token in FILE (default $FLOWSTUDIO_TOKEN)."));
    const QCommandLineOption start(QStringLiteral("start"),
                                   QStringLiteral("Start FILE on the server and follow it."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption param({QStringLiteral("p"), QStringLiteral("param")},
                                   QStringLiteral("Set a param of --start's workflow (repeatable)."),
                                   QStringLiteral("name=value"));
    const QCommandLineOption after(QStringLiteral("after"),
                                   QStringLiteral("Follow RUN from after event SEQ."), QStringLiteral("SEQ"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the events (or the runs) as NDJSON on stdout."));
    for (const QCommandLineOption &o : {tokenFile, start, param, after, json})
        cmd.parser().addOption(o);
    if (auto exit = cmd.parse(args, false))
        return *exit;
    const auto p = cmd.parser();
    const QStringList pos = cmd.files();
    if (pos.isEmpty() || pos.size() > 2 || (pos.size() == 2 && p.isSet(start))) {
        printError(QStringLiteral("watch: give a server URL, and a RUN or --start FILE"));
        return ExitUsage;
    }
    setup.url = QUrl(pos.first());
    if (!setup.url.isValid() || (setup.url.scheme() != u"ws" && setup.url.scheme() != u"wss")) {
        printError(QStringLiteral("watch: '%1' is not a ws:// or wss:// URL").arg(pos.first()));
        return ExitUsage;
    }
    setup.run = pos.value(1);
    setup.json = p.isSet(json);
    if (auto exit = RemoteArgs::number(p, after, qint64(0), setup.after, QStringLiteral("watch")))
        return exit;
    if (p.isSet(after) && setup.run.isEmpty()) {
        printError(QStringLiteral("watch: --after needs a RUN"));
        return ExitUsage;
    }
    const std::optional<QString> token = RemoteArgs::token(p, tokenFile, QStringLiteral("watch"));
    if (!token)
        return ExitUsage;
    setup.token = *token;
    if (p.isSet(start)) {
        setup.startFile = p.value(start);
        const std::optional<QByteArray> text = readInput(setup.startFile);
        if (!text)
            return ExitUsage;
        setup.startText = *text;
        // The params' types come from the file; the server validates the rest.
        const LoadResult loaded = loadAndValidate(*text, builtinCatalog());
        QString error;
        const QList<ParamSpec> specs = loaded.workflow ? loaded.workflow->params : QList<ParamSpec>();
        const std::optional<QVariantMap> params = paramsFromTexts(specs, p.values(param), &error);
        if (!params) {
            printErr(QStringLiteral("%1: error: %2\n").arg(displayName(setup.startFile), error));
            return ExitUsage;
        }
        setup.params = *params;
    } else if (p.isSet(param)) {
        printError(QStringLiteral("watch: -p goes with --start"));
        return ExitUsage;
    }
    return std::nullopt;
}

} // namespace

int watchCommand(const QStringList &args)
{
    WatchSetup setup;
    if (std::optional<int> exit = prepare(args, setup))
        return *exit;

    RemoteClient client;
    RemoteClient::Options options;
    options.clientName = QStringLiteral("flowrun watch");
    options.backoffMaxMs = 2000;
    client.setOptions(options);
    client.setUrl(setup.url);
    client.setToken(setup.token);

    WatchReporter reporter;
    reporter.setQuiet(setup.json);
    QString following = setup.run;
    bool everSubscribed = false;
    bool interrupted = false;
    int failedAttempts = 0;
    int exitCode = -1;
    auto finish = [&](int code) {
        if (exitCode < 0) {
            exitCode = code;
            QCoreApplication::exit(0);
        }
    };

    QObject::connect(&client, &RemoteClient::welcomed, &client, [&] {
        failedAttempts = 0;
        if (!following.isEmpty() || client.reconnects() > 0)
            return; // the client resubscribes by itself
        if (!setup.startFile.isEmpty())
            client.start(QString::fromUtf8(setup.startText), setup.params);
        else
            client.listRuns();
    });
    QObject::connect(&client, &RemoteClient::runsListed, &client, [&](const QList<RunSummary> &runs) {
        printRuns(runs, setup.json);
        finish(ExitOk);
    });
    QObject::connect(&client, &RemoteClient::started, &client, [&](int, const QString &run) {
        following = run;
        printErr(QStringLiteral("flowrun watch: started run %1\n").arg(run));
        client.subscribe(run, 0);
    });
    QObject::connect(&client, &RemoteClient::subscribed, &client, [&] { everSubscribed = true; });
    QObject::connect(&client, &RemoteClient::events, &client, [&](const QString &, const RunEvents &events) {
        if (setup.json) {
            QByteArray lines;
            for (const RunEvent &e : events)
                lines += e.toJsonLine() + '\n';
            writeOut(lines);
        }
        reporter.add(events);
        if (reporter.state().isFinished()) {
            if (!setup.json)
                reporter.summary();
            const RunPhase phase = reporter.state().phase();
            finish(phase == RunPhase::Succeeded ? ExitSucceeded : interrupted ? ExitInterrupted : ExitFailed);
        }
    });
    QObject::connect(
        &client, &RemoteClient::subscriptionFailed, &client,
        [&](const QString &run, const QString &, const QString &message) {
            printError(everSubscribed
                           ? QStringLiteral("watch: the server no longer has run %1 (%2)").arg(run, message)
                           : QStringLiteral("watch: %1").arg(message));
            finish(everSubscribed ? ExitFailed : ExitRefused);
        });
    QObject::connect(
        &client, &RemoteClient::errorReceived, &client, [&](int, const Remote::ServerMessage &error) {
            if (error.code == QLatin1String(Remote::Code::InvalidWorkflow)) {
                for (const Remote::WireDiagnostic &d : error.diagnostics)
                    printErr(QStringLiteral("%1:%2:%3: error: %4\n")
                                 .arg(displayName(setup.startFile))
                                 .arg(d.line)
                                 .arg(d.column)
                                 .arg(d.message));
                finish(ExitRefused);
            } else if (error.code == QLatin1String(Remote::Code::Unauthorized)
                       || error.code == QLatin1String(Remote::Code::TooManyRuns)) {
                printError(QStringLiteral("watch: refused: %1").arg(error.message));
                finish(ExitRefused);
            } else if (error.run.isEmpty() || error.code != QLatin1String(Remote::Code::UnknownRun)) {
                printError(QStringLiteral("watch: the server says: %1").arg(error.message));
            }
        });
    QObject::connect(&client, &RemoteClient::stateChanged, &client, [&](RemoteClient::State state) {
        if (state == RemoteClient::State::Disconnected && exitCode < 0) {
            if (++failedAttempts > GiveUpAfterAttempts) {
                printError(QStringLiteral("watch: cannot reach %1: %2")
                               .arg(setup.url.toString(), client.lastError()));
                finish(everSubscribed ? ExitFailed : ExitRefused);
            } else if (failedAttempts == 1 && everSubscribed) {
                printErr(QStringLiteral("flowrun watch: connection lost (%1); reconnecting\n")
                             .arg(client.lastError()));
            }
        }
    });

    SignalPipe signalPipe;
    QObject::connect(&signalPipe, &SignalPipe::received, &client, [&](int) {
        if (interrupted || setup.startFile.isEmpty() || following.isEmpty() || !client.isConnected()) {
            finish(ExitInterrupted);
            return;
        }
        // A run this command started is cancelled, like `flowrun run` on Ctrl-C.
        interrupted = true;
        printErr(QStringLiteral("flowrun watch: interrupted, cancelling run %1 (Ctrl-C again to leave)\n")
                     .arg(following));
        client.cancel(following);
    });

    if (!following.isEmpty())
        client.subscribe(following, setup.after);
    client.open();
    QCoreApplication::exec();
    client.close();
    return exitCode < 0 ? ExitFailed : exitCode;
}

} // namespace Flow::Cli

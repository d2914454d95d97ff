// flowrun history | show | prune: reading and trimming the run history (docs/history.md).
#include "cliutil.h"
#include "commands.h"

#include "history/runstore.h"
#include "history/storedb.h"
#include "model/duration.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Flow::Cli {
namespace {

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QStringLiteral("The run history file (default: Flowstudio/history.db in the user's "
                                             "data directory, or $FLOWSTUDIO_HISTORY_DB)."),
                              QStringLiteral("FILE"));
}

QString dbPath(const CommandOptions &parser)
{
    const QString db = parser.value(QStringLiteral("db"));
    return db.isEmpty() ? RunStore::defaultPath() : db;
}

// Opens the history and marks runs of dead processes interrupted (what every start does). A
// missing file is not an error for reading commands: there is just nothing recorded yet.
enum class Opened { Ok, Missing, Failed };
Opened openHistory(StoreDb &db, const CommandOptions &parser, const QString &command)
{
    const QString path = dbPath(parser);
    if (!QFileInfo::exists(path))
        return Opened::Missing;
    if (!db.open(path, StoreDb::OpenMode::ExistingOnly)) {
        printError(QStringLiteral("%1: %2").arg(command, db.errorString()));
        return Opened::Failed;
    }
    db.markInterrupted();
    return Opened::Ok;
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString durationText(qint64 ms)
{
    if (ms < 60000)
        return QString::number(double(ms) / 1000.0, 'f', 1) + u's';
    if (ms < 3600000)
        return QStringLiteral("%1m%2s").arg(ms / 60000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(ms / 3600000).arg((ms / 60000) % 60, 2, 10, QLatin1Char('0'));
}

QString nodesText(const RunRecord &r)
{
    QString text = QStringLiteral("%1/%2").arg(r.succeeded + r.cached).arg(r.nodes);
    QStringList bad;
    if (r.failed)
        bad.append(QStringLiteral("%1 failed").arg(r.failed));
    if (r.skipped)
        bad.append(QStringLiteral("%1 skipped").arg(r.skipped));
    if (r.cancelled)
        bad.append(QStringLiteral("%1 cancelled").arg(r.cancelled));
    if (!bad.isEmpty())
        text += QStringLiteral(" (") + bad.join(QStringLiteral(", ")) + u')';
    return text;
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    writeOut(doc.toJson(QJsonDocument::Indented));
}

} // namespace

int historyCommand(const QStringList &args)
{
    CommandParser cmd(QStringLiteral("history"), QStringLiteral("history [options] [FILE]"),
                      QStringLiteral("Lists recorded runs, newest first: id, status, start, duration, nodes done "
                                     "and the workflow file. With FILE only the runs of that workflow.\n"
                                     "Runs whose process died are listed as interrupted."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array of runs."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N runs (default 20; 0: all)."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("Only runs with status S: %1.")
                                        .arg(RunRecord::statuses().join(QStringLiteral(", "))),
                                    QStringLiteral("S"));
    for (const QCommandLineOption &o : {json, limit, status, dbOption()})
        cmd.parser().addOption(o);
    cmd.addFilesArgument(QStringLiteral("Only runs of this workflow file."));
    if (auto exit = cmd.parse(args, false))
        return *exit;
    RunFilter filter;
    bool ok = false;
    filter.limit = cmd.parser().value(limit).toInt(&ok);
    if (!ok || filter.limit < 0) {
        printError(QStringLiteral("history: --limit needs a number of at least 0"));
        return ExitUsage;
    }
    filter.status = cmd.parser().value(status);
    if (!filter.status.isEmpty() && !RunRecord::statuses().contains(filter.status)) {
        printError(QStringLiteral("history: --status must be one of %1")
                       .arg(RunRecord::statuses().join(QStringLiteral(", "))));
        return ExitUsage;
    }
    if (cmd.files().size() > 1) {
        printError(QStringLiteral("history: give at most one workflow file"));
        return ExitUsage;
    }
    if (!cmd.files().isEmpty())
        filter.file = QFileInfo(cmd.files().first()).absoluteFilePath();

    StoreDb db;
    const Opened opened = openHistory(db, cmd.parser(), QStringLiteral("history"));
    if (opened == Opened::Failed)
        return ExitProblems;
    const QList<RunRecord> runs = opened == Opened::Ok ? db.runs(filter) : QList<RunRecord>();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (cmd.parser().isSet(json)) {
        QJsonArray array;
        for (const RunRecord &r : runs)
            array.append(r.toJson(now));
        printJson(array);
        return ExitOk;
    }
    if (runs.isEmpty()) {
        printErr(QStringLiteral("no runs recorded%1\n")
                     .arg(filter.status.isEmpty() && filter.file.isEmpty() ? QString()
                                                                           : QStringLiteral(" that match")));
        return ExitOk;
    }
    printOut(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                 .arg(QStringLiteral("RUN").leftJustified(8), QStringLiteral("STATUS").leftJustified(11),
                      QStringLiteral("STARTED").leftJustified(19), QStringLiteral("DURATION").rightJustified(8),
                      QStringLiteral("NODES").leftJustified(14), QStringLiteral("WORKFLOW")));
    for (const RunRecord &r : runs) {
        const QString where = r.file.isEmpty() ? QStringLiteral("%1 (stdin)").arg(r.name) : r.file;
        printOut(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                     .arg(r.id.left(8), r.status.leftJustified(11), localTime(r.started),
                          durationText(r.duration(now)).rightJustified(8), nodesText(r).leftJustified(14), where));
    }
    return ExitOk;
}

int showCommand(const QStringList &args)
{
    CommandParser cmd(QStringLiteral("show"), QStringLiteral("show [options] RUN"),
                      QStringLiteral("Shows one recorded run: its status, params and every node's end.\n"
                                     "RUN is a run id, a unique prefix of one, or 'last'.\n"
                                     "--events prints the run's events as the NDJSON stream 'run --json' "
                                     "printed live."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the run and its nodes as JSON."));
    const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("Print the run's events (NDJSON)."));
    const QCommandLineOption workflow(QStringLiteral("workflow"),
                                      QStringLiteral("Print the workflow (YAML) exactly as the run ran it."));
    for (const QCommandLineOption &o : {json, events, workflow, dbOption()})
        cmd.parser().addOption(o);
    cmd.parser().addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("The run."));
    if (auto exit = cmd.parse(args, false))
        return *exit;
    if (cmd.files().size() != 1) {
        printError(QStringLiteral("show: give exactly one run"));
        return ExitUsage;
    }
    StoreDb db;
    const Opened opened = openHistory(db, cmd.parser(), QStringLiteral("show"));
    if (opened == Opened::Missing)
        printError(QStringLiteral("show: no runs recorded yet (%1 does not exist)").arg(dbPath(cmd.parser())));
    if (opened != Opened::Ok)
        return ExitProblems;
    const std::optional<RunRecord> run = db.run(cmd.files().first());
    if (!run) {
        printError(QStringLiteral("show: %1").arg(db.errorString()));
        return ExitProblems;
    }
    if (cmd.parser().isSet(workflow)) {
        writeOut(run->workflowText.toUtf8());
        return ExitOk;
    }
    if (cmd.parser().isSet(events)) {
        // In pages, so that a million events never sit in memory at once.
        constexpr int Page = 20000;
        qint64 after = 0;
        for (;;) {
            const RunEvents page = db.events(run->id, after, Page);
            QByteArray lines;
            for (const RunEvent &e : page)
                lines += e.toJsonLine() + '\n';
            writeOut(lines);
            if (page.size() < Page)
                break;
            after = page.constLast().seq;
        }
        return ExitOk;
    }
    const QList<NodeResult> nodes = db.nodeResults(run->id);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (cmd.parser().isSet(json)) {
        QJsonObject o = run->toJson(now);
        QJsonArray array;
        for (const NodeResult &n : nodes) {
            QJsonObject node{{QStringLiteral("node"), n.node},
                             {QStringLiteral("state"), n.state},
                             {QStringLiteral("attempt"), n.attempt},
                             {QStringLiteral("duration"), n.duration}};
            if (!n.error.isEmpty())
                node.insert(QStringLiteral("error"), n.error);
            if (n.outputs)
                node.insert(QStringLiteral("outputs"), QJsonObject::fromVariantMap(*n.outputs));
            else if (n.outputsSize > 0)
                node.insert(QStringLiteral("outputs_truncated"), n.outputsSize);
            if (!n.fromRun.isEmpty())
                node.insert(QStringLiteral("from_run"), n.fromRun);
            array.append(node);
        }
        o.insert(QStringLiteral("node_results"), array);
        printJson(o);
        return ExitOk;
    }
    QString text = QStringLiteral("run       %1\nworkflow  %2\nfile      %3\nstatus    %4\n")
                       .arg(run->id, run->name, run->file.isEmpty() ? QStringLiteral("(stdin)") : run->file,
                            run->status);
    if (!run->error.isEmpty())
        text += QStringLiteral("error     %1\n").arg(run->error);
    text += QStringLiteral("started   %1\nduration  %2\nnodes     %3\nevents    %4\n")
                .arg(localTime(run->started), durationText(run->duration(now)), nodesText(*run))
                .arg(run->events);
    if (!run->continues.isEmpty())
        text += QStringLiteral("continues %1 (%2)\n").arg(run->continues, run->mode);
    for (auto it = run->params.cbegin(); it != run->params.cend(); ++it)
        text += QStringLiteral("param     %1 = %2\n").arg(it.key(), it.value().toString());
    for (const NodeResult &n : nodes) {
        QString line = QStringLiteral("  %1 %2 %3").arg(n.node.leftJustified(20), n.state.leftJustified(10),
                                                         durationText(n.duration).rightJustified(7));
        if (!n.fromRun.isEmpty())
            line += QStringLiteral("  from run %1").arg(n.fromRun.left(8));
        if (!n.error.isEmpty())
            line += QStringLiteral("  ") + n.error;
        text += line + u'\n';
    }
    printOut(text);
    return ExitOk;
}

int pruneCommand(const QStringList &args)
{
    CommandParser cmd(QStringLiteral("prune"), QStringLiteral("prune --keep N | --older-than AGE"),
                      QStringLiteral("Deletes finished runs from the history: all but the newest N, and/or those "
                                     "that ended more than AGE ago (30d, 12h, 90m). Running runs are kept."));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keep the newest N runs."),
                                  QStringLiteral("N"));
    const QCommandLineOption older(QStringLiteral("older-than"), QStringLiteral("Delete runs that ended before AGE ago."),
                                   QStringLiteral("AGE"));
    for (const QCommandLineOption &o : {keep, older, dbOption()})
        cmd.parser().addOption(o);
    if (auto exit = cmd.parse(args, false))
        return *exit;
    std::optional<int> keepN;
    std::optional<qint64> before;
    if (cmd.parser().isSet(keep)) {
        bool ok = false;
        keepN = cmd.parser().value(keep).toInt(&ok);
        if (!ok || *keepN < 0) {
            printError(QStringLiteral("prune: --keep needs a number of at least 0"));
            return ExitUsage;
        }
    }
    if (cmd.parser().isSet(older)) {
        QString age = cmd.parser().value(older).trimmed();
        qint64 ms = -1;
        if (age.endsWith(u'd')) {
            bool ok = false;
            const qint64 days = QStringView(age).chopped(1).toLongLong(&ok);
            ms = ok && days >= 0 ? days * 24 * 3600 * 1000 : -1;
        } else if (const std::optional<Millis> d = parseDuration(age)) {
            ms = d->count();
        }
        if (ms < 0) {
            printError(QStringLiteral("prune: --older-than needs an age such as 30d, 12h or 90m"));
            return ExitUsage;
        }
        before = QDateTime::currentMSecsSinceEpoch() - ms;
    }
    if (!keepN && !before) {
        printError(QStringLiteral("prune: give --keep N and/or --older-than AGE"));
        return ExitUsage;
    }
    StoreDb db;
    const Opened opened = openHistory(db, cmd.parser(), QStringLiteral("prune"));
    if (opened == Opened::Failed)
        return ExitProblems;
    const int removed = opened == Opened::Ok ? db.prune(keepN, before) : 0;
    if (opened == Opened::Ok && !db.errorString().isEmpty()) {
        printError(QStringLiteral("prune: %1").arg(db.errorString()));
        return ExitProblems;
    }
    printOut(QStringLiteral("pruned %1 run%2\n").arg(removed).arg(removed == 1 ? "" : "s"));
    return ExitOk;
}

} // namespace Flow::Cli

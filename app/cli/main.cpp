// flowrun: Flowstudio's headless command line. Dispatches to one function per sub-command (commands.h).
#include "cliutil.h"
#include "commands.h"

#include <QCoreApplication>

#include <functional>

namespace Flow::Cli {
namespace {

struct Command
{
    QString name;
    QString synopsis; // as shown in the command list
    QString summary;
    std::function<int(const QStringList &)> run;
};

int serveCommand(const QStringList &args)
{
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        printOut(QStringLiteral("Usage: flowrun serve\n\nRuns workflows for remote clients over WebSocket. "
                                "Coming: not implemented in this version.\n"));
        return ExitOk;
    }
    printError(QStringLiteral("serve: not implemented in this version"));
    return ExitUsage;
}

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {"validate", "validate FILE...",
         "Check workflow files; print each problem as FILE:LINE:COL: error: MESSAGE.\n"
         "Never modifies a file.",
         validateCommand},
        {"fmt", "fmt [--check] FILE...",
         "Rewrite workflow files in canonical form (key order, indentation, quoting).\n"
         "Drops comments. Refuses files with errors. --check changes nothing.",
         fmtCommand},
        {"nodes", "nodes [--json] [TYPE...]", "List the node types with their ports and config fields.",
         nodesCommand},
        {"run", "run FILE", "Run a workflow and print its progress (recorded in the run history).", runCommand},
        {"history", "history [--json] [FILE]", "List recorded runs, newest first.", historyCommand},
        {"show", "show RUN [--json|--events]", "Show one recorded run, or its events as NDJSON.", showCommand},
        {"prune", "prune --keep N|--older-than AGE", "Delete old runs from the history.", pruneCommand},
        {"serve", "serve", "Run workflows for remote clients (coming: not in this version).", serveCommand},
    };
    return table;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QString usage()
{
    QString text = QStringLiteral("Usage: flowrun COMMAND [options] [FILE...]\n\n"
                                  "Check, format, list and run Flowstudio workflow files (YAML).\n\n"
                                  "Commands:\n");
    for (const Command &c : commands()) {
        const QStringList lines = c.summary.split(QLatin1Char('\n'));
        text += QStringLiteral("  %1%2\n").arg(c.synopsis.leftJustified(26), lines.first());
        for (qsizetype i = 1; i < lines.size(); ++i)
            text += QString(28, QLatin1Char(' ')) + lines.at(i) + QLatin1Char('\n');
    }
    text += QStringLiteral("  %1%2\n")
                .arg(QStringLiteral("help [COMMAND]").leftJustified(26),
                     QStringLiteral("Show the options of a command."));
    text += QStringLiteral("\nOptions:\n"
                           "  -h, --help                Show this help.\n"
                           "  -v, --version             Show the version.\n"
                           "\nA FILE of '-' means standard input (fmt - writes to standard output).\n"
                           "Exit status: 0 success, 1 problems found (errors in a file, a failed run),\n"
                           "2 usage error (unknown command or option; for run also an invalid workflow),\n"
                           "130 run interrupted.\n");
    return text;
}

int helpCommand(const QStringList &args)
{
    if (args.isEmpty()) {
        printOut(usage());
        return ExitOk;
    }
    const Command *command = findCommand(args.first());
    if (!command) {
        printError(QStringLiteral("help: unknown command '%1'").arg(args.first()));
        printErr(usage());
        return ExitUsage;
    }
    return command->run({QStringLiteral("--help")});
}

int dispatch(const QStringList &arguments)
{
    if (arguments.size() < 2) {
        printErr(usage());
        return ExitUsage;
    }
    const QString first = arguments.at(1);
    const QStringList rest = arguments.mid(2);
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == QLatin1String("help"))
        return helpCommand(rest);
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        printOut(QStringLiteral("flowrun %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    if (const Command *command = findCommand(first))
        return command->run(rest);
    printError(QStringLiteral("unknown command '%1'").arg(first));
    printErr(usage());
    return ExitUsage;
}

} // namespace
} // namespace Flow::Cli

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowrun"));
    QCoreApplication::setOrganizationName(QStringLiteral("Flowstudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOW_VERSION));
    return Flow::Cli::dispatch(QCoreApplication::arguments());
}

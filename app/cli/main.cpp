// flowrun: Flowstudio's headless command line. Dispatches to one function per sub-command (commands.h).
#include "cliutil.h"
#include "commands.h"

#include <QCoreApplication>
#include <QJsonDocument>

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
        {"import", "import FILE.json [-o OUT]",
         "Convert a FlowEngine workflow (JSON) to YAML; report what was not converted.", importCommand},
        {"serve", "serve [--listen HOST:PORT]", "Run workflows for remote clients over WebSocket.", serveCommand},
        {"watch", "watch URL [RUN]", "Follow, start or list runs on a server.", watchCommand},
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

const char Intro[] = "Check, format, list and run Flowstudio workflow files (YAML).";
const char StdinNote[] = "A FILE of '-' means standard input (fmt - writes to standard output).";
const char ExitStatus[] = "0 success, 1 problems found (errors in a file, a failed run),\n"
                          "2 usage error (unknown command or option; for run also an invalid workflow),\n"
                          "130 run interrupted.";
const char HelpSynopsis[] = "help [--json] [COMMAND]";
const char HelpSummary[] = "Show the options of a command.";

QString usage()
{
    QString text = QStringLiteral("Usage: flowrun COMMAND [options] [FILE...]\n\n%1\n\nCommands:\n")
                       .arg(QLatin1String(Intro));
    const auto addCommand = [&text](const QString &synopsis, const QString &summary) {
        const QStringList lines = summary.split(QLatin1Char('\n'));
        text += QStringLiteral("  %1%2\n").arg(synopsis.leftJustified(26), lines.first());
        for (qsizetype i = 1; i < lines.size(); ++i)
            text += QString(28, QLatin1Char(' ')) + lines.at(i) + QLatin1Char('\n');
    };
    for (const Command &c : commands())
        addCommand(c.synopsis, c.summary);
    addCommand(QLatin1String(HelpSynopsis), QLatin1String(HelpSummary));
    text += QStringLiteral("\nOptions:\n"
                           "  -h, --help                Show this help.\n"
                           "  -v, --version             Show the version.\n"
                           "\n%1\nExit status: %2\n")
                .arg(QLatin1String(StdinNote), QLatin1String(ExitStatus));
    return text;
}

CliDoc::Command helpDescription()
{
    CliDoc::Command help;
    help.name = QStringLiteral("help");
    help.synopsis = QLatin1String(HelpSynopsis);
    help.summary = QLatin1String(HelpSummary);
    help.description
        = QStringLiteral("Shows the list of commands, or the options of COMMAND (as COMMAND --help).\n"
                         "With --json, prints this whole command line as JSON instead: commands, "
                         "options, arguments and what their values are (see docs/cli.md).");
    help.options.append({{QStringLiteral("json")},
                         {},
                         QStringLiteral("Print the description of every command as JSON."),
                         {},
                         CliDoc::ValueKind::None});
    help.arguments.append(CliDoc::describeArgument(
        QStringLiteral("COMMAND"), QStringLiteral("A command name."), QStringLiteral("[COMMAND]")));
    return help;
}

// The whole command line as data: every command describes itself through its CommandParser.
CliDoc::Program describeProgram()
{
    CliDoc::Program program;
    program.name = QStringLiteral("flowrun");
    program.version = QCoreApplication::applicationVersion();
    program.summary = QStringLiteral("check, format, list and run Flowstudio workflow files");
    program.main.synopsis = QStringLiteral("COMMAND [options] [FILE...]");
    program.main.description = QLatin1String(Intro) + QLatin1String("\n\n") + QLatin1String(StdinNote);
    program.main.options = {
        {{QStringLiteral("h"), QStringLiteral("help")}, {}, QStringLiteral("Show this help."), {}, {}},
        {{QStringLiteral("v"), QStringLiteral("version")}, {}, QStringLiteral("Show the version."), {}, {}},
    };
    for (const Command &c : commands()) {
        setDescribing(true);
        c.run({});
        CliDoc::Command doc = takeDescription().value_or(CliDoc::Command{});
        setDescribing(false);
        doc.name = c.name;
        doc.summary = c.summary;
        if (doc.synopsis.isEmpty())
            doc.synopsis = c.synopsis;
        program.commands.append(doc);
    }
    program.commands.append(helpDescription());
    program.sections.append({QStringLiteral("Exit status"), QLatin1String(ExitStatus)});
    program.seeAlso = {QStringLiteral("flowstudio(1)")};
    return program;
}

int helpCommand(const QStringList &args)
{
    if (args.contains(QLatin1String("--json"))) {
        writeOut(QJsonDocument(CliDoc::toJson(describeProgram())).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
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

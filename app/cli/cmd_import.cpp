// flowrun import: a FlowEngine workflow (JSON) as a Flowstudio workflow (YAML), with a report of what
// was converted and what was not (DESIGN.md §6a).
#include "cliutil.h"
#include "commands.h"

#include "importers/flowengine.h"
#include "model/workflowio.h"

#include <QSaveFile>

namespace Flow::Cli {

int importCommand(const QStringList &args)
{
    CommandParser cmd(
        QStringLiteral("import"), QStringLiteral("import [options] FILE.json"),
        QStringLiteral("Converts a FlowEngine workflow (JSON) to a Flowstudio workflow (YAML), "
                       "written to standard output or to -o FILE.\n"
                       "Reports on stderr what was converted and what was not; node types that "
                       "do not map are kept as 'flowengine.TYPE' nodes that validate names.\n"
                       "Exit status: 0 everything converted, 1 something was not converted (the "
                       "YAML is still written), 2 a file that cannot be read or is not a "
                       "FlowEngine workflow, or a usage error."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the YAML to FILE instead of standard output."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Report only what was not converted."));
    cmd.parser().addOption(output);
    cmd.parser().addOption(quiet);
    cmd.addFilesArgument(QStringLiteral("The FlowEngine workflow; '-' reads standard input."));
    if (auto exit = cmd.parse(args, true))
        return *exit;
    if (cmd.files().size() != 1) {
        printError(QStringLiteral("import: give exactly one FlowEngine file"));
        return ExitUsage;
    }
    const QString path = cmd.files().first();
    const std::optional<QByteArray> text = readInput(path);
    if (!text)
        return ExitUsage;
    const ImportResult result = importFlowEngine(*text);
    if (!result.workflow) {
        printErr(QStringLiteral("%1:%2: error: %3\n")
                     .arg(displayName(path), result.error.section(u':', 0, 1),
                          result.error.section(u':', 2).trimmed()));
        return ExitUsage;
    }
    const QByteArray yaml = writeWorkflow(*result.workflow);
    const QString target = cmd.parser().value(output);
    if (target.isEmpty() || target == u"-") {
        writeOut(yaml);
    } else {
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size() || !file.commit()) {
            printErr(QStringLiteral("%1: error: cannot write: %2\n").arg(target, file.errorString()));
            return ExitUsage;
        }
    }
    const bool onlyProblems = cmd.parser().isSet(quiet);
    for (const QString &line : importReportLines(result)) {
        if (!onlyProblems || line.startsWith(QLatin1String("NOT")))
            printErr(QStringLiteral("%1: %2\n").arg(displayName(path), line));
    }
    return result.hasUnconverted() ? ExitProblems : ExitOk;
}

} // namespace Flow::Cli

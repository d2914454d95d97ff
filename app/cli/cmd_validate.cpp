// flowrun validate: reports every problem of each file in the compiler format editors jump to.
#include "nodes/registry.h"
#include "cliutil.h"
#include "commands.h"

#include "model/workflowio.h"

#include <algorithm>

namespace Flow::Cli {
namespace {

// Problems in file order read best, whatever order the reader and the validator found them in.
Diagnostics sortedByPosition(Diagnostics diagnostics)
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    return diagnostics;
}

} // namespace

int validateCommand(const QStringList &args)
{
    CommandParser cmd(QStringLiteral("validate"), QStringLiteral("validate [options] FILE..."),
                      QStringLiteral("Checks workflow files: YAML syntax, structure, node types, ports, "
                                     "references, cycles and expressions.\nPrints each problem as "
                                     "FILE:LINE:COL: error: MESSAGE on stderr. Never modifies a file.\n"
                                     "Exit status: 0 when every file is valid, 1 when any has an error, "
                                     "2 on usage errors."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Also print \"FILE: ok\" for each valid file."));
    const QCommandLineOption strict(QStringLiteral("strict"), QStringLiteral("Treat warnings as errors."));
    cmd.parser().addOption(verbose);
    cmd.parser().addOption(strict);
    cmd.addFilesArgument(QStringLiteral("Workflow files to check; '-' reads standard input."));
    if (auto exit = cmd.parse(args, true))
        return *exit;

    bool failed = false;
    for (const QString &path : cmd.files()) {
        const std::optional<QByteArray> text = readInput(path);
        if (!text) {
            failed = true;
            continue;
        }
        const LoadResult result = loadAndValidate(*text, builtinCatalog());
        for (const Diagnostic &d : sortedByPosition(result.diagnostics))
            printErr(d.format(displayName(path)) + QLatin1Char('\n'));
        const bool hasWarnings = result.diagnostics.size() > 0;
        if (!result.ok() || (cmd.parser().isSet(strict) && hasWarnings))
            failed = true;
        else if (cmd.parser().isSet(verbose))
            printErr(QStringLiteral("%1: ok\n").arg(displayName(path)));
    }
    return failed ? ExitProblems : ExitOk;
}

} // namespace Flow::Cli

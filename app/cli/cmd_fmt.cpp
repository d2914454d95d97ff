// flowrun fmt: rewrites workflow files in the canonical form writeWorkflow() produces.
#include "nodes/registry.h"
#include "cliutil.h"
#include "commands.h"

#include "model/workflowio.h"

#include <QSaveFile>

namespace Flow::Cli {
namespace {

struct FmtOptions
{
    bool check = false;
    bool verbose = false;
};

// The canonical text of a file, or nothing (after reporting why) when the file must be left alone.
std::optional<QByteArray> canonicalText(const QString &name, const QByteArray &text)
{
    const LoadResult result = loadAndValidate(text, builtinCatalog());
    if (!result.ok()) {
        for (const Diagnostic &d : result.diagnostics) {
            if (d.severity == Diagnostic::Severity::Error)
                printErr(d.format(name) + QLatin1Char('\n'));
        }
        printErr(QStringLiteral("%1: not formatted: fix the errors first\n").arg(name));
        return std::nullopt;
    }
    const QByteArray canonical = writeWorkflow(*result.workflow);
    // A writer bug must never cost a user their file: the output has to read back to the same nodes
    // and be a fixed point of the writer before it replaces anything.
    const LoadResult again = readWorkflow(canonical);
    if (!again.ok() || again.workflow->nodes != result.workflow->nodes
        || writeWorkflow(*again.workflow) != canonical) {
        printErr(QStringLiteral("%1: error: internal error: the canonical form does not read back the same; "
                                "file left unchanged (please report this)\n")
                     .arg(name));
        return std::nullopt;
    }
    return canonical;
}

bool writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        printErr(QStringLiteral("%1: error: cannot write: %2\n").arg(path, file.errorString()));
        return false;
    }
    return true;
}

// Returns false when the file has a problem: errors, not canonical under --check, or not writable.
bool formatOne(const QString &path, const FmtOptions &options)
{
    const QString name = displayName(path);
    const std::optional<QByteArray> text = readInput(path);
    if (!text)
        return false;
    const std::optional<QByteArray> canonical = canonicalText(name, *text);
    if (!canonical)
        return false;
    const bool changed = *canonical != *text;
    if (options.check) {
        if (changed)
            printErr(QStringLiteral("%1: not canonical\n").arg(name));
        else if (options.verbose)
            printErr(QStringLiteral("%1: ok\n").arg(name));
        return !changed;
    }
    if (path == QLatin1String("-")) {
        writeOut(*canonical);
        return true;
    }
    // An unchanged file keeps its timestamp, so build tools and editors see nothing happened.
    if (!changed) {
        if (options.verbose)
            printErr(QStringLiteral("%1: unchanged\n").arg(name));
        return true;
    }
    if (!writeAtomically(path, *canonical))
        return false;
    if (options.verbose)
        printErr(QStringLiteral("%1: formatted\n").arg(name));
    return true;
}

} // namespace

int fmtCommand(const QStringList &args)
{
    CommandParser cmd(QStringLiteral("fmt"), QStringLiteral("fmt [options] FILE..."),
                      QStringLiteral("Rewrites workflow files in canonical form: fixed key order, two-space "
                                     "indentation, nodes in file order, layout last.\nComments are dropped. "
                                     "A file with errors is reported and left unchanged; a file already in "
                                     "canonical form is not touched.\n'-' reads standard input and writes "
                                     "the result to standard output.\nExit status: 0 on success, 1 when a "
                                     "file has errors or (with --check) is not canonical, 2 on usage "
                                     "errors."));
    const QCommandLineOption check(
        QStringLiteral("check"),
        QStringLiteral("Change nothing; name each file that is not in canonical form "
                       "and exit with 1 if there is any."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Say what happened to each file."));
    cmd.parser().addOption(check);
    cmd.parser().addOption(verbose);
    cmd.addFilesArgument(QStringLiteral("Workflow files to format; '-' reads standard input."));
    if (auto exit = cmd.parse(args, true))
        return *exit;

    const FmtOptions options{cmd.parser().isSet(check), cmd.parser().isSet(verbose)};
    bool failed = false;
    for (const QString &path : cmd.files()) {
        if (!formatOne(path, options))
            failed = true;
    }
    return failed ? ExitProblems : ExitOk;
}

} // namespace Flow::Cli

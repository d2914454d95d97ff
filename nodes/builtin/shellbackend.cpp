#include "shellbackend.h"

#include "nodeconfig.h"
#include "outputstream.h"

#include <QFileInfo>

namespace Flow {
namespace {

// The same reading of `command` as the local path in shellexec.cpp (kept there untouched).
ExecCommand commandFrom(const NodeConfig &config)
{
    ExecCommand command;
    const QVariant value = config.value(QStringLiteral("command"));
    if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList) {
        const QStringList argv = config.stringList(QStringLiteral("command"));
        if (argv.isEmpty() || argv.first().isEmpty())
            config.fail(QStringLiteral("command"), QStringLiteral("is an empty list"));
        command.program = argv.first();
        command.arguments = argv.mid(1);
        command.name = argv.first();
        return command;
    }
    command.program = QStringLiteral("/bin/sh");
    command.arguments = {QStringLiteral("-c"), config.requiredString(QStringLiteral("command"))};
    command.name = command.program;
    return command;
}

} // namespace

void runShellOnBackend(ExecBackend &backend, NodeContext &context, const QVariantMap &defaults)
{
    const NodeConfig config(context, defaults);
    const StopWatch stopWatch(context);
    ExecCommand command = commandFrom(config);
    command.workingDirectory = resolvePath(context, config.string(QStringLiteral("cwd")));
    if (!QFileInfo(command.workingDirectory).isDir())
        throw NodeError(
            QStringLiteral("working directory '%1' does not exist").arg(command.workingDirectory));
    const QVariantMap env = config.map(QStringLiteral("env"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        command.env.insert(it.key(), it.value().isNull() ? QVariant() : QVariant(valueToText(it.value())));
    if (const QVariant in = context.input(QStringLiteral("stdin")); in.isValid())
        command.stdinData = valueToText(in).toUtf8();
    command.killGrace = config.duration(QStringLiteral("kill_grace"));
    const bool allowFailure = config.boolean(QStringLiteral("allow_failure"));

    if (stopWatch.shouldStop())
        stopWatch.throwStopped();
    OutputStream out(context, LogStream::Stdout);
    OutputStream err(context, LogStream::Stderr);
    ExecOutcome outcome;
    try {
        outcome = backend.run(command, context, out, err);
    } catch (...) {
        out.finish();
        err.finish();
        throw;
    }
    out.finish();
    err.finish();

    QString failure = outcome.failure;
    if (failure.isEmpty() && outcome.exitCode != 0)
        failure = QStringLiteral("command exited with status %1").arg(outcome.exitCode);
    context.setOutput(QStringLiteral("stdout"), out.text());
    context.setOutput(QStringLiteral("stderr"), err.text());
    context.setOutput(QStringLiteral("exit_code"), qint64(outcome.exitCode));
    // A backend's own verdict (time limit, out of memory) fails the node even with allow_failure:
    // that flag is about the command's exit status.
    if (failure.isEmpty() || (allowFailure && outcome.failure.isEmpty()))
        return;
    // The last stderr line says why, as for local runs; Slurm's own notice ("slurmstepd: *** JOB 42
    // CANCELLED DUE TO TIME LIMIT ***") would only repeat the backend's message.
    const QString last = err.lastNonEmptyLine();
    if (!last.isEmpty() && !last.startsWith(QLatin1StringView("slurmstepd")))
        failure += QStringLiteral(": ") + last;
    throw NodeError(failure);
}

} // namespace Flow

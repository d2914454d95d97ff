#include "shellexec.h"

#include "nodeconfig.h"
#include "outputstream.h"
#include "processgroup.h"
#include "shellbackend.h"

#include <QFileInfo>
#include <QProcess>
#include <QStringList>

#include <algorithm>
#include <cstring>

namespace Flow {
namespace {

// How long one QProcess wait may block before cancel and deadline are checked again. Waits return
// at once when the process ends or writes, so this bounds only the reaction time to a cancel.
constexpr int kSliceMs = 50;

struct Command
{
    QString program;
    QStringList arguments;
    QString name; // what error messages call it
};

Command commandFrom(const NodeConfig &config)
{
    const QVariant command = config.value(QStringLiteral("command"));
    if (command.typeId() == QMetaType::QVariantList || command.typeId() == QMetaType::QStringList) {
        const QStringList argv = config.stringList(QStringLiteral("command"));
        if (argv.isEmpty() || argv.first().isEmpty())
            config.fail(QStringLiteral("command"), QStringLiteral("is an empty list"));
        return {argv.first(), argv.mid(1), argv.first()};
    }
    const QString line = config.requiredString(QStringLiteral("command"));
    return {QStringLiteral("/bin/sh"), {QStringLiteral("-c"), line}, QStringLiteral("/bin/sh")};
}

void configureProcess(QProcess &process, NodeContext &context, const NodeConfig &config,
                      const Command &command)
{
    process.setProgram(command.program);
    process.setArguments(command.arguments);

    const QString cwd = resolvePath(context, config.string(QStringLiteral("cwd")));
    if (!QFileInfo(cwd).isDir())
        throw NodeError(QStringLiteral("working directory '%1' does not exist").arg(cwd));
    process.setWorkingDirectory(cwd);

    const QVariantMap extraEnv = config.map(QStringLiteral("env"));
    if (!extraEnv.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it) {
            if (it.value().isNull()) // `NAME: null` removes an inherited variable
                env.remove(it.key());
            else
                env.insert(it.key(), valueToText(it.value()));
        }
        process.setProcessEnvironment(env);
    }

    if (!context.input(QStringLiteral("stdin")).isValid())
        process.setStandardInputFile(QProcess::nullDevice());
    startInOwnProcessGroup(process);
}

QString startError(const QProcess &process, const Command &command)
{
    // Qt says "execvp: No such file or directory"; the part after the call's name is what matters.
    QString reason = process.errorString();
    if (const qsizetype colon = reason.indexOf(QLatin1StringView(": ")); colon >= 0)
        reason = reason.sliced(colon + 2);
    return QStringLiteral("cannot start '%1': %2").arg(command.name, reason);
}

void writeStdin(QProcess &process, const QVariant &stdinValue)
{
    if (!stdinValue.isValid())
        return;
    process.write(valueToText(stdinValue).toUtf8());
    // Qt closes the pipe once the buffer is written, during the waits of the main loop.
    process.closeWriteChannel();
}

// While it lives, the child's whole group dies with us even if we are SIGKILLed.
class GroupWatch
{
public:
    explicit GroupWatch(qint64 pgid)
        : m_pgid(pgid)
    {
        watchProcessGroup(m_pgid);
    }
    ~GroupWatch() { unwatchProcessGroup(m_pgid); }
    GroupWatch(const GroupWatch &) = delete;
    GroupWatch &operator=(const GroupWatch &) = delete;

private:
    qint64 m_pgid;
};

} // namespace

void ShellExecNode::run(NodeContext &context)
{
    if (ExecBackend *backend = context.execBackend()) // backend: slurm (nodes/execbackend.h)
        return runShellOnBackend(*backend, context, m_defaults);
    const NodeConfig config(context, m_defaults);
    const StopWatch stopWatch(context);
    const Command command = commandFrom(config);
    const Millis grace = config.duration(QStringLiteral("kill_grace"));
    const bool allowFailure = config.boolean(QStringLiteral("allow_failure"));

    QProcess process;
    configureProcess(process, context, config, command);
    OutputStream out(context, LogStream::Stdout);
    OutputStream err(context, LogStream::Stderr);
    // QProcess emits these from inside its waitFor* calls, on this thread: lines reach the log as
    // soon as the process writes them.
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
                     [&] { out.feed(process.readAllStandardOutput()); });
    QObject::connect(&process, &QProcess::readyReadStandardError, &process,
                     [&] { err.feed(process.readAllStandardError()); });

    if (stopWatch.shouldStop())
        stopWatch.throwStopped();
    process.start();
    if (!process.waitForStarted(-1))
        throw NodeError(startError(process, command));
    const GroupWatch watch(process.processId());
    writeStdin(process, context.input(QStringLiteral("stdin")));

    while (process.state() != QProcess::NotRunning) {
        if (stopWatch.shouldStop()) {
            terminateProcessGroup(process, grace);
            out.finish();
            err.finish();
            stopWatch.throwStopped();
        }
        int slice = kSliceMs;
        if (const QDeadlineTimer deadline = context.deadline(); !deadline.isForever())
            slice = int(std::clamp<qint64>(deadline.remainingTime() + 1, 1, kSliceMs));
        process.waitForFinished(slice);
    }
    out.feed(process.readAllStandardOutput());
    err.feed(process.readAllStandardError());
    out.finish();
    err.finish();

    int exitCode = process.exitCode();
    QString failure;
    if (process.exitStatus() == QProcess::CrashExit) {
        // On Unix QProcess reports the terminating signal as the exit code of a crashed process.
        const int signal = exitCode;
        exitCode = 128 + signal; // the shell's convention, so both ways of running read the same
        failure = QStringLiteral("command was killed by signal %1 (%2)")
                      .arg(signal)
                      .arg(QString::fromLocal8Bit(::strsignal(signal)));
    } else if (exitCode != 0) {
        failure = QStringLiteral("command exited with status %1").arg(exitCode);
    }

    context.setOutput(QStringLiteral("stdout"), out.text());
    context.setOutput(QStringLiteral("stderr"), err.text());
    context.setOutput(QStringLiteral("exit_code"), qint64(exitCode));
    if (failure.isEmpty() || allowFailure)
        return;
    if (!err.lastNonEmptyLine().isEmpty())
        failure += QStringLiteral(": ") + err.lastNonEmptyLine();
    throw NodeError(failure);
}

} // namespace Flow

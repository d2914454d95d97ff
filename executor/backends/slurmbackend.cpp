#include "slurmbackend.h"

#include "nodes/builtin/nodeconfig.h"
#include "nodes/builtin/outputstream.h"
#include "slurmpoller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSaveFile>

#include <cmath>

namespace Flow {
namespace {

// sbatch and scancel answer in milliseconds on a healthy controller; a stuck one must not hold a
// worker forever (the attempt fails and may be retried).
constexpr int kCommandTimeoutMs = 60000;
// After scancel, how long the job may take to leave the queue beyond the kill grace (Slurm's own
// KillWait applies on the node).
constexpr Millis kLeaveQueueSlack{20000};
// A job Slurm reports ended may have written its status file a moment before (a shared file system
// shows it late): how long to look for it before trusting Slurm's state alone.
constexpr int kStatusGraceMs = 3000;

QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1StringView("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

struct CommandResult
{
    bool ok = false;
    QString out;
    QString error;
};

CommandResult runSlurmCommand(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    CommandResult result;
    if (!process.waitForStarted(-1)) {
        result.error = QStringLiteral("cannot start '%1' (is Slurm installed and in PATH?)").arg(program);
        return result;
    }
    if (!process.waitForFinished(kCommandTimeoutMs)) {
        process.kill();
        process.waitForFinished(-1);
        result.error
            = QStringLiteral("'%1' did not answer within %2 s").arg(program).arg(kCommandTimeoutMs / 1000);
        return result;
    }
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
    result.error = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    result.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return result;
}

QString batchScript(const ExecCommand &command, const QString &dir, bool hasStdin)
{
    QStringList lines = {QStringLiteral("#!/bin/sh"),
                         QStringLiteral("# Written by Flowstudio: one attempt of a shell.exec node."),
                         QStringLiteral("cd %1 || exit 126").arg(shellQuoted(command.workingDirectory))};
    for (auto it = command.env.cbegin(); it != command.env.cend(); ++it) {
        if (it.value().isNull())
            lines.append(QStringLiteral("unset %1").arg(it.key()));
        else
            lines.append(
                QStringLiteral("%1=%2; export %1").arg(it.key(), shellQuoted(it.value().toString())));
    }
    QStringList argv = {shellQuoted(command.program)};
    for (const QString &arg : command.arguments)
        argv.append(shellQuoted(arg));
    const QString in = hasStdin ? dir + QStringLiteral("/stdin") : QStringLiteral("/dev/null");
    lines.append(argv.join(u' ') + QStringLiteral(" < ") + shellQuoted(in));
    // The status file is what tells the command's own end from Slurm ending the job.
    const QString status = shellQuoted(dir + QStringLiteral("/status"));
    lines.append(QStringLiteral("code=$?"));
    lines.append(QStringLiteral("echo \"$code\" > %1.tmp && mv %1.tmp %1").arg(status));
    lines.append(QStringLiteral("exit \"$code\""));
    return lines.join(u'\n') + u'\n';
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw NodeError(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
}

QStringList sbatchArguments(const SlurmOptions &options, const QString &nodeId, const QString &dir,
                            const NodeContext &context)
{
    QStringList args
        = {QStringLiteral("--parsable"), QStringLiteral("--job-name=") + nodeId,
           QStringLiteral("--output=") + dir + QStringLiteral("/stdout"),
           QStringLiteral("--error=") + dir + QStringLiteral("/stderr"), QStringLiteral("--chdir=") + dir};
    if (options.partition)
        args.append(QStringLiteral("--partition=") + *options.partition);
    if (options.time) {
        args.append(QStringLiteral("--time=") + slurmTimeArgument(*options.time).value_or(*options.time));
    } else if (const QDeadlineTimer deadline = context.deadline(); !deadline.isForever()) {
        // Let Slurm know the node's timeout too, so a job outliving this runner still ends.
        const qint64 minutes = qint64(std::ceil(double(deadline.remainingTime()) / 60000.0));
        args.append(QStringLiteral("--time=") + QString::number(std::max<qint64>(1, minutes)));
    }
    if (options.cpus)
        args.append(QStringLiteral("--cpus-per-task=") + QString::number(*options.cpus));
    if (options.mem)
        args.append(QStringLiteral("--mem=") + *options.mem);
    args.append(options.extraArgs);
    args.append(dir + QStringLiteral("/job.sh"));
    return args;
}

// Follows one output file of the job as it grows.
class FileFollower
{
public:
    explicit FileFollower(QString path)
        : m_file(std::move(path))
    {}
    void poll(OutputStream &stream)
    {
        if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return; // not created yet
        const QByteArray bytes = m_file.readAll();
        if (!bytes.isEmpty())
            stream.feed(bytes);
    }

private:
    QFile m_file;
};

std::optional<int> readStatus(const QString &dir)
{
    QFile file(dir + QStringLiteral("/status"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const int code = file.readAll().trimmed().toInt(&ok);
    return ok ? std::optional<int>(code) : std::nullopt;
}

QString waitingText(const QString &jobId, const SlurmPoller::JobInfo &info)
{
    if (info.state == u"PENDING") {
        const bool plain = info.reason.isEmpty() || info.reason == u"None";
        return plain ? QStringLiteral("queued on slurm (job %1)").arg(jobId)
                     : QStringLiteral("queued on slurm (job %1: %2)").arg(jobId, info.reason);
    }
    if (info.state == u"RUNNING")
        return QStringLiteral("running on slurm (job %1 on %2)").arg(jobId, info.nodes);
    return QStringLiteral("%1 on slurm (job %2)").arg(info.state.toLower(), jobId);
}

} // namespace

QString slurmEndMessage(const QString &jobId, const QString &state, const QString &reason)
{
    const QString job = QStringLiteral("slurm job %1").arg(jobId);
    if (state == u"TIMEOUT")
        return job + QStringLiteral(" was killed at its time limit (slurm.time)");
    if (state == u"OUT_OF_MEMORY")
        return job + QStringLiteral(" ran out of memory (slurm.mem)");
    if (state == u"NODE_FAIL")
        return job + QStringLiteral(" failed: its node failed");
    if (state == u"CANCELLED")
        return job + QStringLiteral(" was cancelled outside Flowstudio");
    if (state == u"PREEMPTED")
        return job + QStringLiteral(" was preempted");
    if (state == u"BOOT_FAIL")
        return job + QStringLiteral(" failed: its node did not boot");
    if (state == u"DEADLINE")
        return job + QStringLiteral(" missed its deadline");
    if (state == u"COMPLETED")
        return job + QStringLiteral(" completed but left no exit status (is the jobs directory shared?)");
    if (state.isEmpty())
        return job + QStringLiteral(" left the queue without an exit status");
    const bool plain = reason.isEmpty() || reason == u"None";
    return job
           + QStringLiteral(" ended %1%2")
                 .arg(state, plain ? QString() : QStringLiteral(" (%1)").arg(reason));
}

SlurmBackend::SlurmBackend(SlurmRunContext &run, QString nodeId, SlurmOptions options)
    : m_run(run)
    , m_nodeId(std::move(nodeId))
    , m_options(std::move(options))
{}

namespace {

// scancel, then wait for the job to leave the queue: a cancelled run leaves nothing in squeue.
void cancelJob(SlurmPoller &poller, const QString &jobId, Millis grace, NodeContext &context)
{
    const CommandResult result = runSlurmCommand(QStringLiteral("scancel"), {jobId});
    if (!result.ok)
        context.log(LogStream::Warn, QStringLiteral("scancel %1 failed: %2").arg(jobId, result.error));
    QElapsedTimer waited;
    waited.start();
    const qint64 limit = (grace + kLeaveQueueSlack).count();
    while (waited.elapsed() < limit) {
        const SlurmPoller::JobInfo info = poller.info(jobId);
        if (info.gone || (!info.state.isEmpty() && !SlurmPoller::isActive(info.state)))
            return;
        poller.pollSoon(Millis(std::max<qint64>(1, limit - waited.elapsed())));
    }
    context.log(LogStream::Warn,
                QStringLiteral("slurm job %1 is still in the queue after scancel").arg(jobId));
}

} // namespace

ExecOutcome SlurmBackend::run(const ExecCommand &command, NodeContext &context, OutputStream &out,
                              OutputStream &err)
{
    const StopWatch stopWatch(context);
    const QString dir = QStringLiteral("%1/%2.%3.%4")
                            .arg(m_run.jobsDirectory, m_nodeId)
                            .arg(context.attempt())
                            .arg(m_run.nextJob.fetch_add(1));
    if (!QDir().mkpath(dir))
        throw NodeError(QStringLiteral("cannot create the job folder '%1'").arg(dir));
    if (command.stdinData)
        writeFile(dir + QStringLiteral("/stdin"), *command.stdinData);
    writeFile(dir + QStringLiteral("/job.sh"),
              batchScript(command, dir, command.stdinData.has_value()).toUtf8());

    const CommandResult submitted
        = runSlurmCommand(QStringLiteral("sbatch"), sbatchArguments(m_options, m_nodeId, dir, context));
    if (!submitted.ok)
        throw NodeError(QStringLiteral("sbatch failed: %1")
                            .arg(submitted.error.isEmpty() ? submitted.out : submitted.error));
    const QString jobId = submitted.out.section(u';', 0, 0).trimmed(); // "id" or "id;cluster"
    SlurmPoller &poller = *m_run.poller;
    poller.watch(jobId);
    const auto unwatch = qScopeGuard([&] { poller.unwatch(jobId); });
    context.log(LogStream::Info, QStringLiteral("submitted as slurm job %1 (files in %2)").arg(jobId, dir));

    FileFollower stdoutFile(dir + QStringLiteral("/stdout"));
    FileFollower stderrFile(dir + QStringLiteral("/stderr"));
    const auto follow = [&] {
        stdoutFile.poll(out);
        stderrFile.poll(err);
    };
    QString shownState;
    QString lastError;
    QElapsedTimer endedFor; // since Slurm said the job ended, while its status file is awaited
    while (true) {
        follow();
        if (const std::optional<int> status = readStatus(dir)) {
            follow();
            ExecOutcome outcome{*status, {}};
            if (*status >= 128) { // killed by a signal: Slurm's verdict (time limit, memory) says more
                poller.pollSoon(poller.interval() + Millis(kStatusGraceMs));
                const SlurmPoller::JobInfo info = poller.info(jobId);
                if (!info.gone && !SlurmPoller::isActive(info.state) && info.state != u"COMPLETED"
                    && info.state != u"FAILED")
                    outcome.failure = slurmEndMessage(jobId, info.state, info.reason);
            }
            if (*status == 0)
                QDir(dir).removeRecursively();
            return outcome;
        }
        if (stopWatch.shouldStop()) {
            cancelJob(poller, jobId, command.killGrace, context);
            follow();
            stopWatch.throwStopped();
        }
        const SlurmPoller::JobInfo info = poller.info(jobId);
        if (!info.error.isEmpty() && info.error != lastError)
            context.log(LogStream::Warn, QStringLiteral("squeue: %1").arg(lastError = info.error));
        const bool ended = info.gone || (!info.state.isEmpty() && !SlurmPoller::isActive(info.state));
        if (!ended && info.state + info.reason + info.nodes != shownState) {
            shownState = info.state + info.reason + info.nodes;
            context.progress(-1, waitingText(jobId, info));
        }
        if (ended && !endedFor.isValid())
            endedFor.start();
        if (ended && endedFor.elapsed() > kStatusGraceMs) {
            follow();
            return ExecOutcome{-1, slurmEndMessage(jobId, info.gone ? QString() : info.state, info.reason)};
        }
        context.wait(std::chrono::milliseconds(kFollowMs));
    }
}

} // namespace Flow

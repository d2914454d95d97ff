#include "shellexec.h"

#include "nodeconfig.h"
#include "processgroup.h"

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

// Splits a byte stream into lines; a line is decoded only once complete, so a UTF-8 sequence split
// across two reads stays intact.
class LineSplitter
{
public:
    template<typename Fn>
    void feed(const QByteArray &bytes, Fn &&onLine)
    {
        m_pending += bytes;
        qsizetype start = 0;
        for (qsizetype nl = m_pending.indexOf('\n'); nl >= 0; nl = m_pending.indexOf('\n', start)) {
            onLine(decode(QByteArrayView(m_pending).sliced(start, nl - start)));
            start = nl + 1;
        }
        m_pending.remove(0, start);
    }

    template<typename Fn>
    void flush(Fn &&onLine)
    {
        if (!m_pending.isEmpty())
            onLine(decode(m_pending));
        m_pending.clear();
    }

private:
    static QString decode(QByteArrayView line)
    {
        if (line.endsWith('\r'))
            line.chop(1);
        return QString::fromUtf8(line);
    }

    QByteArray m_pending;
};

// "::progress 42" (percent) or "::progress 3/7" (steps); anything else is an ordinary line.
bool reportProgress(NodeContext &context, const QString &line)
{
    static const QLatin1StringView prefix("::progress ");
    if (!line.startsWith(prefix))
        return false;
    const QStringView value = QStringView(line).sliced(prefix.size()).trimmed();
    bool ok = false;
    if (const qsizetype slash = value.indexOf(u'/'); slash > 0) {
        bool okTotal = false;
        const double done = value.first(slash).toDouble(&ok);
        const double total = value.sliced(slash + 1).toDouble(&okTotal);
        if (!ok || !okTotal || total <= 0 || done < 0)
            return false;
        context.progress(qMin(1.0, done / total), value.toString());
        return true;
    }
    const double percent = (value.endsWith(u'%') ? value.chopped(1) : value).toDouble(&ok);
    if (!ok || percent < 0)
        return false;
    context.progress(qMin(1.0, percent / 100.0));
    return true;
}

// Collects one output stream: logs each line as it completes and keeps the text for the output port.
class StreamCollector
{
public:
    StreamCollector(NodeContext &context, LogStream stream)
        : m_context(context)
        , m_stream(stream)
    {}

    void feed(const QByteArray &bytes)
    {
        m_splitter.feed(bytes, [this](const QString &l) { line(l); });
    }
    void finish()
    {
        m_splitter.flush([this](const QString &l) { line(l); });
    }

    QString text() const { return m_lines.join(u'\n'); }
    QString lastNonEmptyLine() const { return m_lastNonEmpty; }

private:
    void line(const QString &line)
    {
        if (m_stream == LogStream::Stdout && reportProgress(m_context, line))
            return;
        m_context.log(m_stream, line);
        m_lines.append(line);
        if (!line.trimmed().isEmpty())
            m_lastNonEmpty = line.trimmed();
    }

    NodeContext &m_context;
    LogStream m_stream;
    LineSplitter m_splitter;
    QStringList m_lines;
    QString m_lastNonEmpty;
};

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

} // namespace

void ShellExecNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const StopWatch stopWatch(context);
    const Command command = commandFrom(config);
    const Millis grace = config.duration(QStringLiteral("kill_grace"));
    const bool allowFailure = config.boolean(QStringLiteral("allow_failure"));

    QProcess process;
    configureProcess(process, context, config, command);
    StreamCollector out(context, LogStream::Stdout);
    StreamCollector err(context, LogStream::Stderr);
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

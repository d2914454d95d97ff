#pragma once

#include <QDeadlineTimer>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace Flow {

class ExecBackend;

// Where a log line came from. The names are the `stream` field of node.log events.
enum class LogStream { Stdout, Stderr, Debug, Info, Warn, Error };
QString logStreamName(LogStream stream);
LogStream logStreamFromName(QStringView name); // unknown -> Info

// What a node sees while it runs. Implemented by the executor; a node never touches threads, timers
// or events itself. Every method may be called from the worker thread the node runs on.
class NodeContext
{
public:
    virtual ~NodeContext() = default;

    // Values arriving on input ports (JSON-like QVariant: QString, qint64, double, bool, QVariantList,
    // QVariantMap, or invalid for "nothing"). Unwired ports are absent.
    virtual QVariantMap inputs() const = 0;
    QVariant input(const QString &port) const { return inputs().value(port); }
    bool hasInput(const QString &port) const { return inputs().contains(port); }

    // Config with every ${{ }} expression already resolved, defaults filled in.
    virtual QVariantMap config() const = 0;
    QVariant config(const QString &name) const { return config().value(name); }

    virtual void setOutput(const QString &port, const QVariant &value) = 0;
    // fraction in [0, 1], or negative for "busy, unknown amount".
    virtual void progress(double fraction, const QString &text = {}) = 0;
    virtual void log(LogStream stream, const QString &line) = 0;

    // True once the run is cancelled or this attempt has timed out: stop soon.
    virtual bool isCancelled() const = 0;
    // When this attempt must be done (QDeadlineTimer::Forever when unlimited).
    virtual QDeadlineTimer deadline() const = 0;
    // Directory relative paths are resolved against (the workflow file's directory by default).
    virtual QString workingDirectory() const = 0;
    // Attempt number, 1 for the first.
    virtual int attempt() const = 0;
    // Sleeps up to `duration`; returns early with false when the attempt is cancelled or timed out.
    // Nodes wait through this, never through QThread::sleep, so that cancel stays prompt.
    virtual bool wait(std::chrono::milliseconds duration) = 0;
    // Where a process this node starts must run (nodes/execbackend.h); nullptr: here, as a local
    // child process. Only nodes that start processes (shell.exec) ask.
    virtual ExecBackend *execBackend() const { return nullptr; }
};

// Thrown by a node to fail its attempt with a message a person understands.
class NodeError : public std::runtime_error
{
public:
    explicit NodeError(const QString &message)
        : std::runtime_error(message.toStdString())
    {}
    QString message() const { return QString::fromStdString(what()); }
};

// A node's work: a plain synchronous function on a worker thread. One instance per attempt. (A
// workflow's node, as written in the file, is Flow::Node in model/workflow.h.)
class NodeJob
{
public:
    virtual ~NodeJob() = default;
    // Returns normally on success; throws NodeError (or any std::exception) on failure. When
    // isCancelled() turns true, return or throw promptly; the executor decides what it means.
    virtual void run(NodeContext &context) = 0;
};

} // namespace Flow

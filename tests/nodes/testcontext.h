#pragma once

#include "nodes/node.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QStringList>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace Flow::Test {

// A real NodeContext for running nodes in tests: records what a node reports (with timestamps),
// and lets a test cancel it or give it a deadline. Thread-safe, like the executor's.
class TestContext : public NodeContext
{
public:
    struct LogLine
    {
        LogStream stream;
        QString line;
        qint64 atMs; // since the context was made
    };
    struct Progress
    {
        double fraction;
        QString text;
    };

    TestContext();

    void setInputs(const QVariantMap &inputs) { m_inputs = inputs; }
    void setConfig(const QVariantMap &config) { m_config = config; }
    void setWorkingDirectory(const QString &dir) { m_workingDirectory = dir; }
    void setDeadline(QDeadlineTimer deadline) { m_deadline = deadline; }
    void cancel();

    qint64 elapsedMs() const { return m_clock.elapsed(); }
    bool isWaiting() const { return m_waiting; } // inside wait() right now
    QList<LogLine> logs() const;
    QStringList lines(LogStream stream) const;
    QList<Progress> progress() const;
    QVariantMap outputs() const;
    QVariant output(const QString &port) const { return outputs().value(port); }

    QVariantMap inputs() const override { return m_inputs; }
    QVariantMap config() const override { return m_config; }
    void setOutput(const QString &port, const QVariant &value) override;
    void progress(double fraction, const QString &text) override;
    void log(LogStream stream, const QString &line) override;
    bool isCancelled() const override;
    QDeadlineTimer deadline() const override { return m_deadline; }
    QString workingDirectory() const override { return m_workingDirectory; }
    int attempt() const override { return 1; }
    bool wait(std::chrono::milliseconds duration) override;

private:
    QElapsedTimer m_clock;
    QVariantMap m_inputs;
    QVariantMap m_config;
    QString m_workingDirectory;
    QDeadlineTimer m_deadline{QDeadlineTimer::Forever};
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_waiting{false};

    mutable QMutex m_mutex;
    QWaitCondition m_cancelledCondition;
    QList<LogLine> m_logs;
    QList<Progress> m_progress;
    QVariantMap m_outputs;
};

// What one node run ended with.
struct RunResult
{
    bool ok = false;
    QString error;
    qint64 finishedAtMs = 0; // on the context's clock
};

// Runs a built-in node type on the calling thread.
RunResult runNode(const QString &typeId, TestContext &context);

// Runs a built-in node type on its own thread, as the executor does, so a test can watch and cancel.
class BackgroundRun
{
public:
    BackgroundRun(const QString &typeId, TestContext &context);
    ~BackgroundRun();
    bool isFinished() const { return m_thread->isFinished(); }
    RunResult result() const { return m_result; } // valid once finished

private:
    RunResult m_result;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Flow::Test

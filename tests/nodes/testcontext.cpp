#include "testcontext.h"

#include "nodes/registry.h"

namespace Flow::Test {

TestContext::TestContext()
{
    m_clock.start();
}

void TestContext::cancel()
{
    QMutexLocker locker(&m_mutex);
    m_cancelled = true;
    m_cancelledCondition.wakeAll();
}

QList<TestContext::LogLine> TestContext::logs() const
{
    QMutexLocker locker(&m_mutex);
    return m_logs;
}

QStringList TestContext::lines(LogStream stream) const
{
    QStringList result;
    for (const LogLine &l : logs()) {
        if (l.stream == stream)
            result.append(l.line);
    }
    return result;
}

QList<TestContext::Progress> TestContext::progress() const
{
    QMutexLocker locker(&m_mutex);
    return m_progress;
}

QVariantMap TestContext::outputs() const
{
    QMutexLocker locker(&m_mutex);
    return m_outputs;
}

void TestContext::setOutput(const QString &port, const QVariant &value)
{
    QMutexLocker locker(&m_mutex);
    m_outputs.insert(port, value);
}

void TestContext::progress(double fraction, const QString &text)
{
    QMutexLocker locker(&m_mutex);
    m_progress.append({fraction, text});
}

void TestContext::log(LogStream stream, const QString &line)
{
    QMutexLocker locker(&m_mutex);
    m_logs.append({stream, line, m_clock.elapsed()});
}

bool TestContext::isCancelled() const
{
    // Like the executor: a timed-out attempt counts as cancelled too.
    return m_cancelled || m_deadline.hasExpired();
}

bool TestContext::wait(std::chrono::milliseconds duration)
{
    const QDeadlineTimer until(duration);
    QMutexLocker locker(&m_mutex);
    m_waiting = true;
    while (!isCancelled()) {
        const QDeadlineTimer next = m_deadline.deadlineNSecs() < until.deadlineNSecs() ? m_deadline : until;
        if (next.hasExpired())
            break;
        m_cancelledCondition.wait(&m_mutex, next);
    }
    m_waiting = false;
    return !isCancelled();
}

RunResult runNode(const QString &typeId, TestContext &context)
{
    RunResult result;
    std::unique_ptr<NodeJob> node = NodeRegistry::builtins().create(typeId);
    if (!node) {
        result.error = QStringLiteral("no implementation for ") + typeId;
        return result;
    }
    try {
        node->run(context);
        result.ok = true;
    } catch (const NodeError &e) {
        result.error = e.message();
    } catch (const std::exception &e) {
        result.error = QStringLiteral("unexpected exception: ") + QString::fromUtf8(e.what());
    }
    result.finishedAtMs = context.elapsedMs();
    return result;
}

BackgroundRun::BackgroundRun(const QString &typeId, TestContext &context)
    : m_thread(QThread::create([this, typeId, &context] { m_result = runNode(typeId, context); }))
{
    m_thread->start();
}

BackgroundRun::~BackgroundRun()
{
    m_thread->wait();
}

} // namespace Flow::Test

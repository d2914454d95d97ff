#include "nodecontextimpl.h"

#include "nodes/registry.h"
#include "subflow.h"

#include <QElapsedTimer>

namespace Flow {

void ExecContext::setOutput(const QString &port, const QVariant &value)
{
    m_outputs.insert(port, value);
}

void ExecContext::progress(double fraction, const QString &text)
{
    // A for_each node's progress is items done / items; its items do not report their own.
    if (m_request.item < 0)
        m_host.nodeProgress(m_request.node, m_request.attempt, fraction, text);
}

void ExecContext::log(LogStream stream, const QString &line)
{
    m_host.nodeLog(m_request.node, m_request.attempt, m_request.item, logStreamName(stream), line);
}

bool ExecContext::isCancelled() const
{
    return m_host.isCancelled(m_request.node) || m_request.deadline.hasExpired();
}

bool ExecContext::wait(std::chrono::milliseconds duration)
{
    return m_host.waitUntil(m_request.node, QDeadlineTimer(duration, Qt::PreciseTimer), m_request.deadline);
}

AttemptResult runAttempt(const NodeRegistry &registry, const QString &type, AttemptHost &host,
                         AttemptRequest request)
{
    if (type == subflowTypeId())
        return runSubflowAttempt(registry, host, std::move(request));
    AttemptResult result;
    std::unique_ptr<NodeJob> node = registry.create(type);
    if (!node) {
        result.implemented = false;
        result.error = QStringLiteral("type '%1' is not implemented").arg(type);
        return result;
    }
    ExecContext context(host, std::move(request));
    QElapsedTimer timer;
    timer.start();
    try {
        node->run(context);
        result.ok = true;
    } catch (const NodeError &e) {
        result.error = e.message();
    } catch (const std::exception &e) {
        result.error = QString::fromUtf8(e.what());
    } catch (...) {
        result.error = QStringLiteral("unknown error");
    }
    node.reset(); // a node's destructor may still clean up (kill a process): count it in the attempt
    result.duration = timer.elapsed();
    if (result.ok)
        result.outputs = context.takeOutputs();
    else if (result.error.isEmpty())
        result.error = QStringLiteral("failed without a message");
    return result;
}

const NodeTypeInfo *findNodeType(const NodeRegistry &registry, const QString &type)
{
    return registry.find(type);
}

const NodeRegistry &builtinNodeRegistry()
{
    return NodeRegistry::builtins();
}

bool canRunNodeType(const NodeRegistry &registry, const QString &type)
{
    return registry.canRun(type) || (type == subflowTypeId() && registry.find(type));
}

} // namespace Flow

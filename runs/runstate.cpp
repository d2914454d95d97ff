#include "runstate.h"

namespace Flow {

QString nodeStateName(NodeState state)
{
    switch (state) {
    case NodeState::Pending:
        return QStringLiteral("pending");
    case NodeState::Queued:
        return QStringLiteral("queued");
    case NodeState::Running:
        return QStringLiteral("running");
    case NodeState::Retrying:
        return QStringLiteral("retrying");
    case NodeState::Succeeded:
        return QStringLiteral("succeeded");
    case NodeState::Failed:
        return QStringLiteral("failed");
    case NodeState::Skipped:
        return QStringLiteral("skipped");
    case NodeState::Cancelled:
        return QStringLiteral("cancelled");
    case NodeState::Cached:
        return QStringLiteral("cached");
    }
    return {};
}

bool isFinal(NodeState state)
{
    return state >= NodeState::Succeeded;
}

QString runPhaseName(RunPhase phase)
{
    switch (phase) {
    case RunPhase::NotStarted:
        return QStringLiteral("not started");
    case RunPhase::Running:
        return QStringLiteral("running");
    case RunPhase::Succeeded:
        return QStringLiteral("succeeded");
    case RunPhase::Failed:
        return QStringLiteral("failed");
    case RunPhase::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

RunState RunState::fold(const RunEvents &events)
{
    RunState state;
    state.apply(events);
    return state;
}

void RunState::apply(const RunEvents &events)
{
    for (const RunEvent &e : events)
        apply(e);
}

const NodeStatus *RunState::node(const QString &id) const
{
    auto it = m_nodes.constFind(id);
    return it == m_nodes.cend() ? nullptr : &*it;
}

int RunState::finishedCount() const
{
    int done = 0;
    for (int s = int(NodeState::Succeeded); s < NodeStateCount; ++s)
        done += m_counts[size_t(s)];
    return done;
}

double RunState::fractionDone() const
{
    if (m_order.isEmpty())
        return isFinished() ? 1.0 : 0.0;
    return double(finishedCount()) / double(m_order.size());
}

NodeStatus &RunState::nodeFor(const QString &id)
{
    auto it = m_nodes.find(id);
    if (it != m_nodes.end())
        return *it;
    m_order.append(id);
    ++m_counts[size_t(NodeState::Pending)];
    return *m_nodes.insert(id, NodeStatus{});
}

void RunState::setState(NodeStatus &node, NodeState state)
{
    --m_counts[size_t(node.state)];
    ++m_counts[size_t(state)];
    node.state = state;
}

bool RunState::apply(const RunEvent &event)
{
    if (m_runId.isEmpty())
        m_runId = event.run;
    else if (event.run != m_runId)
        return false;
    if (event.seq <= m_lastSeq)
        return false;
    if (event.seq != m_lastSeq + 1)
        ++m_gaps;
    m_lastSeq = event.seq;
    if (event.kind == EventKind::NodeLog && !m_foldLogs)
        return true;

    switch (event.kind) {
    case EventKind::RunStarted:
        m_phase = RunPhase::Running;
        m_startedAt = event.time;
        m_name = event.data.value(QStringLiteral("name")).toString();
        for (const QVariant &id : event.data.value(QStringLiteral("nodes")).toList())
            nodeFor(id.toString());
        break;
    case EventKind::RunFinished: {
        const auto status = runStatusFromName(event.data.value(QStringLiteral("status")).toString());
        m_phase = !status                           ? RunPhase::Failed
                  : *status == RunStatus::Succeeded ? RunPhase::Succeeded
                  : *status == RunStatus::Cancelled ? RunPhase::Cancelled
                                                    : RunPhase::Failed;
        m_finishedAt = event.time;
        m_error = event.data.value(QStringLiteral("error")).toString();
        m_outputs = event.data.value(QStringLiteral("outputs")).toMap();
        break;
    }
    default:
        applyNodeEvent(event);
        break;
    }
    return true;
}

void RunState::applyNodeEvent(const RunEvent &e)
{
    if (e.node.isEmpty())
        return;
    NodeStatus &n = nodeFor(e.node);
    if (e.attempt > 0 && e.kind != EventKind::NodeRetrying)
        n.attempt = e.attempt;
    if (isTerminal(e.kind))
        n.finishedAt = e.time;
    switch (e.kind) {
    case EventKind::NodeQueued:
        setState(n, NodeState::Queued);
        break;
    case EventKind::NodeStarted:
        setState(n, NodeState::Running);
        if (n.startedAt == 0)
            n.startedAt = e.time;
        n.progress = -1;
        n.progressText.clear();
        n.maxAttempts = qMax(n.attempt, e.data.value(QStringLiteral("attempts"), 1).toInt());
        n.retryAt = 0;
        break;
    case EventKind::NodeProgress:
        n.progress = e.data.value(QStringLiteral("fraction")).toDouble();
        n.progressText = e.data.value(QStringLiteral("text")).toString();
        if (!n.progressText.isEmpty())
            n.message = n.progressText;
        break;
    case EventKind::NodeLog:
        ++n.logLines;
        n.message = e.data.value(QStringLiteral("line")).toString();
        break;
    case EventKind::NodeRetrying:
        setState(n, NodeState::Retrying);
        n.attempt = e.data.value(QStringLiteral("attempt")).toInt();
        n.retryDelay = e.data.value(QStringLiteral("delay")).toLongLong();
        n.retryAt = e.time + n.retryDelay;
        n.error = e.data.value(QStringLiteral("error")).toString();
        break;
    case EventKind::NodeSucceeded:
        setState(n, NodeState::Succeeded);
        n.duration = e.data.value(QStringLiteral("duration")).toLongLong();
        n.outputs = e.data.value(QStringLiteral("outputs")).toMap();
        n.progress = 1;
        break;
    case EventKind::NodeCached:
        setState(n, NodeState::Cached);
        n.outputs = e.data.value(QStringLiteral("outputs")).toMap();
        n.fromRun = e.data.value(QStringLiteral("run")).toString();
        n.progress = 1;
        break;
    case EventKind::NodeFailed:
        setState(n, NodeState::Failed);
        n.error = e.data.value(QStringLiteral("error")).toString();
        n.message = n.error;
        break;
    case EventKind::NodeSkipped:
        setState(n, NodeState::Skipped);
        n.message = e.data.value(QStringLiteral("reason")).toString();
        break;
    case EventKind::NodeCancelled:
        setState(n, NodeState::Cancelled);
        if (e.data.contains(QStringLiteral("reason")))
            n.message = e.data.value(QStringLiteral("reason")).toString();
        break;
    default:
        break;
    }
    if (isTerminal(e.kind) && e.kind != EventKind::NodeSucceeded && n.startedAt != 0)
        n.duration = n.finishedAt - n.startedAt;
}

} // namespace Flow

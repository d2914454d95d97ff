#include "timelinemodel.h"

namespace Flow {

void TimelineModel::clear()
{
    *this = TimelineModel();
}

void TimelineModel::setNodes(const QStringList &ids)
{
    clear();
    for (const QString &id : ids)
        laneFor(id);
}

bool TimelineModel::addEvents(const RunEvents &events)
{
    bool changed = false;
    for (const RunEvent &e : events)
        changed |= apply(e);
    return changed;
}

QList<TimelineBar> TimelineModel::bars() const
{
    QList<TimelineBar> all;
    for (const Lane &lane : m_lanes)
        all.append(lane.bars);
    return all;
}

TimelineModel::Lane &TimelineModel::laneFor(const QString &node)
{
    const auto it = m_laneOf.constFind(node);
    if (it != m_laneOf.cend())
        return m_lanes[*it];
    m_laneOf.insert(node, int(m_lanes.size()));
    Lane &lane = m_lanes.emplace_back();
    lane.node = node;
    return lane;
}

void TimelineModel::open(Lane &lane, TimelineBar bar)
{
    bar.node = lane.node;
    lane.open = int(lane.bars.size());
    lane.bars.append(std::move(bar));
    ++m_openBars;
}

void TimelineModel::close(Lane &lane, qint64 time, NodeState outcome, const QString &error)
{
    if (lane.open < 0)
        return;
    TimelineBar &bar = lane.bars[lane.open];
    // `end == 0` means open, so a stretch that ends where it starts still needs a real end time.
    bar.end = qMax(time, bar.start);
    bar.outcome = outcome;
    if (!error.isEmpty())
        bar.error = error;
    lane.open = -1;
    --m_openBars;
}

bool TimelineModel::apply(const RunEvent &e)
{
    if (m_runId.isEmpty())
        m_runId = e.run;
    else if (e.run != m_runId)
        return false;
    if (e.seq <= m_lastSeq)
        return false;
    m_lastSeq = e.seq;
    if (m_start == 0)
        m_start = e.time;
    m_end = qMax(m_end, e.time);

    if (e.kind == EventKind::RunStarted) {
        m_start = e.time;
        for (const QVariant &id : e.data.value(QStringLiteral("nodes")).toList())
            laneFor(id.toString());
        return true;
    }
    if (e.kind == EventKind::RunFinished) {
        m_finished = true;
        for (Lane &lane : m_lanes) // nothing should be open by now; a cut stream must not grow forever
            close(lane, e.time, lane.open >= 0 ? lane.bars.at(lane.open).outcome : NodeState::Cancelled);
        return true;
    }
    if (e.node.isEmpty() || e.kind == EventKind::NodeLog || e.kind == EventKind::NodeProgress)
        return false;

    Lane &lane = laneFor(e.node);
    const auto keepOutcome = [&lane] {
        return lane.open >= 0 ? lane.bars.at(lane.open).outcome : NodeState::Pending;
    };
    switch (e.kind) {
    case EventKind::NodeQueued:
        lane.state = NodeState::Queued;
        if (lane.open < 0)
            open(lane, {{}, 0, e.time, 0, TimelineBar::Queued, NodeState::Queued, {}});
        break;
    case EventKind::NodeStarted:
        close(lane, e.time, keepOutcome()); // the queue or retry wait ends
        lane.state = NodeState::Running;
        lane.maxAttempts = qMax(e.attempt, e.data.value(QStringLiteral("attempts"), 1).toInt());
        open(lane, {{}, e.attempt, e.time, 0, TimelineBar::Attempt, NodeState::Running, {}});
        break;
    case EventKind::NodeRetrying: {
        const QString error = e.data.value(QStringLiteral("error")).toString();
        close(lane, e.time, NodeState::Failed, error);
        lane.state = NodeState::Retrying;
        const int next = e.data.value(QStringLiteral("attempt")).toInt();
        open(lane, {{}, next, e.time, 0, TimelineBar::RetryWait, NodeState::Retrying, error});
        break;
    }
    case EventKind::NodeSucceeded:
        close(lane, e.time, NodeState::Succeeded);
        lane.state = NodeState::Succeeded;
        lane.endedAt = e.time;
        break;
    case EventKind::NodeFailed:
        close(lane, e.time, NodeState::Failed, e.data.value(QStringLiteral("error")).toString());
        lane.state = NodeState::Failed;
        lane.endedAt = e.time;
        break;
    case EventKind::NodeCancelled:
        close(lane, e.time, NodeState::Cancelled, e.data.value(QStringLiteral("reason")).toString());
        lane.state = NodeState::Cancelled;
        lane.endedAt = e.time;
        break;
    case EventKind::NodeSkipped:
    case EventKind::NodeCached:
        close(lane, e.time, keepOutcome());
        lane.state = e.kind == EventKind::NodeSkipped ? NodeState::Skipped : NodeState::Cached;
        lane.endedAt = e.time;
        break;
    default:
        return false;
    }
    return true;
}

} // namespace Flow

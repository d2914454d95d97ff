#include "runfeed.h"

namespace Flow {

RunFeed::RunFeed(RunSource *source, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_runId(source->runId())
{
    source->setParent(this);
    connect(source, &RunSource::events, this, &RunFeed::apply);
    connect(source, &RunSource::finished, this, &RunFeed::onSourceFinished);
    connect(source, &RunSource::canStopChanged, this, &RunFeed::canStopChanged);
    connect(source, &RunSource::stateKnown, this, &RunFeed::onStateKnown);
}

RunFeed::RunFeed(const QString &runId, QObject *parent)
    : QObject(parent)
    , m_runId(runId)
{}

RunFeed::~RunFeed() = default;

bool RunFeed::isFinished() const
{
    return m_state.isFinished() || m_sourceEnded;
}

void RunFeed::stop()
{
    if (canStop())
        m_source->stop();
}

void RunFeed::onStateKnown(const RunState &state)
{
    if (m_state.lastSeq() > 0 || !loadSnapshot(state))
        return; // too late: events were folded already, and they stay the truth
    m_knownUpTo = state.lastSeq();
}

qsizetype RunFeed::listKnown(const RunEvents &batch)
{
    qsizetype n = 0;
    while (n < batch.size() && batch.at(n).seq <= m_knownUpTo && batch.at(n).run == m_runId)
        ++n;
    if (n == 0) {
        m_knownUpTo = 0;
        return 0;
    }
    // The state has these already: the views that list events (log, timeline) take them; there
    // is no state change to redraw.
    m_applied += n;
    emit applied(n == batch.size() ? batch : batch.first(n), Changes());
    return n;
}

void RunFeed::apply(const RunEvents &batch)
{
    if (m_knownUpTo > 0) {
        const qsizetype n = listKnown(batch);
        if (n == batch.size())
            return;
        if (n > 0) {
            apply(batch.sliced(n));
            return;
        }
    }
    Changes changes;
    RunEvents accepted;
    bool allAccepted = true;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const RunEvent &e = batch.at(i);
        if (m_runId.isEmpty())
            m_runId = e.run;
        const NodeStatus *before
            = e.node.isEmpty() || e.kind == EventKind::NodeLog ? nullptr : m_state.node(e.node);
        const NodeState old = before ? before->state : NodeState::Pending;
        if (e.run != m_runId || !m_state.apply(e)) {
            if (allAccepted) {
                accepted = batch.first(i);
                allAccepted = false;
            }
            continue;
        }
        if (!allAccepted)
            accepted.append(e);
        if (e.node.isEmpty())
            changes.run = true;
        else if (e.kind == EventKind::NodeLog)
            changes.logged.insert(e.node);
        else if (!changes.nodes.contains(e.node))
            changes.nodes.insert(e.node, old); // the state before the batch, not before this event
    }
    const RunEvents &shown = allAccepted ? batch : accepted;
    if (shown.isEmpty())
        return;
    m_applied += shown.size();
    emit applied(shown, changes);
}

bool RunFeed::loadSnapshot(const RunState &snapshot)
{
    if (!m_runId.isEmpty() && snapshot.runId() != m_runId)
        return false;
    m_runId = snapshot.runId();
    m_state = snapshot;
    Changes changes;
    changes.reset = true;
    emit applied({}, changes);
    return true;
}

void RunFeed::onSourceFinished(RunStatus status, const QString &error)
{
    m_sourceEnded = true;
    emit finished(status, error);
}

} // namespace Flow

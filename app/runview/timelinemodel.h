#pragma once

#include "runs/runevent.h"
#include "runs/runstate.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace Flow {

// One stretch of time on a node's lane of the timeline.
struct TimelineBar
{
    enum Kind : quint8 {
        Attempt,   // node.started .. the attempt's end (node.retrying or the terminal event)
        RetryWait, // node.retrying .. the next node.started
        Queued,    // node.queued .. the first node.started (inputs ready, waiting for a worker)
    };

    QString node;
    int attempt = 0; // for RetryWait: the attempt being waited for
    qint64 start = 0;
    qint64 end = 0; // ms since epoch; 0 = still open (growing with the clock)
    Kind kind = Attempt;
    // How the stretch ended: Succeeded/Failed/Cancelled for an attempt (Running while open), Retrying
    // for a retry wait, Queued for a queue wait.
    NodeState outcome = NodeState::Running;
    QString error; // why a failed attempt failed

    bool isOpen() const { return end == 0; }
    friend bool operator==(const TimelineBar &, const TimelineBar &) = default;
};

// The timeline's data: RunEvents folded into bars, one lane per node of the run (in run.started order,
// then in order of first appearance). Log and progress events change nothing here, so the view is only
// repainted for batches that moved a bar.
class TimelineModel
{
public:
    struct Lane
    {
        QString node;
        NodeState state = NodeState::Pending;
        int maxAttempts = 1;
        qint64 endedAt = 0; // the terminal event's time (a skipped or cached node has no bar, only this)
        QList<TimelineBar> bars;
        int open = -1; // index of the open bar in `bars`
    };

    // Folds the events in; true when anything drawn changed.
    bool addEvents(const RunEvents &events);
    void clear();
    // Lanes for these nodes before a run starts.
    void setNodes(const QStringList &ids);

    QString runId() const { return m_runId; }
    const QList<Lane> &lanes() const { return m_lanes; }
    int laneOf(const QString &node) const { return m_laneOf.value(node, -1); }
    // Every bar, lane by lane, each lane's bars in time order.
    QList<TimelineBar> bars() const;
    // The run's first and last moments: run.started (or the first event) and run.finished (or the
    // latest event); 0 when there were none.
    qint64 startTime() const { return m_start; }
    qint64 endTime() const { return m_end; }
    bool isRunning() const { return m_start != 0 && !m_finished; }
    int openBars() const { return m_openBars; }

private:
    bool apply(const RunEvent &event);
    Lane &laneFor(const QString &node);
    void open(Lane &lane, TimelineBar bar);
    void close(Lane &lane, qint64 time, NodeState outcome, const QString &error = {});

    QString m_runId;
    qint64 m_lastSeq = 0;
    qint64 m_start = 0;
    qint64 m_end = 0;
    bool m_finished = false;
    int m_openBars = 0;
    QList<Lane> m_lanes;
    QHash<QString, int> m_laneOf;
};

} // namespace Flow

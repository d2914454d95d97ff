#pragma once

#include "executor/runstate.h"

#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <functional>

namespace Flow {

// The results of one run shown over the canvas: a RunState folded from the run's event batches, the
// clock that live durations and retry countdowns are computed against, and the texts drawn on the
// cards. Items look their status up here by node id while painting (no pointers into the state), so
// nodes added, removed or renamed during a run never dangle: a renamed node simply has no status.
// GraphScene owns one and repaints the items apply() reports.
class RunOverlay
{
    Q_DECLARE_TR_FUNCTIONS(Flow::RunOverlay)

public:
    struct Changes
    {
        bool all = false;                // a new run started: everything looks different
        QHash<QString, NodeState> nodes; // node -> its state before the batch
        bool any() const { return all || !nodes.isEmpty(); }
    };

    RunOverlay();

    // Folds a batch in. A run.started of another run replaces the shown run. After clear(), events are
    // ignored until the next run.started (late batches of the cleared run must not bring it back).
    Changes apply(const RunEvents &events);
    void clear();
    bool isActive() const { return m_active; }
    const RunState *state() const { return isActive() ? &m_state : nullptr; }
    // Null when no run is shown or the run does not include this node.
    const NodeStatus *status(const QString &nodeId) const
    {
        return isActive() ? m_state.node(nodeId) : nullptr;
    }

    // nodeStateStyle(state, dark).color without translating the label: cards ask for it on every paint.
    const QColor &color(NodeState state, bool dark) const { return m_colors[dark ? 1 : 0][size_t(state)]; }

    // Milliseconds since the Unix epoch (the events' clock). Tests inject a fixed one.
    void setClock(std::function<qint64()> clock);
    qint64 now() const { return m_clock(); }

    // Nodes whose look changes with time alone (running: duration and progress; retrying: countdown).
    const QSet<QString> &movingNodes() const { return m_moving; }
    // Whether a running node has no progress fraction (drawn as an indeterminate bar that moves).
    bool hasIndeterminate() const;

    // A data wire from a node in this state carried data: the node delivered its outputs.
    static bool carriesData(NodeState state)
    {
        return state == NodeState::Succeeded || state == NodeState::Cached;
    }
    static bool showsProgress(NodeState state) { return state == NodeState::Running; }

    // Texts as drawn on a card: the attempt badge ("2/3", empty for nodes with a single attempt) and
    // the status line ("retry in 3 s", a live "12 s" while running, "1.2 s" when done).
    static QString attemptBadge(const NodeStatus &status);
    QString statusLine(const NodeStatus &status) const;
    // The tooltip of a node item: state, attempt, duration, and a failed node's full error.
    QString toolTip(const NodeStatus &status) const;
    static QString formatDuration(qint64 ms);
    static QString formatElapsed(qint64 ms); // whole seconds, for values that tick once a second

private:
    static bool isMoving(NodeState state)
    {
        return state == NodeState::Running || state == NodeState::Retrying;
    }
    void trackMoving(const QString &id, NodeState state);
    void updateLabels();

    RunState m_state;
    bool m_active = false; // a run is shown (kept apart from the state: read on every card paint)
    bool m_waitForStart = false;
    QSet<QString> m_moving;
    std::array<QString, NodeStateCount> m_labels;
    std::array<std::array<QColor, NodeStateCount>, 2> m_colors;
    std::function<qint64()> m_clock;
};

} // namespace Flow

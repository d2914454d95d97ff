#pragma once

#include "runs/runfeed.h"

#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <functional>

namespace Flow {

// The results of one run shown over the canvas: the RunFeed it is bound to (whose RunState it
// draws), the clock that live durations and retry countdowns are computed against, and the texts
// drawn on the cards. Items look their status up here by node id while painting (no pointers into
// the state), so nodes added, removed or renamed during a run never dangle: a renamed node simply
// has no status. GraphScene owns one, binds it to the shown run's feed, and repaints the items that
// take() reports.
class RunOverlay
{
    Q_DECLARE_TR_FUNCTIONS(Flow::RunOverlay)

public:
    struct Changes
    {
        bool all = false;                // another feed, or its state was replaced: redraw all
        QHash<QString, NodeState> nodes; // node -> its state before the batch
        bool any() const { return all || !nodes.isEmpty(); }
    };

    RunOverlay();

    // Shows `feed`'s run (null: none). The feed must outlive the binding (GraphScene unbinds a feed
    // that is destroyed).
    void setFeed(const RunFeed *feed);
    const RunFeed *feed() const { return m_feed; }
    // What a batch the feed applied changes on the cards.
    Changes take(const RunFeed::Changes &changes);
    bool isActive() const { return m_feed != nullptr; }
    const RunState *state() const { return m_feed ? &m_feed->state() : nullptr; }
    // Null when no run is shown or the run does not include this node.
    const NodeStatus *status(const QString &nodeId) const
    {
        return m_feed ? m_feed->state().node(nodeId) : nullptr;
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

private:
    static bool isMoving(NodeState state)
    {
        return state == NodeState::Running || state == NodeState::Retrying;
    }
    void trackMoving(const QString &id, NodeState state);
    void updateLabels();

    const RunFeed *m_feed = nullptr;
    QSet<QString> m_moving;
    std::array<QString, NodeStateCount> m_labels;
    std::array<std::array<QColor, NodeStateCount>, 2> m_colors;
    std::function<qint64()> m_clock;
};

} // namespace Flow

#pragma once

#include "runevent.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <array>
#include <optional>

namespace Flow {

// A node's state as the events tell it. `Pending` until the first event about the node.
enum class NodeState : quint8 {
    Pending,
    Queued,
    Running,
    Retrying,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
    Cached
};
constexpr int NodeStateCount = 9;
QString nodeStateName(NodeState state);
bool isFinal(NodeState state);

struct NodeStatus
{
    NodeState state = NodeState::Pending;
    int attempt = 0;      // of the latest node.started (or the announced one while retrying)
    double progress = -1; // last node.progress fraction; negative = unknown
    QString progressText;
    qint64 startedAt = 0;  // ms since epoch of the first node.started; 0 = never started
    qint64 finishedAt = 0; // ms since epoch of the terminal event
    qint64 duration = 0;   // ms, from node.succeeded, else finishedAt - startedAt
    QString message;       // last log line, progress text, skip or cancel reason
    QString error;         // the last error (node.failed, or the failure before a retry)
    qint64 retryDelay = 0; // ms, while Retrying
    qint64 retryAt = 0;    // ms since epoch when the next attempt is due, while Retrying
    int maxAttempts = 1;   // from node.started {attempts}: the most attempts the node gets
    int logLines = 0;
    QVariantMap outputs; // from node.succeeded / node.cached
    QString fromRun;     // node.cached {run}: the run the outputs were taken from (resume, cache)

    friend bool operator==(const NodeStatus &, const NodeStatus &) = default;
};

enum class RunPhase : quint8 { NotStarted, Running, Succeeded, Failed, Cancelled };
QString runPhaseName(RunPhase phase);

// The state of a run folded from its events alone: the one reducer used by the CLI, the tests, the
// GUI's run panel and canvas overlay, and the remote client. Feeding it the same events in the same
// order always gives the same state; events it has already seen (seq <= lastSeq) are ignored, so a
// replay that overlaps the live stream is harmless.
class RunState
{
public:
    // Folds `event` in. Returns false when the event was ignored (other run, already seen).
    bool apply(const RunEvent &event);
    void apply(const RunEvents &events);
    static RunState fold(const RunEvents &events);
    // A view that shows no log lines (the canvas) skips their cost: with false, node.log events only
    // advance lastSeq, and NodeStatus::message/logLines stay as the other events leave them.
    void setFoldsLogLines(bool fold) { m_foldLogs = fold; }

    QString runId() const { return m_runId; }
    QString workflowName() const { return m_name; }
    RunPhase phase() const { return m_phase; }
    bool isFinished() const { return m_phase >= RunPhase::Succeeded; }
    QString error() const { return m_error; }
    qint64 startedAt() const { return m_startedAt; }
    qint64 finishedAt() const { return m_finishedAt; }
    qint64 lastSeq() const { return m_lastSeq; }
    // Seq gaps seen (events that arrived after a missing one): 0 for a complete stream.
    int gaps() const { return m_gaps; }
    QVariantMap outputs() const { return m_outputs; } // the workflow's outputs from run.finished

    // Node ids in file order (from run.started, then in order of first appearance).
    const QStringList &nodeIds() const { return m_order; }
    const NodeStatus *node(const QString &id) const;
    int count(NodeState state) const { return m_counts[size_t(state)]; }
    int nodeCount() const { return int(m_order.size()); }
    // Nodes in a final state (succeeded, failed, skipped, cancelled, cached).
    int finishedCount() const;
    // Fraction of nodes in a final state.
    double fractionDone() const;

    // A late joiner's start (a client that connects mid-run, a view bound to a long run): the state
    // as JSON, every field the views draw. fromSnapshot() then apply() of the events after lastSeq()
    // gives the same state as folding every event from the first. Nullopt for JSON that is not one.
    QJsonObject snapshot() const;
    // The same as compact JSON text (QJsonDocument(snapshot()).toJson(Compact), byte for byte), written
    // without building the QJsonObject: what the history stores once per run.
    QByteArray snapshotJson() const;
    static std::optional<RunState> fromSnapshot(const QJsonObject &json);
    // Same run, same node states and fields (the log-folding switch is not compared).
    bool sameAs(const RunState &other) const;

private:
    NodeStatus &nodeFor(const QString &id);
    void setState(NodeStatus &node, NodeState state);
    void applyNodeEvent(const RunEvent &event);

    QString m_runId;
    QString m_name;
    RunPhase m_phase = RunPhase::NotStarted;
    QString m_error;
    qint64 m_startedAt = 0;
    qint64 m_finishedAt = 0;
    qint64 m_lastSeq = 0;
    int m_gaps = 0;
    QVariantMap m_outputs;
    QStringList m_order;
    QHash<QString, NodeStatus> m_nodes;
    std::array<int, NodeStateCount> m_counts{};
    bool m_foldLogs = true;
};

} // namespace Flow

#pragma once

#include "runsource.h"
#include "runstate.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Flow {

// One shown run: its RunState (folded once, here, for every view) and the events as they come. Views
// (run panel, log, timeline, canvas overlay) are bound to a feed and show its run and nothing else;
// which run a view shows is decided by which feed it is given, never by the events it sees. A feed
// takes events from a RunSource, or from apply() directly (tests, a replay built in memory).
//
// Lives in the GUI thread; the source it owns must live there too (sources that work elsewhere post
// their batches to themselves first).
class RunFeed : public QObject
{
    Q_OBJECT

public:
    // What one batch changed, for views that redraw only that.
    struct Changes
    {
        bool reset = false;              // the whole state was replaced (loadSnapshot)
        bool run = false;                // run.started / run.finished: the run's own fields
        QHash<QString, NodeState> nodes; // node -> its state before the batch; non-log events
        QSet<QString> logged;            // nodes that got log lines (message, line count)
        bool any() const { return reset || run || !nodes.isEmpty() || !logged.isEmpty(); }
    };

    // Takes ownership of `source` and applies everything it delivers.
    explicit RunFeed(RunSource *source, QObject *parent = nullptr);
    // A feed filled by apply() alone, for run `runId` (empty: the run of the first event).
    explicit RunFeed(const QString &runId = {}, QObject *parent = nullptr);
    ~RunFeed() override;

    RunSource *source() const { return m_source; }
    QString runId() const { return m_runId; }
    const RunState &state() const { return m_state; }
    qint64 eventCount() const { return m_applied; }
    bool isFinished() const;
    bool canStop() const { return m_source && m_source->canStop(); }
    void stop();

    // Folds in the events of this run that it has not seen (seq > lastSeq), in order, and emits
    // applied() with exactly those. Events of another run are ignored.
    void apply(const RunEvents &batch);
    // A late joiner's start: replaces the state with `snapshot` (of this run); events up to its
    // lastSeq are then ignored as already seen.
    bool loadSnapshot(const RunState &snapshot);

signals:
    // After the state took `events`. `events` holds only what was accepted.
    void applied(const Flow::RunEvents &events, const Flow::RunFeed::Changes &changes);
    void finished(Flow::RunStatus status, const QString &error);
    void canStopChanged(bool canStop);

private:
    void onSourceFinished(RunStatus status, const QString &error);
    void onStateKnown(const RunState &state);
    // Passes on (to applied()) the leading events of `batch` that the known state already holds.
    qsizetype listKnown(const RunEvents &batch);

    QPointer<RunSource> m_source;
    QString m_runId;
    RunState m_state;
    qint64 m_applied = 0;
    bool m_sourceEnded = false;
    qint64 m_knownUpTo = 0; // from the source's stateKnown(): events up to here are listed, not folded
};

} // namespace Flow

Q_DECLARE_METATYPE(Flow::RunFeed::Changes)

#pragma once

#include "runevent.h"
#include "runstate.h"

#include <QObject>

namespace Flow {

// Where one run's events come from: a run of the executor on this machine, a finished run replayed
// from the history, a run on a remote server. Each kind lives beside its own code (executor/,
// history/, remote/) and implements this; everything that shows a run (RunFeed and the views bound
// to it) sees only this interface, so the views cannot tell the kinds apart.
//
// Contract: events() carries every event of the run once, in seq order, several at a time, on the
// thread the source lives in. A source may start after seq 1 (a remote client that joins late loads
// a snapshot first, see RunState::snapshot()). finished() follows the batch that holds run.finished,
// or reports a source that ended without one (a dropped connection, a damaged history).
class RunSource : public QObject
{
    Q_OBJECT

public:
    // What kind of source this is, for the run list's icon and tooltip only (never for behaviour).
    enum class Origin : quint8 { Local, History, Remote };

    explicit RunSource(QObject *parent = nullptr);

    virtual QString runId() const = 0;
    virtual Origin origin() const = 0;
    // The workflow exactly as it ran (YAML text), and the file it came from (may be empty).
    virtual QString workflowText() const = 0;
    virtual QString workflowPath() const { return {}; }
    // Whether stop() can do anything now (a live run that has not finished; false for a replay).
    virtual bool canStop() const = 0;
    // Asks the run to stop: returns at once; the remaining events (node.cancelled..., run.finished)
    // follow through events(). Cancelling, not forgetting: what happened stays shown.
    virtual void stop() = 0;

    bool isFinished() const { return m_finished; }

signals:
    void events(const Flow::RunEvents &batch);
    // The run's state up to state.lastSeq(), known before its events (a stored run's final state):
    // the feed shows it at once, and the events up to lastSeq() that follow are only listed (log,
    // timeline), not folded again.
    void stateKnown(const Flow::RunState &state);
    void finished(Flow::RunStatus status, const QString &error);
    void canStopChanged(bool canStop);

protected:
    // For implementations: emits the batch, and finished() after a batch that ends the run.
    void deliver(const RunEvents &batch);
    void deliverState(const RunState &state) { emit stateKnown(state); }
    // Ends a source whose stream stopped without run.finished (reported as failed with `error`).
    void endWithout(const QString &error);

private:
    bool m_finished = false;
};

} // namespace Flow

#pragma once

#include "model/diagnostic.h"
#include "model/workflow.h"
#include "runs/runevent.h"
#include "runoptions.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>

namespace Flow {

class NodeRegistry;
class RunCore;

// One execution of a workflow (DESIGN.md §5). Nothing about a run is global: it owns its graph, its
// thread pool and its timers. The Run object lives in the thread that creates it (the "scheduler
// thread", which needs an event loop); nodes run on the run's own QThreadPool, at most
// maxParallel() at once. Every change is announced as a RunEvent, from the scheduler thread, in seq
// order; a listener in another thread receives them queued.
//
// When a node fails after its retries, settings.on_error decides (default `stop`):
//   stop            Cancel the running nodes (they end `node.cancelled`), start nothing more; nodes
//                   that never started end `node.skipped`. The run fails.
//   continue        Keep running everything that does not depend on the failed node; its dependents
//                   (transitively) end `node.skipped`. The run fails at the end.
//   finish_running  Start nothing new; nodes already in progress finish, including their remaining
//                   retries; nodes that never started end `node.skipped`. The run fails.
// A node whose `when:` is false ends `node.skipped` and so do its dependents; that alone does not fail
// the run. Every node ends with exactly one terminal event (succeeded, failed, skipped, cached,
// cancelled) before `run.finished`.
class Run : public QObject
{
    Q_OBJECT

public:
    // `registry` must outlive the run. The workflow is copied: editing the document during a run does
    // not change the run.
    Run(Workflow workflow, const NodeRegistry &registry, RunOptions options = {}, QObject *parent = nullptr);
    // Cancels a run that is still going and waits for its workers (nodes return promptly on cancel).
    ~Run() override;

    QString id() const;
    const Workflow &workflow() const { return m_workflow; }
    int maxParallel() const;
    // Why the run cannot start (unknown or unimplemented types, cycles, missing or unknown params).
    // Empty when it can. start() on a run with problems fails it without running any node.
    Diagnostics problems() const;
    // The params as the run sees them: given values plus defaults.
    QVariantMap params() const;

    void start();
    // Stops everything promptly: running nodes see isCancelled() (shell processes are killed by their
    // node), nothing new starts, every unfinished node ends `node.cancelled`, then
    // `run.finished{cancelled}`. Returns at once; finished() follows when the last worker is done.
    void cancel();

    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    RunStatus status() const { return m_status; } // meaningful once finished
    QString error() const { return m_error; }     // why it failed or was cancelled
    // After finish: the workflow's `outputs:` and any node's outputs.
    QVariantMap outputs() const;
    QVariantMap nodeOutputs(const QString &nodeId) const;

signals:
    // Each event, in seq order.
    void eventOccurred(const Flow::RunEvent &event);
    // The same events, several at a time (everything that arrived since the last delivery): cheaper
    // for listeners in other threads and for anything that writes them out.
    void eventsReady(const Flow::RunEvents &events);
    // After the run.finished event was delivered.
    void finished(Flow::RunStatus status);

private:
    class Hooks;
    void flushEvents();
    void scheduleRetry(int node, int attempt, Millis delay);

    Workflow m_workflow;
    QThreadPool m_pool;
    std::unique_ptr<Hooks> m_hooks;
    std::unique_ptr<RunCore> m_core;
    QTimer *m_runTimeout; // a child, so that it moves along if the run is moved to another thread
    bool m_started = false;
    bool m_finished = false;
    RunStatus m_status = RunStatus::Succeeded;
    QString m_error;
};

// NodeRegistry::builtins(), for code that should not depend on nodes/registry.h.
const NodeRegistry &builtinNodeRegistry();

} // namespace Flow

#pragma once

// Internal to executor/: the run's dependency graph and state machine, shared by the Run object (in
// the thread that created it) and the worker threads. Public users see only run.h.

#include "attempt.h"
#include "executor/backends/runbackends.h"
#include "expressions.h"
#include "jssandbox.h"
#include "model/diagnostic.h"
#include "runoptions.h"
#include "runs/runevent.h"
#include "runs/runstate.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QThreadPool;

namespace Flow {
class NodeRegistry;
}

namespace Flow {

// What the core needs from its owner (the Run), called with no lock held or under the core lock as
// noted; both only post to the owner's thread.
class RunCoreHooks
{
public:
    virtual ~RunCoreHooks() = default;
    // Events were queued after the queue was empty: arrange for takeEvents() soon.
    virtual void eventsPending() = 0;
    // Call retryDue(node, attempt) after `delay`, from the owner's thread.
    virtual void retryLater(int node, int attempt, Millis delay) = 0;
};

class RunCore final : public AttemptHost
{
public:
    RunCore(const Workflow &workflow, const NodeRegistry &registry, RunOptions options, RunCoreHooks *hooks,
            QThreadPool *pool);
    ~RunCore();

    // Problems that make the run impossible (unknown or unimplemented types, missing nodes, cycles,
    // params): found when the core is built. start() with problems fails the run without running a node.
    const Diagnostics &problems() const { return m_problems; }
    const QString &runId() const override { return m_runId; }
    int maxParallel() const { return m_maxParallel; }
    const QVariantMap &params() const { return m_params; }

    void start();
    // Stops everything: running nodes see isCancelled(), nothing new starts, the rest end cancelled.
    void cancel(RunStatus status, const QString &reason);
    void retryDue(int node, int attempt);

    // The events queued since the last call, in seq order.
    RunEvents takeEvents();
    bool isFinished() const;
    // After the run finished: the workflow's `outputs:` and any node's outputs.
    QVariantMap workflowOutputs() const;
    QVariantMap nodeOutputs(const QString &nodeId) const;

    // AttemptHost, used by the node context on worker threads.
    void nodeLog(int node, int attempt, int item, const QString &stream, const QString &line) override;
    void nodeProgress(int node, int attempt, double fraction, const QString &text) override;
    bool isCancelled(int node) const override
    {
        return m_cancelAll.load(std::memory_order_relaxed)
               || m_nodeCancel[size_t(node)].load(std::memory_order_relaxed);
    }
    bool waitUntil(int node, QDeadlineTimer until, QDeadlineTimer deadline) override;
    const QString &workingDirectory() const override { return m_workingDirectory; }
    const RunOptions &runOptions() const override { return m_options; }
    OnError onErrorPolicy() const override { return m_onError; }
    void nestedEvent(int node, RunEvent event) override; // runworker.cpp
    ExecBackend *execBackend(int node) const override { return m_backends->forNode(node); }

private:
    static constexpr int WholeNode = -1; // a plain node's attempt
    static constexpr int Prepare = -2;   // a for_each node's attempt start: evaluates the items

    struct Job
    {
        int node = 0;
        int attempt = 1;
        int item = WholeNode;
    };

    struct Outcome
    {
        enum Kind { Succeeded, Failed, Cancelled, Skipped, Items, Cached } kind = Failed;
        QVariantMap outputs;
        QString error; // or the skip reason
        bool retryable = true;
        QVariantList items;
        qint64 duration = 0;
        QString fromRun; // Cached: the run that computed the outputs
    };

    struct Slot
    {
        const Node *spec = nullptr;
        const NodeTypeInfo *info = nullptr;
        std::vector<int> deps;
        std::vector<int> dependents;
        std::vector<int> inputSources; // slot of each spec->inputs entry
        QStringList depIds;            // what JavaScript sees under `nodes` (only when there are expressions)
        int waiting = 0;               // deps not yet succeeded
        NodeState state = NodeState::Pending;
        bool started = false;
        int attempt = 0;
        int running = 0;      // jobs of this node executing on workers
        qint64 startedAt = 0; // core clock ms, attempt start
        QVariantMap outputs;
        QString lastError;
        Value configTemplate;                    // config with defaults filled in
        std::optional<QVariantMap> staticConfig; // when it holds no expression
        RetryPolicy retry;
        // for_each
        bool forEach = false;
        int concurrency = 0;
        QVariantList items;
        std::vector<QVariantMap> itemOutputs;
        int nextItem = 0;
        int itemsOpen = 0; // item jobs queued or executing in this attempt
        int itemsDone = 0;
        bool attemptFailed = false;
        QString attemptError;
        bool attemptRetryable = true;
    };

    // Building (runplan.cpp)
    void buildGraph();
    void checkProblems();
    void resolveParams();
    void addProblem(const QString &message, const Node *node = nullptr);
    void applySeed(); // runseed.cpp

    // State machine, all with m_mutex held (runcore.cpp)
    void pushEvent(RunEvent event);
    RunEvent makeEvent(EventKind kind, int node, int attempt, QVariantMap data = {}) const;
    void makeReady(int node);
    void queueJob(const Job &job);
    bool takeJob(Job &job);
    void spawnWorkers();
    void complete(const Job &job, Outcome &outcome);
    void completeItem(const Job &job, Outcome &outcome);
    void fillItems(int node);
    void attemptFailed(int node, const QString &error, bool retryable);
    void succeed(int node, QVariantMap outputs, qint64 duration, EventKind kind = EventKind::NodeSucceeded,
                 const QString &fromRun = {});
    void fail(int node, const QString &error);
    void finishNode(int node, NodeState state, EventKind kind, QVariantMap data);
    void skipDependents(int node, const QString &reason);
    void stopStarting(const QString &reason, bool cancelRunning);
    void concludeIdleNodes(EventKind notStartedKind, const QString &reason);
    void purgeJobs(const std::function<bool(const Job &)> &drop);
    void maybeFinish();
    QVariantMap outputsLocked() const;
    void wakeWaiters();

    // Work, no lock held (runworker.cpp)
    void workerMain();
    Outcome execute(const Job &job);
    Outcome runNode(const Job &job, const ExpressionScope &scope);
    ExpressionScope scopeFor(const Job &job) const;
    QVariantMap inputsFor(int node) const;
    void emitStarted(const Job &job);
    QVariantMap masked(const QVariantMap &data) const;
    QString masked(const QString &text) const;

    const Workflow &m_workflow;
    const NodeRegistry &m_registry;
    RunOptions m_options;
    RunCoreHooks *m_hooks;
    QThreadPool *m_pool;
    QString m_runId;
    QString m_workingDirectory;
    QVariantMap m_params;
    QHash<QString, QString> m_env;
    QStringList m_secretValues;              // longest first
    std::unique_ptr<RunBackends> m_backends; // executor/backends: local or Slurm, per node
    int m_maxParallel = 1;
    OnError m_onError = OnError::Stop;
    Diagnostics m_problems;
    JsSandbox m_sandbox;
    ExpressionEvaluator m_evaluator;
    QElapsedTimer m_clock;

    std::vector<Slot> m_slots;
    QHash<QString, int> m_index;
    std::unique_ptr<std::atomic<bool>[]> m_nodeCancel;
    std::atomic<bool> m_cancelAll{false};

    mutable std::mutex m_mutex; // guards everything below and the Slots' mutable state
    std::deque<Job> m_ready;
    int m_workers = 0;     // worker loops alive
    int m_idleSpawned = 0; // of which not yet holding a job
    int m_finalNodes = 0;
    bool m_started = false;
    bool m_stopping = false; // nothing new starts
    bool m_finished = false;
    bool m_anyFailed = false;
    RunStatus m_endStatus = RunStatus::Succeeded; // set by cancel()
    bool m_cancelled = false;
    QString m_endError;

    // Events: their own lock, so that log lines from workers never wait for the scheduler.
    mutable std::mutex m_eventMutex;
    RunEvents m_events;
    qint64 m_seq = 0;

    std::mutex m_waitMutex;
    std::condition_variable m_waitCv;
};

} // namespace Flow

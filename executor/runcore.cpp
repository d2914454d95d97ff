// The run's graph and state machine. Every function below runs with m_mutex held unless it says
// otherwise; the work itself (expressions, the node's run()) happens in runworker.cpp without it.
#include "runcore.h"

#include <QDateTime>
#include <QThreadPool>

#include <algorithm>

namespace Flow {
namespace {

QString quoted(const QString &id)
{
    return QLatin1Char('\'') + id + QLatin1Char('\'');
}

} // namespace

// ---- events ----------------------------------------------------------------------------------

RunEvent RunCore::makeEvent(EventKind kind, int node, int attempt, QVariantMap data) const
{
    RunEvent e;
    e.run = m_runId;
    if (node >= 0)
        e.node = m_slots[size_t(node)].spec->id;
    e.kind = kind;
    e.attempt = attempt;
    e.data = std::move(data);
    return e;
}

// May run with or without m_mutex; takes only the event lock.
void RunCore::pushEvent(RunEvent event)
{
    if (!m_secretValues.isEmpty())
        event.data = masked(event.data);
    bool wasEmpty = false;
    {
        std::lock_guard lock(m_eventMutex);
        event.seq = ++m_seq;
        event.time = QDateTime::currentMSecsSinceEpoch();
        wasEmpty = m_events.isEmpty();
        m_events.append(std::move(event));
    }
    if (wasEmpty)
        m_hooks->eventsPending();
}

RunEvents RunCore::takeEvents()
{
    std::lock_guard lock(m_eventMutex);
    RunEvents events;
    events.swap(m_events);
    return events;
}

// ---- scheduling ------------------------------------------------------------------------------

void RunCore::start()
{
    std::lock_guard lock(m_mutex);
    if (m_started)
        return;
    m_started = true;
    QVariantList ids;
    ids.reserve(qsizetype(m_slots.size()));
    for (const Slot &s : m_slots)
        ids.append(s.spec->id);
    QVariantMap started{{QStringLiteral("name"), m_workflow.name},
                        {QStringLiteral("nodes"), ids},
                        {QStringLiteral("params"), m_params}};
    if (!m_options.seed.fromRun.isEmpty()) {
        started.insert(QStringLiteral("continues"), m_options.seed.fromRun);
        started.insert(QStringLiteral("mode"), m_options.seed.mode);
    }
    pushEvent(makeEvent(EventKind::RunStarted, -1, 0, std::move(started)));
    if (hasErrors(m_problems)) {
        m_anyFailed = true;
        m_endError = QStringLiteral("cannot run: ") + m_problems.first().message;
        m_stopping = true;
        for (size_t i = 0; i < m_slots.size(); ++i)
            finishNode(int(i), NodeState::Skipped, EventKind::NodeSkipped,
                       {{QStringLiteral("reason"), QStringLiteral("the run could not start")}});
        maybeFinish();
        return;
    }
    applySeed();
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].waiting == 0 && m_slots[i].state == NodeState::Pending)
            makeReady(int(i));
    }
    spawnWorkers();
    maybeFinish();
}

void RunCore::makeReady(int node)
{
    Slot &s = m_slots[size_t(node)];
    s.state = NodeState::Queued;
    s.attempt = 1;
    pushEvent(makeEvent(EventKind::NodeQueued, node, 0));
    queueJob(Job{node, 1, s.forEach ? Prepare : WholeNode});
}

void RunCore::queueJob(const Job &job)
{
    m_ready.push_back(job);
}

bool RunCore::takeJob(Job &job)
{
    if (m_ready.empty())
        return false;
    job = m_ready.front();
    m_ready.pop_front();
    Slot &s = m_slots[size_t(job.node)];
    ++s.running;
    if (job.item < 0) {
        s.state = NodeState::Running;
        s.started = true;
        s.startedAt = m_clock.elapsed();
    }
    return true;
}

void RunCore::spawnWorkers()
{
    // Only as many workers as there are jobs for them: the pool never queues work of ours, so a job
    // starts exactly when the scheduler decides, and a worker that finishes a job takes the next
    // ready one itself (no thread hand-over per node on a chain).
    int want = std::min(m_maxParallel - m_workers, int(m_ready.size()) - m_idleSpawned);
    for (; want > 0; --want) {
        ++m_workers;
        ++m_idleSpawned;
        m_pool->start([this] { workerMain(); });
    }
}

void RunCore::retryDue(int node, int attempt)
{
    std::lock_guard lock(m_mutex);
    Slot &s = m_slots[size_t(node)];
    if (s.state != NodeState::Retrying || s.attempt + 1 != attempt || m_cancelAll)
        return;
    s.attempt = attempt;
    s.state = NodeState::Queued;
    m_nodeCancel[size_t(node)] = false;
    queueJob(Job{node, attempt, s.forEach ? Prepare : WholeNode});
    spawnWorkers();
}

void RunCore::complete(const Job &job, Outcome &outcome)
{
    Slot &s = m_slots[size_t(job.node)];
    --s.running;
    if (job.item >= 0) {
        completeItem(job, outcome);
        maybeFinish();
        return;
    }
    if (m_cancelAll && outcome.kind != Outcome::Succeeded && outcome.kind != Outcome::Cached)
        outcome.kind = Outcome::Cancelled;
    switch (outcome.kind) {
    case Outcome::Skipped:
        s.started = false; // `when:` said no before any attempt began: the skip carries no attempt
        finishNode(job.node, NodeState::Skipped, EventKind::NodeSkipped,
                   {{QStringLiteral("reason"), outcome.error}});
        skipDependents(job.node, QStringLiteral("needs %1, which was skipped").arg(quoted(s.spec->id)));
        break;
    case Outcome::Items:
        s.items = std::move(outcome.items);
        s.itemOutputs.assign(size_t(s.items.size()), QVariantMap());
        s.nextItem = s.itemsOpen = s.itemsDone = 0;
        s.attemptFailed = false;
        if (s.items.isEmpty()) {
            // No items: every declared output is an empty list, as it would be a list otherwise.
            QVariantMap outputs;
            for (const PortInfo &port : s.info->outputs)
                outputs.insert(port.name, QVariantList());
            succeed(job.node, std::move(outputs), m_clock.elapsed() - s.startedAt);
        } else
            fillItems(job.node);
        break;
    case Outcome::Cached:
        succeed(job.node, std::move(outcome.outputs), 0, EventKind::NodeCached, outcome.fromRun);
        break;
    case Outcome::Succeeded:
        succeed(job.node, std::move(outcome.outputs), outcome.duration);
        break;
    case Outcome::Failed:
        attemptFailed(job.node, outcome.error, outcome.retryable);
        break;
    case Outcome::Cancelled:
        finishNode(
            job.node, NodeState::Cancelled, EventKind::NodeCancelled,
            {{QStringLiteral("reason"), m_endError.isEmpty() ? QStringLiteral("cancelled") : m_endError}});
        break;
    }
    maybeFinish();
}

void RunCore::completeItem(const Job &job, Outcome &outcome)
{
    const int node = job.node;
    Slot &s = m_slots[size_t(node)];
    --s.itemsOpen;
    if (!s.attemptFailed && !m_cancelAll) {
        if (outcome.kind == Outcome::Succeeded || outcome.kind == Outcome::Cached) {
            s.itemOutputs[size_t(job.item)] = std::move(outcome.outputs);
            ++s.itemsDone;
            const qsizetype total = s.items.size();
            pushEvent(
                makeEvent(EventKind::NodeProgress, node, s.attempt,
                          {{QStringLiteral("fraction"), double(s.itemsDone) / double(total)},
                           {QStringLiteral("text"), QStringLiteral("%1/%2").arg(s.itemsDone).arg(total)}}));
            fillItems(node);
        } else if (outcome.kind == Outcome::Failed) {
            // One failed item fails the attempt: stop its siblings, start no more of them.
            s.attemptFailed = true;
            s.attemptError = QStringLiteral("item %1: %2").arg(job.item).arg(outcome.error);
            s.attemptRetryable = outcome.retryable;
            m_nodeCancel[size_t(node)] = true;
            wakeWaiters();
            purgeJobs([node](const Job &j) { return j.node == node; });
        }
    }
    if (s.itemsOpen > 0)
        return;
    if (m_cancelAll) {
        finishNode(node, NodeState::Cancelled, EventKind::NodeCancelled,
                   {{QStringLiteral("reason"), m_endError}});
    } else if (s.attemptFailed) {
        m_nodeCancel[size_t(node)] = false;
        attemptFailed(node, s.attemptError, s.attemptRetryable);
    } else if (s.itemsDone == s.items.size()) {
        // Outputs as lists, one entry per item in item order.
        QVariantMap outputs;
        for (const QVariantMap &item : s.itemOutputs) {
            for (auto it = item.begin(); it != item.end(); ++it)
                outputs[it.key()];
        }
        for (auto it = outputs.begin(); it != outputs.end(); ++it) {
            QVariantList list;
            list.reserve(s.items.size());
            for (const QVariantMap &item : s.itemOutputs)
                list.append(item.value(it.key()));
            it.value() = list;
        }
        succeed(node, std::move(outputs), m_clock.elapsed() - s.startedAt);
    }
}

void RunCore::fillItems(int node)
{
    Slot &s = m_slots[size_t(node)];
    while (s.nextItem < s.items.size() && s.itemsOpen < s.concurrency) {
        queueJob(Job{node, s.attempt, s.nextItem++});
        ++s.itemsOpen;
    }
}

void RunCore::attemptFailed(int node, const QString &error, bool retryable)
{
    Slot &s = m_slots[size_t(node)];
    s.lastError = error;
    if (retryable && s.attempt < s.retry.attempts && !m_cancelAll) {
        const int next = s.attempt + 1;
        const Millis delay = s.retry.delayBefore(next);
        s.state = NodeState::Retrying;
        pushEvent(makeEvent(EventKind::NodeRetrying, node, s.attempt,
                            {{QStringLiteral("attempt"), next},
                             {QStringLiteral("delay"), qint64(delay.count())},
                             {QStringLiteral("error"), error}}));
        // The wait happens on a timer in the owner's thread: no worker is held while waiting.
        m_hooks->retryLater(node, next, delay);
        return;
    }
    fail(node, error);
}

void RunCore::succeed(int node, QVariantMap outputs, qint64 duration, EventKind kind, const QString &fromRun)
{
    Slot &s = m_slots[size_t(node)];
    s.outputs = std::move(outputs);
    QVariantMap data{{QStringLiteral("outputs"), s.outputs}};
    if (kind == EventKind::NodeSucceeded)
        data.insert(QStringLiteral("duration"), duration);
    // The same field as a resumed run's node.cached: the run the outputs come from.
    if (!fromRun.isEmpty())
        data.insert(QStringLiteral("run"), fromRun);
    finishNode(node, kind == EventKind::NodeSucceeded ? NodeState::Succeeded : NodeState::Cached, kind,
               std::move(data));
    for (int d : s.dependents) {
        Slot &dep = m_slots[size_t(d)];
        if (--dep.waiting == 0 && dep.state == NodeState::Pending)
            makeReady(d);
    }
}

void RunCore::fail(int node, const QString &error)
{
    finishNode(node, NodeState::Failed, EventKind::NodeFailed, {{QStringLiteral("error"), error}});
    m_anyFailed = true;
    const QString id = quoted(m_slots[size_t(node)].spec->id);
    if (m_endError.isEmpty())
        m_endError = QStringLiteral("node %1 failed: %2").arg(id, error);
    skipDependents(node, QStringLiteral("needs %1, which failed").arg(id));
    switch (m_onError) {
    case OnError::Continue:
        break;
    case OnError::Stop:
        stopStarting(QStringLiteral("not started: node %1 failed (on_error: stop)").arg(id), true);
        break;
    case OnError::FinishRunning:
        stopStarting(QStringLiteral("not started: node %1 failed (on_error: finish_running)").arg(id), false);
        break;
    }
}

void RunCore::finishNode(int node, NodeState state, EventKind kind, QVariantMap data)
{
    Slot &s = m_slots[size_t(node)];
    s.state = state;
    ++m_finalNodes;
    pushEvent(makeEvent(kind, node, s.started ? s.attempt : 0, std::move(data)));
}

void RunCore::skipDependents(int node, const QString &reason)
{
    std::vector<std::pair<int, QString>> todo{{node, reason}};
    while (!todo.empty()) {
        auto [from, why] = std::move(todo.back());
        todo.pop_back();
        for (int d : m_slots[size_t(from)].dependents) {
            Slot &dep = m_slots[size_t(d)];
            if (dep.state != NodeState::Pending)
                continue;
            finishNode(d, NodeState::Skipped, EventKind::NodeSkipped, {{QStringLiteral("reason"), why}});
            todo.emplace_back(d, QStringLiteral("needs %1, which was skipped").arg(quoted(dep.spec->id)));
        }
    }
}

void RunCore::stopStarting(const QString &reason, bool cancelRunning)
{
    m_stopping = true;
    if (cancelRunning && !m_cancelAll) {
        m_cancelAll = true;
        wakeWaiters();
    }
    concludeIdleNodes(EventKind::NodeSkipped, reason);
}

// Ends every node that is not executing and will not continue: never started ones as `notStartedKind`,
// and, once everything is cancelled, the ones between attempts.
void RunCore::concludeIdleNodes(EventKind notStartedKind, const QString &reason)
{
    if (m_cancelAll)
        purgeJobs([](const Job &) { return true; });
    else
        purgeJobs([this](const Job &j) { return !m_slots[size_t(j.node)].started; });
    for (size_t i = 0; i < m_slots.size(); ++i) {
        Slot &s = m_slots[i];
        if (isFinal(s.state))
            continue;
        if (!s.started) {
            const NodeState state
                = notStartedKind == EventKind::NodeSkipped ? NodeState::Skipped : NodeState::Cancelled;
            finishNode(int(i), state, notStartedKind, {{QStringLiteral("reason"), reason}});
        } else if (m_cancelAll && s.running == 0 && s.itemsOpen <= 0) {
            finishNode(int(i), NodeState::Cancelled, EventKind::NodeCancelled,
                       {{QStringLiteral("reason"), reason}});
        }
    }
}

void RunCore::purgeJobs(const std::function<bool(const Job &)> &drop)
{
    std::deque<Job> keep;
    for (const Job &j : m_ready) {
        if (!drop(j))
            keep.push_back(j);
        else if (j.item >= 0)
            --m_slots[size_t(j.node)].itemsOpen;
    }
    m_ready.swap(keep);
}

void RunCore::cancel(RunStatus status, const QString &reason)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || m_cancelled)
        return;
    if (!m_started) {
        m_started = true;
        pushEvent(makeEvent(EventKind::RunStarted, -1, 0, {{QStringLiteral("name"), m_workflow.name}}));
    }
    m_cancelled = true;
    m_endStatus = status;
    m_endError = reason;
    m_stopping = true;
    m_cancelAll = true;
    wakeWaiters();
    concludeIdleNodes(EventKind::NodeCancelled, reason);
    maybeFinish();
}

void RunCore::maybeFinish()
{
    if (m_finished || !m_started || m_finalNodes < int(m_slots.size()))
        return;
    m_finished = true;
    const RunStatus status = m_cancelled   ? m_endStatus
                             : m_anyFailed ? RunStatus::Failed
                                           : RunStatus::Succeeded;
    QVariantMap data{{QStringLiteral("status"), runStatusName(status)}};
    if (status != RunStatus::Succeeded)
        data.insert(QStringLiteral("error"), m_endError);
    const QVariantMap outputs = outputsLocked();
    if (!outputs.isEmpty())
        data.insert(QStringLiteral("outputs"), outputs);
    pushEvent(makeEvent(EventKind::RunFinished, -1, 0, std::move(data)));
}

void RunCore::wakeWaiters()
{
    {
        std::lock_guard lock(m_waitMutex);
    }
    m_waitCv.notify_all();
}

bool RunCore::isFinished() const
{
    std::lock_guard lock(m_mutex);
    return m_finished;
}

QVariantMap RunCore::workflowOutputs() const
{
    std::lock_guard lock(m_mutex);
    return outputsLocked();
}

QVariantMap RunCore::outputsLocked() const
{
    QVariantMap outputs;
    for (const OutputBinding &b : m_workflow.outputs) {
        const int i = m_index.value(b.sourceNode, -1);
        if (i >= 0)
            outputs.insert(b.name, m_slots[size_t(i)].outputs.value(b.sourcePort));
    }
    return outputs;
}

QVariantMap RunCore::nodeOutputs(const QString &nodeId) const
{
    std::lock_guard lock(m_mutex);
    const int i = m_index.value(nodeId, -1);
    return i < 0 ? QVariantMap() : m_slots[size_t(i)].outputs;
}

} // namespace Flow

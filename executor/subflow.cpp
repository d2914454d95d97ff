// flow.subflow: a whole run inside one attempt. The sub-run's core is driven from the worker
// thread the attempt runs on, without an event loop: its hooks only record what is due, and the
// loop below forwards events, fires retries and watches for a cancel or the deadline.
#include "subflow.h"

#include "model/subflows.h"
#include "nodes/registry.h"
#include "runcore.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThreadPool>

#include <condition_variable>
#include <mutex>

namespace Flow {
namespace {

// How often the loop looks at the calling node's cancel flag and deadline when nothing else
// happens. The flag has no way to wake us; 20 ms keeps a cancel prompt at no measurable cost.
constexpr std::chrono::milliseconds CancelPoll{20};

class SubflowDriver final : public RunCoreHooks
{
public:
    void eventsPending() override
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
        m_cv.notify_one();
    }
    void retryLater(int node, int attempt, Millis delay) override
    {
        std::lock_guard lock(m_mutex);
        m_retries.push_back({QDeadlineTimer(delay, Qt::PreciseTimer), node, attempt});
        m_cv.notify_one();
    }

    struct Retry
    {
        QDeadlineTimer due;
        int node;
        int attempt;
    };

    // Sleeps until events are pending, a retry is due, or `poll` passed; returns the due retries.
    std::vector<Retry> waitForWork(std::chrono::milliseconds poll)
    {
        std::unique_lock lock(m_mutex);
        auto until = std::chrono::steady_clock::now() + poll;
        for (const Retry &r : m_retries)
            until = std::min(until, std::chrono::steady_clock::now() + r.due.remainingTimeAsDuration());
        m_cv.wait_until(lock, until, [&] { return m_pending; });
        m_pending = false;
        std::vector<Retry> due;
        for (auto it = m_retries.begin(); it != m_retries.end();) {
            if (it->due.hasExpired()) {
                due.push_back(*it);
                it = m_retries.erase(it);
            } else {
                ++it;
            }
        }
        return due;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_pending = false;
    std::vector<Retry> m_retries;
};

AttemptResult failure(const QString &error, bool retryable)
{
    AttemptResult r;
    r.error = error;
    r.retryable = retryable;
    return r;
}

struct SubRunEnd
{
    bool finished = false;
    RunStatus status = RunStatus::Failed;
    QString error;
};

// Forwards one batch of sub-run events; counts the sub-workflow's own nodes that ended.
void forward(AttemptHost &host, const AttemptRequest &request, RunEvents events, int &done, SubRunEnd &end)
{
    for (RunEvent &e : events) {
        if (e.kind == EventKind::RunStarted)
            continue;
        if (e.kind == EventKind::RunFinished) {
            end.finished = true;
            end.status = runStatusFromName(e.data.value(QStringLiteral("status")).toString())
                             .value_or(RunStatus::Failed);
            end.error = e.data.value(QStringLiteral("error")).toString();
            continue;
        }
        // Nodes of nested sub-workflows ("child/grandchild") count toward their own subflow node.
        if (isTerminal(e.kind) && !e.node.contains(u'/'))
            ++done;
        host.nestedEvent(request.node, std::move(e));
    }
}

} // namespace

QString subflowTypeId()
{
    return QString::fromUtf16(SubflowType);
}

AttemptResult runSubflowAttempt(const NodeRegistry &registry, AttemptHost &host, AttemptRequest request)
{
    QElapsedTimer clock;
    clock.start();
    const RunOptions &parent = host.runOptions();
    const QString written = request.config.value(QStringLiteral("path")).toString();
    if (written.isEmpty())
        return failure(QStringLiteral("config 'path' names no workflow file"), false);
    const QString file = resolveSubflowPath(written, parent.workflowFile, host.workingDirectory());
    const QString key = QFileInfo(file).canonicalFilePath();
    QStringList stack = parent.subflowStack;
    if (!parent.workflowFile.isEmpty())
        stack.append(QFileInfo(parent.workflowFile).canonicalFilePath());
    if (!key.isEmpty() && stack.contains(key))
        return failure(
            QStringLiteral("sub-workflow %1 includes itself (directly or through others)").arg(written),
            false);

    SubflowFile sub = loadSubflowFile(file, &registry);
    if (!sub.ok())
        return failure(QStringLiteral("sub-workflow ") + subflowProblemText(sub, written), false);
    Workflow workflow = std::move(*sub.workflow);
    if (!workflow.settings.onError)
        workflow.settings.onError = host.onErrorPolicy();

    RunOptions options;
    options.runId = host.runId(); // its events are re-announced under this run anyway
    options.params = request.config.value(QStringLiteral("params")).toMap();
    options.params.insert(request.inputs);
    options.maxParallel = parent.maxParallel;
    options.workingDirectory = QFileInfo(file).absolutePath();
    options.env = parent.env;
    options.secrets = parent.secrets;
    options.cache = parent.cache;
    options.expressionTimeLimit = parent.expressionTimeLimit;
    options.workflowFile = key.isEmpty() ? file : key;
    options.subflowStack = stack;

    SubflowDriver driver;
    QThreadPool pool;
    RunCore core(workflow, registry, std::move(options), &driver, &pool);
    if (hasErrors(core.problems())) {
        const Diagnostic &first = core.problems().first();
        return failure(QStringLiteral("sub-workflow %1: %2").arg(written, first.message), false);
    }
    pool.setMaxThreadCount(core.maxParallel());

    const int total = int(workflow.nodes.size());
    int done = 0;
    int reported = -1;
    SubRunEnd end;
    QDeadlineTimer runLimit = workflow.settings.timeout ? QDeadlineTimer(*workflow.settings.timeout)
                                                        : QDeadlineTimer(QDeadlineTimer::Forever);
    bool cancelSent = false;
    core.start();
    while (!end.finished) {
        for (const SubflowDriver::Retry &r : driver.waitForWork(CancelPoll))
            core.retryDue(r.node, r.attempt);
        forward(host, request, core.takeEvents(), done, end);
        if (done != reported && total > 0) {
            reported = done;
            host.nodeProgress(request.node, request.attempt, double(done) / total,
                              QStringLiteral("%1/%2").arg(done).arg(total));
        }
        if (cancelSent || end.finished)
            continue;
        if (host.isCancelled(request.node) || request.deadline.hasExpired()) {
            cancelSent = true;
            core.cancel(RunStatus::Cancelled, host.isCancelled(request.node)
                                                  ? QStringLiteral("cancelled")
                                                  : QStringLiteral("the subflow node timed out"));
        } else if (runLimit.hasExpired()) {
            cancelSent = true;
            core.cancel(RunStatus::Failed, QStringLiteral("sub-workflow timed out after %1")
                                               .arg(formatDuration(*workflow.settings.timeout)));
        }
    }
    // The core announced its end; its workers may still be returning from their last job.
    pool.waitForDone();

    AttemptResult result;
    result.duration = clock.elapsed();
    if (end.status == RunStatus::Succeeded) {
        result.ok = true;
        result.outputs = core.workflowOutputs();
    } else {
        result.error = QStringLiteral("sub-workflow %1 %2: %3")
                           .arg(written,
                                end.status == RunStatus::Cancelled ? QStringLiteral("was cancelled")
                                                                   : QStringLiteral("failed"),
                                end.error);
    }
    return result;
}

} // namespace Flow

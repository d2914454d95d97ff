#include "runcontroller.h"

#include "executor/eventbatcher.h"
#include "executor/run.h"

#include <QUuid>

namespace Flow::Studio {

namespace {
// How often the views get the events of a streaming run. Each delivery repaints the canvas, table and
// timeline; 20 a second looks live and leaves the CPU to the run (on two cores the GUI thread's work
// shows directly in the run's time).
constexpr int BatchesPerSecond = 20;
} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_host(new QObject)
{
    m_thread.setObjectName(QStringLiteral("flow-run-scheduler"));
    m_host->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    m_thread.start();
    // The batcher coalesces in the scheduler thread, so the GUI thread gets at most ~30 queued calls
    // a second however many small flushes the run makes (a million log lines are thousands of them).
    QMetaObject::invokeMethod(m_host, [this] {
        m_batcher = new EventBatcher(m_host, BatchesPerSecond);
        connect(m_batcher, &EventBatcher::batch, this, &RunController::onBatch);
    });
}

RunController::~RunController()
{
    // The one place that waits: the window is going away, and ~Run must finish in its own thread.
    QMetaObject::invokeMethod(
        m_host, [this] { destroyRun(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool RunController::start(const Workflow &workflow, const RunOptions &options)
{
    if (m_running)
        return false;
    RunOptions opts = options;
    if (opts.runId.isEmpty())
        opts.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_runId = opts.runId;
    m_running = true;
    m_stopping = false;
    emit runningChanged(true);
    emit started(m_runId);
    // Building the run plan (expressions, validation) happens in the scheduler thread too.
    QMetaObject::invokeMethod(m_host, [this, workflow, opts] {
        destroyRun();
        auto *run = new Run(workflow, builtinNodeRegistry(), opts);
        connect(run, &Run::eventsReady, m_batcher, qOverload<const RunEvents &>(&EventBatcher::add));
        m_run = run;
        run->start();
    });
    return true;
}

void RunController::stop()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    QMetaObject::invokeMethod(m_host, [this] {
        if (m_run)
            m_run->cancel();
    });
}

void RunController::destroyRun()
{
    // Scheduler thread. ~Run cancels what still runs and waits for its workers.
    delete m_run;
    m_run = nullptr;
}

void RunController::onBatch(const RunEvents &events)
{
    emit batch(events);
    const RunEvent &last = events.constLast();
    if (last.kind != EventKind::RunFinished || last.run != m_runId || !m_running)
        return;
    m_running = false;
    m_stopping = false;
    const RunStatus status
        = runStatusFromName(last.data.value(QStringLiteral("status")).toString()).value_or(RunStatus::Failed);
    QMetaObject::invokeMethod(m_host, [this] { destroyRun(); });
    emit runningChanged(false);
    emit finished(status, last.data.value(QStringLiteral("error")).toString());
}

} // namespace Flow::Studio

#include "run.h"

#include "runcore.h"

namespace Flow {

// Bridges the core (called from any thread) to this object's thread: both calls only post.
class Run::Hooks final : public RunCoreHooks
{
public:
    explicit Hooks(Run *run)
        : m_run(run)
    {}
    void eventsPending() override
    {
        QMetaObject::invokeMethod(
            m_run, [run = m_run] { run->flushEvents(); }, Qt::QueuedConnection);
    }
    void retryLater(int node, int attempt, Millis delay) override
    {
        QMetaObject::invokeMethod(
            m_run, [run = m_run, node, attempt, delay] { run->scheduleRetry(node, attempt, delay); },
            Qt::QueuedConnection);
    }

private:
    Run *m_run;
};

Run::Run(Workflow workflow, const NodeRegistry &registry, RunOptions options, QObject *parent)
    : QObject(parent)
    , m_workflow(std::move(workflow))
    , m_hooks(std::make_unique<Hooks>(this))
    , m_runTimeout(new QTimer(this))
{
    static const bool registered = [] {
        qRegisterMetaType<Flow::RunEvent>();
        qRegisterMetaType<Flow::RunEvents>();
        qRegisterMetaType<Flow::RunStatus>();
        return true;
    }();
    Q_UNUSED(registered)
    m_core = std::make_unique<RunCore>(m_workflow, registry, std::move(options), m_hooks.get(), &m_pool);
    m_pool.setMaxThreadCount(m_core->maxParallel());
    m_runTimeout->setSingleShot(true);
    m_runTimeout->setTimerType(Qt::PreciseTimer);
    connect(m_runTimeout, &QTimer::timeout, this, [this] {
        const Millis limit = m_workflow.settings.timeout.value_or(Millis(0));
        m_core->cancel(RunStatus::Failed,
                       QStringLiteral("run timed out after %1").arg(formatDuration(limit)));
    });
}

Run::~Run()
{
    if (m_started && !m_core->isFinished())
        m_core->cancel(RunStatus::Cancelled, QStringLiteral("cancelled"));
    m_pool.waitForDone();
}

QString Run::id() const
{
    return m_core->runId();
}

int Run::maxParallel() const
{
    return m_core->maxParallel();
}

Diagnostics Run::problems() const
{
    return m_core->problems();
}

QVariantMap Run::params() const
{
    return m_core->params();
}

void Run::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_workflow.settings.timeout)
        m_runTimeout->start(*m_workflow.settings.timeout);
    m_core->start();
}

void Run::cancel()
{
    m_started = true;
    m_core->cancel(RunStatus::Cancelled, QStringLiteral("cancelled"));
}

QVariantMap Run::outputs() const
{
    return m_core->workflowOutputs();
}

QVariantMap Run::nodeOutputs(const QString &nodeId) const
{
    return m_core->nodeOutputs(nodeId);
}

void Run::scheduleRetry(int node, int attempt, Millis delay)
{
    QTimer::singleShot(delay, Qt::PreciseTimer, this,
                       [this, node, attempt] { m_core->retryDue(node, attempt); });
}

void Run::flushEvents()
{
    const RunEvents events = m_core->takeEvents();
    if (events.isEmpty())
        return;
    for (const RunEvent &e : events)
        emit eventOccurred(e);
    emit eventsReady(events);
    const RunEvent &last = events.constLast();
    if (last.kind == EventKind::RunFinished && !m_finished) {
        m_finished = true;
        m_runTimeout->stop();
        m_status = runStatusFromName(last.data.value(QStringLiteral("status")).toString())
                       .value_or(RunStatus::Failed);
        m_error = last.data.value(QStringLiteral("error")).toString();
        emit finished(m_status);
    }
}

} // namespace Flow

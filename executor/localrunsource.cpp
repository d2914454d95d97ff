#include "localrunsource.h"

#include "run.h"
#include "runs/eventbatcher.h"

#include <QUuid>

namespace Flow {

LocalRunSource::LocalRunSource(const Workflow &workflow, const NodeRegistry &registry, RunOptions options,
                               QString workflowText, QString workflowPath, QObject *parent)
    : RunSource(parent)
    , m_workflow(workflow)
    , m_registry(registry)
    , m_options(std::move(options))
    , m_text(std::move(workflowText))
    , m_path(std::move(workflowPath))
{
    if (m_options.runId.isEmpty())
        m_options.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

LocalRunSource::~LocalRunSource()
{
    if (!m_host)
        return;
    // The one place that waits: ~Run must finish in its own thread.
    QMetaObject::invokeMethod(
        m_host, [this] { destroyRun(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void LocalRunSource::start()
{
    if (m_started)
        return;
    m_started = true;
    m_host = new QObject;
    m_thread.setObjectName(QStringLiteral("flow-run-scheduler"));
    m_host->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    m_thread.start();
    emit canStopChanged(true);
    // Building the run plan (expressions, validation) happens in the scheduler thread too.
    QMetaObject::invokeMethod(m_host, [this] {
        m_batcher = new EventBatcher(m_host, m_rate);
        connect(m_batcher, &EventBatcher::batch, this, &LocalRunSource::onBatch);
        m_run = new Run(m_workflow, m_registry, m_options);
        connect(m_run, &Run::eventsReady, m_batcher, qOverload<const RunEvents &>(&EventBatcher::add));
        m_run->start();
    });
}

void LocalRunSource::stop()
{
    if (!canStop())
        return;
    m_stopping = true;
    emit canStopChanged(false);
    QMetaObject::invokeMethod(m_host, [this] {
        if (m_run)
            m_run->cancel();
    });
}

void LocalRunSource::destroyRun()
{
    // Scheduler thread. ~Run cancels what still runs and waits for its workers.
    delete m_run;
    m_run = nullptr;
}

void LocalRunSource::onBatch(const RunEvents &events)
{
    deliver(events);
    if (isFinished()) // the run is done: free its graph and pool now, not at teardown
        QMetaObject::invokeMethod(m_host, [this] { destroyRun(); });
}

} // namespace Flow

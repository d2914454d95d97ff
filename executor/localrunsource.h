#pragma once

#include "model/workflow.h"
#include "runoptions.h"
#include "runs/runsource.h"

#include <QThread>

namespace Flow {

class EventBatcher;
class NodeRegistry;
class Run;

// A run of the executor on this machine, as a RunSource. The Run object is created, started,
// cancelled and deleted in a scheduler thread of its own (it needs an event loop for its timers);
// this object lives in the caller's (GUI) thread and only posts to it. Events are batched in the
// scheduler thread, so the caller gets at most `batchesPerSecond` queued calls however many small
// flushes the run makes (a million log lines are thousands of them). Each source has its own
// thread, so several runs go at once without sharing anything.
class LocalRunSource : public RunSource
{
    Q_OBJECT

public:
    // The workflow is copied; `registry` must outlive the source. The run id is generated when
    // options.runId is empty, so runId() is known before start().
    LocalRunSource(const Workflow &workflow, const NodeRegistry &registry, RunOptions options,
                   QString workflowText = {}, QString workflowPath = {}, QObject *parent = nullptr);
    // Cancels a run still going and waits for it to wind down (the one wait: at teardown).
    ~LocalRunSource() override;

    void setBatchesPerSecond(int rate) { m_rate = rate; }
    // Builds the run plan and starts the run, both in the scheduler thread. Once.
    void start();

    QString runId() const override { return m_options.runId; }
    Origin origin() const override { return Origin::Local; }
    QString workflowText() const override { return m_text; }
    QString workflowPath() const override { return m_path; }
    bool canStop() const override { return m_started && !isFinished() && !m_stopping; }
    void stop() override;
    bool isStopping() const { return m_stopping && !isFinished(); }

private:
    void onBatch(const RunEvents &events);
    void destroyRun();

    Workflow m_workflow;
    const NodeRegistry &m_registry;
    RunOptions m_options;
    QString m_text;
    QString m_path;
    int m_rate = 20;
    QThread m_thread;
    QObject *m_host = nullptr;         // lives in m_thread: the context for everything posted there
    EventBatcher *m_batcher = nullptr; // lives in m_thread
    Run *m_run = nullptr;              // lives in m_thread; only posted to from here
    bool m_started = false;
    bool m_stopping = false;
};

} // namespace Flow

#pragma once

#include "executor/runevent.h"
#include "executor/runoptions.h"
#include "model/workflow.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace Flow {
class EventBatcher;
class Run;
} // namespace Flow

namespace Flow::Studio {

// Runs one workflow at a time for the window, off the GUI thread. The Run object is created, started,
// cancelled and deleted in a scheduler thread of its own (it needs an event loop for its timers); the
// GUI thread only posts to it and receives its events, batched to at most ~30 deliveries a second.
// So a run of thousands of nodes and a million log lines never makes the window wait.
//
// The window sees a run only as a RunEvent stream (batch()) plus started()/finished(): the same stream
// a remote server or a history replay gives, so the views cannot tell them apart.
class RunController : public QObject
{
    Q_OBJECT

public:
    explicit RunController(QObject *parent = nullptr);
    // Cancels a run still going and waits for it to wind down (only at window teardown).
    ~RunController() override;

    // Starts `workflow` (a copy: editing the document during the run changes nothing). Returns false
    // when a run is already going.
    bool start(const Workflow &workflow, const RunOptions &options);
    // Asks the run to stop: running nodes are cancelled (their processes killed), nothing new
    // starts. Returns at once; finished(Cancelled) follows.
    void stop();

    bool isRunning() const { return m_running; }
    QString runId() const { return m_runId; }
    bool isStopping() const { return m_stopping; }

signals:
    void started(const QString &runId);
    // Every event of the run, in seq order, several at a time.
    void batch(const Flow::RunEvents &events);
    void finished(Flow::RunStatus status, const QString &error);
    void runningChanged(bool running);

private:
    void onBatch(const RunEvents &events);
    void destroyRun();

    QThread m_thread;
    QObject *m_host;                   // lives in m_thread: the context for everything posted there
    EventBatcher *m_batcher = nullptr; // lives in m_thread, a child of m_host
    Run *m_run = nullptr;              // lives in m_thread; only posted to from here
    QString m_runId;
    bool m_running = false;
    bool m_stopping = false;
};

} // namespace Flow::Studio

#pragma once

#include "runrecord.h"
#include "runs/runsource.h"

#include <QPointer>

namespace Flow {

class RunStore;

// A run from the history as a RunSource: its stored events, read in the store's reader thread and
// delivered here in batches, so that a replay draws through the same RunFeed and views as the live
// run did. A finished run ends with its run.finished; an interrupted one (no run.finished) ends with
// endWithout(its error), leaving what it reached on screen.
class StoredRunSource : public RunSource
{
    Q_OBJECT

public:
    // `run` with its workflow text (RunStore::loadRun). `store` must outlive start()'s reading.
    StoredRunSource(RunStore *store, RunRecord run, QObject *parent = nullptr);

    void setBatchSize(int events) { m_batchSize = qMax(1, events); }
    void start();

    const RunRecord &record() const { return m_run; }
    QString runId() const override { return m_run.id; }
    Origin origin() const override { return Origin::History; }
    QString workflowText() const override { return m_run.workflowText; }
    QString workflowPath() const override { return m_run.file; }
    bool canStop() const override { return false; }
    void stop() override {}

private:
    QPointer<RunStore> m_store;
    RunRecord m_run;
    int m_batchSize = 50000;
    bool m_started = false;
};

} // namespace Flow

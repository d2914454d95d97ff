#include "storedrunsource.h"

#include "runstore.h"

namespace Flow {

StoredRunSource::StoredRunSource(RunStore *store, RunRecord run, QObject *parent)
    : RunSource(parent)
    , m_store(store)
    , m_run(std::move(run))
{}

void StoredRunSource::start()
{
    if (m_started || !m_store)
        return;
    m_started = true;
    // A run that ended has its final state stored: drawn at once, before its events are read.
    if (!m_run.finalState.isEmpty()) {
        if (const std::optional<RunState> state = RunState::fromSnapshot(m_run.finalState))
            deliverState(*state);
    }
    m_store->readEvents(m_run.id, 0, m_batchSize, this, [this](const RunEvents &batch, bool last) {
        deliver(batch);
        if (last && !isFinished())
            endWithout(m_run.error.isEmpty() ? tr("the recording of this run ends before the run did")
                                             : m_run.error);
    });
}

} // namespace Flow

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
    m_store->readEvents(m_run.id, 0, m_batchSize, this, [this](const RunEvents &batch, bool last) {
        deliver(batch);
        if (last && !isFinished())
            endWithout(m_run.error.isEmpty() ? tr("the recording of this run ends before the run did")
                                             : m_run.error);
    });
}

} // namespace Flow

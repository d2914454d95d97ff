#include "runrecorder.h"

#include "runs/runlist.h"
#include "runstore.h"

#include <QDateTime>
#include <QFileInfo>

namespace Flow {

RunRecorder::RunRecorder(RunStore *store, RunList *list, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    // feedAdded comes before the source delivers anything: the run is begun before its first event.
    connect(list, &RunList::feedAdded, this, &RunRecorder::record);
}

void RunRecorder::record(RunFeed *feed)
{
    RunSource *source = feed->source();
    if (!m_store || !source || source->origin() != RunSource::Origin::Local)
        return;
    RunRecord run;
    run.id = source->runId();
    run.file
        = source->workflowPath().isEmpty() ? QString() : QFileInfo(source->workflowPath()).absoluteFilePath();
    run.workflowText = source->workflowText();
    run.started = QDateTime::currentMSecsSinceEpoch();
    m_store->beginRun(run);
    // Appending only queues (the writer thread commits): cheap enough for the GUI thread.
    connect(source, &RunSource::events, this, [store = m_store](const RunEvents &batch) {
        if (store)
            store->append(batch);
    });
}

} // namespace Flow

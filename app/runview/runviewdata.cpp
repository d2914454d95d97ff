#include "runviewdata.h"

#include "runs/runfeed.h"

namespace Flow {

RunViewData *RunViewData::of(RunFeed *feed)
{
    if (auto *data = feed->findChild<RunViewData *>(QString(), Qt::FindDirectChildrenOnly))
        return data;
    if (feed->eventCount() > 0)
        qWarning("RunViewData::of: feed %s already had %lld events; its log and timeline miss them",
                 qPrintable(feed->runId()), feed->eventCount());
    return new RunViewData(feed);
}

RunViewData::RunViewData(RunFeed *feed)
    : QObject(feed)
    , m_feed(feed)
    , m_log(new LogModel(this))
{
    connect(feed, &RunFeed::applied, this, &RunViewData::onApplied);
}

void RunViewData::onApplied(const RunEvents &events)
{
    m_log->addEvents(events);
    if (m_timeline.addEvents(events))
        emit timelineChanged();
}

} // namespace Flow

#pragma once

#include "logmodel.h"
#include "timelinemodel.h"

#include <QObject>

namespace Flow {

class RunFeed;

// What the log and timeline of one run hold, kept with the run's feed: every log line and every
// attempt bar since the first event. (The run panel and the canvas need no such history: they draw
// the feed's RunState.) Switching the views to another run then only points them elsewhere, and back
// again, with nothing folded twice. Created by of() as a child of the feed: call it when the feed is
// made, before its source delivers, so that nothing is missed.
class RunViewData : public QObject
{
    Q_OBJECT

public:
    static RunViewData *of(RunFeed *feed);

    RunFeed *feed() const { return m_feed; }
    LogModel *log() const { return m_log; }
    const TimelineModel &timeline() const { return m_timeline; }

signals:
    // A batch changed what the timeline draws.
    void timelineChanged();

private:
    explicit RunViewData(RunFeed *feed);
    void onApplied(const RunEvents &events);

    RunFeed *m_feed;
    LogModel *m_log;
    TimelineModel m_timeline;
};

} // namespace Flow

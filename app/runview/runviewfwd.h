#pragma once

// The run view library: RunNodeModel/RunPanel (node table), LogModel/LogView (log lines) and
// TimelineView (Gantt). Each is bound to the RunFeed of the run it shows (`setFeed`), and shows that
// run and nothing else; `clear()` shows none. Without a feed they take RunEvents batches through
// `addEvents()` (one run: the first they see).
namespace Flow {
class RunFeed;
class RunViewData;
class RunNodeModel;
class RunPanel;
class LogModel;
class LogView;
class TimelineView;
} // namespace Flow

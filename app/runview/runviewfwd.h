#pragma once

// The run view library: RunNodeModel/RunPanel (node table), LogModel/LogView (log lines) and
// TimelineView (Gantt). Each takes RunEvents batches through a `void addEvents(const RunEvents &)`
// slot and starts over on `clear()` (or on a run.started of another run).
namespace Flow {
class RunNodeModel;
class RunPanel;
class LogModel;
class LogView;
class TimelineView;
} // namespace Flow

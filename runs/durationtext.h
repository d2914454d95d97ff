#pragma once

#include <QString>

namespace Flow {

// The one way the app writes how long something took, for cards, tables, tooltips and docks alike:
// "850 ms", "1.2 s" (one decimal below 10 s, where it still says something), "12 s", "1 min 5 s",
// "2 h 3 min". Negative durations (not known yet) give an empty text. Translated in the
// "Flow::Duration" context.
QString durationText(qint64 ms);

// For a value that ticks once a second while something runs ("12 s", "1 min 5 s"): whole seconds only,
// so the text does not flicker through tenths.
QString elapsedText(qint64 ms);

// A running clock for a run's header: "00:07", "12:30", "1:02:03".
QString clockText(qint64 ms);

} // namespace Flow

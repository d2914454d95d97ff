#pragma once

#include <QString>

namespace Flow {

// The timeline's time axis: ticks at round steps (1, 2, 5 × 10^n ms; 1, 2, 5, 10, 15, 30 s; minutes;
// hours) at least `minSpacing` pixels apart, labelled relative to the run's start.
qint64 timelineTickStep(double msPerPixel, int minSpacing);
// "0", "250 ms", "1.5 s", "12 s", "1:30", "5 min", "1:05:00", "2 h": the label of a tick `offset` ms
// after the start when ticks are `step` ms apart (the step decides the precision).
QString timelineTickLabel(qint64 offset, qint64 step);
// "2.25 s", "850 ms", "1:02.5": an exact-enough duration for a tooltip.
QString timelinePreciseDuration(qint64 ms);

} // namespace Flow

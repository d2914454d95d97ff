// The timeline's tooltips: what a bar or a lane stands for, with wall-clock times and precise durations.
#include "timelineview.h"

#include "canvas/nodestatestyle.h"
#include "timelineaxis.h"

#include <QDateTime>

namespace Flow {

namespace {

QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("hh:mm:ss.zzz"));
}

} // namespace

QString TimelineView::toolTipAt(const QPoint &pos) const
{
    const Hit hit = hitAt(pos);
    if (hit.lane < 0)
        return {};
    const TimelineModel::Lane &lane = m_model->lanes().at(hit.lane);
    return hit.bar < 0 ? laneToolTip(lane) : barToolTip(lane, lane.bars.at(hit.bar));
}

QString TimelineView::barToolTip(const TimelineModel::Lane &lane, const TimelineBar &bar) const
{
    const qint64 end = bar.isOpen() ? qMax(bar.start, m_now()) : bar.end;
    const QString from = clockTime(bar.start);
    const QString to = bar.isOpen() ? tr("now") : clockTime(bar.end);
    const QString took = timelinePreciseDuration(end - bar.start);
    const QString attempts
        = QStringLiteral("%1/%2").arg(bar.attempt).arg(qMax(bar.attempt, lane.maxAttempts));
    switch (bar.kind) {
    case TimelineBar::Queued:
        return tr("%1 — queued — %2 → %3 (%4)").arg(lane.node, from, to, took);
    case TimelineBar::RetryWait:
        return tr("%1 — waiting to retry, attempt %2 — %3 → %4 (%5), after: %6")
            .arg(lane.node, attempts, from, to, took, bar.error);
    case TimelineBar::Attempt:
        break;
    }
    const QString text = tr("%1 — attempt %2 — %3 → %4 (%5)").arg(lane.node, attempts, from, to, took);
    switch (bar.outcome) {
    case NodeState::Failed:
        return tr("%1, failed: %2").arg(text, bar.error);
    case NodeState::Cancelled:
        return tr("%1, cancelled").arg(text);
    case NodeState::Succeeded:
        return tr("%1, succeeded").arg(text);
    default:
        return tr("%1, running").arg(text);
    }
}

QString TimelineView::laneToolTip(const TimelineModel::Lane &lane) const
{
    QString text = tr("%1 — %2").arg(lane.node, nodeStateStyle(lane.state).label);
    if (!lane.bars.isEmpty()) {
        const TimelineBar &last = lane.bars.constLast();
        const qint64 end = last.isOpen() ? m_now() : last.end;
        text = tr("%1, %2 in all").arg(text, timelinePreciseDuration(end - lane.bars.constFirst().start));
    }
    return text;
}

} // namespace Flow

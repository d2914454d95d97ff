#include "runoverlay.h"

#include "nodestatestyle.h"
#include "runs/durationtext.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace Flow {

RunOverlay::RunOverlay()
    : m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    updateLabels();
}

void RunOverlay::updateLabels()
{
    // Tooltips are rebuilt for every changed node of every batch: translate the labels once per run.
    for (int s = 0; s < NodeStateCount; ++s) {
        m_labels[size_t(s)] = nodeStateStyle(NodeState(s)).label;
        m_colors[0][size_t(s)] = nodeStateStyle(NodeState(s), false).color;
        m_colors[1][size_t(s)] = nodeStateStyle(NodeState(s), true).color;
    }
}

void RunOverlay::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
}

void RunOverlay::setFeed(const RunFeed *feed)
{
    m_feed = feed;
    updateLabels(); // the language may have changed since the last run
    m_moving.clear();
    if (!feed)
        return;
    for (const QString &id : feed->state().nodeIds())
        trackMoving(id, feed->state().node(id)->state);
}

RunOverlay::Changes RunOverlay::take(const RunFeed::Changes &feedChanges)
{
    Changes changes;
    if (!m_feed)
        return changes;
    if (feedChanges.reset) {
        setFeed(m_feed);
        changes.all = true;
        return changes;
    }
    // Log lines change nothing drawn on a card: only the nodes with other events count.
    changes.nodes = feedChanges.nodes;
    for (const auto &[id, before] : changes.nodes.asKeyValueRange()) {
        const NodeStatus *status = m_feed->state().node(id);
        if (status && (isMoving(before) || isMoving(status->state)))
            trackMoving(id, status->state);
    }
    return changes;
}

void RunOverlay::trackMoving(const QString &id, NodeState state)
{
    if (isMoving(state))
        m_moving.insert(id);
    else
        m_moving.remove(id);
}

bool RunOverlay::hasIndeterminate() const
{
    for (const QString &id : m_moving) {
        const NodeStatus *s = status(id);
        if (s && s->state == NodeState::Running && s->progress < 0)
            return true;
    }
    return false;
}

QString RunOverlay::attemptBadge(const NodeStatus &status)
{
    if (status.attempt < 1 || (status.maxAttempts <= 1 && status.attempt <= 1))
        return {};
    return QStringLiteral("%1/%2").arg(status.attempt).arg(std::max(status.attempt, status.maxAttempts));
}

QString RunOverlay::statusLine(const NodeStatus &status) const
{
    switch (status.state) {
    case NodeState::Retrying: {
        const qint64 left = status.retryAt - now();
        if (left <= 0)
            return tr("retrying now");
        return tr("retry in %1 s").arg((left + 999) / 1000);
    }
    case NodeState::Running: {
        // A short progress text ("3/10" items of a for_each) says more than the bar alone.
        const QString elapsed = status.startedAt > 0 ? elapsedText(now() - status.startedAt) : QString();
        if (status.progressText.isEmpty() || status.progressText.size() > 12)
            return elapsed;
        return elapsed.isEmpty() ? status.progressText : status.progressText + u" · " + elapsed;
    }
    case NodeState::Succeeded:
    case NodeState::Failed:
    case NodeState::Cancelled:
        return status.startedAt > 0 || status.duration > 0 ? durationText(status.duration) : QString();
    default:
        return {};
    }
}

QString RunOverlay::toolTip(const NodeStatus &status) const
{
    // Plain text (the first line has no tags, so Qt does not take it for rich text): error messages
    // are shown exactly as the node wrote them.
    QStringList head{m_labels[size_t(status.state)]};
    if (status.state == NodeState::Retrying)
        head.append(tr("next attempt %1").arg(attemptBadge(status)));
    else if (!attemptBadge(status).isEmpty())
        head.append(tr("attempt %1").arg(attemptBadge(status)));
    if (isFinal(status.state) && status.startedAt > 0)
        head.append(durationText(status.duration));
    QString text = head.join(QStringLiteral(" · "));
    switch (status.state) {
    case NodeState::Failed:
        text += u'\n' + status.error;
        break;
    case NodeState::Retrying:
        text += u'\n' + tr("Last error: %1").arg(status.error);
        break;
    case NodeState::Running:
        if (status.progress >= 0)
            text += u'\n' + tr("%1% done").arg(int(std::lround(status.progress * 100)));
        if (!status.progressText.isEmpty())
            text += u'\n' + status.progressText;
        break;
    case NodeState::Skipped:
    case NodeState::Cancelled:
        if (!status.message.isEmpty())
            text += u'\n' + status.message;
        break;
    default:
        break;
    }
    return text;
}

} // namespace Flow

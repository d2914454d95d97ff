// NodeItem's part of the run overlay: the state glyph, attempt badge, status line and progress bar
// drawn over the card's header, and the tooltip.
#include "cardstyle.h"
#include "graphscene.h"
#include "nodeitem.h"
#include "nodestatestyle.h"
#include "runoverlay.h"

#include <QFontMetricsF>
#include <QPainter>

namespace Flow {
using namespace CardStyle;
namespace {

constexpr qreal RightMargin = 10;
constexpr qreal StatusRowTop = 26;
constexpr qreal StatusRowHeight = 15;
constexpr qreal BadgePadding = 5;
constexpr qreal BarHeight = 3;
// The indeterminate bar moves one step per overlay tick (4 per second): a segment of a fifth of the
// track crossing it in Steps ticks.
constexpr int Steps = 12;

} // namespace

const NodeStatus *NodeItem::runStatus() const
{
    return m_scene->nodeRunStatus(m_id);
}

NodeState NodeItem::runState() const
{
    const NodeStatus *status = runStatus();
    return status ? status->state : NodeState::Pending;
}

QString NodeItem::overlayText() const
{
    const NodeStatus *status = runStatus();
    if (!status)
        return {};
    QStringList parts{RunOverlay::attemptBadge(*status), m_scene->runOverlay().statusLine(*status)};
    parts.removeAll(QString());
    return parts.join(QStringLiteral(" · "));
}

void NodeItem::refreshRunStatus()
{
    refreshRunStatus(runStatus());
}

void NodeItem::refreshRunStatus(const NodeStatus *status)
{
    // Failures keep their tooltip up to date at once (the error is what a user hovers for). The others
    // get theirs when hovered (GraphScene::helpEvent): building thousands of tooltips per batch that
    // nobody looks at was a third of the time of applying it.
    if (status && (status->state == NodeState::Failed || status->state == NodeState::Retrying))
        setToolTip(m_scene->runOverlay().toolTip(*status));
    else if (!toolTip().isEmpty())
        setToolTip(QString());
}

QString NodeItem::runToolTip() const
{
    const NodeStatus *status = runStatus();
    return status ? m_scene->runOverlay().toolTip(*status) : QString();
}

void NodeItem::paintRunOverlay(QPainter *painter, const CanvasTheme &theme, qreal lod,
                               const NodeStatus &status)
{
    const QColor color = m_scene->runOverlay().color(status.state, theme.dark);
    if (RunOverlay::showsProgress(status.state))
        paintProgress(painter, theme, status, color);
    if (lod >= TextLod) {
        const QRectF glyph(Width - RightMargin - GlyphSize + 2, 6, GlyphSize, GlyphSize);
        paintStateGlyph(painter, glyph, status.state, color);
        paintStatusLine(painter, theme, status, color);
    } else {
        // No text at this zoom: a big glyph in the middle of the empty header says the state.
        const qreal size = HeaderHeight - 12;
        paintStateGlyph(painter, QRectF(Width / 2 - size / 2, 5, size, size), status.state, color);
    }
}

void NodeItem::paintStatusLine(QPainter *painter, const CanvasTheme &theme, const NodeStatus &status,
                               const QColor &color)
{
    const QString line = m_scene->runOverlay().statusLine(status);
    const QString badge = RunOverlay::attemptBadge(status);
    if (!m_statusRow || m_statusRow->line != line || m_statusRow->badge != badge)
        layoutStatusRow(theme, line, badge);
    const StatusRow &row = *m_statusRow;
    if (!line.isEmpty()) {
        painter->setFont(theme.subtitleFont);
        painter->setPen(
            status.state == NodeState::Retrying || status.state == NodeState::Failed ? color : theme.text);
        painter->drawStaticText(QPointF(row.lineX, StatusRowTop), row.lineText);
    }
    if (!badge.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawRoundedRect(row.pill, row.pill.height() / 2, row.pill.height() / 2);
        painter->setFont(row.badgeFont);
        painter->setPen(theme.dark ? QColor(24, 24, 27) : QColor(Qt::white));
        painter->drawStaticText(QPointF(row.pill.left() + BadgePadding, StatusRowTop), row.badgeText);
    }
    if (row.subtitle) {
        painter->setFont(theme.subtitleFont);
        painter->setPen(theme.textSecondary);
        painter->drawStaticText(QPointF(TextLeft, StatusRowTop), row.subtitleText);
    }
}

void NodeItem::layoutStatusRow(const CanvasTheme &theme, const QString &line, const QString &badge)
{
    // Row 2 of the header: the type title on the left; the attempt badge and the status line
    // (countdown or duration) right-aligned. The type title gives way.
    if (!m_statusRow)
        m_statusRow = std::make_unique<StatusRow>();
    StatusRow &row = *m_statusRow;
    row.line = line;
    row.badge = badge;
    row.badgeFont = theme.subtitleFont;
    row.badgeFont.setWeight(QFont::DemiBold);
    const QFontMetricsF metrics(theme.subtitleFont);
    qreal right = Width - RightMargin;
    auto prepare = [](QStaticText &text, const QString &s, const QFont &font) {
        text.setTextFormat(Qt::PlainText);
        text.setText(s);
        text.prepare(QTransform(), font);
    };
    if (!line.isEmpty()) {
        const qreal w = metrics.horizontalAdvance(line);
        row.lineX = right - w;
        prepare(row.lineText, line, theme.subtitleFont);
        right -= w + 6;
    }
    if (!badge.isEmpty()) {
        const qreal w = QFontMetricsF(row.badgeFont).horizontalAdvance(badge) + 2 * BadgePadding;
        row.pill = QRectF(right - w, StatusRowTop - 1, w, StatusRowHeight);
        prepare(row.badgeText, badge, row.badgeFont);
        right -= w + 6;
    }
    const qreal room = right - TextLeft;
    row.subtitle = room > 12;
    if (row.subtitle)
        prepare(row.subtitleText, metrics.elidedText(m_typeTitle, Qt::ElideRight, room), theme.subtitleFont);
}

void NodeItem::paintProgress(QPainter *painter, const CanvasTheme &theme, const NodeStatus &status,
                             const QColor &color)
{
    // A thin bar along the bottom of the header: the fraction when the node reports one, else a
    // segment that moves a step per overlay tick.
    const QRectF track(1.5, HeaderHeight - BarHeight, Width - 3, BarHeight);
    painter->fillRect(track, mixColors(theme.cardHeader, color, 0.25));
    if (status.progress >= 0) {
        QRectF done = track;
        done.setWidth(track.width() * std::clamp(status.progress, 0.0, 1.0));
        painter->fillRect(done, color);
        return;
    }
    const qint64 ticks = m_scene->runOverlay().now() / 250;
    const qreal segment = track.width() / 5;
    const qreal x = track.left() - segment + (track.width() + segment) * qreal(ticks % Steps) / (Steps - 1);
    painter->fillRect(QRectF(x, track.top(), segment, track.height()).intersected(track), color);
}

} // namespace Flow

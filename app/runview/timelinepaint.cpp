// TimelineView's painting: lanes, bars, the time axis and the lane labels. Only the lanes in sight are
// drawn, so the cost follows the viewport's height, not the number of nodes.
#include "timelineview.h"

#include "canvas/nodestatestyle.h"
#include "timelineaxis.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <cmath>

namespace Flow {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

} // namespace

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const bool dark = isDark(palette());
    const QRect all = viewport()->rect();
    painter.fillRect(all, palette().color(QPalette::Base));

    const int laneH = laneHeight();
    const int lanes = int(m_model->lanes().size());
    const int scroll = verticalScrollBar()->value();
    const int first = qMax(0, scroll / laneH);
    const int last = qMin(lanes - 1, (scroll + all.height() - axisHeight()) / laneH);

    painter.save();
    painter.setClipRect(
        QRect(plotLeft(), axisHeight(), all.width() - plotLeft(), all.height() - axisHeight()));
    paintLanes(painter, first, last, dark);
    painter.restore();

    painter.save();
    painter.setClipRect(QRect(0, axisHeight(), plotLeft(), all.height() - axisHeight()));
    paintLabels(painter, first, last, dark);
    painter.restore();

    paintAxis(painter);
}

void TimelineView::paintLanes(QPainter &painter, int first, int last, bool dark)
{
    const QPalette &pal = palette();
    const int width = viewport()->width();
    const int laneH = laneHeight();
    for (int i = first; i <= last; ++i) {
        const TimelineModel::Lane &lane = m_model->lanes().at(i);
        const QRect row(plotLeft(), laneTop(i), width - plotLeft(), laneH);
        if (i % 2)
            painter.fillRect(row, pal.color(QPalette::AlternateBase));
        if (m_selected.contains(lane.node))
            painter.fillRect(row, withAlpha(pal.color(QPalette::Highlight), 70));
    }

    // Grid lines at the axis ticks, under the bars.
    const qint64 step = timelineTickStep(m_msPerPixel, 90);
    const qint64 start = m_model->startTime();
    painter.setPen(withAlpha(pal.color(QPalette::Text), 28));
    for (qint64 offset = qMax<qint64>(0, (timeAt(plotLeft()) - start) / step * step);; offset += step) {
        const double x = xOf(start + offset);
        if (x > width)
            break;
        painter.drawLine(QPointF(x, axisHeight()), QPointF(x, viewport()->height()));
    }

    painter.setRenderHint(QPainter::Antialiasing);
    const double left = plotLeft();
    for (int i = first; i <= last; ++i) {
        const TimelineModel::Lane &lane = m_model->lanes().at(i);
        for (const TimelineBar &bar : lane.bars) {
            const QRectF rect = barGeometry(i, bar);
            if (rect.right() < left || rect.left() > width)
                continue;
            paintBar(painter, rect, bar, dark);
        }
        if (lane.endedAt && (lane.state == NodeState::Skipped || lane.state == NodeState::Cached)) {
            // A node that ended without running: a diamond where it ended.
            const QPointF c(xOf(lane.endedAt), laneTop(i) + laneH / 2.0);
            const double r = laneH / 4.0;
            QPainterPath diamond;
            diamond.moveTo(c.x(), c.y() - r);
            diamond.lineTo(c.x() + r, c.y());
            diamond.lineTo(c.x(), c.y() + r);
            diamond.lineTo(c.x() - r, c.y());
            diamond.closeSubpath();
            painter.fillPath(diamond, nodeStateStyle(lane.state, dark).color);
        }
    }

    if (m_model->isRunning()) {
        const double x = xOf(m_now());
        QPen pen(withAlpha(nodeStateStyle(NodeState::Running, dark).color, 140), 1, Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(QPointF(x, axisHeight()), QPointF(x, viewport()->height()));
    }
}

void TimelineView::paintBar(QPainter &painter, const QRectF &rect, const TimelineBar &bar, bool dark)
{
    switch (bar.kind) {
    case TimelineBar::Queued:
        painter.fillRect(rect, withAlpha(nodeStateStyle(NodeState::Queued, dark).color, 160));
        return;
    case TimelineBar::RetryWait: {
        // Hatched and outlined with dashes: time that passed with nothing running.
        const QColor color = nodeStateStyle(NodeState::Retrying, dark).color;
        painter.setPen(QPen(color, 1, Qt::DashLine));
        painter.setBrush(QBrush(color, Qt::BDiagPattern));
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
        return;
    }
    case TimelineBar::Attempt:
        break;
    }
    const QColor color = nodeStateStyle(bar.isOpen() ? NodeState::Running : bar.outcome, dark).color;
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(rect, 2, 2);
}

void TimelineView::paintAxis(QPainter &painter)
{
    const QPalette &pal = palette();
    const int width = viewport()->width();
    const int height = axisHeight();
    painter.fillRect(QRect(0, 0, width, height), pal.color(QPalette::Window));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(0, height - 1, width, height - 1);

    const qint64 start = m_model->startTime();
    painter.setPen(pal.color(QPalette::WindowText));
    if (start) // when the run began, above the labels
        painter.drawText(QRect(4, 0, plotLeft() - 8, height), Qt::AlignVCenter | Qt::AlignLeft,
                         QDateTime::fromMSecsSinceEpoch(start).toString(QStringLiteral("hh:mm:ss")));

    painter.save();
    painter.setClipRect(QRect(plotLeft(), 0, width - plotLeft(), height));
    const qint64 step = timelineTickStep(m_msPerPixel, 90);
    const int textBase = height - 6;
    for (qint64 offset = qMax<qint64>(0, (timeAt(plotLeft()) - start) / step * step);; offset += step) {
        const double x = xOf(start + offset);
        if (x > width)
            break;
        painter.drawLine(QPointF(x, height - 5), QPointF(x, height - 1));
        const QString label = timelineTickLabel(offset, step);
        if (x + 3 + fontMetrics().horizontalAdvance(label) <= width) // no half labels at the edge
            painter.drawText(QPointF(x + 3, textBase), label);
    }
    painter.restore();
}

void TimelineView::paintLabels(QPainter &painter, int first, int last, bool dark)
{
    const QPalette &pal = palette();
    const int width = plotLeft();
    const int laneH = laneHeight();
    painter.fillRect(QRect(0, axisHeight(), width, viewport()->height()), pal.color(QPalette::Window));
    const QFontMetrics fm = fontMetrics();
    const int glyph = qMin(12, laneH - 6);
    for (int i = first; i <= last; ++i) {
        const TimelineModel::Lane &lane = m_model->lanes().at(i);
        const int top = laneTop(i);
        const bool selected = m_selected.contains(lane.node);
        if (selected)
            painter.fillRect(QRect(0, top, width, laneH), pal.color(QPalette::Highlight));
        paintStateGlyph(&painter, QRectF(4, top + (laneH - glyph) / 2.0, glyph, glyph), lane.state,
                        nodeStateStyle(lane.state, dark).color);
        const QRect text(glyph + 8, top, width - glyph - 12, laneH);
        painter.setPen(selected                           ? pal.color(QPalette::HighlightedText)
                       : lane.state == NodeState::Pending ? pal.color(QPalette::PlaceholderText)
                                                          : pal.color(QPalette::WindowText));
        painter.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                         fm.elidedText(lane.node, Qt::ElideMiddle, text.width()));
    }
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(width - 1, axisHeight(), width - 1, viewport()->height());
}

} // namespace Flow

#include "timelineview.h"

#include "runs/runfeed.h"
#include "runviewdata.h"
#include "timelineaxis.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Flow {

namespace {

constexpr int Margin = 6; // free pixels at both ends of the time range
constexpr double MinMsPerPixel = 0.05;
constexpr qint64 MinSpan = 1000; // a run that just began still shows a second

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_live(new QTimer(this))
{
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus); // for the zoom keys
    m_live->setInterval(250);
    connect(m_live, &QTimer::timeout, this, [this] {
        updateScrollBars();
        viewport()->update();
    });
    updateScrollBars();
}

void TimelineView::setFeed(RunFeed *feed)
{
    if (m_data)
        disconnect(m_data, nullptr, this, nullptr);
    m_data = feed ? RunViewData::of(feed) : nullptr;
    m_model = m_data ? &m_data->timeline() : &m_ownModel;
    if (m_data)
        connect(m_data, &RunViewData::timelineChanged, this, &TimelineView::modelChanged);
    m_measuredLanes = 0;
    m_labelWidth = 80;
    m_fit = true;
    modelChanged();
}

RunFeed *TimelineView::feed() const
{
    return m_data ? m_data->feed() : nullptr;
}

void TimelineView::addEvents(const RunEvents &events)
{
    if (m_ownModel.addEvents(events) && m_model == &m_ownModel)
        modelChanged();
}

void TimelineView::modelChanged()
{
    updateLabelWidth();
    updateScrollBars();
    updateLiveTimer();
    viewport()->update(); // once per batch, however many events it held
}

void TimelineView::clear()
{
    if (m_data)
        disconnect(m_data, nullptr, this, nullptr);
    m_data = nullptr;
    m_model = &m_ownModel;
    m_ownModel.clear();
    m_selected.clear();
    m_measuredLanes = 0;
    m_labelWidth = 80;
    m_fit = true;
    updateScrollBars();
    updateLiveTimer();
    viewport()->update();
}

void TimelineView::setNodes(const QStringList &ids)
{
    clear();
    m_ownModel.setNodes(ids);
    updateLabelWidth();
    updateScrollBars();
}

void TimelineView::selectNodes(const QStringList &ids)
{
    m_selected = QSet<QString>(ids.cbegin(), ids.cend());
    int first = -1;
    for (const QString &id : ids) {
        const int lane = m_model->laneOf(id);
        if (lane >= 0 && (first < 0 || lane < first))
            first = lane;
    }
    if (first >= 0) {
        // Scroll only when the lane is out of sight, so that a click does not move what was clicked.
        const int top = first * laneHeight();
        const int visible = viewport()->height() - axisHeight();
        QScrollBar *bar = verticalScrollBar();
        if (top < bar->value() || top + laneHeight() > bar->value() + visible)
            bar->setValue(top - visible / 3);
    }
    viewport()->update();
}

QStringList TimelineView::selectedNodes() const
{
    QStringList ids;
    for (const TimelineModel::Lane &lane : m_model->lanes()) {
        if (m_selected.contains(lane.node))
            ids.append(lane.node);
    }
    return ids;
}

void TimelineView::setClock(std::function<qint64()> now)
{
    m_now = std::move(now);
    updateScrollBars();
}

// ---- geometry ----------------------------------------------------------------------------------

int TimelineView::laneHeight() const
{
    return qMax(18, fontMetrics().height() + 6);
}

int TimelineView::axisHeight() const
{
    return fontMetrics().height() + 10;
}

int TimelineView::plotLeft() const
{
    return qMin(m_labelWidth, qMax(60, viewport()->width() / 3));
}

int TimelineView::plotWidth() const
{
    return qMax(20, viewport()->width() - plotLeft());
}

qint64 TimelineView::endTime() const
{
    return m_model->isRunning() ? qMax(m_now(), m_model->endTime()) : m_model->endTime();
}

qint64 TimelineView::span() const
{
    return qMax(MinSpan, endTime() - m_model->startTime());
}

double TimelineView::fitMsPerPixel() const
{
    return double(span()) / double(qMax(1, plotWidth() - 2 * Margin));
}

double TimelineView::msPerPixel() const
{
    return m_msPerPixel;
}

double TimelineView::xOf(qint64 time) const
{
    return plotLeft() + Margin + double(time - m_model->startTime()) / m_msPerPixel
           - horizontalScrollBar()->value();
}

qint64 TimelineView::timeAt(double x) const
{
    return m_model->startTime()
           + qint64(std::llround((x - plotLeft() - Margin + horizontalScrollBar()->value()) * m_msPerPixel));
}

int TimelineView::laneTop(int lane) const
{
    return axisHeight() + lane * laneHeight() - verticalScrollBar()->value();
}

QRectF TimelineView::barGeometry(int lane, const TimelineBar &bar) const
{
    const int top = laneTop(lane);
    const int h = laneHeight();
    const double x1 = xOf(bar.start);
    double x2 = xOf(bar.isOpen() ? qMax(bar.start, m_now()) : bar.end);
    switch (bar.kind) {
    case TimelineBar::Attempt:
        x2 = qMax(x2, x1 + 2); // an attempt of a few ms is still something to point at
        return QRectF(x1, top + 3, x2 - x1, h - 6);
    case TimelineBar::RetryWait:
        return QRectF(x1, top + h / 2.0 - 4, x2 - x1, 8);
    case TimelineBar::Queued:
        return QRectF(x1, top + h / 2.0 - 1, x2 - x1, 2);
    }
    return {};
}

QRect TimelineView::barRect(const QString &node, int attempt, TimelineBar::Kind kind) const
{
    const int lane = m_model->laneOf(node);
    if (lane < 0)
        return {};
    for (const TimelineBar &bar : m_model->lanes().at(lane).bars) {
        if (bar.attempt == attempt && bar.kind == kind)
            return barGeometry(lane, bar).toAlignedRect();
    }
    return {};
}

QRect TimelineView::laneRect(const QString &node) const
{
    const int lane = m_model->laneOf(node);
    return lane < 0 ? QRect() : QRect(0, laneTop(lane), viewport()->width(), laneHeight());
}

TimelineView::Hit TimelineView::hitAt(const QPoint &pos) const
{
    if (pos.y() < axisHeight())
        return {};
    const int lane = (pos.y() - axisHeight() + verticalScrollBar()->value()) / laneHeight();
    if (lane < 0 || lane >= m_model->lanes().size())
        return {};
    if (pos.x() < plotLeft())
        return {lane, -1};
    // Attempts win over waits where they touch: they are what a click is usually meant for.
    const QList<TimelineBar> &bars = m_model->lanes().at(lane).bars;
    int best = -1;
    for (int i = 0; i < bars.size(); ++i) {
        const QRectF r = barGeometry(lane, bars.at(i));
        if (pos.x() < r.left() - 2 || pos.x() > r.right() + 2)
            continue;
        if (best < 0 || bars.at(i).kind < bars.at(best).kind)
            best = i;
    }
    return best < 0 ? Hit{} : Hit{lane, best};
}

// ---- scrolling and zoom ------------------------------------------------------------------------

void TimelineView::updateScrollBars()
{
    if (m_fit)
        m_msPerPixel = fitMsPerPixel();
    const int contentWidth = int(std::ceil(double(span()) / m_msPerPixel)) + 2 * Margin;
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, m_fit ? 0 : qMax(0, contentWidth - plotWidth()));
    h->setPageStep(plotWidth());
    h->setSingleStep(qMax(1, plotWidth() / 20));
    const int visible = qMax(0, viewport()->height() - axisHeight());
    QScrollBar *v = verticalScrollBar();
    v->setRange(0, qMax(0, int(m_model->lanes().size()) * laneHeight() - visible));
    v->setPageStep(visible);
    v->setSingleStep(laneHeight());
}

void TimelineView::updateLabelWidth()
{
    const QList<TimelineModel::Lane> &lanes = m_model->lanes();
    if (m_measuredLanes >= lanes.size())
        return;
    // Measuring 2,000 labels costs more than folding the whole run: measure the longest few by length.
    QList<qsizetype> longest;
    for (qsizetype i = m_measuredLanes; i < lanes.size(); ++i)
        longest.append(i);
    const auto byLength = [&lanes](qsizetype a, qsizetype b) {
        return lanes.at(a).node.size() > lanes.at(b).node.size();
    };
    const qsizetype measured = qMin<qsizetype>(longest.size(), 16);
    std::partial_sort(longest.begin(), longest.begin() + measured, longest.end(), byLength);
    const QFontMetrics fm = fontMetrics();
    int widest = 0;
    for (qsizetype i = 0; i < measured; ++i)
        widest = qMax(widest, fm.horizontalAdvance(lanes.at(longest.at(i)).node));
    m_measuredLanes = int(lanes.size());
    // glyph + gaps; plotLeft() keeps the labels to a third of the width.
    m_labelWidth = qBound(80, qMax(m_labelWidth, widest + laneHeight() + 12), 260);
}

void TimelineView::updateLiveTimer()
{
    if (m_model->isRunning())
        m_live->start();
    else
        m_live->stop();
}

void TimelineView::zoomToFit()
{
    m_fit = true;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::setMsPerPixel(double msPerPixel)
{
    const double fit = fitMsPerPixel();
    if (msPerPixel >= fit) {
        zoomToFit();
        return;
    }
    m_fit = false;
    m_msPerPixel = qMax(MinMsPerPixel, msPerPixel);
    updateScrollBars();
    viewport()->update();
}

void TimelineView::zoomAround(double x, double factor)
{
    const qint64 anchor = timeAt(x);
    setMsPerPixel(m_msPerPixel * factor);
    if (m_fit)
        return;
    // Keep the moment under the mouse where it was.
    const double contentX = double(anchor - m_model->startTime()) / m_msPerPixel;
    horizontalScrollBar()->setValue(int(std::lround(plotLeft() + Margin + contentX - x)));
}

// ---- events ------------------------------------------------------------------------------------

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta != 0)
            zoomAround(event->position().x(), std::pow(1.25, -delta / 120.0));
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        QScrollBar *h = horizontalScrollBar();
        h->setValue(h->value() - delta * h->singleStep() / 40);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const double middle = plotLeft() + plotWidth() / 2.0;
    if (event->matches(QKeySequence::ZoomIn))
        zoomAround(middle, 1 / 1.25);
    else if (event->matches(QKeySequence::ZoomOut))
        zoomAround(middle, 1.25);
    else if (event->key() == Qt::Key_0 && event->modifiers() & Qt::ControlModifier)
        zoomToFit();
    else
        QAbstractScrollArea::keyPressEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    m_pressPos = event->position().toPoint();
    m_pressScroll = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    m_dragging = false;
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return QAbstractScrollArea::mouseMoveEvent(event);
    const QPoint delta = event->position().toPoint() - m_pressPos;
    if (!m_dragging && delta.manhattanLength() < QApplication::startDragDistance())
        return;
    m_dragging = true; // a drag pans, in time and across lanes
    horizontalScrollBar()->setValue(m_pressScroll.x() - delta.x());
    verticalScrollBar()->setValue(m_pressScroll.y() - delta.y());
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    const bool dragged = m_dragging;
    m_dragging = false;
    if (dragged)
        return;
    const Hit hit = hitAt(event->position().toPoint());
    if (hit.lane < 0)
        return;
    const QString node = m_model->lanes().at(hit.lane).node;
    m_selected = {node};
    viewport()->update();
    emit nodeClicked(node);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->position().y() < axisHeight())
        zoomToFit();
    else
        QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void TimelineView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_measuredLanes = 0;
        m_labelWidth = 80;
        updateLabelWidth();
        updateScrollBars();
    }
    QAbstractScrollArea::changeEvent(event);
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Flow

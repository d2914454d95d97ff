#pragma once

#include "timelinemodel.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <QSet>

#include <functional>

class QTimer;

namespace Flow {

class RunFeed;
class RunViewData;

// The Gantt view of a run: how a person finds what made it slow. One lane per node of the run, in the
// workflow's order: all of them, not only those that ran, so that a lane never moves while the run goes,
// lane N is row N of the run panel, and the nodes still to come are visible as empty lanes. A lane holds
// a bar per attempt coloured by how the attempt ended, a hatched stretch for each retry wait and a thin
// line for the time spent queued; skipped and cached nodes get a mark where they ended.
//
// While the run goes the view fits the whole run to its width; Ctrl+wheel zooms around the mouse (the
// plain wheel scrolls lanes, Shift+wheel or a drag scrolls time), Ctrl++ and Ctrl+- zoom around the
// middle, and Ctrl+0 or a double-click on the axis fits again.
// Only the lanes in sight are painted, and a batch of events repaints at most once.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    // Shows `feed`'s run (its bars are kept with the feed: RunViewData) and nothing else, until
    // another feed is set; null shows the lanes of setNodes(). Zoom goes back to fit.
    void setFeed(RunFeed *feed);
    RunFeed *feed() const;
    // Without a feed: folds events into the view's own model (tests, benchmarks).
    void addEvents(const Flow::RunEvents &events);
    void clear();
    // Empty lanes for the workflow's nodes before a run.
    void setNodes(const QStringList &ids);
    // Highlights the lanes of `ids` and scrolls the first into view. Emits nothing.
    void selectNodes(const QStringList &ids);
    QStringList selectedNodes() const;

    const TimelineModel &model() const { return *m_model; }
    QList<TimelineBar> bars() const { return m_model->bars(); }

    // Milliseconds per pixel; zoomToFit() makes the whole run fit (and follow it while it grows).
    double msPerPixel() const;
    void setMsPerPixel(double msPerPixel);
    void zoomToFit();
    bool isFitting() const { return m_fit; }

    // Where a bar is drawn, in viewport coordinates (whether or not it is scrolled into sight); an
    // empty rect when there is no such bar.
    QRect barRect(const QString &node, int attempt, TimelineBar::Kind kind = TimelineBar::Attempt) const;
    QRect laneRect(const QString &node) const;
    // The tooltip for a viewport position; empty over nothing.
    QString toolTipAt(const QPoint &pos) const;
    // Where "now" comes from for open bars. Tests set their own.
    void setClock(std::function<qint64()> now);

signals:
    // A bar or a lane label was clicked.
    void nodeClicked(const QString &id);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Hit
    {
        int lane = -1;
        int bar = -1; // -1: the lane's label
    };

    int laneHeight() const;
    int axisHeight() const;
    int plotLeft() const;
    int plotWidth() const;
    qint64 endTime() const;
    qint64 span() const;
    double fitMsPerPixel() const;
    double xOf(qint64 time) const;
    qint64 timeAt(double x) const;
    int laneTop(int lane) const;
    QRectF barGeometry(int lane, const TimelineBar &bar) const;
    Hit hitAt(const QPoint &pos) const;
    QString barToolTip(const TimelineModel::Lane &lane, const TimelineBar &bar) const;
    QString laneToolTip(const TimelineModel::Lane &lane) const;

    void updateScrollBars();
    void modelChanged();
    void updateLabelWidth();
    void updateLiveTimer();
    void zoomAround(double x, double factor);

    void paintLanes(QPainter &painter, int first, int last, bool dark);
    void paintBar(QPainter &painter, const QRectF &rect, const TimelineBar &bar, bool dark);
    void paintAxis(QPainter &painter);
    void paintLabels(QPainter &painter, int first, int last, bool dark);

    TimelineModel m_ownModel; // shown without a feed
    const TimelineModel *m_model = &m_ownModel;
    QPointer<RunViewData> m_data;
    QSet<QString> m_selected;
    std::function<qint64()> m_now;
    QTimer *m_live; // repaints while bars are open, so they grow
    double m_msPerPixel = 10;
    bool m_fit = true;
    int m_labelWidth = 80; // what the longest label needs; plotLeft() caps it
    int m_measuredLanes = 0;
    QPoint m_pressPos;
    QPoint m_pressScroll;
    bool m_dragging = false;
};

} // namespace Flow

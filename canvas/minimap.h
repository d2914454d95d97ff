#pragma once

#include <QImage>
#include <QTimer>
#include <QWidget>

namespace Flow {

class GraphView;

// An overview of the whole graph in a corner of the view: every node as a small coloured rectangle and
// the visible part as a frame. Click or drag in it to move the view there. The node picture is cached
// and redrawn (debounced) only after the document changes; scrolling repaints just the frame.
class Minimap : public QWidget
{
    Q_OBJECT

public:
    explicit Minimap(GraphView *view);

    QSize sizeHint() const override { return {220, 150}; }
    // Scene rectangle shown (the graph's bounds plus a margin, and the viewport).
    QRectF sceneArea() const { return m_area; }
    QPointF toScene(const QPointF &widgetPos) const;
    QPointF fromScene(const QPointF &scenePos) const;
    void invalidate(); // the graph changed: redraw the cached picture soon
    // Faded while cards lie under it (the view found no free corner): they show through, and it comes
    // back in full while the pointer is on it.
    void setFaded(bool faded);
    bool isFaded() const { return m_faded; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void rebuild();
    void updateArea();
    void centerViewAt(const QPointF &widgetPos);

    GraphView *m_view;
    QImage m_picture;
    QRectF m_area;
    QTimer m_rebuildTimer;
    bool m_dirty = true;
    bool m_faded = false;
    bool m_hovered = false;
};

} // namespace Flow

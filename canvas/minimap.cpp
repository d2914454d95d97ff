#include "minimap.h"

#include "graphscene.h"
#include "graphview.h"
#include "nodeitem.h"

#include <QMouseEvent>
#include <QPainter>

namespace Flow {
namespace {

constexpr int Inset = 6;

} // namespace

Minimap::Minimap(GraphView *view)
    : QWidget(view)
    , m_view(view)
{
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(120);
    connect(&m_rebuildTimer, &QTimer::timeout, this, [this] {
        m_dirty = true;
        update();
    });
    connect(view, &GraphView::viewportMoved, this, qOverload<>(&QWidget::update));
    // Run states show here too: where the failed nodes of a big graph are.
    connect(view->graphScene(), &GraphScene::runOverlayChanged, this, &Minimap::invalidate);
    resize(sizeHint());
}

void Minimap::invalidate()
{
    // Debounced: a drag or a paste changes the document many times in a row.
    if (!m_rebuildTimer.isActive())
        m_rebuildTimer.start();
}

void Minimap::setFaded(bool faded)
{
    if (faded == m_faded)
        return;
    m_faded = faded;
    update();
}

void Minimap::enterEvent(QEnterEvent *event)
{
    m_hovered = true;
    update();
    QWidget::enterEvent(event);
}

void Minimap::leaveEvent(QEvent *event)
{
    m_hovered = false;
    update();
    QWidget::leaveEvent(event);
}

void Minimap::updateArea()
{
    GraphScene *scene = m_view->graphScene();
    QRectF bounds = scene->nodesBoundingRect();
    if (bounds.isEmpty())
        bounds = QRectF(-400, -300, 800, 600);
    m_area = bounds.adjusted(-80, -80, 80, 80);
    // Same aspect as the widget, centred on the graph.
    const QRectF inner = rect().adjusted(Inset, Inset, -Inset, -Inset);
    const qreal scale = std::min(inner.width() / m_area.width(), inner.height() / m_area.height());
    const QSizeF size(inner.width() / scale, inner.height() / scale);
    m_area = QRectF(m_area.center() - QPointF(size.width() / 2, size.height() / 2), size);
}

QPointF Minimap::toScene(const QPointF &widgetPos) const
{
    const QRectF inner = QRectF(rect()).adjusted(Inset, Inset, -Inset, -Inset);
    return m_area.topLeft()
           + QPointF((widgetPos.x() - inner.left()) * m_area.width() / inner.width(),
                     (widgetPos.y() - inner.top()) * m_area.height() / inner.height());
}

QPointF Minimap::fromScene(const QPointF &scenePos) const
{
    const QRectF inner = QRectF(rect()).adjusted(Inset, Inset, -Inset, -Inset);
    return inner.topLeft()
           + QPointF((scenePos.x() - m_area.left()) * inner.width() / m_area.width(),
                     (scenePos.y() - m_area.top()) * inner.height() / m_area.height());
}

void Minimap::rebuild()
{
    m_dirty = false;
    GraphScene *scene = m_view->graphScene();
    scene->ensurePositions();
    updateArea();
    const qreal dpr = devicePixelRatioF();
    m_picture = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
    m_picture.setDevicePixelRatio(dpr);
    m_picture.fill(Qt::transparent);
    QPainter p(&m_picture);
    const CanvasTheme &theme = scene->theme();
    for (const NodeItem *node : scene->nodeItems()) {
        const QRectF r(fromScene(node->pos()), fromScene(node->pos() + node->cardRect().bottomRight()));
        p.fillRect(r.adjusted(0, 0, std::max(0.0, 1.5 - r.width()), std::max(0.0, 1.5 - r.height())),
                   node->overviewColor(theme, false));
    }
}

void Minimap::paintEvent(QPaintEvent *)
{
    if (m_dirty || m_picture.size() != size() * devicePixelRatioF())
        rebuild();
    const CanvasTheme &theme = m_view->graphScene()->theme();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_faded && !m_hovered)
        p.setOpacity(0.3);
    QColor panel = theme.cardFill;
    panel.setAlpha(235);
    p.setPen(QPen(theme.cardBorder, 1));
    p.setBrush(panel);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p.drawImage(0, 0, m_picture);
    // The visible part of the scene.
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QRectF frame(fromScene(visible.topLeft()), fromScene(visible.bottomRight()));
    frame = frame.intersected(QRectF(rect()).adjusted(1, 1, -1, -1));
    QColor fill = theme.cardSelected;
    fill.setAlpha(22);
    p.setBrush(fill);
    p.setPen(QPen(theme.cardSelected, 1.5));
    p.drawRect(frame);
}

void Minimap::centerViewAt(const QPointF &widgetPos)
{
    m_view->centerOn(toScene(widgetPos));
    update();
}

void Minimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        centerViewAt(event->position());
}

void Minimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        centerViewAt(event->position());
}

} // namespace Flow

#include "nodeitem.h"

#include "cardstyle.h"
#include "graphscene.h"
#include "model/nodetypeinfo.h"
#include "model/workflow.h"
#include "nodestatestyle.h"
#include "runoverlay.h"
#include "wireitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

#include <cmath>

namespace Flow {
using namespace CardStyle;
namespace {

// Category icons are SVGs; rendering one per paint would be slow, so they are cached as pixmaps of the
// exact device size in QPixmapCache.
QPixmap iconPixmap(const QString &path, int pixels)
{
    const QString key = QStringLiteral("flow-icon:%1:%2").arg(path).arg(pixels);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(path);
    if (renderer.isValid()) {
        QPainter p(&image);
        renderer.render(&p);
    }
    pixmap = QPixmap::fromImage(image);
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

struct CardShapes
{
    QPainterPath card;
    QPainterPath header;
    QPainterPath stripe;
};

const CardShapes &cardShapes(qreal height)
{
    static QHash<int, CardShapes> cache; // GUI thread only
    const int key = int(std::lround(height));
    auto it = cache.constFind(key);
    if (it != cache.cend())
        return *it;
    CardShapes s;
    s.card.addRoundedRect(QRectF(0, 0, NodeItem::Width, height), Radius, Radius);
    QPainterPath header;
    header.addRect(QRectF(0, 0, NodeItem::Width, NodeItem::HeaderHeight));
    s.header = s.card.intersected(header);
    QPainterPath stripe;
    stripe.addRect(QRectF(0, 0, NodeItem::Width, 3));
    s.stripe = s.card.intersected(stripe);
    return *cache.insert(key, s);
}

} // namespace

NodeItem::NodeItem(GraphScene *scene, const Node &node, const NodeTypeInfo *info)
    : m_scene(scene)
{
    setFlag(ItemIsSelectable);
    setZValue(1);
    sync(node, info);
}

void NodeItem::sync(const Node &node, const NodeTypeInfo *info)
{
    m_id = node.id;
    m_typeId = node.type;
    m_info = info;
    m_typeTitle = info ? info->title : node.type;
    m_category = info ? info->category : QString();
    m_iconPath = info ? info->icon : QString();

    m_inputs.clear();
    m_outputs.clear();
    m_wiredInputs.clear();
    if (info) {
        for (const PortInfo &p : info->inputs)
            m_inputs.append(p.name);
        const Value *configured = info->dynamicOutputs ? node.config.find(u"outputs") : nullptr;
        if (configured && configured->isList() && configured->size() > 0) {
            for (const Value &v : configured->list())
                m_outputs.append(v.toString());
        } else {
            for (const PortInfo &p : info->outputs)
                m_outputs.append(p.name);
        }
    }
    // Wired ports the type does not declare still get drawn: dynamic ports, or mistakes the validator
    // reports (the wire needs an end either way).
    for (const InputBinding &b : node.inputs) {
        m_wiredInputs.append(b.port);
        if (!m_inputs.contains(b.port))
            m_inputs.append(b.port);
    }
    for (const WireItem *w : std::as_const(m_wires)) {
        if (w->kind() == WireItem::Kind::Data && w->fromItem() == this
            && !m_outputs.contains(w->edge().fromPort))
            m_outputs.append(w->edge().fromPort);
    }
    m_freeInput = info && info->dynamicInputs;
    m_freeOutput = info && info->dynamicOutputs && info->outputs.isEmpty();
    rebuildGeometry();
    updateWirePaths();
}

void NodeItem::setInputWired(const QString &port, bool wired)
{
    if (wired == m_wiredInputs.contains(port))
        return;
    if (wired)
        m_wiredInputs.append(port);
    else
        m_wiredInputs.removeOne(port);
    update();
}

void NodeItem::rebuildGeometry()
{
    const int rows = std::max<qsizetype>(
        {1, m_inputs.size() + (m_freeInput ? 1 : 0), m_outputs.size() + (m_freeOutput ? 1 : 0)});
    const qreal height = HeaderHeight + BodyTop + rows * RowHeight + BottomPadding;
    if (height != m_height) {
        prepareGeometryChange();
        m_height = height;
    }
    // Implicitly shared copies of per-height shapes: thousands of cards, a handful of heights.
    const CardShapes &shapes = cardShapes(m_height);
    m_cardPath = shapes.card;
    m_headerPath = shapes.header;
    m_stripePath = shapes.stripe;

    const CanvasTheme &theme = m_scene->theme();
    m_categoryColor = theme.categoryColor(m_category);
    const qreal textWidth = Width - TextLeft - 10;
    const QFontMetricsF titleMetrics(theme.titleFont);
    m_titleText.setText(titleMetrics.elidedText(m_id, Qt::ElideRight, textWidth));
    m_titleTextShort.setText(titleMetrics.elidedText(m_id, Qt::ElideRight, textWidth - OverlayGlyphRoom));
    m_subtitleText.setText(
        QFontMetricsF(theme.subtitleFont).elidedText(m_typeTitle, Qt::ElideRight, textWidth));
    m_titleText.setTextFormat(Qt::PlainText);
    m_titleTextShort.setTextFormat(Qt::PlainText);
    m_subtitleText.setTextFormat(Qt::PlainText);
    m_titleText.prepare(QTransform(), theme.titleFont);
    m_titleTextShort.prepare(QTransform(), theme.titleFont);
    m_statusRow.reset();
    m_portNamesPx = 0; // names or theme may have changed: laid out again at the next paint
    m_grownTitlePx = 0;
    m_subtitleText.prepare(QTransform(), theme.subtitleFont);
    update();
}

QRectF NodeItem::boundingRect() const
{
    // Ports stick out of the card by their radius; the selection border by a few pixels (outside the
    // run state border while a run is shown).
    const qreal m = PortRadius + 2;
    return QRectF(-m, -4, Width + 2 * m, m_height + 8);
}

QPainterPath NodeItem::shape() const
{
    const qreal m = PortRadius + 2;
    QPainterPath path;
    path.addRect(QRectF(-m, -2, Width + 2 * m, m_height + 4));
    return path;
}

qreal NodeItem::rowY(int row) const
{
    return HeaderHeight + BodyTop + (row + 0.5) * RowHeight;
}

int NodeItem::inputRow(const QString &port) const
{
    if (port.isEmpty())
        return m_freeInput ? int(m_inputs.size()) : -1;
    return int(m_inputs.indexOf(port));
}

int NodeItem::outputRow(const QString &port) const
{
    if (port.isEmpty())
        return m_freeOutput ? int(m_outputs.size()) : -1;
    return int(m_outputs.indexOf(port));
}

QPointF NodeItem::inputPos(const QString &port) const
{
    const int row = inputRow(port);
    return QPointF(0, row < 0 ? HeaderHeight / 2 : rowY(row));
}

QPointF NodeItem::outputPos(const QString &port) const
{
    const int row = outputRow(port);
    return QPointF(Width, row < 0 ? HeaderHeight / 2 : rowY(row));
}

QPointF NodeItem::portPos(const PortRef &port) const
{
    return port.output ? outputPos(port.port) : inputPos(port.port);
}

bool NodeItem::hasPort(const PortRef &port) const
{
    return port.output ? outputRow(port.port) >= 0 : inputRow(port.port) >= 0;
}

PortRef NodeItem::portAt(const QPointF &itemPos) const
{
    // Generous hit area: the whole row half near each edge counts, so ports are easy to grab.
    constexpr qreal Reach = 14;
    const qreal y = itemPos.y() - HeaderHeight - BodyTop;
    if (y < 0 || y >= (m_height - HeaderHeight - BodyTop - BottomPadding))
        return {};
    const int row = int(y / RowHeight);
    if (itemPos.x() <= Reach && itemPos.x() >= -Reach) {
        if (row < m_inputs.size())
            return PortRef{m_id, m_inputs.at(row), false};
        if (m_freeInput && row == m_inputs.size())
            return PortRef{m_id, QString(), false};
    }
    if (itemPos.x() >= Width - Reach && itemPos.x() <= Width + Reach) {
        if (row < m_outputs.size())
            return PortRef{m_id, m_outputs.at(row), true};
        if (m_freeOutput && row == m_outputs.size())
            return PortRef{m_id, QString(), true};
    }
    return {};
}

QRectF NodeItem::titleRect() const
{
    return QRectF(TextLeft - 3, 5, Width - TextLeft - 6, 20);
}

void NodeItem::updateWirePaths()
{
    for (WireItem *w : std::as_const(m_wires))
        w->updatePath();
}

bool NodeItem::isOutputWired(const QString &port) const
{
    for (const WireItem *w : m_wires) {
        if (w->fromItem() == this && w->kind() == WireItem::Kind::Data && w->edge().fromPort == port)
            return true;
    }
    return false;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const CanvasTheme &theme = m_scene->theme();
    // The view switches to overview mode below exactly 30%; the level of detail computed from the
    // transform may come out a rounding error below that at exactly 30%.
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform()) + 1e-6;
    const CardDetail detail = cardDetail(lod, theme);
    m_lastDetail = detail;
    if (detail.tiny) {
        paintTiny(painter, theme);
        return;
    }
    const NodeStatus *status = runStatus();
    paintCard(painter, theme, lod, status);
    paintTexts(painter, theme, detail, status);
    paintPorts(painter, theme, detail);
    if (status)
        paintRunOverlay(painter, theme, lod, *status);
    if (m_scene->isDimmed(this))
        painter->fillPath(m_cardPath, theme.dimmed);
    else if (!status && m_scene->hasRunOverlay())
        painter->fillPath(m_cardPath, overlayFade(theme)); // not part of the shown run
}

void NodeItem::paintTiny(QPainter *painter, const CanvasTheme &theme)
{
    // At overview zoom a card is a few pixels: one rectangle in its category (or run state) colour.
    painter->fillRect(cardRect(), overviewColor(theme));
}

QColor NodeItem::overviewColor(const CanvasTheme &theme, bool withSelection) const
{
    if (withSelection && isSelected())
        return theme.cardSelected;
    QColor fill = m_categoryColor;
    bool faded = m_scene->isDimmed(this);
    if (m_scene->hasRunOverlay()) {
        if (const NodeStatus *status = runStatus())
            fill = m_scene->runOverlay().color(status->state, theme.dark);
        else
            faded = true;
    }
    return faded ? mixColors(fill, theme.background, 0.7) : fill;
}

void NodeItem::paintCard(QPainter *painter, const CanvasTheme &theme, qreal lod, const NodeStatus *status)
{
    const QColor &category = m_categoryColor;
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme.cardFill);
    painter->drawPath(m_cardPath);
    // While a run is shown, the header takes the tint of the node's state instead of its category.
    if (status)
        painter->setBrush(mixColors(theme.cardHeader, m_scene->runOverlay().color(status->state, theme.dark),
                                    theme.dark ? 0.30 : 0.16));
    else
        painter->setBrush(mixColors(theme.cardHeader, category, theme.dark ? 0.22 : 0.12));
    painter->drawPath(m_headerPath);
    // The category stripe along the top edge, inside the rounded corners.
    painter->fillPath(m_stripePath, category);

    painter->setPen(QPen(theme.cardBorder, 1));
    painter->drawLine(QPointF(0.5, HeaderHeight), QPointF(Width - 0.5, HeaderHeight));
    painter->setBrush(Qt::NoBrush);
    if (status && status->state != NodeState::Pending) {
        // The state border inside the card, at least 1.5 pixels wide at any zoom so that it reads far
        // out too; a selection ring goes around it.
        const qreal w = std::max(2.0, 1.5 / lod);
        painter->setPen(QPen(m_scene->runOverlay().color(status->state, theme.dark), w));
        painter->drawRoundedRect(cardRect().adjusted(w / 2, w / 2, -w / 2, -w / 2), Radius - w / 2,
                                 Radius - w / 2);
        if (isSelected()) {
            painter->setPen(QPen(theme.cardSelected, 2.0));
            painter->drawRoundedRect(cardRect().adjusted(-2.5, -2.5, 2.5, 2.5), Radius + 2.5, Radius + 2.5);
        }
    } else if (isSelected()) {
        painter->setPen(QPen(theme.cardSelected, 2.0));
        painter->drawRoundedRect(cardRect().adjusted(-0.5, -0.5, 0.5, 0.5), Radius + 0.5, Radius + 0.5);
    } else {
        painter->drawPath(m_cardPath);
    }

    if (!m_iconPath.isEmpty()) {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const int pixels = std::clamp(int(std::lround(IconSize * lod * dpr)), 6, 128);
        const QRectF iconRect(12, (HeaderHeight - IconSize) / 2 + 1, IconSize, IconSize);
        painter->drawPixmap(iconRect, iconPixmap(m_iconPath, pixels), QRectF(0, 0, pixels, pixels));
    }
}

void NodeItem::paintTexts(QPainter *painter, const CanvasTheme &theme, const CardDetail &detail,
                          const NodeStatus *status)
{
    if (detail.title) {
        painter->setPen(theme.text);
        if (detail.titlePx == fontPx(theme.titleFont)) {
            painter->setFont(theme.titleFont);
            painter->drawStaticText(QPointF(TextLeft, 8), status ? m_titleTextShort : m_titleText);
        } else {
            if (m_grownTitlePx != detail.titlePx)
                layoutGrownTitle(theme, detail.titlePx);
            painter->setFont(m_grownTitleFont);
            painter->drawStaticText(QPointF(TextLeft, 6), status ? m_grownTitleShort : m_grownTitle);
        }
    }
    if (!detail.subtitle)
        return;
    painter->setPen(theme.textSecondary);
    painter->setFont(theme.subtitleFont);
    // With a run shown, the subtitle shares its row with the attempt badge and the status line: those
    // are drawn by paintStatusLine(), which elides the subtitle to the room they leave.
    if (!status)
        painter->drawStaticText(QPointF(TextLeft, 26), m_subtitleText);
}

void NodeItem::layoutGrownTitle(const CanvasTheme &theme, qreal pixelSize)
{
    m_grownTitleFont = theme.titleFont;
    m_grownTitleFont.setPixelSize(int(std::lround(pixelSize)));
    const QFontMetricsF metrics(m_grownTitleFont);
    const qreal textWidth = Width - TextLeft - 10;
    m_grownTitle = QStaticText(metrics.elidedText(m_id, Qt::ElideRight, textWidth));
    m_grownTitleShort = QStaticText(metrics.elidedText(m_id, Qt::ElideRight, textWidth - OverlayGlyphRoom));
    for (QStaticText *text : {&m_grownTitle, &m_grownTitleShort}) {
        text->setTextFormat(Qt::PlainText);
        text->prepare(QTransform(), m_grownTitleFont);
    }
    m_grownTitlePx = pixelSize;
}

void NodeItem::layoutPortNames(const CanvasTheme &theme, qreal pixelSize)
{
    QFont font = theme.portFont;
    font.setPixelSize(int(std::lround(pixelSize)));
    const QFontMetricsF metrics(font);
    const qreal nameWidth = Width / 2 - 16;
    m_portNames.clear();
    for (const QStringList *names : {&m_inputs, &m_outputs}) {
        for (const QString &name : *names) {
            QStaticText text(metrics.elidedText(name, Qt::ElideRight, nameWidth));
            text.setTextFormat(Qt::PlainText);
            text.prepare(QTransform(), font);
            m_portNames.append(text);
        }
    }
    m_portNamesPx = pixelSize;
    m_portNameHeight = metrics.height();
    m_portNameFont = font;
}

void NodeItem::paintPorts(QPainter *painter, const CanvasTheme &theme, const CardDetail &detail)
{
    const bool withNames = detail.portNames;
    if (withNames) {
        if (m_portNamesPx != detail.portNamePx || m_portNames.size() != m_inputs.size() + m_outputs.size())
            layoutPortNames(theme, detail.portNamePx);
        painter->setFont(m_portNameFont);
    }
    const qreal half = m_portNameHeight / 2;
    for (int i = 0; i < m_inputs.size(); ++i) {
        const QString &name = m_inputs.at(i);
        paintPort(painter, theme, PortRef{m_id, name, false}, QPointF(0, rowY(i)),
                  m_wiredInputs.contains(name));
        if (withNames) {
            painter->setPen(theme.text);
            painter->drawStaticText(QPointF(12, rowY(i) - half), m_portNames.at(i));
        }
    }
    if (m_freeInput)
        paintPort(painter, theme, PortRef{m_id, QString(), false}, QPointF(0, rowY(int(m_inputs.size()))),
                  false);
    for (int i = 0; i < m_outputs.size(); ++i) {
        const QString &name = m_outputs.at(i);
        paintPort(painter, theme, PortRef{m_id, name, true}, QPointF(Width, rowY(i)), isOutputWired(name));
        if (withNames) {
            painter->setPen(theme.text);
            const QStaticText &text = m_portNames.at(m_inputs.size() + i);
            painter->drawStaticText(QPointF(Width - 12 - text.size().width(), rowY(i) - half), text);
        }
    }
    if (m_freeOutput)
        paintPort(painter, theme, PortRef{m_id, QString(), true}, QPointF(Width, rowY(int(m_outputs.size()))),
                  false);
}

void NodeItem::paintPort(QPainter *painter, const CanvasTheme &theme, const PortRef &port, const QPointF &at,
                         bool wired)
{
    bool refused = false;
    bool hovered = false;
    if (m_scene->isConnectionDragActive()) {
        refused = m_scene->dragRefusal(port) != ConnectionRefusal::None;
        hovered = !refused && m_scene->dragHover() == port;
    }
    const QColor color = port.isFreePort() ? theme.portFree : theme.port;
    if (m_scene->isConnectionDragActive() && !refused) {
        // Where the dragged wire may go: a ring in the accept colour.
        painter->setPen(QPen(theme.accept, hovered ? 3 : 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(at, PortRadius + (hovered ? 4 : 3), PortRadius + (hovered ? 4 : 3));
    }
    painter->setPen(QPen(color, 1.5));
    painter->setBrush(wired ? color : theme.cardFill);
    painter->drawEllipse(at, PortRadius, PortRadius);
    if (port.isFreePort()) {
        const qreal a = PortRadius - 2;
        painter->drawLine(QPointF(at.x() - a, at.y()), QPointF(at.x() + a, at.y()));
        painter->drawLine(QPointF(at.x(), at.y() - a), QPointF(at.x(), at.y() + a));
    }
}

} // namespace Flow

#include "nodestatestyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

namespace Flow {

namespace {

QString label(NodeState state)
{
    switch (state) {
    case NodeState::Pending: return QCoreApplication::translate("Flow::NodeStateStyle", "Pending");
    case NodeState::Queued: return QCoreApplication::translate("Flow::NodeStateStyle", "Queued");
    case NodeState::Running: return QCoreApplication::translate("Flow::NodeStateStyle", "Running");
    case NodeState::Retrying: return QCoreApplication::translate("Flow::NodeStateStyle", "Retrying");
    case NodeState::Succeeded: return QCoreApplication::translate("Flow::NodeStateStyle", "Succeeded");
    case NodeState::Failed: return QCoreApplication::translate("Flow::NodeStateStyle", "Failed");
    case NodeState::Skipped: return QCoreApplication::translate("Flow::NodeStateStyle", "Skipped");
    case NodeState::Cancelled: return QCoreApplication::translate("Flow::NodeStateStyle", "Cancelled");
    case NodeState::Cached: return QCoreApplication::translate("Flow::NodeStateStyle", "Cached");
    }
    return {};
}

QColor color(NodeState state, bool dark)
{
    // Pairs chosen for contrast on a white card and on a dark grey one.
    switch (state) {
    case NodeState::Pending: return dark ? QColor(0x8a, 0x8f, 0x98) : QColor(0x9a, 0xa0, 0xa6);
    case NodeState::Queued: return dark ? QColor(0x9f, 0xa8, 0xda) : QColor(0x5c, 0x6b, 0xc0);
    case NodeState::Running: return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x19, 0x76, 0xd2);
    case NodeState::Retrying: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xef, 0x6c, 0x00);
    case NodeState::Succeeded: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case NodeState::Failed: return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case NodeState::Skipped: return dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x75, 0x75, 0x75);
    case NodeState::Cancelled: return dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x8e, 0x24, 0xaa);
    case NodeState::Cached: return dark ? QColor(0x4d, 0xd0, 0xe1) : QColor(0x00, 0x83, 0x8f);
    }
    return Qt::gray;
}

} // namespace

NodeStateStyle nodeStateStyle(NodeState state, bool dark)
{
    return {color(state, dark), label(state)};
}

void paintStateGlyph(QPainter *painter, const QRectF &rect, NodeState state, const QColor &c)
{
    const qreal s = qMin(rect.width(), rect.height());
    const QRectF r(rect.center() - QPointF(s / 2, s / 2), QSizeF(s, s));
    const QRectF in = r.adjusted(s * 0.22, s * 0.22, -s * 0.22, -s * 0.22);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(c);
    painter->setPen(Qt::NoPen);
    painter->drawEllipse(r);
    QPen pen(Qt::white, qMax<qreal>(1.0, s * 0.12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    QPainterPath p;
    switch (state) {
    case NodeState::Pending: // three dots
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        for (int i = -1; i <= 1; ++i)
            painter->drawEllipse(QPointF(r.center().x() + i * s * 0.22, r.center().y()), s * 0.07, s * 0.07);
        break;
    case NodeState::Queued: // clock
        painter->drawEllipse(in);
        p.moveTo(in.center());
        p.lineTo(in.center().x(), in.top() + in.height() * 0.2);
        p.moveTo(in.center());
        p.lineTo(in.right() - in.width() * 0.2, in.center().y());
        painter->drawPath(p);
        break;
    case NodeState::Running: // play triangle
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        p.moveTo(in.left() + in.width() * 0.2, in.top());
        p.lineTo(in.right(), in.center().y());
        p.lineTo(in.left() + in.width() * 0.2, in.bottom());
        p.closeSubpath();
        painter->drawPath(p);
        break;
    case NodeState::Retrying: // circular arrow
        painter->drawArc(in, 60 * 16, 280 * 16);
        p.moveTo(in.right() - in.width() * 0.05, in.top());
        p.lineTo(in.right() - in.width() * 0.05, in.top() + in.height() * 0.35);
        p.lineTo(in.right() - in.width() * 0.4, in.top() + in.height() * 0.3);
        painter->drawPath(p);
        break;
    case NodeState::Succeeded: // check
        p.moveTo(in.left(), in.center().y());
        p.lineTo(in.left() + in.width() * 0.38, in.bottom() - in.height() * 0.1);
        p.lineTo(in.right(), in.top() + in.height() * 0.1);
        painter->drawPath(p);
        break;
    case NodeState::Failed: // cross
        p.moveTo(in.topLeft());
        p.lineTo(in.bottomRight());
        p.moveTo(in.topRight());
        p.lineTo(in.bottomLeft());
        painter->drawPath(p);
        break;
    case NodeState::Skipped: // forward arrow over a bar
        p.moveTo(in.left(), in.center().y());
        p.lineTo(in.right() - in.width() * 0.25, in.center().y());
        p.moveTo(in.center().x(), in.top() + in.height() * 0.15);
        p.lineTo(in.right() - in.width() * 0.25, in.center().y());
        p.lineTo(in.center().x(), in.bottom() - in.height() * 0.15);
        p.moveTo(in.right(), in.top());
        p.lineTo(in.right(), in.bottom());
        painter->drawPath(p);
        break;
    case NodeState::Cancelled: // stop square
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        painter->drawRect(in.adjusted(in.width() * 0.12, in.height() * 0.12, -in.width() * 0.12,
                                      -in.height() * 0.12));
        break;
    case NodeState::Cached: // lightning
        painter->setBrush(Qt::white);
        painter->setPen(Qt::NoPen);
        p.moveTo(in.center().x() + in.width() * 0.15, in.top());
        p.lineTo(in.left() + in.width() * 0.15, in.center().y() + in.height() * 0.08);
        p.lineTo(in.center().x(), in.center().y() + in.height() * 0.08);
        p.lineTo(in.center().x() - in.width() * 0.15, in.bottom());
        p.lineTo(in.right() - in.width() * 0.15, in.center().y() - in.height() * 0.08);
        p.lineTo(in.center().x(), in.center().y() - in.height() * 0.08);
        p.closeSubpath();
        painter->drawPath(p);
        break;
    }
    painter->restore();
}

} // namespace Flow

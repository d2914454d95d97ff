#include "progressdelegate.h"

#include "canvas/nodestatestyle.h"
#include "runnodemodel.h"

#include <QApplication>
#include <QPainter>

namespace Flow {

namespace {

enum class Fill { None, Fraction, Busy, Full };

Fill fillFor(NodeState state, double fraction)
{
    switch (state) {
    case NodeState::Succeeded:
    case NodeState::Cached:
        return Fill::Full;
    case NodeState::Running:
        return fraction < 0 ? Fill::Busy : Fill::Fraction;
    case NodeState::Retrying:
    case NodeState::Failed:
    case NodeState::Cancelled:
        // Where the last attempt got to, if it said.
        return fraction < 0 ? Fill::None : Fill::Fraction;
    default:
        return Fill::None;
    }
}

} // namespace

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const auto state = NodeState(index.data(RunNodeModel::StateRole).toInt());
    const double fraction = index.data(RunNodeModel::ProgressRole).toDouble();
    const Fill fill = fillFor(state, fraction);
    if (fill == Fill::None && state != NodeState::Failed && state != NodeState::Retrying
        && state != NodeState::Cancelled) {
        QStyledItemDelegate::paint(painter, option, index); // "—"
        return;
    }

    // The cell's background and selection, without its text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool dark = option.palette.color(QPalette::Window).lightness() < 128;
    const QColor color = nodeStateStyle(state, dark).color;
    const int height = qBound(3, option.rect.height() / 4, 6);
    const QRectF track(option.rect.left() + 4, option.rect.center().y() - height / 2.0,
                       qMax(0, option.rect.width() - 8), height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QColor trackColor = option.palette.color(QPalette::Text);
    trackColor.setAlpha(40);
    painter->setBrush(trackColor);
    painter->drawRoundedRect(track, height / 2.0, height / 2.0);
    switch (fill) {
    case Fill::Full:
        painter->setBrush(color);
        painter->drawRoundedRect(track, height / 2.0, height / 2.0);
        break;
    case Fill::Fraction: {
        QRectF bar = track;
        bar.setWidth(track.width() * qBound(0.0, fraction, 1.0));
        painter->setBrush(color);
        painter->drawRoundedRect(bar, height / 2.0, height / 2.0);
        break;
    }
    case Fill::Busy: {
        // Stripes: busy, but how far is unknown. Static on purpose: an animation would repaint every
        // running row many times a second.
        QColor pale = color;
        pale.setAlpha(90);
        painter->setBrush(pale);
        painter->drawRoundedRect(track, height / 2.0, height / 2.0);
        painter->setBrush(QBrush(color, Qt::BDiagPattern));
        painter->drawRoundedRect(track, height / 2.0, height / 2.0);
        break;
    }
    case Fill::None:
        break;
    }
    painter->restore();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width(), 80));
    return size;
}

} // namespace Flow

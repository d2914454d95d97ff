#include "problemsview.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyle>

namespace Flow::Studio {
namespace {

enum Column { MessageColumn, NodeColumn, PositionColumn };
constexpr int DiagnosticIndexRole = Qt::UserRole + 1;

bool isError(const Diagnostic &d)
{
    return d.severity == Diagnostic::Severity::Error;
}

} // namespace

ProblemsView::ProblemsView(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(3);
    setHeaderLabels({tr("Problem"), tr("Node"), tr("Line")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAllColumnsShowFocus(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(NodeColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(PositionColumn, QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { activateItem(item); });
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activateItem(item); });
}

void ProblemsView::setDiagnostics(const Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    clear();
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    QList<QTreeWidgetItem *> items;
    for (int i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic &d = diagnostics.at(i);
        auto item = new QTreeWidgetItem;
        item->setIcon(MessageColumn, isError(d) ? errorIcon : warningIcon);
        item->setText(MessageColumn, d.message);
        item->setToolTip(MessageColumn, d.message);
        item->setText(NodeColumn, d.nodeId);
        if (d.pos.isValid())
            item->setText(PositionColumn, QStringLiteral("%1:%2").arg(d.pos.line).arg(d.pos.column));
        item->setData(MessageColumn, DiagnosticIndexRole, i);
        items.append(item);
    }
    addTopLevelItems(items);
    viewport()->update();
}

int ProblemsView::errorCount() const
{
    return int(std::count_if(m_diagnostics.begin(), m_diagnostics.end(), isError));
}

int ProblemsView::warningCount() const
{
    return int(m_diagnostics.size()) - errorCount();
}

bool ProblemsView::selectLine(int line)
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const int index = topLevelItem(i)->data(MessageColumn, DiagnosticIndexRole).toInt();
        const Diagnostic &d = m_diagnostics.at(index);
        if ((d.pos.isValid() ? d.pos.line : 1) == line) {
            setCurrentItem(topLevelItem(i));
            scrollToItem(topLevelItem(i));
            return true;
        }
    }
    return false;
}

void ProblemsView::activateNext(int step)
{
    const int count = topLevelItemCount();
    if (count == 0)
        return;
    const int current = currentItem() ? indexOfTopLevelItem(currentItem()) : (step > 0 ? -1 : count);
    const int next = ((current + step) % count + count) % count;
    setCurrentItem(topLevelItem(next));
    activateItem(topLevelItem(next));
}

void ProblemsView::activateItem(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const int index = item->data(MessageColumn, DiagnosticIndexRole).toInt();
    if (index >= 0 && index < m_diagnostics.size())
        emit problemActivated(m_diagnostics.at(index));
}

void ProblemsView::paintEvent(QPaintEvent *event)
{
    QTreeWidget::paintEvent(event);
    if (topLevelItemCount() > 0)
        return;
    // An empty list says so, rather than looking broken.
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(8, 8, -8, -8), Qt::AlignHCenter | Qt::AlignTop,
                     tr("No problems in this workflow"));
}

} // namespace Flow::Studio

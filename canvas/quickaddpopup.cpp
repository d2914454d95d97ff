#include "quickaddpopup.h"

#include "model/nodetypeinfo.h"

#include <QGuiApplication>
#include <QIcon>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QVBoxLayout>

namespace Flow {
namespace {

constexpr int TypeIdRole = Qt::UserRole + 1;
constexpr int SearchTextRole = Qt::UserRole + 2;

bool fits(const NodeTypeInfo &info, QuickAddPopup::PortFilter filter)
{
    switch (filter) {
    case QuickAddPopup::PortFilter::Any:
        return true;
    case QuickAddPopup::PortFilter::NeedsInput:
        return !info.inputs.isEmpty() || info.dynamicInputs;
    case QuickAddPopup::PortFilter::NeedsOutput:
        return !info.outputs.isEmpty() || info.dynamicOutputs;
    }
    return true;
}

} // namespace

QuickAddPopup::QuickAddPopup(const NodeTypeCatalog *catalog, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_catalog(catalog)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setFrameShape(QFrame::StyledPanel);
    m_filter->setPlaceholderText(tr("Add node…"));
    m_filter->installEventFilter(this);
    m_list->setIconSize(QSize(18, 18));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    resize(280, 320);

    for (const NodeTypeInfo *info : catalog->all()) {
        auto *item = new QListWidgetItem(QIcon(info->icon), info->title, m_list);
        item->setData(TypeIdRole, info->id);
        item->setData(SearchTextRole, QStringList{info->title, info->id, info->category}.join(u'\n'));
        item->setToolTip(info->description);
    }
    connect(m_filter, &QLineEdit::textChanged, this, &QuickAddPopup::applyFilter);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_list->setCurrentItem(item);
        accept();
    });
}

void QuickAddPopup::popup(const QPoint &globalPos, PortFilter filter)
{
    m_portFilter = filter;
    m_accepted = false;
    m_filter->clear();
    applyFilter();
    QPoint pos = globalPos;
    if (const QScreen *screen = QGuiApplication::screenAt(globalPos)) {
        const QRect avail = screen->availableGeometry();
        pos.setX(std::min(pos.x(), avail.right() - width()));
        pos.setY(std::min(pos.y(), avail.bottom() - height()));
    }
    move(pos);
    show();
    m_filter->setFocus(Qt::PopupFocusReason);
}

void QuickAddPopup::applyFilter()
{
    const QStringList words = m_filter->text().split(u' ', Qt::SkipEmptyParts);
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const NodeTypeInfo *info = m_catalog->find(item->data(TypeIdRole).toString());
        const QString haystack = item->data(SearchTextRole).toString();
        const bool match = info && fits(*info, m_portFilter)
                           && std::all_of(words.begin(), words.end(), [&](const QString &w) {
                                  return haystack.contains(w, Qt::CaseInsensitive);
                              });
        item->setHidden(!match);
        if (match && !first)
            first = item;
    }
    m_list->setCurrentItem(first);
}

QStringList QuickAddPopup::visibleTypeIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            ids.append(m_list->item(i)->data(TypeIdRole).toString());
    }
    return ids;
}

void QuickAddPopup::accept()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item || item->isHidden())
        return;
    m_accepted = true;
    const QString type = item->data(TypeIdRole).toString();
    hide();
    emit typeChosen(type);
}

bool QuickAddPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        // The list never has the focus: arrows move its current row while typing goes on in the filter.
        auto step = [this](int direction) {
            int row = m_list->currentRow();
            for (int i = 0; i < m_list->count(); ++i) {
                row = (row + direction + m_list->count()) % m_list->count();
                if (!m_list->item(row)->isHidden()) {
                    m_list->setCurrentRow(row);
                    return;
                }
            }
        };
        switch (key->key()) {
        case Qt::Key_Down:
            step(1);
            return true;
        case Qt::Key_Up:
            step(-1);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            accept();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void QuickAddPopup::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    if (!m_accepted)
        emit cancelled();
}

} // namespace Flow

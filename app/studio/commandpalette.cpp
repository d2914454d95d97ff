#include "commandpalette.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flow::Studio {
namespace {

constexpr int ActionRole = Qt::UserRole + 1;

} // namespace

QString plainActionText(const QAction *action)
{
    QString text = action->text();
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

CommandPalette::CommandPalette(ActionSource actions, QWidget *window)
    : QFrame(window)
    , m_actions(std::move(actions))
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("CommandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_filter->setPlaceholderText(tr("Type a command…"));
    m_filter->setClearButtonEnabled(true);
    m_list->setColumnCount(2);
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::applyFilter);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        m_list->setCurrentItem(item);
        runCurrent();
    });
    m_filter->installEventFilter(this);
    hide();
}

void CommandPalette::popup()
{
    populate();
    m_filter->clear();
    applyFilter();
    place();
    show();
    raise();
    m_filter->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::place()
{
    QWidget *window = parentWidget();
    const int width = qMin(560, window->width() - 40);
    const int height = qMin(420, window->height() - 80);
    setGeometry((window->width() - width) / 2, 48, width, height);
}

QStringList CommandPalette::visibleCommands() const
{
    QStringList result;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (!m_list->topLevelItem(i)->isHidden())
            result.append(m_list->topLevelItem(i)->text(0));
    }
    return result;
}

void CommandPalette::populate()
{
    m_list->clear();
    QList<QAction *> actions = m_actions();
    QList<QTreeWidgetItem *> items;
    QSet<QString> seen;
    for (QAction *action : std::as_const(actions)) {
        if (!action->isEnabled() || !action->isVisible() || action->isSeparator() || action->menu())
            continue;
        const QString text = plainActionText(action);
        if (text.isEmpty() || seen.contains(text))
            continue;
        seen.insert(text);
        auto item = new QTreeWidgetItem({text, action->shortcut().toString(QKeySequence::NativeText)});
        item->setIcon(0, action->icon());
        item->setToolTip(0, action->statusTip().isEmpty() ? action->toolTip() : action->statusTip());
        item->setForeground(1, palette().brush(QPalette::Disabled, QPalette::Text));
        item->setData(0, ActionRole, QVariant::fromValue(QPointer<QAction>(action)));
        items.append(item);
    }
    std::sort(items.begin(), items.end(), [](const QTreeWidgetItem *a, const QTreeWidgetItem *b) {
        return a->text(0).localeAwareCompare(b->text(0)) < 0;
    });
    m_list->addTopLevelItems(items);
}

void CommandPalette::applyFilter()
{
    const QStringList words = m_filter->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QTreeWidgetItem *first = nullptr;
    QTreeWidgetItem *firstPrefix = nullptr;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const QString text = item->text(0);
        const bool match = std::all_of(words.begin(), words.end(), [&text](const QString &word) {
            return text.contains(word, Qt::CaseInsensitive);
        });
        item->setHidden(!match);
        if (!match)
            continue;
        if (!first)
            first = item;
        if (!firstPrefix && !words.isEmpty() && text.startsWith(words.first(), Qt::CaseInsensitive))
            firstPrefix = item;
    }
    // "sa" should land on "Save" before "Select All": a match at the start wins.
    m_list->setCurrentItem(firstPrefix ? firstPrefix : first);
}

void CommandPalette::runCurrent()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item || item->isHidden())
        return;
    const QPointer<QAction> action = item->data(0, ActionRole).value<QPointer<QAction>>();
    hide();
    if (parentWidget())
        parentWidget()->setFocus();
    // After the box is gone, so that a dialog the action opens is not fighting it for focus.
    if (action)
        QMetaObject::invokeMethod(action, &QAction::trigger, Qt::QueuedConnection);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto key = static_cast<QKeyEvent *>(event);
        const auto move = [this](int step) {
            int row = m_list->indexOfTopLevelItem(m_list->currentItem());
            for (int r = row + step; r >= 0 && r < m_list->topLevelItemCount(); r += step) {
                if (!m_list->topLevelItem(r)->isHidden()) {
                    m_list->setCurrentItem(m_list->topLevelItem(r));
                    break;
                }
            }
        };
        switch (key->key()) {
        case Qt::Key_Escape:
            hide();
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        case Qt::Key_Down:
            move(1);
            return true;
        case Qt::Key_Up:
            move(-1);
            return true;
        default:
            break;
        }
    }
    if (watched == m_filter && event->type() == QEvent::FocusOut && !m_list->underMouse())
        hide();
    return QFrame::eventFilter(watched, event);
}

} // namespace Flow::Studio

#include "shortcutsheet.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flow::Studio {
namespace {

QString plainText(const QString &text)
{
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    plain.replace(QLatin1String("&&"), QLatin1String("&"));
    if (plain.endsWith(QChar(0x2026)))
        plain.chop(1);
    return plain.trimmed();
}

QStringList keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts()) {
        if (!key.isEmpty())
            keys.append(key.toString(QKeySequence::NativeText));
    }
    return keys;
}

void collectMenu(const QMenu *menu, const QString &group, QList<ShortcutEntry> &entries,
                 QList<QAction *> &seen)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (const QMenu *sub = action->menu()) {
            collectMenu(sub, group + QStringLiteral(" › ") + plainText(sub->title()), entries, seen);
            continue;
        }
        seen.append(action);
        const QStringList keys = keysOf(action);
        if (!keys.isEmpty())
            entries.append({group, plainText(action->text()), keys});
    }
}

} // namespace

QList<ShortcutEntry> collectShortcuts(const QMainWindow *window, const QList<QAction *> &allActions)
{
    QList<ShortcutEntry> entries;
    QList<QAction *> seen;
    for (QAction *top : window->menuBar()->actions()) {
        if (const QMenu *menu = top->menu())
            collectMenu(menu, plainText(menu->title()), entries, seen);
    }
    for (QAction *action : allActions) {
        const QStringList keys = keysOf(action);
        if (!seen.contains(action) && !keys.isEmpty())
            entries.append({ShortcutSheet::tr("Other"), plainText(action->text()), keys});
    }
    return entries;
}

ShortcutSheet::ShortcutSheet(const QList<ShortcutEntry> &entries, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("ShortcutSheet"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_filter->setPlaceholderText(tr("Filter by command or key"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Command"), tr("Shortcut")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    QTreeWidgetItem *group = nullptr;
    for (const ShortcutEntry &entry : entries) {
        if (!group || group->text(0) != entry.group) {
            group = new QTreeWidgetItem(m_tree, {entry.group});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
            group->setFlags(Qt::ItemIsEnabled);
        }
        new QTreeWidgetItem(group, {entry.command, entry.keys.join(QLatin1String(", "))});
    }
    m_tree->expandAll();
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutSheet::applyFilter);

    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(520, 640);
}

void ShortcutSheet::applyFilter(const QString &text)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        bool any = false;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
                               || item->text(1).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            any = any || match;
        }
        group->setHidden(!any);
    }
}

QAction *createShortcutSheetAction(QMainWindow *window, std::function<QList<QAction *>()> allActions)
{
    auto action = new QAction(ShortcutSheet::tr("&Keyboard Shortcuts"), window);
    action->setObjectName(QStringLiteral("action.keyboardShortcuts"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Question));
    action->setStatusTip(ShortcutSheet::tr("List every command that has a keyboard shortcut"));
    QObject::connect(action, &QAction::triggered, window, [window, allActions] {
        auto sheet = new ShortcutSheet(collectShortcuts(window, allActions()), window);
        sheet->setAttribute(Qt::WA_DeleteOnClose);
        sheet->show();
    });
    return action;
}

} // namespace Flow::Studio

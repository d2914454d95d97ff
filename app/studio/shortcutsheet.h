#pragma once

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QMainWindow;
class QTreeWidget;
QT_END_NAMESPACE

namespace Flow::Studio {

// One row of the sheet: where the command lives, what it is called, its keys.
struct ShortcutEntry
{
    QString group; // the menu ("File", "Edit", "View › Panels"), or "Other" outside the menus
    QString command;
    QStringList keys; // native text, e.g. "Ctrl+S"
};

// Every action of `window` that has a shortcut, grouped by the menu it appears in (menus in menu bar
// order, then actions only reachable by key or from the command palette under "Other"). Generated, so
// a new action with a shortcut appears without editing a list.
QList<ShortcutEntry> collectShortcuts(const QMainWindow *window, const QList<QAction *> &allActions);

// Help → Keyboard Shortcuts: the entries above in a searchable tree.
class ShortcutSheet : public QDialog
{
    Q_OBJECT

public:
    ShortcutSheet(const QList<ShortcutEntry> &entries, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *filter() const { return m_filter; }

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

// The Help menu's action: opens the sheet for `window`, with actions from `allActions`.
QAction *createShortcutSheetAction(QMainWindow *window, std::function<QList<QAction *>()> allActions);

} // namespace Flow::Studio

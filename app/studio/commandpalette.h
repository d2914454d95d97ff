#pragma once

#include <QFrame>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QTreeWidget;
QT_END_NAMESPACE

namespace Flow::Studio {

// Command search (Ctrl+Shift+P): a box over the top of the window listing every enabled action by its
// menu text and shortcut. Typing filters (every word must match), Up/Down choose, Enter runs the
// action, Esc closes.
class CommandPalette : public QFrame
{
    Q_OBJECT

public:
    using ActionSource = std::function<QList<QAction *>()>;
    CommandPalette(ActionSource actions, QWidget *window);

    void popup();
    QLineEdit *filterEdit() const { return m_filter; }
    // The commands listed now, in order (menu texts without '&').
    QStringList visibleCommands() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void populate();
    void applyFilter();
    void runCurrent();
    void place();

    ActionSource m_actions;
    QLineEdit *m_filter;
    QTreeWidget *m_list;
};

// The action's text as a person reads it: "&Save As…" -> "Save As…".
QString plainActionText(const QAction *action);

} // namespace Flow::Studio

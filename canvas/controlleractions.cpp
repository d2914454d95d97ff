// GraphController: the QActions the studio puts into its menus and toolbars.
#include "graphcontroller.h"
#include "graphscene.h"
#include "graphview.h"
#include "model/workflowdocument.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QIcon>

namespace Flow {

QAction *GraphController::makeAction(Action id, const QString &text, const QKeySequence &shortcut,
                                     const QString &icon, void (GraphController::*slot)())
{
    auto *action = new QAction(text, this);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    if (!icon.isEmpty())
        action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
    if (slot)
        connect(action, &QAction::triggered, this, slot);
    m_actions.insert(id, action);
    return action;
}

void GraphController::createActions()
{
    using A = Action;
    makeAction(A::Delete, tr("&Delete"), QKeySequence::Delete, {}, &GraphController::deleteSelection);
    m_actions.value(A::Delete)->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    makeAction(A::Cut, tr("Cu&t"), QKeySequence::Cut, {}, &GraphController::cut);
    makeAction(A::Copy, tr("&Copy"), QKeySequence::Copy, {}, &GraphController::copy);
    makeAction(A::Paste, tr("&Paste"), QKeySequence::Paste, {}, &GraphController::paste);
    makeAction(A::Duplicate, tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), {},
               &GraphController::duplicate);
    makeAction(A::Rename, tr("&Rename Node…"), QKeySequence(Qt::Key_F2), {},
               &GraphController::renameSelected);
    makeAction(A::SelectAll, tr("Select &All"), QKeySequence::SelectAll, {}, &GraphController::selectAll);

    auto arrange = [this](A id, const QString &text, const QString &icon) {
        QAction *a = makeAction(id, text, {}, icon, nullptr);
        connect(a, &QAction::triggered, this, [this, id] {
            if (id == A::DistributeHorizontally || id == A::DistributeVertically)
                distributeSelection(id);
            else
                alignSelection(id);
        });
    };
    arrange(A::AlignLeft, tr("Align &Left"), QStringLiteral("align-left"));
    arrange(A::AlignRight, tr("Align &Right"), QStringLiteral("align-right"));
    arrange(A::AlignTop, tr("Align &Top"), QStringLiteral("align-top"));
    arrange(A::AlignBottom, tr("Align &Bottom"), QStringLiteral("align-bottom"));
    arrange(A::DistributeHorizontally, tr("Distribute &Horizontally"),
            QStringLiteral("distribute-horizontal"));
    arrange(A::DistributeVertically, tr("Distribute &Vertically"), QStringLiteral("distribute-vertical"));
    makeAction(A::AutoLayout, tr("Auto-&Layout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
               QStringLiteral("auto-layout"), &GraphController::autoLayout);
    makeAction(A::AutoLayoutSelection, tr("Auto-Layout &Selection"), {}, QStringLiteral("auto-layout"),
               &GraphController::autoLayoutSelection);

    auto zoom = [this](A id, const QString &text, const QList<QKeySequence> &keys, const QString &icon,
                       void (GraphView::*slot)()) {
        QAction *a = makeAction(id, text, {}, icon, nullptr);
        a->setShortcuts(keys);
        connect(a, &QAction::triggered, this, [this, slot] {
            if (m_view)
                (m_view->*slot)();
        });
    };
    zoom(A::ZoomIn, tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
         QStringLiteral("zoom-in"), &GraphView::zoomIn);
    zoom(A::ZoomOut, tr("Zoom &Out"), {QKeySequence::ZoomOut}, QStringLiteral("zoom-out"),
         &GraphView::zoomOut);
    zoom(A::ZoomToFit, tr("Zoom to &Fit"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, QStringLiteral("zoom-fit"),
         &GraphView::zoomToFit);
    zoom(A::ZoomReset, tr("Actual &Size"), {QKeySequence(Qt::CTRL | Qt::Key_1)}, QStringLiteral("zoom-reset"),
         &GraphView::zoomReset);
}

QAction *GraphController::action(Action action) const
{
    return m_actions.value(action);
}

QList<QAction *> GraphController::actions() const
{
    QList<QAction *> list;
    for (int i = 0; i <= int(Action::ZoomReset); ++i)
        list.append(m_actions.value(Action(i)));
    return list;
}

void GraphController::updateActionStates()
{
    const int selected = int(m_scene->selectedNodeIds().size());
    const bool anything = selected > 0 || !m_scene->selectedWires().isEmpty();
    m_actions.value(Action::Delete)->setEnabled(anything);
    for (Action a : {Action::Cut, Action::Copy, Action::Duplicate})
        m_actions.value(a)->setEnabled(selected > 0);
    m_actions.value(Action::Rename)->setEnabled(selected == 1);
    for (Action a : {Action::AlignLeft, Action::AlignRight, Action::AlignTop, Action::AlignBottom,
                     Action::AutoLayoutSelection})
        m_actions.value(a)->setEnabled(selected >= 2);
    for (Action a : {Action::DistributeHorizontally, Action::DistributeVertically})
        m_actions.value(a)->setEnabled(selected >= 3);
}

void GraphController::selectAll()
{
    m_scene->selectNodes(document() ? m_scene->document()->workflow().nodeIds() : QStringList());
}

void GraphController::renameSelected()
{
    const QStringList ids = m_scene->selectedNodeIds();
    if (ids.size() == 1 && m_view)
        m_view->editNodeId(ids.first());
}

} // namespace Flow

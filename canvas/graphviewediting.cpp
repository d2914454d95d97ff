// GraphView: keyboard handling and the inline node id editor.
#include "graphcontroller.h"
#include "graphscene.h"
#include "graphview.h"
#include "nodeitem.h"
#include "quickaddpopup.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QToolTip>

namespace Flow {

bool GraphView::event(QEvent *event)
{
    // Tab opens the quick-add popup instead of moving the focus away from the canvas.
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier && m_mode == Mode::None) {
            const QPoint cursor = viewport()->mapFromGlobal(QCursor::pos());
            openQuickAdd(viewport()->rect().contains(cursor) ? cursor : viewport()->rect().center());
            return true;
        }
    }
    return QGraphicsView::event(event);
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            if (m_mode == Mode::None)
                viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (const QList<QGraphicsItem *> selected = m_scene->selectedItems();
            selected.size() == 1 && selected.first()->type() == NodeItem::Type) {
            emit nodeActivated(static_cast<NodeItem *>(selected.first())->id());
            event->accept();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (m_mode == Mode::Wire)
            cancelWire();
        else
            m_scene->clearSelection();
        event->accept();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void GraphView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (m_mode != Mode::Pan)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void GraphView::editNodeId(const QString &id)
{
    NodeItem *item = m_scene->nodeItem(id);
    if (!item)
        return;
    m_editedId = id;
    m_idEditor->setText(id);
    m_idEditor->selectAll();
    m_idEditor->setToolTip(tr("Node id: letters, digits, _ and -; Enter to rename, Esc to cancel"));
    placeIdEditor();
    m_idEditor->show();
    m_idEditor->setFocus(Qt::OtherFocusReason);
}

void GraphView::placeIdEditor()
{
    if (m_editedId.isEmpty())
        return;
    NodeItem *item = m_scene->nodeItem(m_editedId);
    if (!item) {
        closeIdEditor();
        return;
    }
    const QRect r = mapFromScene(item->mapToScene(item->titleRect())).boundingRect();
    const int height = std::max(r.height(), m_idEditor->sizeHint().height());
    m_idEditor->setGeometry(r.left(), r.center().y() - height / 2, std::max(r.width(), 120), height);
}

void GraphView::commitIdEdit()
{
    if (m_editedId.isEmpty())
        return;
    const QString error = m_controller->renameNode(m_editedId, m_idEditor->text());
    if (!error.isEmpty()) {
        // Stay open so the user can fix the id; say why it was refused.
        QToolTip::showText(m_idEditor->mapToGlobal(QPoint(0, m_idEditor->height())), error, m_idEditor);
        return;
    }
    closeIdEditor();
}

void GraphView::closeIdEditor()
{
    m_editedId.clear();
    m_idEditor->hide();
    setFocus(Qt::OtherFocusReason);
}

void GraphView::contextMenuEvent(QContextMenuEvent *event)
{
    QString nodeId; // the node under the cursor (or one of its parts)
    for (QGraphicsItem *item = itemAt(event->pos()); item && nodeId.isEmpty(); item = item->parentItem()) {
        if (item->type() == NodeItem::Type)
            nodeId = static_cast<NodeItem *>(item)->id();
    }
    // Right-click on a node acts on it: it joins (or becomes) the selection first.
    if (QGraphicsItem *item = itemAt(event->pos()); item && !item->isSelected()) {
        const bool blocked = m_scene->blockSignals(true);
        m_scene->clearSelection();
        m_scene->blockSignals(blocked);
        item->setSelected(true);
    }
    const QPoint pos = event->pos();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    using A = GraphController::Action;
    if (!m_scene->selectedItems().isEmpty()) {
        for (A a : {A::Rename, A::Duplicate, A::Cut, A::Copy, A::Delete})
            menu->addAction(m_controller->action(a));
        QMenu *arrange = menu->addMenu(tr("Arrange"));
        for (A a : {A::AlignLeft, A::AlignRight, A::AlignTop, A::AlignBottom})
            arrange->addAction(m_controller->action(a));
        arrange->addSeparator();
        for (A a : {A::DistributeHorizontally, A::DistributeVertically, A::AutoLayoutSelection})
            arrange->addAction(m_controller->action(a));
        menu->addSeparator();
    }
    if (!nodeId.isEmpty()) {
        const qsizetype before = menu->actions().size();
        emit nodeContextMenu(menu, nodeId);
        if (menu->actions().size() > before)
            menu->addSeparator();
    }
    menu->addAction(tr("Add Node…"), this, [this, pos] { openQuickAdd(pos); });
    menu->addAction(m_controller->action(A::Paste));
    menu->addSeparator();
    for (A a : {A::SelectAll, A::AutoLayout, A::ZoomToFit})
        menu->addAction(m_controller->action(a));
    menu->popup(event->globalPos());
    event->accept();
}

bool GraphView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_idEditor) {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            closeIdEditor();
            return true;
        }
        if (event->type() == QEvent::FocusOut && !m_editedId.isEmpty()) {
            // Leaving the editor keeps a valid new id and forgets an invalid one.
            const QString id = m_editedId;
            const QString text = m_idEditor->text().trimmed();
            m_editedId.clear();
            m_idEditor->hide();
            if (text != id)
                m_controller->renameNode(id, text);
            return false;
        }
    }
    return QGraphicsView::eventFilter(watched, event);
}

} // namespace Flow

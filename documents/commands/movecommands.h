#pragma once

#include <QHash>
#include <QPointF>
#include <QStringList>
#include <QUndoCommand>

#include <optional>

namespace Flow {

class WorkflowDocument;

// Moves nodes: a drag, an align, a distribute, an auto-layout. Undo restores every old position,
// including "no position" (automatic placement). The move events of ONE drag share a `dragSerial` and
// merge into one step; a new drag gets a new serial, so consecutive drags stay separate steps.
class MoveNodesCommand : public QUndoCommand
{
public:
    // `dragSerial` 0 never merges.
    MoveNodesCommand(WorkflowDocument *document, const QHash<QString, QPointF> &newPositions,
                     const QString &text, int dragSerial = 0, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    static int nextDragSerial();

private:
    WorkflowDocument *m_document;
    QStringList m_ids; // document order at creation, for a deterministic signal order
    QHash<QString, std::optional<QPointF>> m_before;
    QHash<QString, QPointF> m_after;
    int m_dragSerial;
};

} // namespace Flow

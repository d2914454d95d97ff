#include "movecommands.h"

#include "model/workflowdocument.h"

#include <atomic>

namespace Flow {
namespace {

constexpr int MoveCommandId = 0x464c4d56; // "FLMV"

} // namespace

MoveNodesCommand::MoveNodesCommand(WorkflowDocument *document, const QHash<QString, QPointF> &newPositions,
                                   const QString &text, int dragSerial, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_after(newPositions)
    , m_dragSerial(dragSerial)
{
    // Document order keeps the emitted signals (and anything listening) deterministic.
    m_ids.reserve(newPositions.size());
    for (const Node &node : document->workflow().nodes) {
        if (newPositions.contains(node.id)) {
            m_ids.append(node.id);
            m_before.insert(node.id, node.position);
        }
    }
}

void MoveNodesCommand::redo()
{
    for (const QString &id : std::as_const(m_ids))
        m_document->moveNode(id, m_after.value(id));
}

void MoveNodesCommand::undo()
{
    for (const QString &id : std::as_const(m_ids)) {
        const std::optional<QPointF> &before = m_before.value(id);
        if (before)
            m_document->moveNode(id, *before);
        else
            m_document->clearPosition(id);
    }
}

int MoveNodesCommand::id() const
{
    return m_dragSerial == 0 ? -1 : MoveCommandId;
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveNodesCommand *>(other);
    if (o->m_dragSerial != m_dragSerial)
        return false;
    // Same drag: keep the positions from before the drag, take the latest ones.
    for (const QString &id : o->m_ids) {
        if (!m_after.contains(id)) {
            m_ids.append(id);
            m_before.insert(id, o->m_before.value(id));
        }
        m_after.insert(id, o->m_after.value(id));
    }
    return true;
}

int MoveNodesCommand::nextDragSerial()
{
    static std::atomic<int> serial{0};
    return ++serial;
}

} // namespace Flow

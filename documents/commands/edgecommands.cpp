#include "edgecommands.h"

#include "model/workflowdocument.h"

namespace Flow {

ConnectCommand::ConnectCommand(WorkflowDocument *document, const Edge &edge, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_edge(edge)
{}

void ConnectCommand::redo()
{
    m_document->addEdge(m_edge);
}

void ConnectCommand::undo()
{
    m_document->removeEdge(m_edge);
}

DisconnectCommand::DisconnectCommand(WorkflowDocument *document, const Edge &edge, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_edge(edge)
{}

void DisconnectCommand::redo()
{
    m_index = m_document->edgeIndex(m_edge);
    m_document->removeEdge(m_edge);
}

void DisconnectCommand::undo()
{
    if (m_index >= 0)
        m_document->addEdge(m_edge, m_index);
}

} // namespace Flow

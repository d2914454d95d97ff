#pragma once

#include "model/workflow.h"

#include <QUndoCommand>

namespace Flow {

class WorkflowDocument;

class ConnectCommand : public QUndoCommand
{
public:
    ConnectCommand(WorkflowDocument *document, const Edge &edge, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    WorkflowDocument *m_document;
    Edge m_edge;
};

// Removes a data wire; undo re-inserts the binding at its old place in the target's inputs.
class DisconnectCommand : public QUndoCommand
{
public:
    DisconnectCommand(WorkflowDocument *document, const Edge &edge, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    WorkflowDocument *m_document;
    Edge m_edge;
    int m_index = -1;
};

} // namespace Flow

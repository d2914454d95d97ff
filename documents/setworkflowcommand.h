#pragma once

#include "model/workflow.h"

#include <QByteArray>
#include <QUndoCommand>

namespace Flow::Studio {

class WorkflowSession;

// One YAML text edit as an undo step: the workflow and the exact text before and after, so undo gives
// back the text as it was typed, comments included.
class SetWorkflowCommand : public QUndoCommand
{
public:
    SetWorkflowCommand(WorkflowSession *session, Workflow before, QByteArray textBefore, Workflow after,
                       QByteArray textAfter);

    void undo() override;
    void redo() override;

private:
    WorkflowSession *m_session;
    Workflow m_before;
    QByteArray m_textBefore;
    Workflow m_after;
    QByteArray m_textAfter;
};

} // namespace Flow::Studio

#include "setworkflowcommand.h"

#include "workflowsession.h"

#include <QCoreApplication>

namespace Flow::Studio {

SetWorkflowCommand::SetWorkflowCommand(WorkflowSession *session, Workflow before, QByteArray textBefore,
                                       Workflow after, QByteArray textAfter)
    : m_session(session)
    , m_before(std::move(before))
    , m_textBefore(std::move(textBefore))
    , m_after(std::move(after))
    , m_textAfter(std::move(textAfter))
{
    setText(QCoreApplication::translate("Flow::Studio::SetWorkflowCommand", "Edit YAML"));
}

void SetWorkflowCommand::undo()
{
    m_session->restoreState(m_before, m_textBefore);
}

void SetWorkflowCommand::redo()
{
    m_session->restoreState(m_after, m_textAfter);
}

} // namespace Flow::Studio

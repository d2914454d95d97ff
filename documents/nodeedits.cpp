#include "nodeedits.h"

#include "commands/nodecommands.h"
#include "model/validator.h"
#include "model/workflowdocument.h"

#include <QCoreApplication>
#include <QUndoStack>

namespace Flow {
// The texts keep the context they had when the canvas controller made these edits, so that their
// translations stay where they are.

QString pushRenameNode(WorkflowDocument *document, QUndoStack *stack, const QString &oldId,
                       const QString &newId)
{
    const QString id = newId.trimmed();
    if (!document->node(oldId))
        return QCoreApplication::translate("Flow::GraphController", "There is no node “%1”.").arg(oldId);
    if (id == oldId)
        return {};
    if (!isValidNodeId(id))
        return QCoreApplication::translate(
                   "Flow::GraphController",
                   "“%1” is not a valid id: start with a letter or _, then use letters, digits, _ and -.")
            .arg(id);
    if (document->node(id))
        return QCoreApplication::translate("Flow::GraphController", "The id “%1” is taken by another node.")
            .arg(id);
    auto *cmd = new RenameNodeCommand(document, oldId, id);
    cmd->setText(QCoreApplication::translate("Flow::GraphController", "Rename %1 to %2").arg(oldId, id));
    stack->push(cmd);
    return {};
}

bool pushNodeSettings(WorkflowDocument *document, QUndoStack *stack, const QString &id, const Node &settings,
                      int mergeKey)
{
    if (!document->node(id))
        return false;
    auto *cmd = new SetNodeSettingsCommand(document, id, settings, mergeKey);
    cmd->setText(QCoreApplication::translate("Flow::GraphController", "Change %1").arg(id));
    stack->push(cmd);
    return true;
}

} // namespace Flow

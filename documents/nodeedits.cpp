#include "nodeedits.h"

#include "commands/nodecommands.h"
#include "model/validator.h"
#include "model/workflowdocument.h"

#include <QCoreApplication>
#include <QUndoStack>

namespace Flow {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::GraphController", text);
}

} // namespace

QString pushRenameNode(WorkflowDocument *document, QUndoStack *stack, const QString &oldId, const QString &newId)
{
    const QString id = newId.trimmed();
    if (!document->node(oldId))
        return tr("There is no node “%1”.").arg(oldId);
    if (id == oldId)
        return {};
    if (!isValidNodeId(id))
        return tr("“%1” is not a valid id: start with a letter or _, then use letters, digits, _ and -.").arg(id);
    if (document->node(id))
        return tr("The id “%1” is taken by another node.").arg(id);
    auto *cmd = new RenameNodeCommand(document, oldId, id);
    cmd->setText(tr("Rename %1 to %2").arg(oldId, id));
    stack->push(cmd);
    return {};
}

bool pushNodeSettings(WorkflowDocument *document, QUndoStack *stack, const QString &id, const Node &settings,
                      int mergeKey)
{
    if (!document->node(id))
        return false;
    auto *cmd = new SetNodeSettingsCommand(document, id, settings, mergeKey);
    cmd->setText(tr("Change %1").arg(id));
    stack->push(cmd);
    return true;
}

} // namespace Flow

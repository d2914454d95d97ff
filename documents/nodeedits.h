#pragma once

#include "model/workflow.h"

#include <QString>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace Flow {

class WorkflowDocument;

// The edits of one node that every editor makes the same way (the canvas's controller, the
// inspector through its session): each is one undo step on `stack`, with its menu text.

// Renames `oldId` to `newId` (trimmed). Returns why it cannot (no such node, not a valid id, taken),
// or an empty string when it was done or there was nothing to do.
QString pushRenameNode(WorkflowDocument *document, QUndoStack *stack, const QString &oldId,
                       const QString &newId);
// Replaces a node's settings. A non-zero `mergeKey` merges consecutive changes with the same key into
// one step (typing in one field). False when there is no such node.
bool pushNodeSettings(WorkflowDocument *document, QUndoStack *stack, const QString &id, const Node &settings,
                      int mergeKey = 0);

} // namespace Flow

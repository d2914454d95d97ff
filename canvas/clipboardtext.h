#pragma once

#include "model/workflow.h"

#include <QByteArray>
#include <QStringList>

namespace Flow {

class WorkflowDocument;

// What a paste adds: nodes renamed to free ids with their references inside the pasted group
// rewritten, inputs to nodes neither pasted nor present dropped. Positions are not touched here.
struct PastePlan
{
    QList<Node> nodes;
    QString error; // the text was not a workflow or fragment
};
PastePlan planPaste(const QByteArray &yaml, const WorkflowDocument &document);

} // namespace Flow

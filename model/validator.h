#pragma once

#include "diagnostic.h"
#include "workflow.h"

namespace Flow {

class NodeTypeCatalog;

// Semantic checks on a workflow that was read: duplicate node ids, inputs naming a missing node or
// port, `after` naming a missing node, cycles (naming the nodes on the cycle), unknown node types,
// unknown config keys and missing required config, bad expression syntax (`${{` without `}}`), layout
// of unknown nodes, outputs naming missing nodes. With a null catalog, type and port checks are skipped.
Diagnostics validateWorkflow(const Workflow &workflow, const NodeTypeCatalog *catalog);

// Finds the `${{ ... }}` spans in a string. Returns false with an error message and the 0-based
// offset of the problem when the syntax is broken (an unclosed `${{`, an empty expression).
struct ExpressionSpan
{
    qsizetype start = 0;  // offset of "${{"
    qsizetype length = 0; // up to and including "}}"
    QString code;         // trimmed text between the braces
};
struct ExpressionScan
{
    QList<ExpressionSpan> spans;
    QString error;
    qsizetype errorOffset = -1;
    bool ok() const { return error.isEmpty(); }
    // True when the whole string is one expression (it then keeps its type when evaluated).
    bool wholeString = false;
};
ExpressionScan scanExpressions(QStringView text);

// Node ids: start with a letter or underscore; letters, digits, '_' and '-' after that.
bool isValidNodeId(QStringView id);

} // namespace Flow

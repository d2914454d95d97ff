#pragma once

#include "validator.h"

#include <QList>
#include <QString>

namespace Flow {

// A node named inside an expression: `nodes.<id>` or `nodes["<id>"]`. The executor makes these
// dependencies (an expression never reads a node that has not finished), so the validator checks
// them like `after:` entries.
struct NodeReference
{
    QString id;
    qsizetype offset = 0; // of the `${{` that holds it
};
QList<NodeReference> nodeReferences(QStringView text, const ExpressionScan &scan);

} // namespace Flow

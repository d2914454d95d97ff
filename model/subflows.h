#pragma once

// Sub-workflows (flow.subflow nodes) as files: where a node's `path` points, reading that file, and
// the checks that need the files themselves (include cycles, problems inside a sub-file, params and
// outputs that the sub-workflow does not declare). The executor runs sub-workflows with the same
// loading code, so `flowrun validate` and a run report a broken sub-file with the same words.

#include "diagnostic.h"
#include "workflow.h"

#include <QString>

#include <optional>

namespace Flow {

class NodeTypeCatalog;

inline constexpr char16_t SubflowType[] = u"flow.subflow";

// The `path` config value of a flow.subflow node when it is plain text; null when it is missing,
// not a string, or holds an expression (then only a run can tell where it points).
const Value *literalSubflowPath(const Node &node);

// `path` resolved against the directory of `callerFile`, or against `fallbackDir` when the caller
// has no file (an unsaved document). Absolute paths stay as they are. Clean, not canonical.
QString resolveSubflowPath(const QString &path, const QString &callerFile, const QString &fallbackDir = {});

struct SubflowFile
{
    std::optional<Workflow> workflow; // set when the file could be read and parsed at all
    Diagnostics diagnostics;          // of reading and validating it (with its own line:col)
    QString readError;                // set when the file cannot be read
    bool ok() const { return readError.isEmpty() && workflow && !hasErrors(diagnostics); }
};

// Reads and validates a sub-workflow file (read + validateWorkflow against `catalog`).
SubflowFile loadSubflowFile(const QString &absolutePath, const NodeTypeCatalog *catalog);

// The first error of a sub-file as "FILE:LINE:COL: MESSAGE" (FILE as `displayPath`), with
// "(and N more problems)" when there are more; readError when the file could not be read.
QString subflowProblemText(const SubflowFile &file, const QString &displayPath);

// Checks every flow.subflow node of `workflow`, which was read from `filePath`, following its
// sub-files to any depth: a missing, unreadable or invalid sub-file; a workflow that includes itself
// directly or through others; params given to a sub-workflow that it does not declare, and required
// ones not given; bindings to outputs it does not declare. Each problem is reported at the calling
// node's `path:` (or the binding), with the sub-file's own FILE:LINE:COL in the message. Empty
// `filePath`: relative paths cannot be resolved, and nothing is checked.
Diagnostics validateSubflows(const Workflow &workflow, const QString &filePath,
                             const NodeTypeCatalog *catalog);

} // namespace Flow

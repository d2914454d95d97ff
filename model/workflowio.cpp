#include "workflowio.h"

#include "validator.h"
#include "yamlreader.h"

#include <algorithm>

namespace Flow {

LoadResult loadAndValidate(const QByteArray &yaml, const NodeTypeCatalog *catalog)
{
    bool syntaxError = false;
    LoadResult result = readWorkflowText(yaml, &syntaxError);
    // After a syntax error the workflow is only the part before it; checking it would mostly
    // report what is missing.
    if (!result.workflow || syntaxError)
        return result;
    result.diagnostics += validateWorkflow(*result.workflow, catalog);
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
                     });
    return result;
}

} // namespace Flow

#pragma once

#include "workflowio.h"

namespace Flow {

// readWorkflow() that also tells whether the text was not (complete) YAML. Then the workflow holds
// only what came before the break and the reader's own structural checks are left out: they would
// mostly complain about the missing rest.
LoadResult readWorkflowText(const QByteArray &yaml, bool *syntaxError);

} // namespace Flow

// libFuzzer target: the FlowEngine JSON importer (importers/flowengine.h). Any bytes in, a workflow
// or an error out; an imported workflow must also survive the writer and the report.
#include "importers/flowengine.h"
#include "model/workflowio.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Flow::ImportResult result
        = Flow::importFlowEngine(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    (void)Flow::importReportLines(result);
    if (result.workflow)
        (void)Flow::writeWorkflow(*result.workflow);
    return 0;
}

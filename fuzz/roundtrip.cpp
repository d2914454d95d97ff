#include "roundtrip.h"

#include "model/validator.h"
#include "model/workflowio.h"

namespace Flow::Fuzz {

QString checkRoundTrip(const QByteArray &yaml, const NodeTypeCatalog *catalog)
{
    const LoadResult loaded = readWorkflow(yaml);
    if (!loaded.workflow)
        return {};
    const bool valid = !hasErrors(validateWorkflow(*loaded.workflow, catalog));
    // Even a partly broken workflow must be writable: the editor saves what it could read.
    const QByteArray written = writeWorkflow(*loaded.workflow);
    (void)loadAndValidate(yaml, catalog);
    if (!loaded.ok())
        return {};

    const LoadResult again = readWorkflow(written);
    if (!again.ok()) {
        const QString first = again.diagnostics.isEmpty()
                                  ? QStringLiteral("no workflow")
                                  : again.diagnostics.first().format(QStringLiteral("written"));
        return QStringLiteral("canonical output does not read back cleanly: %1").arg(first);
    }
    if (again.workflow->nodes != loaded.workflow->nodes)
        return QStringLiteral("canonical output reads back with different nodes");
    if (!hasErrors(validateWorkflow(*again.workflow, catalog)) != valid)
        return QStringLiteral("canonical output changes whether the workflow is valid");
    const QByteArray rewritten = writeWorkflow(*again.workflow);
    if (rewritten != written)
        return QStringLiteral("write(read(write(w))) != write(w)");
    return {};
}

} // namespace Flow::Fuzz

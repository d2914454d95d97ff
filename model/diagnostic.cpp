#include "diagnostic.h"

#include <algorithm>

namespace Flow {

QString Diagnostic::format(const QString &fileName) const
{
    const QString kind = severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
    const int line = pos.isValid() ? pos.line : 1;
    const int column = pos.isValid() ? pos.column : 1;
    return QStringLiteral("%1:%2:%3: %4: %5").arg(fileName).arg(line).arg(column).arg(kind, message);
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
}

} // namespace Flow

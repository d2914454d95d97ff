#pragma once

#include "value.h"

#include <QList>
#include <QString>

namespace Flow {

struct Diagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    SourcePos pos;   // 1-based line:col into the YAML text; invalid when not tied to a place
    QString message; // one sentence a person understands, no trailing period
    QString nodeId;  // the node the problem belongs to, if any (lets the GUI jump to it)

    // "FILE:LINE:COL: error: MESSAGE", the compiler format editors jump to.
    QString format(const QString &fileName) const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);

} // namespace Flow

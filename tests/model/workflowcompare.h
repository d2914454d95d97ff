#pragma once

#include "model/workflow.h"
#include "model/workflowio.h"

#include <QString>

namespace Flow::Test {

// Empty when `a` and `b` hold the same workflow (source positions aside); otherwise what differs.
inline QString differences(const Workflow &a, const Workflow &b)
{
    if (a.version != b.version)
        return QStringLiteral("version");
    if (a.name != b.name)
        return QStringLiteral("name: '%1' vs '%2'").arg(a.name, b.name);
    if (a.description != b.description)
        return QStringLiteral("description: '%1' vs '%2'").arg(a.description, b.description);
    if (a.params.size() != b.params.size())
        return QStringLiteral("param count");
    for (qsizetype i = 0; i < a.params.size(); ++i) {
        const ParamSpec &p = a.params.at(i);
        const ParamSpec &q = b.params.at(i);
        if (p.name != q.name || p.defaultValue != q.defaultValue || p.description != q.description)
            return QStringLiteral("param '%1'").arg(p.name);
    }
    const Settings &s = a.settings;
    const Settings &t = b.settings;
    if (s.maxParallel != t.maxParallel || s.onError != t.onError || s.timeout != t.timeout)
        return QStringLiteral("settings");
    if (a.outputs != b.outputs)
        return QStringLiteral("outputs");
    if (a.nodes.size() != b.nodes.size())
        return QStringLiteral("node count %1 vs %2").arg(a.nodes.size()).arg(b.nodes.size());
    for (qsizetype i = 0; i < a.nodes.size(); ++i) {
        if (!(a.nodes.at(i) == b.nodes.at(i)))
            return QStringLiteral("node '%1'").arg(a.nodes.at(i).id);
    }
    return {};
}

// read(write(w)) holds the same workflow, and writing that again gives the same bytes.
inline QString roundTripProblem(const Workflow &w)
{
    const QByteArray written = writeWorkflow(w);
    const LoadResult read = readWorkflow(written);
    if (!read.ok()) {
        QString problems;
        for (const Diagnostic &d : read.diagnostics)
            problems += d.format(QStringLiteral("written")) + u'\n';
        return QStringLiteral("does not read back:\n%1%2").arg(problems, QString::fromUtf8(written));
    }
    const QString diff = differences(*read.workflow, w);
    if (!diff.isEmpty())
        return QStringLiteral("reads back different (%1):\n%2").arg(diff, QString::fromUtf8(written));
    if (writeWorkflow(*read.workflow) != written)
        return QStringLiteral("second write differs:\n%1").arg(QString::fromUtf8(written));
    return {};
}

} // namespace Flow::Test

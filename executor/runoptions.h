#pragma once

#include "model/workflow.h"
#include "runseed.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <chrono>
#include <optional>

namespace Flow {

class NodeCache;

// How one execution of a workflow is set up. Everything a run needs from outside comes in here:
// nothing is read from globals while the run goes.
struct RunOptions
{
    QString runId;                  // generated (a UUID) when empty
    QVariantMap params;             // given values; workflow defaults fill the rest
    std::optional<int> maxParallel; // overrides settings.max_parallel; default QThread::idealThreadCount()
    QString workingDirectory;       // relative paths of nodes resolve against it; default: current directory
    // What `env.NAME` expressions see. Unset: the process environment when the run is created.
    std::optional<QHash<QString, QString>> env;
    // What `secrets.NAME` expressions see. Their values are replaced by `***` in every event.
    QHash<QString, QString> secrets;
    NodeCache *cache = nullptr; // for nodes with `cache: true`; not owned, must be thread-safe
    // A JavaScript expression running longer than this is interrupted and fails its node.
    std::chrono::milliseconds expressionTimeLimit{2000};
    // The file the workflow was read from, when there is one: `flow.subflow` paths resolve against
    // its directory (else against workingDirectory) and name it in their messages.
    QString workflowFile;
    // The workflow files of the runs around this one when it runs as a sub-workflow, outermost
    // first: a sub-workflow that would include one of them fails instead of recursing forever.
    QStringList subflowStack;
    // Nodes that do not run but take their outputs from an earlier run (resume, re-run from a node).
    RunSeed seed;
    // Where shell.exec nodes without their own `backend:` run, over settings.backend (`flowrun run
    // --backend`). Unset: as the workflow says.
    std::optional<Backend> backend;
};

// A `-p name=value` text as the param's type: the type of its default when that is a number, a bool,
// a list or a map (lists and maps as JSON), else the text itself. Nullopt with `error` when the text
// does not fit.
std::optional<QVariant> paramFromText(const ParamSpec &spec, const QString &text, QString *error);
// `name=value` texts (`flowrun run -p`, `flowstudio --param`) as the params of a workflow with
// `params` take them. Nullopt with `error` for a text without a name, a name the workflow has no
// param for, or a value that does not fit.
std::optional<QVariantMap> paramsFromTexts(const QList<ParamSpec> &params, const QStringList &texts,
                                           QString *error);

} // namespace Flow

#pragma once

#include "model/workflow.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace Flow {

// Outputs a new run takes from an earlier one instead of running the nodes again ("resume" and
// "re-run from a node"). A seeded node does not run: right after `run.started` it ends
// `node.cached {outputs, run: fromRun}` and its dependents read those outputs as if it had just run.
struct RunSeed
{
    QString fromRun;                     // the run the outputs come from; named by `run.started {continues}`
    QString mode;                        // "resume" or "from", for `run.started {mode}`; informative
    QHash<QString, QVariantMap> outputs; // node id -> its outputs in fromRun

    bool isEmpty() const { return fromRun.isEmpty() && outputs.isEmpty(); }
};

// Which nodes of `current` can take their outputs from a stored run, and which must run again.
struct SeedPlan
{
    RunSeed seed;
    QStringList rerun;   // nodes that will run, in file order
    QStringList changed; // nodes whose definition differs from the stored run's (they and their downstream run)
};

// The one rule for both `--resume RUN` and `--from NODE --of RUN`:
//   - a node runs again when it did not succeed in the stored run (no entry in `succeeded`), when its
//     definition changed since (type, config, inputs, after, when, for_each, retry, timeout, cache;
//     position and description do not count), when it is downstream of `rerunFrom` (inclusive),
//     or when anything it waits for runs again;
//   - every other node is seeded with its stored outputs.
// `succeeded` holds the outputs of the nodes that succeeded (or were cached) in the stored run.
SeedPlan planSeed(const Workflow &current, const Workflow &stored, const QHash<QString, QVariantMap> &succeeded,
                  const QString &fromRun, const QStringList &rerunFrom = {});

} // namespace Flow

#pragma once

#include "model/workflow.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Flow {

class ExecBackend;
class SlurmPoller;
struct SlurmRunContext;

// The backends of one run, one per node (nullptr for local), chosen by, strongest first: the node's
// `backend:`, `flowrun run --backend` (RunOptions::backend), `settings.backend`, else local. Slurm
// nodes get the workflow's `settings.slurm` under their own `slurm:`. The Slurm poller (one squeue per
// interval for all jobs of the run) starts only when some node runs on Slurm. Built with the run,
// without running any command, so it may be built on the GUI thread.
class RunBackends
{
public:
    RunBackends(const Workflow &workflow, std::optional<Backend> override, const QString &runId);
    ~RunBackends();

    // For the node at `index` in workflow.nodes.
    ExecBackend *forNode(int index) const;
    bool usesSlurm() const { return m_slurm != nullptr; }
    // Why the run cannot use its backends (sbatch not found): one text per problem.
    QStringList problems() const { return m_problems; }
    // max_parallel when neither the workflow nor the caller sets it: jobs on a cluster mostly wait,
    // so a run that uses Slurm keeps up to kSlurmParallel of them in flight.
    static constexpr int kSlurmParallel = 64;
    int defaultMaxParallel(int local) const { return usesSlurm() ? std::max(local, kSlurmParallel) : local; }

private:
    std::unique_ptr<SlurmPoller> m_poller;
    std::unique_ptr<SlurmRunContext> m_slurm;
    std::vector<std::unique_ptr<ExecBackend>> m_backends;
    QStringList m_problems;
};

} // namespace Flow

#pragma once

#include "model/backend.h"
#include "nodes/execbackend.h"

#include <QString>

#include <atomic>

namespace Flow {

class SlurmPoller;

// What every Slurm job of one run shares.
struct SlurmRunContext
{
    QString runId;
    QString jobsDirectory; // <FLOW_SLURM_JOBS_DIR or ~/.cache/flowstudio/slurm-jobs>/<run id>
    SlurmPoller *poller = nullptr;
    std::atomic<int> nextJob{0}; // names each attempt's folder uniquely (for_each items share an attempt)
};

// backend: slurm for one node. Each attempt (and each for_each item) becomes one batch job:
//   1. a folder under the run's jobs directory with a generated batch script (cd, env, the command,
//      its exit status written to a file) and the job's stdout/stderr files;
//   2. `sbatch --parsable` with the node's slurm options (on the worker thread);
//   3. the worker follows the output files every kFollowMs, so lines reach the log while the job
//      runs, and reads the job's state from the run's SlurmPoller: PENDING shows as progress text
//      "queued on slurm (job N: Reason)", RUNNING as "running on slurm (job N on host)";
//   4. the exit status file ends it like a local process; a job that ended without one failed for a
//      reason Slurm knows (TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, CANCELLED, ...), which becomes the error;
//   5. on cancel or timeout: `scancel`, then wait until the job has left the queue.
// The folder of a job that succeeded is removed; a failed job's folder stays for a post-mortem.
class SlurmBackend final : public ExecBackend
{
public:
    static constexpr int kFollowMs = 100;

    SlurmBackend(SlurmRunContext &run, QString nodeId, SlurmOptions options);
    QString name() const override { return QStringLiteral("slurm"); }
    ExecOutcome run(const ExecCommand &command, NodeContext &context, OutputStream &out,
                    OutputStream &err) override;

private:
    SlurmRunContext &m_run;
    QString m_nodeId;
    SlurmOptions m_options;
};

// The message for a job that ended in `state` without its command's exit status ("" for COMPLETED).
QString slurmEndMessage(const QString &jobId, const QString &state, const QString &reason);

} // namespace Flow

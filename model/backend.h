#pragma once

#include "diagnostic.h"
#include "value.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Flow {

// Where a node's process runs. The names are the YAML words of `backend:` (node and settings) and
// of `flowrun run --backend`. Only shell.exec nodes start processes; other nodes always run locally.
enum class Backend {
    Local, // "local": a child process of the runner (the default)
    Slurm, // "slurm": a batch job submitted with sbatch, followed with squeue
};
QString backendName(Backend backend);
std::optional<Backend> backendFromName(QStringView name);

// `slurm: {partition, time, cpus, mem, extra_args}`, on a node or in `settings` (the workflow-wide
// defaults a node's own fields override). Unset fields leave the choice to Slurm.
struct SlurmOptions
{
    std::optional<QString> partition; // --partition
    std::optional<QString> time;      // --time, Slurm's syntax ("10", "1:30:00", "2-0") or a duration ("90s")
    std::optional<int> cpus;          // --cpus-per-task
    std::optional<QString> mem;       // --mem ("500M", "4G")
    QStringList extraArgs;            // further sbatch arguments, passed as they are
    SourcePos pos;                    // of the key

    bool isEmpty() const { return !partition && !time && !cpus && !mem && extraArgs.isEmpty(); }
    // These fields where set, the others from `defaults`; extra_args of both, defaults first.
    SlurmOptions over(const SlurmOptions &defaults) const;
    bool operator==(const SlurmOptions &o) const
    {
        return partition == o.partition && time == o.time && cpus == o.cpus && mem == o.mem
               && extraArgs == o.extraArgs;
    }
};

// A `time` text as Slurm's --time value: Slurm's own forms pass as they are, a duration with a unit
// becomes whole minutes (rounded up, at least 1). Nullopt when it is neither.
std::optional<QString> slurmTimeArgument(const QString &text);
// The canonical `slurm:` map (set fields only, in the order above), for the writer.
Value slurmValue(const SlurmOptions &options);
// True for a --mem value Slurm reads: a whole number with an optional K, M, G or T.
bool isSlurmMemory(const QString &text);

} // namespace Flow

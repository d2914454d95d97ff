#include "runbackends.h"

#include "slurmbackend.h"
#include "slurmpoller.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QStandardPaths>

namespace Flow {
namespace {

QString jobsRoot()
{
    const QString configured
        = QProcessEnvironment::systemEnvironment().value(QStringLiteral("FLOW_SLURM_JOBS_DIR"));
    // Home is what compute nodes of a cluster usually share with the login node; /tmp is not.
    return configured.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache/flowstudio/slurm-jobs")
                                : configured;
}

} // namespace

RunBackends::RunBackends(const Workflow &workflow, std::optional<Backend> override, const QString &runId)
{
    const Backend runDefault = override.value_or(workflow.settings.backend.value_or(Backend::Local));
    const SlurmOptions defaults = workflow.settings.slurm.value_or(SlurmOptions{});
    m_backends.resize(size_t(workflow.nodes.size()));
    for (int i = 0; i < workflow.nodes.size(); ++i) {
        const Node &node = workflow.nodes.at(i);
        if (node.backend.value_or(runDefault) != Backend::Slurm)
            continue;
        if (!m_slurm) {
            m_poller = std::make_unique<SlurmPoller>(SlurmPoller::intervalFromEnvironment());
            m_slurm = std::make_unique<SlurmRunContext>();
            m_slurm->runId = runId;
            m_slurm->jobsDirectory = QDir::cleanPath(jobsRoot() + u'/' + runId);
            m_slurm->poller = m_poller.get();
        }
        m_backends[size_t(i)] = std::make_unique<SlurmBackend>(
            *m_slurm, node.id, node.slurm.value_or(SlurmOptions{}).over(defaults));
    }
    if (m_slurm && QStandardPaths::findExecutable(QStringLiteral("sbatch")).isEmpty())
        m_problems.append(QStringLiteral("nodes run on slurm but 'sbatch' is not in PATH (install slurm-wlm, "
                                         "or run with --backend local)"));
}

RunBackends::~RunBackends()
{
    m_backends.clear();
    m_poller.reset();
    if (m_slurm)
        QDir().rmdir(m_slurm->jobsDirectory); // only when empty: failed jobs' folders stay
}

ExecBackend *RunBackends::forNode(int index) const
{
    return index >= 0 && size_t(index) < m_backends.size() ? m_backends[size_t(index)].get() : nullptr;
}

} // namespace Flow

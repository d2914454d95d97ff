#pragma once

#include "model/duration.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace Flow {

// Follows the Slurm jobs of one run with ONE `squeue` per interval for all of them (never one per
// job), on its own thread, so that neither the GUI thread nor the controller waits on a query per
// node. Workers read the last answer with info() and may wait for the next one.
class SlurmPoller
{
public:
    // The documented default interval (docs/slurm.md); FLOW_SLURM_POLL ("500ms", "2s") overrides it.
    static constexpr Millis kDefaultInterval{2000};
    static Millis intervalFromEnvironment();

    struct JobInfo
    {
        QString state;  // Slurm's JobState word: PENDING, RUNNING, COMPLETED, TIMEOUT, ...; empty before the
                        // first answer
        QString reason; // why it waits or ended (Priority, Resources, TimeLimit, ...)
        QString nodes;  // where it runs
        bool gone = false; // squeue no longer knows the job (it ended a while ago)
        QString error;     // the last squeue failure, while the controller does not answer
    };

    explicit SlurmPoller(Millis interval);
    ~SlurmPoller(); // stops the thread (waits for a query in flight, bounded by its timeout)

    Millis interval() const { return m_interval; }
    void watch(const QString &jobId);
    void unwatch(const QString &jobId);
    JobInfo info(const QString &jobId) const;
    // Asks for a query now instead of at the end of the interval (after scancel), and waits up to
    // `timeout` for an answer that started after this call. False on timeout.
    bool pollSoon(Millis timeout);
    // True for the states in which a job still holds or waits for resources (squeue lists it).
    static bool isActive(const QString &state);

private:
    void loop();
    void pollOnce(const QStringList &ids);

    const Millis m_interval;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;   // the loop: stop, a new job, or pollSoon
    std::condition_variable m_polled; // pollSoon waiters
    QHash<QString, JobInfo> m_jobs;
    qint64 m_generation = 0; // answers so far
    bool m_soon = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace Flow

#include "slurmpoller.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>

namespace Flow {
namespace {

// A query that takes longer than this is abandoned; the next interval tries again.
constexpr int kQueryTimeoutMs = 30000;

} // namespace

Millis SlurmPoller::intervalFromEnvironment()
{
    const QString text = QProcessEnvironment::systemEnvironment().value(QStringLiteral("FLOW_SLURM_POLL"));
    if (const std::optional<Millis> d = parseDuration(text); d && d->count() >= 50)
        return *d;
    return kDefaultInterval;
}

SlurmPoller::SlurmPoller(Millis interval)
    : m_interval(interval)
    , m_thread([this] { loop(); })
{}

SlurmPoller::~SlurmPoller()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void SlurmPoller::watch(const QString &jobId)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.insert(jobId, JobInfo{QStringLiteral("PENDING"), {}, {}, false, {}});
    }
    m_wake.notify_all();
}

void SlurmPoller::unwatch(const QString &jobId)
{
    std::lock_guard lock(m_mutex);
    m_jobs.remove(jobId);
}

SlurmPoller::JobInfo SlurmPoller::info(const QString &jobId) const
{
    std::lock_guard lock(m_mutex);
    return m_jobs.value(jobId);
}

bool SlurmPoller::pollSoon(Millis timeout)
{
    std::unique_lock lock(m_mutex);
    // An answer whose query started before now may predate what the caller waits for: wait for two
    // generations when one is in flight, which the loop cannot tell apart cheaply; one is enough
    // when the loop is idle. Waiting for +2 is always safe.
    const qint64 want = m_generation + 2;
    m_soon = true;
    m_wake.notify_all();
    return m_polled.wait_for(lock, timeout, [&] { return m_generation >= want || m_stop; });
}

bool SlurmPoller::isActive(const QString &state)
{
    static const QStringList active
        = {QStringLiteral("PENDING"),      QStringLiteral("RUNNING"),      QStringLiteral("COMPLETING"),
           QStringLiteral("CONFIGURING"),  QStringLiteral("SUSPENDED"),    QStringLiteral("REQUEUED"),
           QStringLiteral("REQUEUE_FED"),  QStringLiteral("REQUEUE_HOLD"), QStringLiteral("RESIZING"),
           QStringLiteral("SIGNALING"),    QStringLiteral("STAGE_OUT"),    QStringLiteral("STOPPED"),
           QStringLiteral("RESV_DEL_HOLD")};
    return active.contains(state);
}

void SlurmPoller::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        // Sleep a whole interval unless asked sooner; with no job there is nothing to ask about.
        m_wake.wait_for(lock, m_interval, [&] { return m_stop || m_soon; });
        if (m_stop)
            break;
        m_soon = false;
        const QStringList ids = m_jobs.keys();
        if (ids.isEmpty()) {
            ++m_generation;
            m_polled.notify_all();
            continue;
        }
        lock.unlock();
        pollOnce(ids);
        lock.lock();
        ++m_generation;
        m_polled.notify_all();
    }
    m_polled.notify_all();
}

void SlurmPoller::pollOnce(const QStringList &ids)
{
    // `-t all` keeps ended jobs in the answer (for MinJobAge), so their final state is read here.
    QProcess squeue;
    squeue.setProgram(QStringLiteral("squeue"));
    squeue.setArguments({QStringLiteral("--noheader"), QStringLiteral("--states=all"),
                         QStringLiteral("--jobs=") + ids.join(u','), QStringLiteral("--format=%i|%T|%r|%N")});
    squeue.setStandardInputFile(QProcess::nullDevice());
    squeue.start();
    const bool finished = squeue.waitForFinished(kQueryTimeoutMs);
    const QString errors = QString::fromLocal8Bit(squeue.readAllStandardError()).trimmed();
    QHash<QString, JobInfo> seen;
    const QList<QByteArray> lines = squeue.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> f = line.trimmed().split('|');
        if (f.size() >= 4)
            seen.insert(
                QString::fromUtf8(f[0]),
                JobInfo{
                    QString::fromUtf8(f[1]), QString::fromUtf8(f[2]), QString::fromUtf8(f[3]), false, {}});
    }
    if (!finished)
        squeue.kill(), squeue.waitForFinished(1000);
    // squeue fails with "Invalid job id specified" when it knows none of the ids: they are all gone.
    const bool allGone = errors.contains(QLatin1StringView("Invalid job id"));
    const bool ok
        = finished && squeue.exitStatus() == QProcess::NormalExit && (squeue.exitCode() == 0 || allGone);

    const QSet<QString> asked(ids.cbegin(), ids.cend());
    std::lock_guard lock(m_mutex);
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it) {
        if (!asked.contains(it.key()))
            continue; // watched after the query started
        if (!ok) {
            it->error = errors.isEmpty() ? QStringLiteral("squeue did not answer") : errors;
        } else if (const auto s = seen.constFind(it.key()); s != seen.cend()) {
            *it = *s;
        } else {
            it->gone = true;
            it->error.clear();
        }
    }
}

} // namespace Flow

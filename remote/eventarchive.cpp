#include "eventarchive.h"

namespace Flow::Remote {

void MemoryArchive::beginRun(const RunSummary &run, const QString &workflowText)
{
    if (m_runs.contains(run.run))
        return;
    m_runs.insert(run.run, Entry{run, workflowText, {}});
    m_order.push_back(run.run);
}

void MemoryArchive::append(const RunEvents &events)
{
    Entry *entry = nullptr;
    for (const RunEvent &e : events) {
        if (!entry || entry->summary.run != e.run) {
            auto it = m_runs.find(e.run);
            entry = it == m_runs.end() ? nullptr : &*it;
        }
        // Only the next seq of a known run: the archive's promise is "events[i].seq == i + 1".
        if (!entry || e.seq != entry->events.size() + 1)
            continue;
        entry->events.append(e);
        entry->summary.lastSeq = e.seq;
        ++m_total;
        if (e.kind == EventKind::RunStarted)
            entry->summary.workflow = e.data.value(QStringLiteral("name")).toString();
        if (e.kind == EventKind::RunFinished) {
            entry->summary.status = e.data.value(QStringLiteral("status")).toString();
            entry->summary.finishedAt = e.time;
        }
    }
    if (m_total > m_maxEvents)
        evict();
}

void MemoryArchive::evict()
{
    for (auto it = m_order.begin(); it != m_order.end() && m_total > m_maxEvents;) {
        const Entry &entry = m_runs[*it];
        if (entry.summary.status == u"running") {
            ++it;
            continue;
        }
        m_total -= entry.events.size();
        m_runs.remove(*it);
        it = m_order.erase(it);
    }
}

RunEvents MemoryArchive::events(const QString &run, qint64 afterSeq, int limit) const
{
    const auto it = m_runs.constFind(run);
    if (it == m_runs.cend() || afterSeq < 0 || afterSeq >= it->events.size())
        return {};
    return it->events.mid(qsizetype(afterSeq), limit);
}

std::optional<RunSummary> MemoryArchive::run(const QString &run) const
{
    const auto it = m_runs.constFind(run);
    if (it == m_runs.cend())
        return std::nullopt;
    return it->summary;
}

QString MemoryArchive::workflowText(const QString &run) const
{
    return m_runs.value(run).text;
}

QList<RunSummary> MemoryArchive::runs() const
{
    QList<RunSummary> list;
    for (const QString &id : m_order)
        list.append(m_runs.value(id).summary);
    return list;
}

} // namespace Flow::Remote

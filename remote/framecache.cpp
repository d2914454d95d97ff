#include "framecache.h"

#include "eventarchive.h"
#include "protocol.h"

#include <algorithm>
#include <limits>

namespace Flow::Remote {

void FrameCache::appendOne(Encoded &e, const RunEvent &event)
{
    e.starts.append(e.joined.size());
    const qsizetype before = e.joined.size();
    e.joined += event.toJsonLine();
    e.joined += ',';
    m_bytes += e.joined.size() - before + qsizetype(sizeof(qsizetype));
    if (event.kind == EventKind::RunFinished)
        e.finished = true;
}

void FrameCache::append(const RunEvents &events)
{
    Encoded *e = nullptr;
    const QString *current = nullptr;
    for (const RunEvent &event : events) {
        if (!current || *current != event.run) {
            current = &event.run;
            auto it = m_runs.find(event.run);
            if (it == m_runs.end() && event.seq == 1) {
                it = m_runs.insert(event.run, {});
                m_order.push_back(event.run);
            }
            e = it == m_runs.end() ? nullptr : &*it;
        }
        if (!e)
            continue;
        if (event.seq != e->starts.size() + 1) {
            if (event.seq <= e->starts.size())
                continue; // had it already
            // A hole: forget the run here; frame() re-encodes it from the archive.
            m_bytes -= e->joined.size() + e->starts.size() * qsizetype(sizeof(qsizetype));
            m_runs.remove(event.run);
            std::erase(m_order, event.run);
            e = nullptr;
            continue;
        }
        appendOne(*e, event);
    }
    if (m_bytes > m_maxBytes)
        evict();
}

FrameCache::Encoded *FrameCache::encoded(const QString &run, const EventArchive &archive)
{
    auto it = m_runs.find(run);
    if (it != m_runs.end())
        return &*it;
    // Not encoded yet (a run of an earlier server's history) or forgotten: all of it, once.
    const RunEvents events = archive.events(run, 0, std::numeric_limits<int>::max());
    if (events.isEmpty())
        return nullptr;
    Encoded e;
    e.starts.reserve(events.size());
    for (const RunEvent &event : events)
        appendOne(e, event);
    m_order.push_back(run);
    it = m_runs.insert(run, std::move(e));
    return &*it;
}

QByteArray FrameCache::frame(const QString &run, qint64 afterSeq, int limit, const EventArchive &archive,
                             qint64 *lastSeq, qsizetype maxBytes)
{
    Encoded *e = encoded(run, archive);
    if (!e || afterSeq < 0 || afterSeq >= e->starts.size() || limit < 1)
        return {};
    const qsizetype first = qsizetype(afterSeq);
    const qsizetype from = e->starts.at(first);
    qsizetype end = std::min<qsizetype>(e->starts.size(), first + limit);
    // Fewer events when they are long, but always one: `starts` grows, so the last event that still
    // ends within maxBytes is found by bisection.
    if (end < e->starts.size() ? e->starts.at(end) - from > maxBytes : e->joined.size() - from > maxBytes) {
        const auto begin = e->starts.cbegin() + first + 1;
        const auto it = std::upper_bound(begin, e->starts.cbegin() + end, from + maxBytes);
        end = std::max<qsizetype>(first + 1, qsizetype(it - e->starts.cbegin()) - 1);
    }
    const qsizetype to = end < e->starts.size() ? e->starts.at(end) : e->joined.size();
    *lastSeq = end;
    // Without the comma after the last event of the slice.
    return encodeEventsFrame(run, QByteArrayView(e->joined).sliced(from, to - from - 1));
}

void FrameCache::evict()
{
    for (auto it = m_order.begin(); it != m_order.end() && m_bytes > m_maxBytes;) {
        const auto found = m_runs.constFind(*it);
        if (found != m_runs.cend() && !found->finished) {
            ++it;
            continue;
        }
        if (found != m_runs.cend()) {
            m_bytes -= found->joined.size() + found->starts.size() * qsizetype(sizeof(qsizetype));
            m_runs.erase(found);
        }
        it = m_order.erase(it);
    }
}

} // namespace Flow::Remote

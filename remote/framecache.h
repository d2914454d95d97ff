#pragma once

#include "runs/runevent.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <limits>

namespace Flow::Remote {

class EventArchive;

// The server's events, each encoded once: per run, the JSON of its events (RunEvent::toJsonLine,
// the NDJSON codec) joined into one byte string with the offset of each. An `events` frame for any
// range of seqs, a live batch or a replay from any seq, is then a copy of a slice, however many
// clients ask for it; before, every replay chunk was encoded again for every client. Bounded:
// beyond `maxBytes` the oldest finished runs are forgotten and re-encoded (once) if asked for again.
class FrameCache
{
public:
    explicit FrameCache(qint64 maxBytes = 256 << 20)
        : m_maxBytes(maxBytes)
    {}

    // Events as the archive took them (seq order per run; an event out of order forgets its run,
    // which is then re-encoded from the archive when next asked for).
    void append(const RunEvents &events);
    // The `events` frame of `run` for up to `limit` events after `afterSeq`, built from `archive`
    // when the cache does not hold the run; empty when there are none. `lastSeq` is its last seq.
    // The events take at most `maxBytes` unless the first one alone is longer.
    QByteArray frame(const QString &run, qint64 afterSeq, int limit, const EventArchive &archive,
                     qint64 *lastSeq, qsizetype maxBytes = std::numeric_limits<qsizetype>::max());
    qint64 bytes() const { return m_bytes; }

private:
    struct Encoded
    {
        QByteArray joined;       // "e1,e2,..." (a comma after each event)
        QList<qsizetype> starts; // starts[i]: where the event of seq i + 1 begins
        bool finished = false;
    };
    Encoded *encoded(const QString &run, const EventArchive &archive);
    void appendOne(Encoded &e, const RunEvent &event);
    void evict();

    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    QHash<QString, Encoded> m_runs;
    std::deque<QString> m_order; // oldest first
};

} // namespace Flow::Remote

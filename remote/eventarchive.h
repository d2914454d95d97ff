#pragma once

#include "protocol.h"
#include "runs/runevent.h"

#include <QHash>
#include <QList>

#include <deque>
#include <optional>

namespace Flow::Remote {

// What the server keeps of its runs so a client that subscribes after seq N gets N+1... before the
// live stream. The server writes every event here before sending it to anyone, so "replay from the
// archive, then live" has no gap. The history's RunStore (history/) is meant to implement this with
// SQLite so replays survive a restart; MemoryArchive is the bounded in-memory one used until then.
class EventArchive
{
public:
    virtual ~EventArchive() = default;

    // A run the server starts (status "running", lastSeq 0), with the YAML text it runs.
    virtual void beginRun(const RunSummary &run, const QString &workflowText) = 0;
    // Events of runs begun before, in seq order; run.finished updates the run's summary.
    virtual void append(const RunEvents &events) = 0;
    // Up to `limit` events of `run` with seq > afterSeq, in seq order.
    virtual RunEvents events(const QString &run, qint64 afterSeq, int limit) const = 0;
    virtual std::optional<RunSummary> run(const QString &run) const = 0;
    virtual QString workflowText(const QString &run) const = 0;
    // Every run kept, oldest first.
    virtual QList<RunSummary> runs() const = 0;
};

// Keeps at most `maxEvents` events in all: when more come, the oldest finished runs are forgotten
// whole (a run is never kept in part, so a replay is always complete). Runs still going are never
// dropped; a single run larger than the bound is kept until it has finished and another run needs
// the room.
class MemoryArchive final : public EventArchive
{
public:
    explicit MemoryArchive(qint64 maxEvents = 2'000'000)
        : m_maxEvents(maxEvents)
    {}

    void beginRun(const RunSummary &run, const QString &workflowText) override;
    void append(const RunEvents &events) override;
    RunEvents events(const QString &run, qint64 afterSeq, int limit) const override;
    std::optional<RunSummary> run(const QString &run) const override;
    QString workflowText(const QString &run) const override;
    QList<RunSummary> runs() const override;

    qint64 eventCount() const { return m_total; }

private:
    struct Entry
    {
        RunSummary summary;
        QString text;
        RunEvents events; // events[i].seq == i + 1
    };
    void evict();

    qint64 m_maxEvents;
    qint64 m_total = 0;
    std::deque<QString> m_order; // run ids, oldest first
    QHash<QString, Entry> m_runs;
};

} // namespace Flow::Remote

#pragma once

#include "remote/eventarchive.h"

namespace Flow {
class RunStore;
}

namespace Flow::Cli {

// `flowrun serve --db`'s archive: the runs it serves are recorded in the same RunStore (SQLite
// history) as `flowrun run`'s, so they survive a restart of the server. Remote::EventArchive is
// synchronous and RunStore reads are not, so a bounded MemoryArchive answers the reads: it is
// filled from the store once at start (load(), before the server listens) and kept in step by
// writing every event to both. It lives in the CLI because remote/ and history/ know nothing of
// each other (see their CMakeLists.txt).
class StoreArchive final : public Remote::EventArchive
{
public:
    // `store` must outlive the archive and be open (RunStore::waitForOpen()).
    explicit StoreArchive(RunStore *store, qint64 maxEvents = 2'000'000);

    // Loads the newest `maxRuns` runs of the history with their events, oldest first, as long as
    // their events fit in the bound; runs a dead process left `running` are already `interrupted`
    // (RunStore marks them on open). Spins a local event loop: call it before the server listens.
    // Returns the number of runs loaded, or -1 with `error` set.
    int load(int maxRuns, QString *error);

    void beginRun(const Remote::RunSummary &run, const QString &workflowText) override;
    void append(const RunEvents &events) override;
    RunEvents events(const QString &run, qint64 afterSeq, int limit) const override;
    std::optional<Remote::RunSummary> run(const QString &run) const override;
    QString workflowText(const QString &run) const override;
    QList<Remote::RunSummary> runs() const override;

private:
    RunStore *m_store;
    qint64 m_maxEvents;
    Remote::MemoryArchive m_cache;
};

} // namespace Flow::Cli

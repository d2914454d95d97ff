#pragma once

#include "runs/runevent.h"
#include "executor/runseed.h"
#include "history/runrecord.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHash>

#include <functional>
#include <memory>
#include <optional>

// `flowrun run`'s side of the run history: the --no-history/--db/--resume/--from/--of options,
// loading the run a new one continues, and recording (cmd_run.cpp stays about running).
namespace Flow {
class RunStore;
}

namespace Flow::Cli {

class CommandOptions;

struct HistoryOptions
{
    bool record = true;
    QString db;      // the history file (RunStore::defaultPath() when empty)
    QString resume;  // --resume RUN
    QString from;    // --from NODE
    QString of;      // --of RUN

    QString continued() const { return resume.isEmpty() ? of : resume; }
    QString dbPath() const;

    static QList<QCommandLineOption> options();
    // Reads the options; prints a usage error and returns false for a bad combination.
    bool read(const CommandOptions &parser);
};

// The stored run that a new run continues: what --resume and --of name.
struct ContinuedRun
{
    RunRecord record; // with its workflow text
    QHash<QString, QVariantMap> succeeded;
};

// Loads RUN (an id, a unique prefix of one, or "last"). Prints the error and returns nothing when
// the history cannot be read or has no such run.
std::optional<ContinuedRun> loadContinued(const HistoryOptions &options);
// Says on stderr what a seeded run takes over and what it runs again.
void reportSeed(const ContinuedRun &run, const SeedPlan &plan);

// Records one run while it goes. Output that reports events (--json, --events, the progress lines)
// is passed through here: an event is reported only once it is on disk, so whatever flowrun printed
// before a kill -9 is in the history. Without a usable history file (corrupt, locked, not ours) it
// warns once and reports events at once; the run goes on either way.
class Recording
{
public:
    using Report = std::function<void(const RunEvents &)>;
    Recording(const QString &path, const RunRecord &run, Report report);
    ~Recording();

    void add(const RunEvents &events);
    // At the end: waits for the last commits (bounded), reports what is left, warns about events
    // that could not be written.
    void finish();

private:
    void committed(const QString &runId, qint64 seq);

    std::unique_ptr<RunStore> m_store;
    QString m_runId;
    Report m_report;
    RunEvents m_waiting; // added, not yet committed, so not yet reported
    bool m_recording = false;
};

} // namespace Flow::Cli

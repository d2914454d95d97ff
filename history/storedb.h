#pragma once

#include "liveness.h"
#include "runrecord.h"
#include "runs/runevent.h"
#include "runs/runstate.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace Flow {

struct StoreOptions
{
    // Node outputs whose JSON is larger are not kept (their node reruns on resume); their
    // events keep `outputs: {}` and `outputs_truncated: BYTES`. Documented in docs/history.md.
    qint64 outputsCap = 1024 * 1024;
    int busyTimeoutMs = 2000; // how long a write waits for another process's transaction
};

// One connection to a run history file, used from one thread only (Qt Sql's rule). Synchronous:
// RunStore runs one in its writer thread and one in its reader thread; `flowrun history|show|prune`
// use one directly. Every write is one transaction, so a reader (in this process or another) sees a
// batch of events entirely or not at all.
class StoreDb
{
public:
    enum class OpenMode : quint8 {
        Create,       // create the file (and its folder) when missing
        ExistingOnly, // fail with a clear message when there is no file yet
    };
    using Options = StoreOptions;

    StoreDb();
    ~StoreDb();
    StoreDb(const StoreDb &) = delete;
    StoreDb &operator=(const StoreDb &) = delete;

    // Opens `path`, creating the schema or migrating an older one. A file that is not a run history
    // (corrupt, not SQLite, someone else's SQLite, written by a newer version) is never modified:
    // open fails with a message that says so.
    bool open(const QString &path, OpenMode mode = OpenMode::Create, const Options &options = {});
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    // The last error, prefixed with the file name.
    QString errorString() const { return m_error; }
    // True when the last failure was another process holding the database (retrying may help).
    bool lastErrorWasBusy() const { return m_busy; }

    // ---- writing ----
    // Marks runs left `running` by a process that is gone as `interrupted`; returns their ids.
    QStringList markInterrupted();
    // Starts recording a run (status running, owned by this process). `run.workflowText`, `file`,
    // `started` and `id` are used; the rest comes from its events.
    bool beginRun(const RunRecord &run);
    // Stores events of runs begun on this connection, all in one transaction. On failure nothing of
    // the batch is stored and the same batch may be given again.
    bool append(const RunEvents &events);
    // Tells readers that the runs this connection records are still alive.
    bool heartbeat();
    // Runs begun here whose run.finished is not stored yet.
    int openRuns() const;
    int remove(const QStringList &ids);
    // Deletes finished runs beyond the newest `keep`, and/or those that ended before `endedBefore`
    // (ms since epoch). Running runs are never pruned. Returns how many runs were deleted.
    int prune(std::optional<int> keep, std::optional<qint64> endedBefore);
    bool storeCached(const QByteArray &key, const QVariantMap &outputs, const QString &run);

    // ---- reading ----
    QList<RunRecord> runs(const RunFilter &filter = {});
    // A run by id, by a unique prefix of its id, or "last" (the newest). With the workflow text.
    std::optional<RunRecord> run(const QString &idOrPrefix);
    // Events of `run` with seq > afterSeq, in seq order, at most `limit` (0: all).
    RunEvents events(const QString &run, qint64 afterSeq = 0, int limit = 0);
    QList<NodeResult> nodeResults(const QString &run);
    // The outputs of the nodes that succeeded (or were cached) in `run` and whose outputs were kept.
    QHash<QString, QVariantMap> succeededOutputs(const QString &run);
    std::optional<std::pair<QVariantMap, QString>> lookupCached(const QByteArray &key);
    // Changes whenever another connection (any process) commits: cheap to poll.
    qint64 dataVersion();

private:
    struct Active
    {
        qint64 rowId = 0;
        RunState state;
        QVariantMap params; // from run.started, which RunState does not keep
        QString continues;
        QString mode;
        qint64 newEvents = 0;
        bool dirty = false;
    };

    QSqlDatabase database() const;
    bool fail(const QSqlQuery &query);
    bool fail(const QString &message);
    bool exec(const QString &sql);
    bool begin();
    bool commit();
    void rollback();
    qint64 rowIdOf(const QString &uuid);
    bool writeEvent(Active &active, const RunEvent &event);
    bool writeNodeResult(Active &active, const RunEvent &event, const QByteArray &dataJson);
    bool writeSummary(Active &active);
    bool writeFinalState(const Active &active);
    RunRecord recordFrom(const QSqlQuery &q, bool withWorkflow) const;
    static QString jsonText(const QVariantMap &map);
    QByteArray encodeData(const RunEvent &event, qint64 *outputsSize) const;

    QString m_connection;
    QString m_path;
    QString m_error;
    bool m_open = false;
    bool m_busy = false;
    Options m_options;
    ProcessStamp m_self;
    QHash<QString, Active> m_active; // runs this connection records
    // Events go through SQLite's C API on the connection Qt Sql opened: QSqlQuery's per-bind
    // placeholder names, QVariants and UTF-16 text cost more than the insert itself (bench/history).
    sqlite3_stmt *m_insertEvent = nullptr;
    sqlite3_stmt *m_insertResult = nullptr;
    // The log (WAL) policy of open(): no checkpoint on close unless the log holds more than this.
    static constexpr int SmallWalPages = 128;
    static constexpr int AutoCheckpointPages = 1000; // SQLite's default
    static int walHook(void *self, sqlite3 *db, const char *name, int pages);
    sqlite3 *m_raw = nullptr; // the connection Qt Sql opened
    int m_walPages = 0;       // frames in the log after our last commit
    std::unique_ptr<QSqlQuery> m_updateRun;
};

} // namespace Flow

#pragma once

#include "runrecord.h"
#include "runs/runevent.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace Flow {

class StoreDb;

// The run history of DESIGN.md §5: one SQLite file, written from a thread of its own, read from
// another, so that neither the caller (the GUI thread, flowrun's event loop) nor a long read (a
// million-event replay) ever waits for a write.
//
// Recording: beginRun() then append() every batch of the run's events, from any thread; both only
// queue. The writer commits whatever has queued up as one transaction as soon as the previous commit
// is done ("group commit"): a quiet run commits each batch within milliseconds, a flood of log lines
// commits large batches. committed() tells which events are on disk; an event whose commit was
// reported survives `kill -9` of this process (WAL, synchronous=NORMAL).
//
// Failures never lose a run: when the file cannot be opened (corrupt, locked, not ours) or a write
// fails, problem() says why, events are kept in memory and retried (busy) or dropped with a warning
// (no database), and the run itself goes on.
class RunStore : public QObject
{
    Q_OBJECT

public:
    // FLOWSTUDIO_HISTORY_DB when set, else Flowstudio/history.db in the user's data directory
    // (shared by flowrun and flowstudio).
    static QString defaultPath();

    explicit RunStore(const QString &path = defaultPath(), QObject *parent = nullptr);
    // Waits (at most a few seconds) for queued events to be committed, then closes the file.
    ~RunStore() override;

    QString path() const { return m_path; }
    // Blocks until the writer has opened (or failed to open) the file. For the CLI; the app
    // listens to opened() instead.
    bool waitForOpen();
    bool isOpen() const;
    QString errorString() const;

    // ---- recording (any thread, never blocks) ----
    void beginRun(const RunRecord &run);
    void append(const RunEvents &events);
    // Blocks until every event appended so far is committed (true) or `timeoutMs` passed, or the
    // store cannot write at all (false). How many are still not on disk: uncommitted().
    bool flush(int timeoutMs);
    qint64 uncommitted() const;

    // ---- reading (results arrive queued in `context`'s thread; nothing blocks) ----
    void listRuns(const RunFilter &filter, QObject *context,
                  std::function<void(const QList<RunRecord> &runs, const QString &error)> done);
    void loadRun(const QString &id, QObject *context,
                 std::function<void(const std::optional<RunRecord> &run, const QList<NodeResult> &nodes,
                                    const QString &error)>
                     done);
    // The events of `run` with seq > afterSeq in batches of `batchSize`; `last` is true on the final
    // call (which may carry no events).
    void readEvents(const QString &run, qint64 afterSeq, int batchSize, QObject *context,
                    std::function<void(const RunEvents &batch, bool last)> batch);
    void removeRuns(const QStringList &ids, QObject *context, std::function<void(int removed)> done);
    void prune(std::optional<int> keep, std::optional<qint64> endedBefore, QObject *context,
               std::function<void(int removed)> done);

signals:
    void opened(bool ok, const QString &error);
    // Runs left `running` by a process that died were marked interrupted (on open).
    void interruptedFound(const QStringList &runIds);
    // Events of `runId` up to `seq` are on disk.
    void committed(const QString &runId, qint64 seq);
    // A write failed (the file is locked by another process, the disk is full, ...). Said once per
    // kind of trouble, not per batch.
    void problem(const QString &message);
    // The file changed (this or another process committed): lists should refresh. Polled about
    // once a second in the reader thread (PRAGMA data_version), never in the caller's thread, from
    // the first connection to this signal (or the first read) on.
    void changed();

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    class Writer;
    class Reader;
    friend class Writer;

    void post(QObject *worker, std::function<void()> work);

    QString m_path;
    QThread *m_writerThread;
    QThread *m_readerThread;
    Writer *m_writer;
    Reader *m_reader;

    mutable std::mutex m_mutex; // guards everything below
    std::condition_variable m_cv;
    QList<RunRecord> m_pendingBegins;
    RunEvents m_pending;
    bool m_flushPosted = false;
    bool m_openDone = false;
    bool m_openOk = false;
    bool m_readerWanted = false; // changed() has a listener: the reader polls from the open on
    QString m_error;
    qint64 m_appended = 0;  // events given to append()
    qint64 m_committed = 0; // of those, committed (or dropped because there is no database)
};

} // namespace Flow

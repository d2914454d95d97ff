#include "runstore.h"

#include "storedb.h"
#include "runs/tsanannotate.h"

#include <QDir>
#include <QElapsedTimer>
#include <QMetaMethod>
#include <QPointer>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

namespace Flow {
namespace {

constexpr int HeartbeatMs = 5000;
constexpr int RetryMs = 250;
constexpr int PollMs = 1000;
// At most one commit per this interval while events keep coming: a chain of quick nodes delivers a
// few events at a time, and each commit rewrites the same few pages (the run's row, the tails of the
// events and results). flush() and the end of a run do not wait for it.
constexpr qint64 MinCommitIntervalMs = 10;

void deliver(const QPointer<QObject> &context, std::function<void()> call)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(call), Qt::QueuedConnection);
}

} // namespace

// Lives in the writer thread and owns the writing connection.
class RunStore::Writer : public QObject
{
public:
    explicit Writer(RunStore *store)
        : m_store(store)
    {}

    void open()
    {
        m_db = std::make_unique<StoreDb>();
        const bool ok = m_db->open(m_store->m_path);
        const QStringList interrupted = ok ? m_db->markInterrupted() : QStringList();
        {
            std::lock_guard lock(m_store->m_mutex);
            m_store->m_openDone = true;
            m_store->m_openOk = ok;
            m_store->m_error = m_db->errorString();
        }
        m_store->m_cv.notify_all();
        emit m_store->opened(ok, m_db->errorString());
        if (!interrupted.isEmpty())
            emit m_store->interruptedFound(interrupted);
        m_heartbeat = new QTimer(this);
        m_heartbeat->setInterval(HeartbeatMs);
        connect(m_heartbeat, &QTimer::timeout, this, [this] { m_db->heartbeat(); });
        m_heartbeat->start();
        m_retry = new QTimer(this);
        m_retry->setSingleShot(true);
        connect(m_retry, &QTimer::timeout, this, [this] { flush(); });
        m_later = new QTimer(this);
        m_later->setSingleShot(true);
        m_later->setTimerType(Qt::PreciseTimer);
        connect(m_later, &QTimer::timeout, this, [this] { flush(); });
        flush();
    }

    // What append() asks for: a commit now, or once MinCommitIntervalMs has passed since the last.
    void flushSoon()
    {
        const qint64 since = m_lastCommit.isValid() ? m_lastCommit.elapsed() : MinCommitIntervalMs;
        if (since >= MinCommitIntervalMs)
            flush();
        else if (!m_later->isActive())
            m_later->start(int(MinCommitIntervalMs - since));
    }

    void flush()
    {
        QList<RunRecord> begins;
        RunEvents events;
        {
            std::lock_guard lock(m_store->m_mutex);
            m_store->m_flushPosted = false;
            begins.swap(m_store->m_pendingBegins);
            events.swap(m_store->m_pending);
        }
        m_begins += begins;
        m_events += events;
        if (m_begins.isEmpty() && m_events.isEmpty())
            return;
        if (!m_db->isOpen()) {
            drop();
            return;
        }
        while (!m_begins.isEmpty()) {
            if (!m_db->beginRun(m_begins.first()))
                return trouble();
            m_begins.removeFirst();
        }
        if (!m_db->append(m_events))
            return trouble();
        m_lastCommit.start();
        if (m_later->isActive())
            m_later->stop();
        QHash<QString, qint64> last;
        for (const RunEvent &e : std::as_const(m_events))
            last[e.run] = e.seq;
        const qint64 n = m_events.size();
        m_events.clear();
        m_reported.clear();
        {
            std::lock_guard lock(m_store->m_mutex);
            m_store->m_committed += n;
        }
        m_store->m_cv.notify_all();
        for (auto it = last.cbegin(); it != last.cend(); ++it)
            emit m_store->committed(it.key(), it.value());
    }

    // In the writer thread: timers and the connection must die where they live.
    void shutdown()
    {
        if (!m_events.isEmpty() || !m_begins.isEmpty())
            drop();
        delete m_heartbeat;
        delete m_retry;
        delete m_later;
        m_heartbeat = m_retry = m_later = nullptr;
        m_db.reset();
        FLOW_TSAN_RELEASE(this); // ~RunStore deletes this Writer on its own thread
    }

private:
    // Busy (another process's transaction) and other failures: keep everything, say so once, and
    // try again shortly. Events stay in memory until the file takes them.
    void trouble()
    {
        const QString message = m_db->errorString();
        if (message != m_reported) {
            m_reported = message;
            emit m_store->problem(QStringLiteral("run history: %1; %2 events waiting to be written")
                                      .arg(message)
                                      .arg(m_events.size()));
        }
        m_retry->start(RetryMs);
    }

    void drop()
    {
        const qint64 n = m_events.size();
        m_events.clear();
        m_begins.clear();
        {
            std::lock_guard lock(m_store->m_mutex);
            m_store->m_committed += n;
        }
        m_store->m_cv.notify_all();
    }

    RunStore *m_store;
    std::unique_ptr<StoreDb> m_db;
    QList<RunRecord> m_begins;
    RunEvents m_events; // taken from the store, not yet committed
    QString m_reported;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_retry = nullptr;
    QTimer *m_later = nullptr; // flushSoon()'s wait
    QElapsedTimer m_lastCommit;
};

// Lives in the reader thread: its own connection, so that a long read never delays a commit.
class RunStore::Reader : public QObject
{
public:
    explicit Reader(RunStore *store)
        : m_store(store)
    {}

    StoreDb *db()
    {
        if (!m_db) {
            m_db = std::make_unique<StoreDb>();
            m_db->open(m_store->m_path, StoreDb::OpenMode::ExistingOnly);
            // The baseline is taken now, not at the first tick: a commit of another process between
            // opening and the first tick would otherwise be taken for the baseline and never reported.
            m_version = m_db->dataVersion();
            m_poll = new QTimer(this);
            m_poll->setInterval(PollMs);
            connect(m_poll, &QTimer::timeout, this, [this] {
                const qint64 version = m_db->dataVersion();
                if (version != m_version)
                    emit m_store->changed();
                m_version = version;
            });
            m_poll->start();
        }
        if (!m_db->isOpen())
            m_db->open(m_store->m_path, StoreDb::OpenMode::ExistingOnly);
        return m_db.get();
    }

    void shutdown()
    {
        delete m_poll;
        m_poll = nullptr;
        m_db.reset();
        FLOW_TSAN_RELEASE(this);
    }

private:
    RunStore *m_store;
    std::unique_ptr<StoreDb> m_db;
    QTimer *m_poll = nullptr;
    qint64 m_version = -1;
};

QString RunStore::defaultPath()
{
    const QString env = qEnvironmentVariable("FLOWSTUDIO_HISTORY_DB");
    if (!env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Flowstudio/history.db"));
}

RunStore::RunStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(QDir::cleanPath(QDir::current().absoluteFilePath(path)))
    , m_writerThread(new QThread(this))
    , m_readerThread(new QThread(this))
    , m_writer(new Writer(this))
    , m_reader(new Reader(this))
{
    qRegisterMetaType<Flow::RunEvents>();
    m_writerThread->setObjectName(QStringLiteral("RunStore writer"));
    m_readerThread->setObjectName(QStringLiteral("RunStore reader"));
    m_writer->moveToThread(m_writerThread);
    m_reader->moveToThread(m_readerThread);
    // The reader opens once the writer has created or migrated the file, and only when it is wanted:
    // a read, or a listener of changed() (connectNotify). A recording that reads nothing (`flowrun
    // run`) then opens the file once, not twice. Connected before the writer starts opening: a quick
    // open used to emit opened() before this connection existed, and the reader then never started
    // polling for other processes' commits.
    connect(this, &RunStore::opened, m_reader, [this](bool ok) {
        bool wanted = false;
        {
            std::lock_guard lock(m_mutex);
            wanted = m_readerWanted;
        }
        if (ok && wanted)
            m_reader->db();
    });
    m_readerThread->start();
    m_writerThread->start();
    post(m_writer, [w = m_writer] { w->open(); });
}

RunStore::~RunStore()
{
    flush(3000);
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        m_reader, [r = m_reader] { r->shutdown(); }, Qt::BlockingQueuedConnection);
    m_writerThread->quit();
    m_readerThread->quit();
    m_writerThread->wait();
    m_readerThread->wait();
    FLOW_TSAN_ACQUIRE(m_writer);
    FLOW_TSAN_ACQUIRE(m_reader);
    delete m_writer;
    delete m_reader;
}

void RunStore::connectNotify(const QMetaMethod &signal)
{
    if (signal != QMetaMethod::fromSignal(&RunStore::changed))
        return;
    bool openNow = false;
    {
        std::lock_guard lock(m_mutex);
        if (std::exchange(m_readerWanted, true))
            return;
        // Not open yet: the opened() connection of the constructor opens the reader.
        openNow = m_openDone && m_openOk;
    }
    if (openNow)
        post(m_reader, [r = m_reader] { r->db(); });
}

void RunStore::post(QObject *worker, std::function<void()> work)
{
    QMetaObject::invokeMethod(worker, std::move(work), Qt::QueuedConnection);
}

bool RunStore::waitForOpen()
{
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [this] { return m_openDone; });
    return m_openOk;
}

bool RunStore::isOpen() const
{
    std::lock_guard lock(m_mutex);
    return m_openOk;
}

QString RunStore::errorString() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

void RunStore::beginRun(const RunRecord &run)
{
    bool post = false;
    {
        std::lock_guard lock(m_mutex);
        m_pendingBegins.append(run);
        post = !std::exchange(m_flushPosted, true);
    }
    if (post)
        this->post(m_writer, [w = m_writer] { w->flush(); });
}

void RunStore::append(const RunEvents &events)
{
    if (events.isEmpty())
        return;
    bool post = false;
    {
        std::lock_guard lock(m_mutex);
        m_pending += events;
        m_appended += events.size();
        post = !std::exchange(m_flushPosted, true);
    }
    if (post)
        this->post(m_writer, [w = m_writer] { w->flushSoon(); });
}

bool RunStore::flush(int timeoutMs)
{
    // Whatever waits for a commit interval goes now.
    post(m_writer, [w = m_writer] { w->flush(); });
    std::unique_lock lock(m_mutex);
    const qint64 target = m_appended;
    return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] {
        return m_committed >= target && m_openDone;
    }) && m_openOk;
}

qint64 RunStore::uncommitted() const
{
    std::lock_guard lock(m_mutex);
    return m_appended - m_committed;
}

void RunStore::listRuns(const RunFilter &filter, QObject *context,
                        std::function<void(const QList<RunRecord> &, const QString &)> done)
{
    post(m_reader, [r = m_reader, filter, ctx = QPointer<QObject>(context), done = std::move(done)] {
        StoreDb *db = r->db();
        QList<RunRecord> runs = db->runs(filter);
        const QString error = db->isOpen() ? QString() : db->errorString();
        deliver(ctx, [done, runs = std::move(runs), error] { done(runs, error); });
    });
}

void RunStore::loadRun(
    const QString &id, QObject *context,
    std::function<void(const std::optional<RunRecord> &, const QList<NodeResult> &, const QString &)> done)
{
    post(m_reader, [r = m_reader, id, ctx = QPointer<QObject>(context), done = std::move(done)] {
        StoreDb *db = r->db();
        const std::optional<RunRecord> run = db->run(id);
        const QList<NodeResult> nodes = run ? db->nodeResults(run->id) : QList<NodeResult>();
        const QString error = run ? QString() : db->errorString();
        deliver(ctx, [done, run, nodes, error] { done(run, nodes, error); });
    });
}

void RunStore::readEvents(const QString &run, qint64 afterSeq, int batchSize, QObject *context,
                          std::function<void(const RunEvents &, bool)> batch)
{
    post(m_reader, [r = m_reader, run, afterSeq, batchSize, ctx = QPointer<QObject>(context),
                    batch = std::move(batch)] {
        StoreDb *db = r->db();
        qint64 after = afterSeq;
        for (;;) {
            RunEvents events = db->events(run, after, batchSize);
            const bool last = events.size() < batchSize || !ctx;
            if (!events.isEmpty())
                after = events.constLast().seq;
            deliver(ctx, [batch, events = std::move(events), last] { batch(events, last); });
            if (last)
                return;
        }
    });
}

void RunStore::removeRuns(const QStringList &ids, QObject *context, std::function<void(int)> done)
{
    post(m_writer, [this, ids, ctx = QPointer<QObject>(context), done = std::move(done)] {
        // The writer's connection: deletes are writes, and must not race a recording.
        StoreDb db;
        const int n = db.open(m_path, StoreDb::OpenMode::ExistingOnly) ? db.remove(ids) : 0;
        deliver(ctx, [done, n] { done(n); });
    });
}

void RunStore::prune(std::optional<int> keep, std::optional<qint64> endedBefore, QObject *context,
                     std::function<void(int)> done)
{
    post(m_writer, [this, keep, endedBefore, ctx = QPointer<QObject>(context), done = std::move(done)] {
        StoreDb db;
        const int n = db.open(m_path, StoreDb::OpenMode::ExistingOnly) ? db.prune(keep, endedBefore) : 0;
        deliver(ctx, [done, n] { done(n); });
    });
}

} // namespace Flow

// Opening, recovery of interrupted runs, deleting and pruning, the result cache. Recording a run
// is in storedbwrite.cpp, reading in storedbread.cpp.
#include "storedb.h"

#include "storeschema.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>

namespace Flow {
namespace {

bool isBusy(const QSqlError &e)
{
    return e.nativeErrorCode() == QLatin1String("5") || e.nativeErrorCode() == QLatin1String("6");
}

// Switching a file to WAL needs it to itself for a moment, and SQLite reports that busy at once
// instead of calling the busy handler: a process that opens the history while another one is
// reading it (two `flowrun run` started together) retries here for up to the busy timeout, rather
// than running unrecorded. Only the store's threads and the CLI open a StoreDb, never the GUI thread.
bool execWhileBusy(QSqlQuery &q, const QString &sql, int budgetMs)
{
    const QDeadlineTimer deadline(budgetMs);
    unsigned long pauseMs = 2;
    while (!q.exec(sql)) {
        if (!isBusy(q.lastError()) || deadline.hasExpired())
            return false;
        QThread::msleep(pauseMs);
        pauseMs = std::min(pauseMs * 2, 50ul);
    }
    return true;
}

QAtomicInt g_connections;

} // namespace

QString StoreDb::jsonText(const QVariantMap &map)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

StoreDb::StoreDb()
    : m_connection(QStringLiteral("flow-history-%1").arg(g_connections.fetchAndAddRelaxed(1)))
    , m_self(ProcessStamp::current())
{}

int StoreDb::walHook(void *self, sqlite3 *db, const char *name, int pages)
{
    auto *store = static_cast<StoreDb *>(self);
    store->m_walPages = pages;
    if (pages >= AutoCheckpointPages && sqlite3_wal_checkpoint(db, name) == SQLITE_OK)
        store->m_walPages = 0;
    return SQLITE_OK;
}

StoreDb::~StoreDb()
{
    if (m_raw && m_walPages > SmallWalPages)
        sqlite3_db_config(m_raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    sqlite3_finalize(m_insertEvent);
    m_insertEvent = nullptr;
    sqlite3_finalize(m_insertResult);
    m_insertResult = nullptr;
    m_updateRun.reset();
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = database();
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QSqlDatabase StoreDb::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool StoreDb::fail(const QString &message)
{
    m_error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(m_path), message);
    return false;
}

bool StoreDb::fail(const QSqlQuery &query)
{
    const QSqlError e = query.lastError();
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process holds the file; the caller may retry.
    m_busy = isBusy(e);
    return fail(e.databaseText().isEmpty() ? e.text() : e.databaseText());
}

bool StoreDb::exec(const QString &sql)
{
    QSqlQuery q(database());
    return q.exec(sql) || fail(q);
}

bool StoreDb::begin()
{
    // IMMEDIATE takes the write lock up front: a busy database fails here, before any work.
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool StoreDb::commit()
{
    return exec(QStringLiteral("COMMIT"));
}

void StoreDb::rollback()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
}

bool StoreDb::open(const QString &path, OpenMode mode, const Options &options)
{
    m_path = QFileInfo(path).absoluteFilePath();
    m_options = options;
    m_open = false;
    m_busy = false;
    const bool exists = QFileInfo::exists(m_path);
    if (!exists && mode == OpenMode::ExistingOnly)
        return fail(QStringLiteral("no run history here yet"));
    if (!exists && !QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(QStringLiteral("cannot create the folder"));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    if (!db.open())
        return fail(db.lastError().text());

    QString error;
    const int version = StoreSchema::version(db, &error);
    if (version < 0)
        return fail(
            QStringLiteral("cannot read the run history (%1); the file was left untouched").arg(error));
    if (version == 0 && StoreSchema::hasForeignTables(db))
        return fail(QStringLiteral("an SQLite database, but not a Flowstudio run history; left untouched"));
    if (version > StoreSchema::Current)
        return fail(
            QStringLiteral("written by a newer Flowstudio (history schema %1, this one reads up to %2)")
                .arg(version)
                .arg(StoreSchema::Current));
    {
        QSqlQuery q(db);
        // WAL: readers (the app's list, `flowrun history`) never wait for a recording run, and a
        // commit is one append to the log. synchronous=NORMAL: a commit survives the process being
        // killed (the OS has it); only a power cut can take back the last commits.
        if (!execWhileBusy(q, QStringLiteral("PRAGMA journal_mode=WAL"), options.busyTimeoutMs))
            return fail(q);
        if (!q.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
            return fail(q);
        // The log is kept between processes (see below): a big run's log shrinks back to 1 MB when
        // it restarts, instead of staying as large as it once grew.
        if (!q.exec(QStringLiteral("PRAGMA journal_size_limit=1048576")))
            return fail(q);
    }
    if (version == 0 && !StoreSchema::create(db, &error))
        return fail(QStringLiteral("cannot create the run history: %1").arg(error));
    if (version > 0 && version < StoreSchema::Current && !StoreSchema::migrate(db, version, &error))
        return fail(
            QStringLiteral("cannot migrate the run history from schema %1: %2; the file was left as it was")
                .arg(version)
                .arg(error));

    const QVariant handle = db.driver()->handle();
    sqlite3 *raw = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
                       ? *static_cast<sqlite3 *const *>(handle.constData())
                       : nullptr;
    // No checkpoint when the connection closes while the log is small: it would fsync the log and
    // the file on the exit path of every `flowrun run` (tens of ms on a slow disk). A commit in the
    // WAL is as safe as one in the main file (the next opener reads the log). But the first opener
    // reads the whole log again (about 1.5 ms a MB), so a connection that leaves more than
    // SmallWalPages checkpoints on close (~StoreDb); and walHook() checkpoints at 1,000 pages as
    // SQLite's own auto-checkpoint, which a hook of ours replaces, would.
    m_raw = raw;
    m_walPages = 0;
    if (raw) {
        sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        sqlite3_wal_hook(raw, &StoreDb::walHook, this);
    }
    sqlite3_finalize(m_insertEvent);
    m_insertEvent = nullptr;
    if (!raw
        || sqlite3_prepare_v3(raw,
                              "INSERT OR REPLACE INTO events (run, seq, time, node, kind, attempt, data) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)",
                              -1, SQLITE_PREPARE_PERSISTENT, &m_insertEvent, nullptr)
               != SQLITE_OK)
        return fail(
            QStringLiteral("cannot prepare the event insert: %1")
                .arg(raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QStringLiteral("no SQLite handle")));
    sqlite3_finalize(m_insertResult);
    m_insertResult = nullptr;
    if (sqlite3_prepare_v3(raw,
                           "INSERT OR REPLACE INTO node_results (run, node, state, attempt, ended, duration, "
                           "error, outputs, outputs_size, from_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &m_insertResult, nullptr)
        != SQLITE_OK)
        return fail(QStringLiteral("cannot prepare the result insert: %1")
                        .arg(QString::fromUtf8(sqlite3_errmsg(raw))));
    m_updateRun = std::make_unique<QSqlQuery>(db);
    m_updateRun->prepare(QStringLiteral(
        "UPDATE runs SET name = ?, params = ?, status = ?, error = ?, ended = ?, continues = ?, mode = ?, "
        "nodes_total = ?, nodes_succeeded = ?, nodes_failed = ?, nodes_skipped = ?, nodes_cancelled = ?, "
        "nodes_cached = ?, events = events + ?, last_seq = ?, heartbeat = ? WHERE id = ?"));
    m_open = true;
    m_error.clear();
    return true;
}

QStringList StoreDb::markInterrupted()
{
    QStringList marked;
    if (!m_open)
        return marked;
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT id, uuid, pid, pid_start, host, heartbeat, "
                               "(SELECT max(time) FROM events WHERE run = runs.id) FROM runs "
                               "WHERE status = 'running'"))) {
        fail(q);
        return marked;
    }
    struct Dead
    {
        qint64 id;
        QString uuid;
        qint64 ended;
        QString why;
    };
    QList<Dead> dead;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (q.next()) {
        const ProcessStamp owner{q.value(2).toLongLong(), q.value(3).toLongLong(), q.value(4).toString()};
        const qint64 heartbeat = q.value(5).toLongLong();
        // On another host the pid means nothing here: a recorder that stopped beating for ten
        // minutes (it beats every few seconds) is taken as gone.
        const bool otherHost = !owner.host.isEmpty() && owner.host != m_self.host;
        const bool gone
            = owner.pid == 0 || !owner.isAlive() || (otherHost && now - heartbeat > 10 * 60 * 1000);
        if (!gone || m_active.contains(q.value(1).toString()))
            continue;
        const QString why
            = owner.pid == 0
                  ? QStringLiteral("interrupted: the process recording the run is unknown and gone")
                  : QStringLiteral("interrupted: the process recording the run (pid %1 on %2) ended "
                                   "before the run finished")
                        .arg(owner.pid)
                        .arg(owner.host.isEmpty() ? QStringLiteral("?") : owner.host);
        dead.append({q.value(0).toLongLong(), q.value(1).toString(),
                     std::max(heartbeat, q.value(6).toLongLong()), why});
    }
    q.finish();
    if (dead.isEmpty() || !begin())
        return marked;
    QSqlQuery mark(database());
    mark.prepare(QStringLiteral("UPDATE runs SET status = 'interrupted', ended = ?, error = ? "
                                "WHERE id = ? AND status = 'running'"));
    for (const Dead &d : std::as_const(dead)) {
        mark.addBindValue(d.ended);
        mark.addBindValue(d.why);
        mark.addBindValue(d.id);
        if (!mark.exec()) {
            fail(mark);
            rollback();
            return {};
        }
        if (mark.numRowsAffected() > 0)
            marked.append(d.uuid);
    }
    if (!commit()) {
        rollback();
        return {};
    }
    return marked;
}

bool StoreDb::heartbeat()
{
    if (!m_open || m_active.isEmpty())
        return true;
    QStringList ids;
    for (const Active &a : std::as_const(m_active))
        ids.append(QString::number(a.rowId));
    return exec(QStringLiteral("UPDATE runs SET heartbeat = %1 WHERE id IN (%2)")
                    .arg(QDateTime::currentMSecsSinceEpoch())
                    .arg(ids.join(u',')));
}

int StoreDb::openRuns() const
{
    return int(m_active.size());
}

int StoreDb::remove(const QStringList &ids)
{
    if (!m_open || ids.isEmpty() || !begin())
        return 0;
    int removed = 0;
    QSqlQuery find(database());
    find.prepare(QStringLiteral("SELECT id FROM runs WHERE uuid = ?"));
    QSqlQuery del(database());
    QSqlQuery forget(database());
    forget.prepare(QStringLiteral("DELETE FROM node_cache WHERE run = ?"));
    for (const QString &uuid : ids) {
        find.addBindValue(uuid);
        if (!find.exec() || !find.next())
            continue;
        const qint64 id = find.value(0).toLongLong();
        find.finish();
        for (const char *table : {"events", "node_results"}) {
            if (!del.exec(
                    QStringLiteral("DELETE FROM %1 WHERE run = %2").arg(QLatin1String(table)).arg(id))) {
                fail(del);
                rollback();
                return 0;
            }
        }
        if (!del.exec(QStringLiteral("DELETE FROM runs WHERE id = %1").arg(id))) {
            fail(del);
            rollback();
            return 0;
        }
        // A cached result names the run that computed it: it goes with that run.
        forget.addBindValue(uuid);
        if (!forget.exec()) {
            fail(forget);
            rollback();
            return 0;
        }
        ++removed;
    }
    return commit() ? removed : 0;
}

int StoreDb::prune(std::optional<int> keep, std::optional<qint64> endedBefore)
{
    if (!m_open)
        return 0;
    QStringList victims;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT uuid, ended FROM runs WHERE status != 'running' "
                               "ORDER BY started DESC, id DESC"))) {
        fail(q);
        return 0;
    }
    int index = 0;
    while (q.next()) {
        const bool beyond = keep && index >= *keep;
        const bool old = endedBefore && q.value(1).toLongLong() < *endedBefore;
        if (beyond || old)
            victims.append(q.value(0).toString());
        ++index;
    }
    q.finish();
    return remove(victims);
}

bool StoreDb::storeCached(const QByteArray &key, const QVariantMap &outputs, const QString &run)
{
    if (!m_open)
        return false;
    // The cap of kept outputs holds here too: a larger result is not cached (the node runs again).
    const QString json = jsonText(outputs);
    if (json.toUtf8().size() > m_options.outputsCap)
        return false;
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO node_cache (key, outputs, run, stored) VALUES (?, ?, ?, ?)"));
    q.addBindValue(QString::fromLatin1(key));
    q.addBindValue(json);
    q.addBindValue(run);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return q.exec() || fail(q);
}

} // namespace Flow

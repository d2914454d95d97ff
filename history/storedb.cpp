// Opening, recovery and writing. Reading is in storedbread.cpp.
#include "storedb.h"

#include "storeschema.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>

#include <cstdio>
#include <sqlite3.h>

namespace Flow {
namespace {

QAtomicInt g_connections;

QString jsonText(const QVariantMap &map)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

// The stored status is the reducer's phase name; a run not started yet is already "running" here,
// since it has a row only once its run.started is being written.
QString statusOf(const RunState &state)
{
    const RunPhase phase = state.phase();
    return runPhaseName(phase == RunPhase::NotStarted ? RunPhase::Running : phase);
}

} // namespace

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
    m_busy = e.nativeErrorCode() == QLatin1String("5") || e.nativeErrorCode() == QLatin1String("6");
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
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
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

bool StoreDb::beginRun(const RunRecord &run)
{
    if (!m_open)
        return fail(QStringLiteral("not open"));
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("INSERT INTO runs (uuid, name, file, workflow, params, status, started, continues, "
                       "mode, pid, pid_start, host, heartbeat) "
                       "VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A null QString binds as NULL; these columns are NOT NULL text.
    const auto text = [](const QString &s) {
        return QVariant(s.isNull() ? QString(QLatin1String("")) : s);
    };
    for (const QVariant &v : {QVariant(run.id), text(run.name), text(run.file), text(run.workflowText),
                              QVariant(jsonText(run.params)), QVariant(run.started ? run.started : now),
                              run.continues.isEmpty() ? QVariant() : QVariant(run.continues),
                              run.mode.isEmpty() ? QVariant() : QVariant(run.mode), QVariant(m_self.pid),
                              QVariant(m_self.startTicks), QVariant(m_self.host), QVariant(now)})
        q.addBindValue(v);
    if (!q.exec())
        return fail(q);
    Active active;
    active.rowId = q.lastInsertId().toLongLong();
    // Log lines are folded too (their count and each node's last line): the final state is stored
    // for the views (writeFinalState), which must draw what a full replay draws.
    m_active.insert(run.id, std::move(active));
    return true;
}

// node.log is nearly every event of a busy run; its data is always {stream, line[, item]}. Writing
// that JSON by hand is several times cheaper than going through QJsonObject, and gives the same text.
static void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(uchar(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Kind names as UTF-8, made once per kind: they are bound for every event.
static const QByteArray &kindUtf8(EventKind kind)
{
    static thread_local QHash<int, QByteArray> names;
    auto it = names.find(int(kind));
    if (it == names.end())
        it = names.insert(int(kind), eventKindName(kind).toUtf8());
    return *it;
}

static bool encodeLogData(const QVariantMap &data, QByteArray &out)
{
    const qsizetype n = data.size();
    auto line = data.constFind(QStringLiteral("line"));
    auto stream = data.constFind(QStringLiteral("stream"));
    auto item = data.constFind(QStringLiteral("item"));
    const bool hasItem = item != data.cend();
    if (line == data.cend() || stream == data.cend() || n != (hasItem ? 3 : 2)
        || line->typeId() != QMetaType::QString || stream->typeId() != QMetaType::QString
        || (hasItem && item->typeId() != QMetaType::Int))
        return false;
    out.reserve(line->toString().size() + 40);
    out += hasItem ? QByteArray("{\"item\":") + QByteArray::number(item->toInt()) + ",\"line\":"
                   : QByteArray("{\"line\":");
    appendJsonString(out, line->toString());
    out += ",\"stream\":";
    appendJsonString(out, stream->toString());
    out += '}';
    return true;
}

QByteArray StoreDb::encodeData(const RunEvent &event, qint64 *outputsSize) const
{
    *outputsSize = 0;
    if (event.data.isEmpty())
        return {};
    if (event.kind == EventKind::NodeLog) {
        QByteArray fast;
        if (encodeLogData(event.data, fast))
            return fast;
    }
    QByteArray json = QJsonDocument(QJsonObject::fromVariantMap(event.data)).toJson(QJsonDocument::Compact);
    if (event.kind != EventKind::NodeSucceeded && event.kind != EventKind::NodeCached)
        return json;
    *outputsSize = json.size();
    if (json.size() <= m_options.outputsCap)
        return json;
    QVariantMap data = event.data;
    data.insert(QStringLiteral("outputs"), QVariantMap());
    data.insert(QStringLiteral("outputs_truncated"), qint64(json.size()));
    return QJsonDocument(QJsonObject::fromVariantMap(data)).toJson(QJsonDocument::Compact);
}

bool StoreDb::writeEvent(Active &active, const RunEvent &e)
{
    qint64 outputsSize = 0;
    const QByteArray data = encodeData(e, &outputsSize);
    sqlite3_stmt *q = m_insertEvent;
    sqlite3_bind_int64(q, 1, active.rowId);
    sqlite3_bind_int64(q, 2, e.seq);
    sqlite3_bind_int64(q, 3, e.time);
    if (e.node.isEmpty())
        sqlite3_bind_null(q, 4);
    else
        sqlite3_bind_text16(q, 4, e.node.utf16(), int(e.node.size() * 2), SQLITE_STATIC);
    const QByteArray &kind = kindUtf8(e.kind);
    sqlite3_bind_text(q, 5, kind.constData(), int(kind.size()), SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, e.attempt);
    if (data.isNull())
        sqlite3_bind_null(q, 7);
    else
        sqlite3_bind_text(q, 7, data.constData(), int(data.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        return fail(QStringLiteral("cannot store an event: %1").arg(QString::fromUtf8(sqlite3_errstr(rc))));
    active.state.apply(e);
    if (e.kind == EventKind::RunStarted) {
        active.params = e.data.value(QStringLiteral("params")).toMap();
        active.continues = e.data.value(QStringLiteral("continues")).toString();
        active.mode = e.data.value(QStringLiteral("mode")).toString();
    }
    ++active.newEvents;
    active.dirty = true;
    if (!e.node.isEmpty() && isTerminal(e.kind))
        return writeNodeResult(active, e, outputsSize > m_options.outputsCap ? QByteArray() : data);
    return true;
}

namespace {

void bindText(sqlite3_stmt *q, int column, const QByteArray &utf8)
{
    sqlite3_bind_text(q, column, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void bindTextOrNull(sqlite3_stmt *q, int column, const QString &text)
{
    if (text.isEmpty())
        sqlite3_bind_null(q, column);
    else
        sqlite3_bind_text16(q, column, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
}

} // namespace

bool StoreDb::writeNodeResult(Active &active, const RunEvent &e, const QByteArray &dataJson)
{
    const NodeStatus *n = active.state.node(e.node);
    const bool withOutputs
        = (e.kind == EventKind::NodeSucceeded || e.kind == EventKind::NodeCached) && !dataJson.isEmpty();
    QByteArray outputsJson;
    if (withOutputs) {
        const QVariantMap outputs = e.data.value(QStringLiteral("outputs")).toMap();
        outputsJson
            = outputs.isEmpty()
                  ? QByteArray("{}")
                  : QJsonDocument(QJsonObject::fromVariantMap(outputs)).toJson(QJsonDocument::Compact);
    }
    // Through SQLite's C API like the events: one of these per node.
    sqlite3_stmt *q = m_insertResult;
    sqlite3_bind_int64(q, 1, active.rowId);
    sqlite3_bind_text16(q, 2, e.node.utf16(), int(e.node.size() * 2), SQLITE_STATIC);
    bindText(q, 3, (n ? nodeStateName(n->state) : eventKindName(e.kind).mid(5)).toUtf8());
    sqlite3_bind_int64(q, 4, e.attempt);
    sqlite3_bind_int64(q, 5, e.time);
    sqlite3_bind_int64(q, 6, n ? n->duration : 0);
    bindTextOrNull(q, 7, n ? n->error : QString());
    if (withOutputs)
        bindText(q, 8, outputsJson);
    else
        sqlite3_bind_null(q, 8);
    sqlite3_bind_int64(q, 9, withOutputs ? qint64(outputsJson.size()) : qint64(dataJson.isEmpty() ? -1 : 0));
    bindTextOrNull(q, 10, e.data.value(QStringLiteral("run")).toString());
    const int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        return fail(
            QStringLiteral("cannot store a node's result: %1").arg(QString::fromUtf8(sqlite3_errstr(rc))));
    return true;
}

bool StoreDb::writeSummary(Active &a)
{
    const RunState &s = a.state;
    QSqlQuery &q = *m_updateRun;
    q.bindValue(0, s.workflowName());
    q.bindValue(1, jsonText(a.params));
    q.bindValue(2, statusOf(s));
    q.bindValue(3, s.error().isEmpty() ? QVariant() : QVariant(s.error()));
    q.bindValue(4, s.isFinished() ? QVariant(s.finishedAt()) : QVariant());
    q.bindValue(5, a.continues.isEmpty() ? QVariant() : QVariant(a.continues));
    q.bindValue(6, a.continues.isEmpty() ? QVariant() : QVariant(a.mode));
    q.bindValue(7, s.nodeCount());
    q.bindValue(8, s.count(NodeState::Succeeded));
    q.bindValue(9, s.count(NodeState::Failed));
    q.bindValue(10, s.count(NodeState::Skipped));
    q.bindValue(11, s.count(NodeState::Cancelled));
    q.bindValue(12, s.count(NodeState::Cached));
    q.bindValue(13, a.newEvents);
    q.bindValue(14, s.lastSeq());
    q.bindValue(15, QDateTime::currentMSecsSinceEpoch());
    q.bindValue(16, a.rowId);
    if (!q.exec())
        return fail(q);
    a.newEvents = 0;
    a.dirty = false;
    return !s.isFinished() || writeFinalState(a);
}

// Once, in the transaction that holds run.finished: the state the views need to draw the ended run
// without folding its events again (StoredRunSource).
bool StoreDb::writeFinalState(const Active &a)
{
    // snapshotJson(): the same text as through QJsonDocument, several times cheaper for a big run;
    // bound as UTF-8 through the C API (through QString it was converted twice more).
    const QByteArray json = a.state.snapshotJson();
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(m_raw, "UPDATE runs SET snapshot = ? WHERE id = ?", -1, &q, nullptr) != SQLITE_OK)
        return fail(QStringLiteral("cannot store the run's final state: %1")
                        .arg(QString::fromUtf8(sqlite3_errmsg(m_raw))));
    sqlite3_bind_text(q, 1, json.constData(), int(json.size()), SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, a.rowId);
    const int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return fail(QStringLiteral("cannot store the run's final state: %1")
                        .arg(QString::fromUtf8(sqlite3_errstr(rc))));
    return true;
}

bool StoreDb::append(const RunEvents &events)
{
    if (!m_open)
        return fail(QStringLiteral("not open"));
    if (events.isEmpty())
        return true;
    if (!begin())
        return false;
    // RunState ignores events it has seen, so a batch given again after a failed commit folds once.
    for (const RunEvent &e : events) {
        auto it = m_active.find(e.run);
        if (it == m_active.end())
            continue;
        if (!writeEvent(*it, e)) {
            rollback();
            return false;
        }
    }
    for (auto it = m_active.begin(); it != m_active.end(); ++it) {
        if (it->dirty && !writeSummary(*it)) {
            rollback();
            return false;
        }
    }
    if (!commit()) {
        rollback();
        return false;
    }
    for (auto it = m_active.begin(); it != m_active.end();) {
        if (it->state.isFinished())
            it = m_active.erase(it);
        else
            ++it;
    }
    m_busy = false;
    return true;
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
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO node_cache (key, outputs, run, stored) VALUES (?, ?, ?, ?)"));
    q.addBindValue(QString::fromLatin1(key));
    q.addBindValue(jsonText(outputs));
    q.addBindValue(run);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return q.exec() || fail(q);
}

} // namespace Flow

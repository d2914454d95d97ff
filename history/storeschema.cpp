#include "storeschema.h"

#include "runs/runevent.h"
#include "runs/runstate.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Flow::StoreSchema {
namespace {

// Version 2. Run ids are UUID text in the events; inside the file a run is its integer rowid so that
// a million events do not repeat 36 bytes each.
const char *const CreateV2[] = {
    R"(CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        file TEXT NOT NULL DEFAULT '',
        workflow TEXT NOT NULL DEFAULT '',
        params TEXT,
        status TEXT NOT NULL,
        error TEXT,
        started INTEGER NOT NULL,
        ended INTEGER,
        continues TEXT,
        mode TEXT,
        nodes_total INTEGER NOT NULL DEFAULT 0,
        nodes_succeeded INTEGER NOT NULL DEFAULT 0,
        nodes_failed INTEGER NOT NULL DEFAULT 0,
        nodes_skipped INTEGER NOT NULL DEFAULT 0,
        nodes_cancelled INTEGER NOT NULL DEFAULT 0,
        nodes_cached INTEGER NOT NULL DEFAULT 0,
        events INTEGER NOT NULL DEFAULT 0,
        last_seq INTEGER NOT NULL DEFAULT 0,
        pid INTEGER,
        pid_start INTEGER,
        host TEXT,
        heartbeat INTEGER))",
    "CREATE INDEX runs_by_start ON runs(started)",
    "CREATE INDEX runs_by_status ON runs(status)",
    R"(CREATE TABLE events (
        run INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        time INTEGER NOT NULL,
        node TEXT,
        kind TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 0,
        data TEXT,
        PRIMARY KEY (run, seq)) WITHOUT ROWID)",
    R"(CREATE TABLE node_results (
        run INTEGER NOT NULL,
        node TEXT NOT NULL,
        state TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 0,
        ended INTEGER,
        duration INTEGER,
        error TEXT,
        outputs TEXT,
        outputs_size INTEGER NOT NULL DEFAULT 0,
        from_run TEXT,
        PRIMARY KEY (run, node)) WITHOUT ROWID)",
    R"(CREATE TABLE node_cache (
        key TEXT PRIMARY KEY,
        outputs TEXT NOT NULL,
        run TEXT,
        stored INTEGER NOT NULL) WITHOUT ROWID)",
};

const char *const V1[] = {
    "CREATE TABLE runs (id TEXT PRIMARY KEY, file TEXT, workflow TEXT, status TEXT NOT NULL, "
    "started INTEGER NOT NULL, ended INTEGER)",
    "CREATE TABLE events (run TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, node TEXT, "
    "kind TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0, data TEXT, PRIMARY KEY (run, seq))",
};

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    *error = q.lastError().text();
    return false;
}

bool execAll(QSqlDatabase &db, const char *const *begin, const char *const *end, QString *error)
{
    for (auto it = begin; it != end; ++it) {
        if (!exec(db, QString::fromUtf8(*it), error))
            return false;
    }
    return true;
}

bool setVersion(QSqlDatabase &db, int version, QString *error)
{
    return exec(db, QStringLiteral("PRAGMA user_version = %1").arg(version), error);
}

QString jsonText(const QVariantMap &map)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

// Version 3 adds the final state of each run that ended (RunState::snapshot() as JSON), so that
// opening a long run draws it at once instead of after folding every event.
const char *const AddV3[] = {
    "ALTER TABLE runs ADD COLUMN snapshot TEXT",
};

// Version 1 kept only runs and events. Version 2 adds what the list and resume need without reading
// every event (names, params, node counts, each node's end and outputs) and who records a run; the
// migration derives all of it by folding each run's events through RunState, as a live recording does.
bool backfillRun(QSqlDatabase &db, qint64 run, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT seq, time, node, kind, attempt, data FROM events WHERE run = ? ORDER BY seq"));
    q.addBindValue(run);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    RunState state;
    QSqlQuery result(db);
    result.prepare(
        QStringLiteral("INSERT OR REPLACE INTO node_results (run, node, state, attempt, ended, "
                       "duration, error, outputs, outputs_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    qint64 count = 0;
    while (q.next()) {
        RunEvent e;
        e.seq = q.value(0).toLongLong();
        e.time = q.value(1).toLongLong();
        e.node = q.value(2).toString();
        e.kind = eventKindFromName(q.value(3).toString()).value_or(EventKind::NodeLog);
        e.attempt = q.value(4).toInt();
        e.data = QJsonDocument::fromJson(q.value(5).toByteArray()).object().toVariantMap();
        state.apply(e);
        ++count;
        if (e.node.isEmpty() || !isTerminal(e.kind))
            continue;
        const NodeStatus *n = state.node(e.node);
        const bool hasOutputs = e.kind == EventKind::NodeSucceeded || e.kind == EventKind::NodeCached;
        const QString outputs = hasOutputs ? jsonText(n->outputs) : QString();
        for (const QVariant &v :
             {QVariant(run), QVariant(e.node), QVariant(nodeStateName(n->state)), QVariant(n->attempt),
              QVariant(e.time), QVariant(n->duration), QVariant(n->error),
              hasOutputs ? QVariant(outputs) : QVariant(), QVariant(qint64(outputs.toUtf8().size()))})
            result.addBindValue(v);
        if (!result.exec()) {
            *error = result.lastError().text();
            return false;
        }
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral(
        "UPDATE runs SET name = ?, params = ?, error = ?, nodes_total = ?, nodes_succeeded = ?, "
        "nodes_failed = ?, nodes_skipped = ?, nodes_cancelled = ?, nodes_cached = ?, events = ?, "
        "last_seq = ? WHERE id = ?"));
    for (const QVariant &v :
         {QVariant(state.workflowName()), QVariant(jsonText(QVariantMap())), QVariant(state.error()),
          QVariant(state.nodeCount()), QVariant(state.count(NodeState::Succeeded)),
          QVariant(state.count(NodeState::Failed)), QVariant(state.count(NodeState::Skipped)),
          QVariant(state.count(NodeState::Cancelled)), QVariant(state.count(NodeState::Cached)),
          QVariant(count), QVariant(state.lastSeq()), QVariant(run)})
        update.addBindValue(v);
    if (!update.exec()) {
        *error = update.lastError().text();
        return false;
    }
    return true;
}

bool migrateFrom1(QSqlDatabase &db, QString *error)
{
    if (!exec(db, QStringLiteral("ALTER TABLE runs RENAME TO runs_v1"), error)
        || !exec(db, QStringLiteral("ALTER TABLE events RENAME TO events_v1"), error)
        || !execAll(db, std::begin(CreateV2), std::end(CreateV2), error)
        || !exec(db,
                 QStringLiteral("INSERT INTO runs (uuid, file, workflow, status, started, ended) "
                                "SELECT id, coalesce(file, ''), coalesce(workflow, ''), status, started, "
                                "ended FROM runs_v1 ORDER BY started"),
                 error)
        || !exec(db,
                 QStringLiteral("INSERT INTO events (run, seq, time, node, kind, attempt, data) "
                                "SELECT r.id, e.seq, e.time, e.node, e.kind, e.attempt, e.data "
                                "FROM events_v1 e JOIN runs r ON r.uuid = e.run"),
                 error))
        return false;
    QSqlQuery runs(db);
    if (!runs.exec(QStringLiteral("SELECT id FROM runs"))) {
        *error = runs.lastError().text();
        return false;
    }
    QList<qint64> ids;
    while (runs.next())
        ids.append(runs.value(0).toLongLong());
    for (qint64 id : ids) {
        if (!backfillRun(db, id, error))
            return false;
    }
    // Params were only in run.started; take them from there.
    QSqlQuery started(db);
    started.setForwardOnly(true);
    if (!started.exec(QStringLiteral("SELECT run, data FROM events WHERE kind = 'run.started'"))) {
        *error = started.lastError().text();
        return false;
    }
    QList<std::pair<qint64, QString>> params;
    while (started.next()) {
        const QVariantMap data
            = QJsonDocument::fromJson(started.value(1).toByteArray()).object().toVariantMap();
        params.append(
            {started.value(0).toLongLong(), jsonText(data.value(QStringLiteral("params")).toMap())});
    }
    QSqlQuery set(db);
    set.prepare(QStringLiteral("UPDATE runs SET params = ? WHERE id = ?"));
    for (const auto &[id, text] : std::as_const(params)) {
        set.addBindValue(text);
        set.addBindValue(id);
        if (!set.exec()) {
            *error = set.lastError().text();
            return false;
        }
    }
    return exec(db, QStringLiteral("DROP TABLE events_v1"), error)
           && exec(db, QStringLiteral("DROP TABLE runs_v1"), error);
}

} // namespace

int version(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    // Reading the schema is what fails on a file that is not a database; user_version alone does not.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        *error = q.lastError().databaseText().isEmpty() ? q.lastError().text() : q.lastError().databaseText();
        return -1;
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toInt();
}

bool hasForeignTables(QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next() && q.value(0).toInt() > 0;
}

bool create(QSqlDatabase &db, QString *error)
{
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    // Two processes that open a new file at once both saw version 0; the second one to get the write
    // lock finds the schema made by the first.
    if (version(db, error) == Current)
        return exec(db, QStringLiteral("COMMIT"), error);
    if (execAll(db, std::begin(CreateV2), std::end(CreateV2), error)
        && execAll(db, std::begin(AddV3), std::end(AddV3), error) && setVersion(db, Current, error)
        && exec(db, QStringLiteral("COMMIT"), error))
        return true;
    QString ignored;
    exec(db, QStringLiteral("ROLLBACK"), &ignored);
    return false;
}

bool migrate(QSqlDatabase &db, int from, QString *error)
{
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    // Another process may have migrated while this one waited for the lock.
    QString ignored;
    int now = from;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
            now = q.value(0).toInt();
    }
    bool ok = true;
    if (now == 1)
        ok = migrateFrom1(db, error); // to version 2
    if (ok && now < 3)
        ok = execAll(db, std::begin(AddV3), std::end(AddV3), error);
    if (ok && now < Current)
        ok = setVersion(db, Current, error);
    if (ok && exec(db, QStringLiteral("COMMIT"), error))
        return true;
    exec(db, QStringLiteral("ROLLBACK"), &ignored);
    return false;
}

const char *versionOneDdl()
{
    static const QByteArray text = [] {
        QByteArray t;
        for (const char *s : V1)
            t += QByteArray(s) + ";\n";
        t += "PRAGMA user_version = 1;\n";
        return t;
    }();
    return text.constData();
}

} // namespace Flow::StoreSchema

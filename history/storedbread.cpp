// Reading the history: lists, one run, its events, node results, cache entries.
#include "storedb.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

namespace Flow {
namespace {

const QString RunColumns = QStringLiteral(
    "uuid, name, file, params, status, error, started, ended, continues, mode, nodes_total, "
    "nodes_succeeded, nodes_failed, nodes_skipped, nodes_cancelled, nodes_cached, events, last_seq, pid, "
    "host");

QVariantMap mapFrom(const QVariant &json)
{
    if (json.isNull())
        return {};
    return QJsonDocument::fromJson(json.toByteArray()).object().toVariantMap();
}

} // namespace

RunRecord StoreDb::recordFrom(const QSqlQuery &q, bool withWorkflow) const
{
    RunRecord r;
    r.id = q.value(0).toString();
    r.name = q.value(1).toString();
    r.file = q.value(2).toString();
    r.params = mapFrom(q.value(3));
    r.status = q.value(4).toString();
    r.error = q.value(5).toString();
    r.started = q.value(6).toLongLong();
    r.ended = q.value(7).toLongLong();
    r.continues = q.value(8).toString();
    r.mode = q.value(9).toString();
    r.nodes = q.value(10).toInt();
    r.succeeded = q.value(11).toInt();
    r.failed = q.value(12).toInt();
    r.skipped = q.value(13).toInt();
    r.cancelled = q.value(14).toInt();
    r.cached = q.value(15).toInt();
    r.events = q.value(16).toLongLong();
    r.lastSeq = q.value(17).toLongLong();
    r.pid = q.value(18).toLongLong();
    r.host = q.value(19).toString();
    if (withWorkflow)
        r.workflowText = q.value(20).toString();
    return r;
}

QList<RunRecord> StoreDb::runs(const RunFilter &filter)
{
    QList<RunRecord> list;
    if (!m_open)
        return list;
    QStringList where;
    QVariantList binds;
    if (!filter.status.isEmpty()) {
        where.append(QStringLiteral("status = ?"));
        binds.append(filter.status);
    }
    if (!filter.file.isEmpty()) {
        where.append(QStringLiteral("file = ?"));
        binds.append(filter.file);
    }
    if (!filter.text.isEmpty()) {
        where.append(QStringLiteral("(instr(lower(name), ?) OR instr(lower(file), ?) OR instr(uuid, ?))"));
        const QString t = filter.text.toLower();
        binds << t << t << t;
    }
    if (!filter.name.isEmpty()) {
        where.append(QStringLiteral("name = ?"));
        binds.append(filter.name);
    }
    if (!filter.endedNode.isEmpty()) {
        where.append(QStringLiteral("EXISTS (SELECT 1 FROM node_results WHERE run = runs.id AND node = ?)"));
        binds.append(filter.endedNode);
    }
    if (filter.finishedOnly)
        where.append(QStringLiteral("status != 'running'"));
    QString sql = QStringLiteral("SELECT %1 FROM runs").arg(RunColumns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY started DESC, id DESC");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec()) {
        fail(q);
        return list;
    }
    while (q.next())
        list.append(recordFrom(q, false));
    return list;
}

std::optional<RunRecord> StoreDb::run(const QString &idOrPrefix)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (idOrPrefix == u"last") {
        q.prepare(
            QStringLiteral("SELECT %1, workflow, snapshot FROM runs ORDER BY started DESC, id DESC LIMIT 1")
                .arg(RunColumns));
    } else {
        q.prepare(
            QStringLiteral("SELECT %1, workflow, snapshot FROM runs WHERE uuid >= ? AND uuid < ? LIMIT 2")
                .arg(RunColumns));
        // A prefix range instead of LIKE: uses the unique index, and '_' in a prefix means nothing.
        q.addBindValue(idOrPrefix);
        q.addBindValue(QString(idOrPrefix + QChar(0xFFFF)));
    }
    if (!q.exec()) {
        fail(q);
        return std::nullopt;
    }
    if (!q.next()) {
        fail(QStringLiteral("no run '%1'").arg(idOrPrefix));
        return std::nullopt;
    }
    RunRecord r = recordFrom(q, true);
    if (const QByteArray snapshot = q.value(21).toByteArray(); !snapshot.isEmpty())
        r.finalState = QJsonDocument::fromJson(snapshot).object();
    if (q.next()) {
        fail(QStringLiteral("'%1' names more than one run; give more of the id").arg(idOrPrefix));
        return std::nullopt;
    }
    return r;
}

qint64 StoreDb::rowIdOf(const QString &uuid)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id FROM runs WHERE uuid = ?"));
    q.addBindValue(uuid);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

RunEvents StoreDb::events(const QString &run, qint64 afterSeq, int limit)
{
    RunEvents events;
    const qint64 id = m_open ? rowIdOf(run) : -1;
    if (id < 0)
        return events;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    QString sql
        = QStringLiteral("SELECT seq, time, node, kind, attempt, data FROM events WHERE run = ? AND seq > ? "
                         "ORDER BY seq");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    q.prepare(sql);
    q.addBindValue(id);
    q.addBindValue(afterSeq);
    if (!q.exec()) {
        fail(q);
        return events;
    }
    if (limit > 0)
        events.reserve(limit);
    // Kind names repeat: look each up once.
    QHash<QString, EventKind> kinds;
    while (q.next()) {
        RunEvent e;
        e.run = run;
        e.seq = q.value(0).toLongLong();
        e.time = q.value(1).toLongLong();
        e.node = q.value(2).toString();
        const QString kind = q.value(3).toString();
        auto k = kinds.constFind(kind);
        if (k == kinds.cend())
            k = kinds.insert(kind, eventKindFromName(kind).value_or(EventKind::NodeLog));
        e.kind = *k;
        e.attempt = q.value(4).toInt();
        e.data = mapFrom(q.value(5));
        events.append(std::move(e));
    }
    return events;
}

QList<NodeResult> StoreDb::nodeResults(const QString &run)
{
    QList<NodeResult> results;
    const qint64 id = m_open ? rowIdOf(run) : -1;
    if (id < 0)
        return results;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT node, state, attempt, ended, duration, error, outputs, outputs_size, from_run "
                       "FROM node_results WHERE run = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(q);
        return results;
    }
    while (q.next()) {
        NodeResult r;
        r.node = q.value(0).toString();
        r.state = q.value(1).toString();
        r.attempt = q.value(2).toInt();
        r.ended = q.value(3).toLongLong();
        r.duration = q.value(4).toLongLong();
        r.error = q.value(5).toString();
        if (!q.value(6).isNull())
            r.outputs = mapFrom(q.value(6));
        r.outputsSize = q.value(7).toLongLong();
        r.fromRun = q.value(8).toString();
        results.append(r);
    }
    return results;
}

QHash<QString, QVariantMap> StoreDb::succeededOutputs(const QString &run)
{
    QHash<QString, QVariantMap> outputs;
    for (const NodeResult &r : nodeResults(run)) {
        if ((r.state == u"succeeded" || r.state == u"cached") && r.outputs)
            outputs.insert(r.node, *r.outputs);
    }
    return outputs;
}

std::optional<std::pair<QVariantMap, QString>> StoreDb::lookupCached(const QByteArray &key)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT outputs, run FROM node_cache WHERE key = ?"));
    q.addBindValue(QString::fromLatin1(key));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return std::pair{mapFrom(q.value(0)), q.value(1).toString()};
}

qint64 StoreDb::dataVersion()
{
    QSqlQuery q(database());
    if (!m_open || !q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace Flow

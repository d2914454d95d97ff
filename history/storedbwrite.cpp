// Recording a run: beginRun(), then append() of its events in one transaction per batch. Events go
// through SQLite's C API (the hot path, see bench/history); each batch also updates the run's node
// results and summary, and the final state once it ends.
#include "storedb.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <cstdio>
#include <sqlite3.h>

namespace Flow {
namespace {

// The stored status is the reducer's phase name; a run not started yet is already "running" here,
// since it has a row only once its run.started is being written.
QString statusOf(const RunState &state)
{
    const RunPhase phase = state.phase();
    return runPhaseName(phase == RunPhase::NotStarted ? RunPhase::Running : phase);
}

} // namespace

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

} // namespace Flow

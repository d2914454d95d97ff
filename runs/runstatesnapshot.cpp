// RunState's snapshot: the folded state as JSON, for late joiners.
#include "runstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace Flow {
namespace {

QJsonObject statusToJson(const NodeStatus &n)
{
    QJsonObject o;
    o.insert(u"state", nodeStateName(n.state));
    o.insert(u"attempt", n.attempt);
    o.insert(u"progress", n.progress);
    o.insert(u"progressText", n.progressText);
    o.insert(u"startedAt", n.startedAt);
    o.insert(u"finishedAt", n.finishedAt);
    o.insert(u"duration", n.duration);
    o.insert(u"message", n.message);
    o.insert(u"error", n.error);
    o.insert(u"retryDelay", n.retryDelay);
    o.insert(u"retryAt", n.retryAt);
    o.insert(u"maxAttempts", n.maxAttempts);
    o.insert(u"logLines", n.logLines);
    o.insert(u"outputs", QJsonObject::fromVariantMap(n.outputs));
    if (!n.fromRun.isEmpty())
        o.insert(u"fromRun", n.fromRun);
    return o;
}

std::optional<NodeState> stateFromName(const QString &name)
{
    for (int s = 0; s < NodeStateCount; ++s) {
        if (nodeStateName(NodeState(s)) == name)
            return NodeState(s);
    }
    return std::nullopt;
}

std::optional<NodeStatus> statusFromJson(const QJsonObject &o)
{
    const auto state = stateFromName(o.value(u"state").toString());
    if (!state)
        return std::nullopt;
    NodeStatus n;
    n.state = *state;
    n.attempt = o.value(u"attempt").toInt();
    n.progress = o.value(u"progress").toDouble(-1);
    n.progressText = o.value(u"progressText").toString();
    n.startedAt = o.value(u"startedAt").toInteger();
    n.finishedAt = o.value(u"finishedAt").toInteger();
    n.duration = o.value(u"duration").toInteger();
    n.message = o.value(u"message").toString();
    n.error = o.value(u"error").toString();
    n.retryDelay = o.value(u"retryDelay").toInteger();
    n.retryAt = o.value(u"retryAt").toInteger();
    n.maxAttempts = o.value(u"maxAttempts").toInt(1);
    n.logLines = o.value(u"logLines").toInt();
    n.outputs = o.value(u"outputs").toObject().toVariantMap();
    n.fromRun = o.value(u"fromRun").toString();
    return n;
}

std::optional<RunPhase> phaseFromName(const QString &name)
{
    for (int p = 0; p <= int(RunPhase::Cancelled); ++p) {
        if (runPhaseName(RunPhase(p)) == name)
            return RunPhase(p);
    }
    return std::nullopt;
}

// ---- snapshotJson(): the same text as QJsonDocument(snapshot()).toJson(Compact), written directly.
// A run of 10,000 nodes stores its final state once; through QJsonObject that cost more than storing
// all of its events. Keys go in QJsonObject's order (sorted), numbers as Qt's writer prints them;
// anything unusual (strings that need escaping, non-empty outputs) goes through Qt's own writer, so
// the text is the same byte for byte (tst_events compares them).

void appendViaQt(QByteArray &out, const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out.append(array.constData() + 1, array.size() - 2); // without the [ ]
}

void appendString(QByteArray &out, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f || c == u'"' || c == u'\\') {
            appendViaQt(out, text);
            return;
        }
    }
    out += '"';
    out += text.toLatin1();
    out += '"';
}

void appendKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

void appendInt(QByteArray &out, const char *key, qint64 value)
{
    appendKey(out, key);
    out += QByteArray::number(value);
    out += ',';
}

void appendText(QByteArray &out, const char *key, const QString &value)
{
    appendKey(out, key);
    appendString(out, value);
    out += ',';
}

void appendMap(QByteArray &out, const char *key, const QVariantMap &map)
{
    appendKey(out, key);
    if (map.isEmpty())
        out += "{}";
    else
        out += QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact);
    out += ',';
}

void appendStatus(QByteArray &out, const QString &id, const NodeStatus &n)
{
    out += '{';
    appendInt(out, "attempt", n.attempt);
    appendInt(out, "duration", n.duration);
    appendText(out, "error", n.error);
    appendInt(out, "finishedAt", n.finishedAt);
    if (!n.fromRun.isEmpty())
        appendText(out, "fromRun", n.fromRun);
    appendText(out, "id", id);
    appendInt(out, "logLines", n.logLines);
    appendInt(out, "maxAttempts", n.maxAttempts);
    appendText(out, "message", n.message);
    appendMap(out, "outputs", n.outputs);
    appendKey(out, "progress");
    if (qIsFinite(n.progress))
        out += QByteArray::number(n.progress, 'g', QLocale::FloatingPointShortest);
    else
        appendViaQt(out, n.progress);
    out += ',';
    appendText(out, "progressText", n.progressText);
    appendInt(out, "retryAt", n.retryAt);
    appendInt(out, "retryDelay", n.retryDelay);
    appendInt(out, "startedAt", n.startedAt);
    appendKey(out, "state");
    appendString(out, nodeStateName(n.state));
    out += '}';
}

} // namespace

QByteArray RunState::snapshotJson() const
{
    QByteArray out;
    out.reserve(256 + qsizetype(m_order.size()) * 260);
    out += '{';
    appendText(out, "error", m_error);
    appendInt(out, "finishedAt", m_finishedAt);
    appendInt(out, "gaps", m_gaps);
    appendInt(out, "lastSeq", m_lastSeq);
    appendText(out, "name", m_name);
    appendKey(out, "nodes");
    out += '[';
    static const NodeStatus none;
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        if (i > 0)
            out += ',';
        const auto it = m_nodes.constFind(m_order.at(i));
        appendStatus(out, m_order.at(i), it == m_nodes.cend() ? none : *it);
    }
    out += "],";
    appendMap(out, "outputs", m_outputs);
    appendText(out, "phase", runPhaseName(m_phase));
    appendText(out, "run", m_runId);
    appendKey(out, "startedAt");
    out += QByteArray::number(m_startedAt);
    out += '}';
    return out;
}

QJsonObject RunState::snapshot() const
{
    QJsonObject o;
    o.insert(u"run", m_runId);
    o.insert(u"name", m_name);
    o.insert(u"phase", runPhaseName(m_phase));
    o.insert(u"error", m_error);
    o.insert(u"startedAt", m_startedAt);
    o.insert(u"finishedAt", m_finishedAt);
    o.insert(u"lastSeq", m_lastSeq);
    o.insert(u"gaps", m_gaps);
    o.insert(u"outputs", QJsonObject::fromVariantMap(m_outputs));
    QJsonArray nodes;
    for (const QString &id : m_order) {
        QJsonObject n = statusToJson(m_nodes.value(id));
        n.insert(u"id", id);
        nodes.append(n);
    }
    o.insert(u"nodes", nodes);
    return o;
}

std::optional<RunState> RunState::fromSnapshot(const QJsonObject &json)
{
    const auto phase = phaseFromName(json.value(u"phase").toString());
    if (!phase || !json.value(u"run").isString() || !json.value(u"nodes").isArray())
        return std::nullopt;
    RunState s;
    s.m_runId = json.value(u"run").toString();
    s.m_name = json.value(u"name").toString();
    s.m_phase = *phase;
    s.m_error = json.value(u"error").toString();
    s.m_startedAt = json.value(u"startedAt").toInteger();
    s.m_finishedAt = json.value(u"finishedAt").toInteger();
    s.m_lastSeq = json.value(u"lastSeq").toInteger();
    s.m_gaps = json.value(u"gaps").toInt();
    s.m_outputs = json.value(u"outputs").toObject().toVariantMap();
    for (const QJsonValue &v : json.value(u"nodes").toArray()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"id").toString();
        const auto status = statusFromJson(o);
        if (id.isEmpty() || !status || s.m_nodes.contains(id))
            return std::nullopt;
        s.m_order.append(id);
        s.m_nodes.insert(id, *status);
        ++s.m_counts[size_t(status->state)];
    }
    return s;
}

bool RunState::sameAs(const RunState &other) const
{
    return m_runId == other.m_runId && m_name == other.m_name && m_phase == other.m_phase
           && m_error == other.m_error && m_startedAt == other.m_startedAt
           && m_finishedAt == other.m_finishedAt && m_lastSeq == other.m_lastSeq && m_gaps == other.m_gaps
           && m_outputs == other.m_outputs && m_order == other.m_order && m_nodes == other.m_nodes
           && m_counts == other.m_counts;
}

} // namespace Flow

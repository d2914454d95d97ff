#include "protocol.h"
#include "protocolreader.h"

#include "runs/eventjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <array>

namespace Flow::Remote {
namespace {

using CType = ClientMessage::Type;
using SType = ServerMessage::Type;
using Detail::Reader;

constexpr std::array<std::pair<CType, const char *>, 8> clientTypes{{
    {CType::Hello, "hello"},
    {CType::ListRuns, "list_runs"},
    {CType::Subscribe, "subscribe"},
    {CType::Unsubscribe, "unsubscribe"},
    {CType::Start, "start"},
    {CType::Cancel, "cancel"},
    {CType::Status, "status"},
    {CType::Ping, "ping"},
}};

constexpr std::array<std::pair<SType, const char *>, 10> serverTypes{{
    {SType::Welcome, "welcome"},
    {SType::Runs, "runs"},
    {SType::RunUpdate, "run_update"},
    {SType::Subscribed, "subscribed"},
    {SType::Events, "events"},
    {SType::Started, "started"},
    {SType::Status, "status"},
    {SType::Pong, "pong"},
    {SType::Error, "error"},
    {SType::Bye, "bye"},
}};

template<typename T, size_t N>
const char *nameOf(const std::array<std::pair<T, const char *>, N> &table, T type)
{
    for (const auto &[t, name] : table) {
        if (t == type)
            return name;
    }
    return "";
}

template<typename T, size_t N>
std::optional<T> typeOf(const std::array<std::pair<T, const char *>, N> &table, const QString &name)
{
    for (const auto &[t, text] : table) {
        if (name == QLatin1String(text))
            return t;
    }
    return std::nullopt;
}

struct Envelope
{
    QJsonObject object;
    QString type;
    QJsonValue id;
};

// The part both directions share: JSON object, "v":1, a string "type", an optional id.
template<typename T>
std::optional<Envelope> openEnvelope(QByteArrayView frame, Decoded<T> &out)
{
    QJsonParseError parseError;
    // The parser copies what it keeps: no copy of a frame of up to 4 MiB first.
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray::fromRawData(frame.data(), frame.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        out.code = QLatin1String(Code::BadMessage);
        out.error = doc.isNull() ? QStringLiteral("not JSON: %1 at offset %2")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset)
                                 : QStringLiteral("a message must be a JSON object");
        return std::nullopt;
    }
    Envelope e{doc.object(), {}, {}};
    const QJsonValue id = e.object.value(QLatin1String("id"));
    if (id.isString() || id.isDouble())
        out.id = e.id = id;
    const QJsonValue v = e.object.value(QLatin1String("v"));
    if (!v.isDouble() || v.toDouble() != ProtocolVersion) {
        out.code = QLatin1String(Code::BadVersion);
        out.error = QStringLiteral("\"v\" must be %1").arg(ProtocolVersion);
        return std::nullopt;
    }
    const QJsonValue type = e.object.value(QLatin1String("type"));
    if (!type.isString()) {
        out.code = QLatin1String(Code::BadMessage);
        out.error = QStringLiteral("\"type\" must be a string");
        return std::nullopt;
    }
    if (!id.isUndefined() && !id.isString() && !id.isDouble()) {
        out.code = QLatin1String(Code::BadMessage);
        out.error = QStringLiteral("\"id\" must be a string or a number");
        return std::nullopt;
    }
    e.type = type.toString();
    return e;
}

QJsonObject header(const char *type, const QJsonValue &id)
{
    QJsonObject o{{QStringLiteral("v"), ProtocolVersion}, {QStringLiteral("type"), QLatin1String(type)}};
    if (id.isString() || id.isDouble())
        o.insert(QStringLiteral("id"), id);
    return o;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject summaryJson(const RunSummary &s)
{
    QJsonObject o{{QStringLiteral("run"), s.run},
                  {QStringLiteral("workflow"), s.workflow},
                  {QStringLiteral("status"), s.status},
                  {QStringLiteral("started"), s.startedAt},
                  {QStringLiteral("last_seq"), s.lastSeq}};
    if (s.finishedAt)
        o.insert(QStringLiteral("finished"), s.finishedAt);
    return o;
}

std::optional<RunSummary> summaryFrom(const QJsonObject &o, Reader &outer)
{
    Reader r(o);
    RunSummary s;
    s.run = r.string("run", true);
    s.workflow = r.string("workflow", false);
    s.status = r.string("status", true);
    s.startedAt = r.integer("started", false);
    s.finishedAt = r.integer("finished", false);
    s.lastSeq = r.integer("last_seq", false);
    if (!r.error().isEmpty()) {
        outer.failWith(QStringLiteral("run summary: ") + r.error());
        return std::nullopt;
    }
    return s;
}

QList<RunSummary> summariesFrom(const QJsonArray &array, Reader &r)
{
    QList<RunSummary> list;
    list.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (!v.isObject()) {
            r.failWith(QStringLiteral("\"runs\" must hold objects"));
            return {};
        }
        if (auto s = summaryFrom(v.toObject(), r))
            list.append(*s);
        else
            return {};
    }
    return list;
}

// The events frame is written by hand around RunEvent::toJsonLine: the one hot path (every event to
// every client), and it keeps the event codec the NDJSON one byte for byte.
QByteArray encodeEvents(const ServerMessage &m)
{
    QByteArray joined;
    for (qsizetype i = 0; i < m.events.size(); ++i) {
        if (i)
            joined += ',';
        joined += m.events.at(i).toJsonLine();
    }
    return encodeEventsFrame(m.run, joined, m.id);
}

void decodeServerBody(SType type, const QJsonObject &o, Reader &r, ServerMessage &m)
{
    switch (type) {
    case SType::Welcome: {
        m.server = r.string("server", true);
        m.version = r.string("version", true);
        for (const QJsonValue &c : r.array("capabilities", false)) {
            if (!c.isString())
                r.failWith(QStringLiteral("\"capabilities\" must hold strings"));
            m.capabilities.append(c.toString());
        }
        break;
    }
    case SType::Runs:
    case SType::RunUpdate:
        m.runs = summariesFrom(r.array("runs", true), r);
        break;
    case SType::Subscribed: {
        m.run = r.string("run", true);
        m.afterSeq = r.integer("after_seq", true);
        m.workflowText = r.string("workflow_text", false);
        const QJsonObject summary = r.object("summary", true);
        if (auto s = summaryFrom(summary, r))
            m.runs.append(*s);
        break;
    }
    case SType::Events: {
        m.run = r.string("run", true);
        const QJsonArray events = r.array("events", true);
        m.events.reserve(events.size());
        for (const QJsonValue &v : events) {
            std::optional<RunEvent> e = v.isObject() ? RunEvent::fromJson(v.toObject()) : std::nullopt;
            if (!e || e->run != m.run) {
                r.failWith(QStringLiteral("\"events\" must hold events of run %1").arg(m.run));
                break;
            }
            m.events.append(std::move(*e));
        }
        break;
    }
    case SType::Started:
        m.run = r.string("run", true);
        break;
    case SType::Status:
        m.version = r.string("version", true);
        m.uptimeMs = r.integer("uptime_ms", true);
        m.running = int(r.integer("running", true));
        m.clients = int(r.integer("clients", true));
        m.runCount = int(r.integer("runs", true));
        break;
    case SType::Pong:
        break;
    case SType::Error:
        m.code = r.string("code", true);
        m.message = r.string("message", true);
        m.run = r.string("run", false);
        for (const QJsonValue &v : r.array("diagnostics", false)) {
            Reader d(v.toObject());
            if (!v.isObject()) {
                r.failWith(QStringLiteral("\"diagnostics\" must hold objects"));
                break;
            }
            WireDiagnostic w{int(d.integer("line", false)), int(d.integer("column", false)),
                             d.string("message", true), d.string("node", false)};
            if (!d.error().isEmpty())
                r.failWith(QStringLiteral("diagnostic: ") + d.error());
            m.diagnostics.append(w);
        }
        break;
    case SType::Bye:
        m.reason = r.string("reason", true);
        break;
    }
    Q_UNUSED(o)
}

} // namespace

Decoded<ClientMessage> decodeClientMessage(QByteArrayView frame)
{
    Decoded<ClientMessage> out;
    std::optional<Envelope> e = openEnvelope(frame, out);
    if (!e)
        return out;
    const std::optional<CType> type = typeOf(clientTypes, e->type);
    if (!type) {
        out.code = QLatin1String(Code::UnknownType);
        out.error = QStringLiteral("unknown message type \"%1\"").arg(e->type.left(64));
        return out;
    }
    ClientMessage m;
    m.type = *type;
    m.id = e->id;
    Reader r(e->object);
    switch (*type) {
    case CType::Hello:
        m.token = r.string("token", false);
        m.client = r.string("client", false).left(128);
        break;
    case CType::Subscribe:
        m.run = r.string("run", true);
        m.afterSeq = r.integer("after_seq", false);
        break;
    case CType::Unsubscribe:
    case CType::Cancel:
        m.run = r.string("run", true);
        break;
    case CType::Start:
        m.workflow = r.string("workflow", true);
        m.params = r.object("params", false).toVariantMap();
        break;
    case CType::ListRuns:
    case CType::Status:
    case CType::Ping:
        break;
    }
    if (!r.error().isEmpty()) {
        out.code = QLatin1String(Code::BadMessage);
        out.error = QStringLiteral("%1: %2").arg(e->type, r.error());
        return out;
    }
    out.value = std::move(m);
    return out;
}

Decoded<ServerMessage> decodeServerMessage(QByteArrayView frame)
{
    Decoded<ServerMessage> out;
    // Nearly every frame a client gets is an events frame as the server writes it: read it directly.
    if (std::optional<EventJson::EventsFrame> fast = EventJson::readEventsFrame(frame)) {
        ServerMessage m;
        m.type = SType::Events;
        m.run = std::move(fast->run);
        m.events = std::move(fast->events);
        out.value = std::move(m);
        return out;
    }
    return decodeServerMessageFull(frame);
}

Decoded<ServerMessage> decodeServerMessageFull(QByteArrayView frame)
{
    Decoded<ServerMessage> out;
    std::optional<Envelope> e = openEnvelope(frame, out);
    if (!e)
        return out;
    const std::optional<SType> type = typeOf(serverTypes, e->type);
    if (!type) {
        out.code = QLatin1String(Code::UnknownType);
        out.error = QStringLiteral("unknown message type \"%1\"").arg(e->type.left(64));
        return out;
    }
    ServerMessage m;
    m.type = *type;
    m.id = e->id;
    Reader r(e->object);
    decodeServerBody(*type, e->object, r, m);
    if (!r.error().isEmpty()) {
        out.code = QLatin1String(Code::BadMessage);
        out.error = QStringLiteral("%1: %2").arg(e->type, r.error());
        return out;
    }
    out.value = std::move(m);
    return out;
}

QByteArray encode(const ClientMessage &m)
{
    QJsonObject o = header(nameOf(clientTypes, m.type), m.id);
    switch (m.type) {
    case CType::Hello:
        if (!m.token.isEmpty())
            o.insert(QStringLiteral("token"), m.token);
        if (!m.client.isEmpty())
            o.insert(QStringLiteral("client"), m.client);
        break;
    case CType::Subscribe:
        o.insert(QStringLiteral("run"), m.run);
        o.insert(QStringLiteral("after_seq"), m.afterSeq);
        break;
    case CType::Unsubscribe:
    case CType::Cancel:
        o.insert(QStringLiteral("run"), m.run);
        break;
    case CType::Start:
        o.insert(QStringLiteral("workflow"), m.workflow);
        if (!m.params.isEmpty())
            o.insert(QStringLiteral("params"), QJsonObject::fromVariantMap(m.params));
        break;
    case CType::ListRuns:
    case CType::Status:
    case CType::Ping:
        break;
    }
    return compact(o);
}

QByteArray encode(const ServerMessage &m)
{
    if (m.type == SType::Events)
        return encodeEvents(m);
    QJsonObject o = header(nameOf(serverTypes, m.type), m.id);
    auto runsArray = [&] {
        QJsonArray a;
        for (const RunSummary &s : m.runs)
            a.append(summaryJson(s));
        return a;
    };
    switch (m.type) {
    case SType::Welcome:
        o.insert(QStringLiteral("server"), m.server);
        o.insert(QStringLiteral("version"), m.version);
        o.insert(QStringLiteral("capabilities"), QJsonArray::fromStringList(m.capabilities));
        break;
    case SType::Runs:
    case SType::RunUpdate:
        o.insert(QStringLiteral("runs"), runsArray());
        break;
    case SType::Subscribed:
        o.insert(QStringLiteral("run"), m.run);
        o.insert(QStringLiteral("after_seq"), m.afterSeq);
        o.insert(QStringLiteral("workflow_text"), m.workflowText);
        o.insert(QStringLiteral("summary"), m.runs.isEmpty() ? QJsonObject() : summaryJson(m.runs.first()));
        break;
    case SType::Events:
        break;
    case SType::Started:
        o.insert(QStringLiteral("run"), m.run);
        break;
    case SType::Status:
        o.insert(QStringLiteral("version"), m.version);
        o.insert(QStringLiteral("uptime_ms"), m.uptimeMs);
        o.insert(QStringLiteral("running"), m.running);
        o.insert(QStringLiteral("clients"), m.clients);
        o.insert(QStringLiteral("runs"), m.runCount);
        break;
    case SType::Pong:
        break;
    case SType::Error: {
        o.insert(QStringLiteral("code"), m.code);
        o.insert(QStringLiteral("message"), m.message);
        if (!m.run.isEmpty())
            o.insert(QStringLiteral("run"), m.run);
        if (!m.diagnostics.isEmpty()) {
            QJsonArray a;
            for (const WireDiagnostic &d : m.diagnostics) {
                QJsonObject j{{QStringLiteral("line"), d.line},
                              {QStringLiteral("column"), d.column},
                              {QStringLiteral("message"), d.message}};
                if (!d.node.isEmpty())
                    j.insert(QStringLiteral("node"), d.node);
                a.append(j);
            }
            o.insert(QStringLiteral("diagnostics"), a);
        }
        break;
    }
    case SType::Bye:
        o.insert(QStringLiteral("reason"), m.reason);
        break;
    }
    return compact(o);
}

QByteArray encodeEventsFrame(const QString &run, QByteArrayView joinedEvents, const QJsonValue &id)
{
    auto json = [](const QJsonValue &v) {
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    };
    QByteArray out;
    out.reserve(joinedEvents.size() + run.size() + 64);
    out += R"({"v":1,"type":"events")";
    if (id.isString() || id.isDouble())
        out += R"(,"id":)" + json(id);
    out += R"(,"run":)" + json(run) + R"(,"events":[)";
    out += joinedEvents;
    out += "]}";
    return out;
}

ServerMessage errorMessage(const QString &code, const QString &message, const QJsonValue &id)
{
    ServerMessage m;
    m.type = SType::Error;
    m.code = code;
    m.message = message;
    m.id = id;
    return m;
}

QString runSummaryStatus(std::optional<RunStatus> finished)
{
    return finished ? runStatusName(*finished) : QStringLiteral("running");
}

} // namespace Flow::Remote

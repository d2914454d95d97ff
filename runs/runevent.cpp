#include "runevent.h"

#include <QDateTime>
#include <QJsonDocument>

#include <array>

namespace Flow {
namespace {

struct KindName
{
    EventKind kind;
    QStringView name;
};

constexpr std::array<KindName, EventKindCount> kindNames{{
    {EventKind::RunStarted, u"run.started"},
    {EventKind::RunFinished, u"run.finished"},
    {EventKind::NodeQueued, u"node.queued"},
    {EventKind::NodeStarted, u"node.started"},
    {EventKind::NodeProgress, u"node.progress"},
    {EventKind::NodeLog, u"node.log"},
    {EventKind::NodeRetrying, u"node.retrying"},
    {EventKind::NodeSucceeded, u"node.succeeded"},
    {EventKind::NodeFailed, u"node.failed"},
    {EventKind::NodeSkipped, u"node.skipped"},
    {EventKind::NodeCached, u"node.cached"},
    {EventKind::NodeCancelled, u"node.cancelled"},
}};

QString isoTime(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> parseTime(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

} // namespace

QString eventKindName(EventKind kind)
{
    return kindNames[size_t(kind)].name.toString();
}

std::optional<EventKind> eventKindFromName(QStringView name)
{
    for (const KindName &k : kindNames) {
        if (k.name == name)
            return k.kind;
    }
    return std::nullopt;
}

bool isTerminal(EventKind kind)
{
    switch (kind) {
    case EventKind::NodeSucceeded:
    case EventKind::NodeFailed:
    case EventKind::NodeSkipped:
    case EventKind::NodeCached:
    case EventKind::NodeCancelled:
        return true;
    default:
        return false;
    }
}

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Succeeded:
        return QStringLiteral("succeeded");
    case RunStatus::Failed:
        return QStringLiteral("failed");
    case RunStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<RunStatus> runStatusFromName(QStringView name)
{
    if (name == u"succeeded")
        return RunStatus::Succeeded;
    if (name == u"failed")
        return RunStatus::Failed;
    if (name == u"cancelled")
        return RunStatus::Cancelled;
    return std::nullopt;
}

QJsonObject RunEvent::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("run"), run);
    o.insert(QLatin1String("seq"), seq);
    o.insert(QLatin1String("time"), isoTime(time));
    if (!node.isEmpty())
        o.insert(QLatin1String("node"), node);
    o.insert(QLatin1String("kind"), eventKindName(kind));
    if (attempt != 0)
        o.insert(QLatin1String("attempt"), attempt);
    if (!data.isEmpty())
        o.insert(QLatin1String("data"), QJsonObject::fromVariantMap(data));
    return o;
}

QByteArray RunEvent::toJsonLine() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<RunEvent> RunEvent::fromJson(const QJsonObject &json)
{
    const auto kind = eventKindFromName(json.value(QLatin1String("kind")).toString());
    const auto time = parseTime(json.value(QLatin1String("time")));
    const QJsonValue seq = json.value(QLatin1String("seq"));
    if (!kind || !time || !seq.isDouble() || !json.value(QLatin1String("run")).isString())
        return std::nullopt;
    RunEvent e;
    e.run = json.value(QLatin1String("run")).toString();
    e.seq = seq.toInteger();
    e.time = *time;
    e.node = json.value(QLatin1String("node")).toString();
    e.kind = *kind;
    e.attempt = json.value(QLatin1String("attempt")).toInt();
    e.data = json.value(QLatin1String("data")).toObject().toVariantMap();
    return e;
}

std::optional<RunEvent> RunEvent::fromJsonLine(QByteArrayView line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return fromJson(doc.object());
}

} // namespace Flow

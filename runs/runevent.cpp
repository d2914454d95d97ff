#include "runevent.h"

#include "eventjson.h"
#include "isotime.h"

#include <QDateTime>
#include <QJsonDocument>

#include <array>
#include <cmath>

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

// Back from days to a date: the inverse of daysFromCivil (isotime.h).
struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {qint64(yoe) + era * 400 + (m <= 2), m, d};
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ", exactly what QDateTime::toString(Qt::ISODateWithMs) writes for UTC in
// years 1..9999; QDateTime itself for the rest.
QString isoTime(qint64 msecs)
{
    const qint64 days = msecs >= 0 ? msecs / MsPerDay : -((-msecs + MsPerDay - 1) / MsPerDay);
    const qint64 inDay = msecs - days * MsPerDay;
    const Civil c = civilFromDays(days);
    if (c.year < 1 || c.year > 9999)
        return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
    char buf[24];
    auto put = [&buf](int at, qint64 value, int width) {
        for (int i = at + width - 1; i >= at; --i, value /= 10)
            buf[i] = char('0' + value % 10);
    };
    put(0, c.year, 4);
    buf[4] = '-';
    put(5, c.month, 2);
    buf[7] = '-';
    put(8, c.day, 2);
    buf[10] = 'T';
    put(11, inDay / 3'600'000, 2);
    buf[13] = ':';
    put(14, inDay / 60'000 % 60, 2);
    buf[16] = ':';
    put(17, inDay / 1000 % 60, 2);
    buf[19] = '.';
    put(20, inDay % 1000, 3);
    buf[23] = 'Z';
    return QString::fromLatin1(buf, sizeof buf);
}

std::optional<qint64> parseTime(const QJsonValue &value)
{
    if (value.isDouble()) {
        // Beyond ±9e18 ms (or NaN) the conversion to an integer is undefined: not a time.
        const double ms = value.toDouble();
        if (!(std::abs(ms) < 9.0e18))
            return std::nullopt;
        return qint64(ms);
    }
    const QString text = value.toString();
    if (const std::optional<qint64> fast = parseIsoTimeFast(text.utf16(), text.size()))
        return fast;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
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
    if (std::optional<RunEvent> fast = EventJson::readEventLine(line))
        return fast;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return fromJson(doc.object());
}

} // namespace Flow

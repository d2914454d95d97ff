#include "runrecord.h"

#include <QDateTime>
#include <QJsonArray>

namespace Flow {
namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

const QStringList &RunRecord::statuses()
{
    static const QStringList names{QStringLiteral("running"), QStringLiteral("succeeded"),
                                   QStringLiteral("failed"), QStringLiteral("cancelled"),
                                   QStringLiteral("interrupted")};
    return names;
}

QJsonObject RunRecord::toJson(qint64 now) const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("file"), file},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("started"), isoTime(started)},
                  {QStringLiteral("duration"), duration(now)},
                  {QStringLiteral("events"), events}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (ended)
        o.insert(QStringLiteral("ended"), isoTime(ended));
    if (!continues.isEmpty()) {
        o.insert(QStringLiteral("continues"), continues);
        o.insert(QStringLiteral("mode"), mode);
    }
    o.insert(QStringLiteral("nodes"), QJsonObject{{QStringLiteral("total"), nodes},
                                                  {QStringLiteral("succeeded"), succeeded},
                                                  {QStringLiteral("failed"), failed},
                                                  {QStringLiteral("skipped"), skipped},
                                                  {QStringLiteral("cancelled"), cancelled},
                                                  {QStringLiteral("cached"), cached}});
    o.insert(QStringLiteral("params"), QJsonObject::fromVariantMap(params));
    return o;
}

} // namespace Flow

#include "nodeconfig.h"

#include "jsonwriter.h"

#include <QDir>

#include <cmath>

namespace Flow {

QVariantMap configDefaults(const NodeTypeInfo &info)
{
    QVariantMap defaults;
    for (const ConfigField &field : info.config) {
        if (!field.defaultValue.isNull())
            defaults.insert(field.name, field.defaultValue.toVariant());
    }
    return defaults;
}

NodeConfig::NodeConfig(const NodeContext &context, const QVariantMap &defaults)
    : m_values(defaults)
{
    // A key the author left out (or set to null) falls back to the default; anything else wins.
    const QVariantMap given = context.config();
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        if (it.value().isValid() && !it.value().isNull())
            m_values.insert(it.key(), it.value());
    }
}

bool NodeConfig::has(const QString &name) const
{
    return m_values.contains(name);
}

QVariant NodeConfig::value(const QString &name) const
{
    return m_values.value(name);
}

void NodeConfig::fail(const QString &name, const QString &problem) const
{
    throw NodeError(QStringLiteral("config '%1' %2").arg(name, problem));
}

QString NodeConfig::string(const QString &name) const
{
    const QVariant v = value(name);
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::QVariantMap || v.typeId() == QMetaType::QVariantList
        || v.typeId() == QMetaType::QStringList)
        fail(name, QStringLiteral("must be text, not a %1")
                       .arg(v.typeId() == QMetaType::QVariantMap ? u"map" : u"list"));
    return v.toString();
}

QString NodeConfig::requiredString(const QString &name) const
{
    const QString s = string(name);
    if (s.isEmpty())
        fail(name, QStringLiteral("is required"));
    return s;
}

bool NodeConfig::boolean(const QString &name) const
{
    const QVariant v = value(name);
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        return false;
    case QMetaType::Bool:
        return v.toBool();
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return v.toDouble() != 0.0;
    case QMetaType::QString: {
        const QString s = v.toString().trimmed().toLower();
        if (s == u"true" || s == u"yes" || s == u"on" || s == u"1")
            return true;
        if (s == u"false" || s == u"no" || s == u"off" || s == u"0" || s.isEmpty())
            return false;
        break;
    }
    default:
        break;
    }
    fail(name, QStringLiteral("must be true or false, not '%1'").arg(valueToText(v)));
}

qint64 NodeConfig::integer(const QString &name) const
{
    const QVariant v = value(name);
    if (!v.isValid())
        return 0;
    if (v.typeId() == QMetaType::Double) {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::trunc(d))
            return qint64(d);
    } else {
        bool ok = false;
        const qint64 i
            = v.typeId() == QMetaType::QString ? v.toString().trimmed().toLongLong(&ok) : v.toLongLong(&ok);
        if (ok && v.typeId() != QMetaType::Bool)
            return i;
    }
    fail(name, QStringLiteral("must be a whole number, not '%1'").arg(valueToText(v)));
}

Millis NodeConfig::duration(const QString &name) const
{
    const QVariant v = value(name);
    if (!v.isValid())
        return Millis(0);
    if (v.typeId() == QMetaType::QString) {
        if (const auto d = parseDuration(v.toString()))
            return *d;
    }
    fail(name,
         QStringLiteral("must be a duration such as 250ms, 30s, 10m or 1h, not '%1'").arg(valueToText(v)));
}

QVariantMap NodeConfig::map(const QString &name) const
{
    const QVariant v = value(name);
    if (!v.isValid())
        return {};
    if (v.typeId() != QMetaType::QVariantMap)
        fail(name, QStringLiteral("must be a map of names to values"));
    return v.toMap();
}

QStringList NodeConfig::stringList(const QString &name) const
{
    const QVariant v = value(name);
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::QStringList)
        return v.toStringList();
    if (v.typeId() == QMetaType::QVariantList) {
        QStringList result;
        for (const QVariant &item : v.toList()) {
            if (item.typeId() == QMetaType::QVariantMap || item.typeId() == QMetaType::QVariantList)
                fail(name, QStringLiteral("must be a list of strings"));
            result.append(item.toString());
        }
        return result;
    }
    if (v.typeId() == QMetaType::QVariantMap)
        fail(name, QStringLiteral("must be a list of strings"));
    return {v.toString()};
}

QString resolvePath(const NodeContext &context, const QString &path)
{
    const QString base
        = context.workingDirectory().isEmpty() ? QDir::currentPath() : context.workingDirectory();
    return QDir::cleanPath(QDir(base).absoluteFilePath(path));
}

QString valueToText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return {};
    case QMetaType::QString:
        return value.toString();
    case QMetaType::QVariantMap:
    case QMetaType::QVariantList:
        return writeJson(value, 2);
    default:
        return writeJson(value, 0);
    }
}

StopWatch::StopWatch(const NodeContext &context)
    : m_context(context)
{
    const QDeadlineTimer deadline = context.deadline();
    if (!deadline.isForever())
        m_budgetMs = deadline.remainingTime();
}

bool StopWatch::shouldStop() const
{
    return m_context.isCancelled() || m_context.deadline().hasExpired();
}

static qint64 roundedBudget(qint64 ms)
{
    // The deadline was set a moment before the node started; round that moment away so the message
    // shows the timeout the author wrote ("30s", not "29998ms"). Under load (or a sanitizer) that
    // moment is tens of ms, hence steps of 50 ms below a second.
    const qint64 step = ms >= 10000 ? 1000 : ms >= 1000 ? 100 : 50;
    return (ms + step / 2) / step * step;
}

void StopWatch::throwStopped() const
{
    // A node that stopped although nobody cancelled it saw its deadline come, if only a moment early.
    if (m_context.deadline().hasExpired() || !m_context.isCancelled()) {
        if (m_budgetMs < 0)
            throw NodeError(QStringLiteral("timed out"));
        throw NodeError(
            QStringLiteral("timed out after %1").arg(formatDuration(Millis(roundedBudget(m_budgetMs)))));
    }
    throw NodeError(QStringLiteral("cancelled"));
}

} // namespace Flow

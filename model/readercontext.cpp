#include "readercontext.h"

#include "textutil.h"

#include <QCoreApplication>

#include <cmath>

namespace Flow::Reader {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::Reader", text);
}

void Context::error(const SourcePos &pos, const QString &message, const QString &nodeId)
{
    Diagnostic d;
    d.pos = pos;
    d.message = message;
    d.nodeId = nodeId;
    diagnostics.append(d);
}

void Context::checkKeys(const Value &map, const QStringList &known, const QString &where,
                        const QString &nodeId)
{
    for (const Value::Entry &entry : map.map()) {
        if (known.contains(entry.first))
            continue;
        error(entry.second.keyPos,
              tr("unknown key '%1'%2%3").arg(entry.first, where, Text::didYouMean(entry.first, known)),
              nodeId);
    }
}

std::optional<QString> Context::text(const Value &v, const QString &what, const QString &nodeId)
{
    if (v.isNull())
        return QString();
    if (v.isScalar())
        return v.toString();
    error(posOf(v), tr("%1 must be text, not %2").arg(what, Text::describe(v)), nodeId);
    return std::nullopt;
}

std::optional<int> Context::positiveInt(const Value &v, const QString &what, const QString &nodeId)
{
    if (v.isInt() && v.toInt() >= 1 && v.toInt() <= 1000000)
        return int(v.toInt());
    error(posOf(v), tr("%1 must be a whole number ≥ 1, not %2").arg(what, Text::describe(v)), nodeId);
    return std::nullopt;
}

std::optional<double> Context::number(const Value &v, double minimum, const QString &what,
                                      const QString &nodeId)
{
    if (v.isNumber() && std::isfinite(v.toDouble()) && v.toDouble() >= minimum)
        return v.toDouble();
    error(
        posOf(v),
        tr("%1 must be a number ≥ %2, not %3").arg(what, QString::number(minimum, 'f', 1), Text::describe(v)),
        nodeId);
    return std::nullopt;
}

std::optional<Millis> Context::duration(const Value &v, const QString &what, const QString &nodeId)
{
    if (v.isString()) {
        if (const auto d = parseDuration(v.toString()))
            return d;
    }
    error(posOf(v),
          tr("%1 must be a duration such as 250ms, 30s, 10m or 1h, not %2").arg(what, Text::describe(v)),
          nodeId);
    return std::nullopt;
}

std::optional<bool> Context::boolean(const Value &v, const QString &what, const QString &nodeId)
{
    if (v.isBool())
        return v.toBool();
    error(posOf(v), tr("%1 must be true or false, not %2").arg(what, Text::describe(v)), nodeId);
    return std::nullopt;
}

std::optional<std::pair<QString, QString>> Context::reference(const Value &v, const QString &what,
                                                              const QString &nodeId)
{
    if (v.isString()) {
        const QString text = v.toString();
        const qsizetype dot = text.indexOf(u'.');
        if (dot > 0 && dot < text.size() - 1 && !text.contains(u' '))
            return std::make_pair(text.left(dot), text.mid(dot + 1));
    }
    error(posOf(v), tr("%1 must name an output as 'node.port', not %2").arg(what, Text::describe(v)), nodeId);
    return std::nullopt;
}

bool Context::mapOrEmpty(const Value &v, const QString &what, const QString &expected, const QString &nodeId)
{
    if (v.isMap())
        return true;
    if (!v.isNull())
        error(posOf(v), tr("%1 must be %2, not %3").arg(what, expected, Text::describe(v)), nodeId);
    return false;
}

} // namespace Flow::Reader

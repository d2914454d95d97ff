#pragma once

#include "model/duration.h"
#include "model/nodetypeinfo.h"
#include "nodes/node.h"

#include <QStringList>
#include <QVariantMap>

namespace Flow {

// The defaults a node type's metadata declares, keyed by field name (fields without one are absent).
QVariantMap configDefaults(const NodeTypeInfo &info);

// Typed, defaulted access to a node's resolved config. Expressions may have produced any JSON-like
// type, so each getter accepts the obvious spellings ("true", 3.0 for 3) and otherwise throws a
// NodeError that names the field.
class NodeConfig
{
public:
    NodeConfig(const NodeContext &context, const QVariantMap &defaults);

    bool has(const QString &name) const;
    QVariant value(const QString &name) const; // invalid when absent and without default

    QString string(const QString &name) const;         // "" when absent
    QString requiredString(const QString &name) const; // absent or empty -> NodeError
    bool boolean(const QString &name) const;
    qint64 integer(const QString &name) const;
    Millis duration(const QString &name) const;
    QVariantMap map(const QString &name) const;        // {} when absent
    QStringList stringList(const QString &name) const; // a single string counts as a list of one

    [[noreturn]] void fail(const QString &name, const QString &problem) const;

private:
    QVariantMap m_values;
};

// Resolves a config path against the context's working directory; absolute paths stay as they are.
QString resolvePath(const NodeContext &context, const QString &path);

// Text for a value that must become text (stdin, file content, log message): strings as they are,
// null as "", scalars as written, lists and maps as indented JSON.
QString valueToText(const QVariant &value);

// Why a node stopped before finishing, measured against the budget it had when it started.
class StopWatch
{
public:
    explicit StopWatch(const NodeContext &context);
    bool shouldStop() const;
    // Throws NodeError("timed out after 30s") when the deadline passed (or nothing else explains the
    // stop), else NodeError("cancelled").
    [[noreturn]] void throwStopped() const;

private:
    const NodeContext &m_context;
    qint64 m_budgetMs = -1; // time left when the node started; -1 when unlimited
};

} // namespace Flow

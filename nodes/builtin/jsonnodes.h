#pragma once

#include "nodes/node.h"

#include <QVariantMap>

namespace Flow {

// Parses JSON text (any JSON value, not only objects and arrays). Throws NodeError with line and
// column on bad input.
QVariant parseJsonText(const QString &text);

// json.parse: `text` → `value`.
class JsonParseNode : public NodeJob
{
public:
    explicit JsonParseNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

// json.stringify: `value` → `text`, keys sorted, `indent` spaces per level (0 = compact).
class JsonStringifyNode : public NodeJob
{
public:
    explicit JsonStringifyNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

// json.select: picks `path` (items[0].name) out of `value`.
class JsonSelectNode : public NodeJob
{
public:
    explicit JsonSelectNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

} // namespace Flow

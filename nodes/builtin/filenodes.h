#pragma once

#include "nodes/node.h"

#include <QVariantMap>

namespace Flow {

// file.read: reads a UTF-8 text file (path relative to the working directory) into `content`.
class FileReadNode : public NodeJob
{
public:
    explicit FileReadNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

// file.write: writes `content` to `path`, creating parent directories. Replacing is atomic (the old
// file stays intact until the new one is complete); `append: true` appends instead.
class FileWriteNode : public NodeJob
{
public:
    explicit FileWriteNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

} // namespace Flow

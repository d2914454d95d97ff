#pragma once

#include "nodes/node.h"

#include <QVariantMap>

namespace Flow {

// debug.log: writes `message` (config, else the input) to the run log at `level`.
class DebugLogNode : public NodeJob
{
public:
    explicit DebugLogNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

// time.delay: waits `duration` (cancel-aware), then passes `value` through.
class DelayNode : public NodeJob
{
public:
    explicit DelayNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

} // namespace Flow

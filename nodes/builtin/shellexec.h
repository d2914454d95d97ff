#pragma once

#include "nodes/node.h"

#include <QVariantMap>

namespace Flow {

// shell.exec: runs a command in its own process group, streams its output line by line as it comes,
// and ends the whole group on cancel or timeout (SIGTERM, then SIGKILL after `kill_grace`).
class ShellExecNode : public NodeJob
{
public:
    explicit ShellExecNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

} // namespace Flow

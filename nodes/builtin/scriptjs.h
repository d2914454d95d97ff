#pragma once

#include "nodes/node.h"

#include <QVariantMap>

namespace Flow {

// script.js: runs `code` as the body of a JavaScript function in a fresh QJSEngine on the worker
// thread. Only the ECMAScript built-ins exist, plus a `console` whose output goes to the run log; each
// input is a variable. A watchdog interrupts the script at `time_limit`, on cancel and at the deadline.
class ScriptJsNode : public NodeJob
{
public:
    explicit ScriptJsNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

} // namespace Flow

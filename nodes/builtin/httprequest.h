#pragma once

#include "nodes/node.h"

#include <QVariantMap>

namespace Flow {

// http.request: one HTTP request through QNetworkAccessManager, driven by a local event loop on the
// worker thread. Cancel and deadline abort the request; a status outside 2xx and `allow_status`
// fails the node (the outputs are set either way).
class HttpRequestNode : public NodeJob
{
public:
    explicit HttpRequestNode(QVariantMap defaults)
        : m_defaults(std::move(defaults))
    {}
    void run(NodeContext &context) override;

private:
    QVariantMap m_defaults;
};

} // namespace Flow

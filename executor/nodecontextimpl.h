#pragma once

#include "attempt.h"
#include "nodes/node.h"

namespace Flow {

// The NodeContext a node sees during one attempt (or one for_each item of it). Lives on the worker's
// stack for exactly as long as the node's run(); everything that outlives it goes through the host.
class ExecContext final : public NodeContext
{
public:
    ExecContext(AttemptHost &host, AttemptRequest request)
        : m_host(host)
        , m_request(std::move(request))
    {}

    QVariantMap inputs() const override { return m_request.inputs; }
    QVariantMap config() const override { return m_request.config; }
    void setOutput(const QString &port, const QVariant &value) override;
    void progress(double fraction, const QString &text = {}) override;
    void log(LogStream stream, const QString &line) override;
    bool isCancelled() const override;
    QDeadlineTimer deadline() const override { return m_request.deadline; }
    QString workingDirectory() const override { return m_host.workingDirectory(); }
    int attempt() const override { return m_request.attempt; }
    bool wait(std::chrono::milliseconds duration) override;
    ExecBackend *execBackend() const override { return m_host.execBackend(m_request.node); }

    QVariantMap takeOutputs() { return std::move(m_outputs); }

private:
    AttemptHost &m_host;
    AttemptRequest m_request;
    QVariantMap m_outputs;
};

} // namespace Flow

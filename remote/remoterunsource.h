#pragma once

#include "protocol.h"
#include "runs/runsource.h"

#include <QPointer>

namespace Flow {
class EventBatcher;
}

namespace Flow::Remote {

class RemoteClient;

// A run on a server, as a RunSource: what the views show cannot tell it from a local run. It
// subscribes through `client` (not owned), holds events until start() so the views are bound
// first (RunWorkbench::showRun, then start()), and relies on the client's resubscription after the
// last seq for reconnects. ready() says the workflow text is known (the server's `subscribed`).
class RemoteRunSource : public RunSource
{
    Q_OBJECT

public:
    RemoteRunSource(RemoteClient *client, const QString &runId, QObject *parent = nullptr);
    ~RemoteRunSource() override;

    QString runId() const override { return m_runId; }
    Origin origin() const override { return Origin::Remote; }
    QString workflowText() const override { return m_text; }
    QString workflowPath() const override { return m_label; }
    bool canStop() const override;
    void stop() override;

    bool isReady() const { return m_ready; }
    // Delivers what arrived so far and everything after it.
    void start();
    RemoteClient *client() const { return m_client; }

signals:
    void ready();
    // The server does not know the run (or lost it: a restart with an in-memory archive).
    void failed(const QString &message);

private:
    void onEvents(const QString &run, const RunEvents &events);

    QPointer<RemoteClient> m_client;
    QString m_runId;
    QString m_text;
    QString m_label;
    RunEvents m_pending;
    // The views get at most 30 batches a second, as from a local run, however many frames come.
    EventBatcher *m_batcher;
    bool m_ready = false;
    bool m_started = false;
    bool m_stopping = false;
};

} // namespace Flow::Remote

#include "remoterunsource.h"

#include "remoteclient.h"

#include "runs/eventbatcher.h"

namespace Flow::Remote {

RemoteRunSource::RemoteRunSource(RemoteClient *client, const QString &runId, QObject *parent)
    : RunSource(parent)
    , m_client(client)
    , m_runId(runId)
    , m_batcher(new EventBatcher(this, 30))
{
    // A long remote run is often joined late: its history comes in one flood, which the views take
    // in slices of about 8 ms so that the window stays responsive (issue 11: stalls <= 50 ms).
    m_batcher->setTimeBudget(8);
    connect(m_batcher, &EventBatcher::batch, this, [this](const RunEvents &batch) {
        deliver(batch);
        if (isFinished())
            emit canStopChanged(false);
    });
    m_label = client->url().toString(QUrl::RemoveUserInfo);
    connect(client, &RemoteClient::subscribed, this,
            [this](const QString &run, const QString &text, const RunSummary &) {
                if (run != m_runId || m_ready)
                    return;
                m_text = text;
                m_ready = true;
                emit ready();
            });
    connect(client, &RemoteClient::events, this, &RemoteRunSource::onEvents);
    connect(client, &RemoteClient::subscriptionFailed, this,
            [this](const QString &run, const QString &, const QString &message) {
                if (run != m_runId || isFinished())
                    return;
                emit failed(message);
                if (m_started) {
                    m_batcher->flush(); // what came before still counts
                    endWithout(message);
                }
            });
    connect(client, &RemoteClient::destroyed, this, [this] {
        if (m_started && !isFinished()) {
            m_batcher->flush();
            if (!isFinished())
                endWithout(tr("the connection to the server was closed"));
        }
    });
    client->subscribe(runId, 0);
}

RemoteRunSource::~RemoteRunSource()
{
    if (m_client)
        m_client->unsubscribe(m_runId);
}

bool RemoteRunSource::canStop() const
{
    return m_started && !isFinished() && !m_stopping && m_client && m_client->isConnected();
}

void RemoteRunSource::stop()
{
    if (!canStop())
        return;
    m_stopping = true;
    m_client->cancel(m_runId);
    emit canStopChanged(false);
}

void RemoteRunSource::start()
{
    if (m_started)
        return;
    m_started = true;
    emit canStopChanged(canStop());
    if (!m_pending.isEmpty())
        m_batcher->add(std::exchange(m_pending, {}));
}

void RemoteRunSource::onEvents(const QString &run, const RunEvents &events)
{
    if (run != m_runId || isFinished())
        return;
    if (!m_started) {
        m_pending += events;
        return;
    }
    m_batcher->add(events);
}

} // namespace Flow::Remote

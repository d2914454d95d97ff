#pragma once

#include "serverprocess.h"

#include "remote/remoteclient.h"
#include "runs/runevent.h"

#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// What the remote tests share: workflows that wait on a file, a collector of one run's events, a
// peer that stops reading, and a fixture that starts `flowrun serve` processes and connects clients.

// Prints `before` lines, waits until the file `go` exists in the working directory, prints `after`.
QString gateWorkflow(int before = 20, int after = 30);
QString linesWorkflow(int lines);

// What one client received of one run.
struct Collector
{
    Flow::RunEvents events;
    bool finished() const
    {
        return !events.isEmpty() && events.constLast().kind == Flow::EventKind::RunFinished;
    }
    // 1..n, each once, in order.
    bool complete() const;
};

// A WebSocket client on a bare TCP socket: it says hello and subscribes like any client, then never
// reads again, as a stuck or hostile peer would.
class StuckClient
{
public:
    bool open(const QUrl &url);
    // One masked text frame (clients must mask).
    void send(const QByteArray &text);
    // Stops reading: the kernel's buffers fill, then the server's queue for it grows.
    void stopReading();

private:
    QTcpSocket m_socket;
};

// A test class derives from QObject and this; its initTestCase() checks init().
class RemoteFixture
{
public:
    static constexpr int Wait = 20000;

protected:
    bool init();
    std::unique_ptr<ServerProcess> startServer(quint16 port = 0, QStringList extra = {});
    std::unique_ptr<Flow::Remote::RemoteClient> connectClient(const QUrl &url, const QString &token = {});
    QString startRun(Flow::Remote::RemoteClient &client, const QString &yaml);
    // Opens the gate of gateWorkflow().
    void open();

    QTemporaryDir m_dir;
    QString m_tokenFile;
    int m_servers = 0;
};

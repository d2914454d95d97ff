#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

// A real `flowrun serve` child process on 127.0.0.1, for the remote tests and the benchmark.
class ServerProcess
{
public:
    ~ServerProcess();
    // Starts `flowrun serve --listen 127.0.0.1:PORT ARGS` and waits for its "listening on" line.
    bool start(quint16 port, const QStringList &args, const QString &workingDirectory = {});
    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QProcess &process() { return m_process; }
    // Everything it wrote to stderr so far.
    QString log();
    void kill();
    // SIGTERM, and waits (on the process's signal) for it to exit. Returns its exit code, or -1.
    int terminate();
    // Peak resident memory (VmHWM) in KiB, from /proc.
    qint64 peakRssKb() const;

private:
    QProcess m_process;
    QByteArray m_err;
    QUrl m_url;
    bool m_stopped = false; // kill() or terminate() asked it to end
};

#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace Flow::Cli {

// SIGINT/SIGTERM through a self-pipe: the handler only writes the signal number; received() is
// emitted from the event loop, where anything may be done (cancel runs, close sockets). One per
// process at a time; restores the previous handlers when destroyed.
class SignalPipe : public QObject
{
    Q_OBJECT

public:
    explicit SignalPipe(QObject *parent = nullptr);
    ~SignalPipe() override;

signals:
    void received(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Flow::Cli

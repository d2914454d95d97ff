#pragma once

#include "runevent.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Flow {

// Hands events to a GUI in batches, at most `maxRate` batches per second (default 30), so that a
// flood of log lines costs the window one update per frame instead of one per line. Nothing is
// dropped or reordered: a batch is every event since the previous one. Lives in the thread that
// calls add(); connect a producer in another thread to add() and its events arrive queued.
class EventBatcher : public QObject
{
    Q_OBJECT

public:
    explicit EventBatcher(QObject *parent = nullptr, int maxRate = 30);

    // Takes events (a local run's, a remote stream, a history replay). This object's thread only.
    void add(const RunEvent &event);
    void add(const RunEvents &events);
    // Delivers whatever is pending now.
    void flush();
    int intervalMs() const { return m_interval; }
    qsizetype pending() const { return m_pending.size(); }

signals:
    void batch(const Flow::RunEvents &events);

private:
    void schedule();

    int m_interval;
    RunEvents m_pending;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
};

} // namespace Flow

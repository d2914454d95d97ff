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
    // Delivers whatever is pending now, all of it (budget or not).
    void flush();
    int intervalMs() const { return m_interval; }
    // When set (> 0), a batch holds only as many events as its receivers handle in about `ms`: the
    // batcher times each emit and sizes the next batch from it, and when it is behind it goes on at
    // the next loop turn, so that a flood never holds the thread (the GUI) for long. For a batcher
    // in the receivers' thread only (an emit across threads is not the receivers' time).
    void setTimeBudget(int ms) { m_budgetNs = qint64(ms) * 1'000'000; }
    qsizetype batchLimit() const { return m_limit; }
    qsizetype pending() const { return m_pending.size(); }

signals:
    void batch(const Flow::RunEvents &events);

private:
    void schedule();

    void deliverDue(); // the timer's: within the budget when one is set
    void adapt(qsizetype delivered, qint64 ns);

    int m_interval;
    qint64 m_budgetNs = 0;
    qsizetype m_limit = 2000; // events per batch while a budget is set; adapted to the receivers
    RunEvents m_pending;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
};

} // namespace Flow

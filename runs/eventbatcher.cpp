#include "eventbatcher.h"

namespace Flow {

EventBatcher::EventBatcher(QObject *parent, int maxRate)
    : QObject(parent)
    , m_interval(1000 / std::max(1, maxRate))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &EventBatcher::flush);
}

void EventBatcher::add(const RunEvent &event)
{
    m_pending.append(event);
    schedule();
}

void EventBatcher::add(const RunEvents &events)
{
    m_pending.append(events);
    schedule();
}

void EventBatcher::schedule()
{
    if (m_timer.isActive() || m_pending.isEmpty())
        return;
    // The first event after a quiet spell goes out on the next loop turn; after that at most one
    // batch per interval.
    const qint64 since = m_sinceLast.isValid() ? m_sinceLast.elapsed() : m_interval;
    m_timer.start(int(std::max<qint64>(0, m_interval - since)));
}

void EventBatcher::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    RunEvents out;
    out.swap(m_pending);
    m_sinceLast.start();
    emit batch(out);
}

} // namespace Flow

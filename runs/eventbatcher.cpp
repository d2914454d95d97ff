#include "eventbatcher.h"

#include <algorithm>

namespace Flow {

EventBatcher::EventBatcher(QObject *parent, int maxRate)
    : QObject(parent)
    , m_interval(1000 / std::max(1, maxRate))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &EventBatcher::deliverDue);
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

void EventBatcher::deliverDue()
{
    if (m_budgetNs <= 0 || m_pending.isEmpty()) {
        flush();
        return;
    }
    RunEvents out;
    if (m_pending.size() <= m_limit) {
        out.swap(m_pending);
    } else {
        out = m_pending.first(m_limit);
        m_pending.remove(0, m_limit);
    }
    m_sinceLast.start();
    QElapsedTimer took;
    took.start();
    emit batch(out);
    adapt(out.size(), took.nsecsElapsed());
    // Behind: the rest on the next loop turn, after whatever input and painting waits.
    if (!m_pending.isEmpty() && !m_timer.isActive())
        m_timer.start(0);
}

void EventBatcher::adapt(qsizetype delivered, qint64 ns)
{
    if (delivered < 32)
        return; // too few to tell the cost of one
    const double perEvent = double(std::max<qint64>(ns, 1)) / double(delivered);
    const auto fits = qsizetype(double(m_budgetNs) / perEvent);
    // Halfway towards what fits, so one slow batch (a repaint, a swap) does not swing it.
    m_limit = std::clamp<qsizetype>((m_limit + fits) / 2, 64, 1 << 20);
}

} // namespace Flow

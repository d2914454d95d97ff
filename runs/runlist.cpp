#include "runlist.h"

namespace Flow {

RunList::RunList(QObject *parent)
    : QObject(parent)
{}

RunList::~RunList()
{
    // Feeds (and the sources they own) go before the list's signals could reach half-gone listeners.
    const QList<RunFeed *> feeds = m_feeds;
    m_feeds.clear();
    qDeleteAll(feeds);
}

RunFeed *RunList::add(RunSource *source)
{
    if (RunFeed *existing = feed(source->runId())) {
        delete source;
        return existing;
    }
    auto *feed = new RunFeed(source, this);
    m_feeds.append(feed);
    connect(feed, &RunFeed::applied, this, [this, feed] { emit feedChanged(feed); });
    connect(feed, &RunFeed::finished, this, [this, feed](RunStatus status, const QString &error) {
        emit feedFinished(feed, status, error);
        prune();
    });
    emit feedAdded(feed);
    return feed;
}

void RunList::remove(RunFeed *feed)
{
    if (!m_feeds.contains(feed))
        return;
    emit feedAboutToBeRemoved(feed);
    m_feeds.removeOne(feed);
    if (m_current == feed)
        setCurrent(nullptr);
    disconnect(feed, nullptr, this, nullptr);
    // Never deleted in the middle of its own signal, and a live run is stopped and let finish first:
    // deleting a live local source would wait for its run to wind down.
    if (feed->isFinished() || !feed->canStop()) {
        feed->deleteLater();
    } else {
        connect(feed, &RunFeed::finished, feed, &QObject::deleteLater);
        feed->stop();
    }
}

RunFeed *RunList::feed(const QString &runId) const
{
    for (RunFeed *f : m_feeds) {
        if (f->runId() == runId)
            return f;
    }
    return nullptr;
}

int RunList::liveCount() const
{
    return int(
        std::count_if(m_feeds.cbegin(), m_feeds.cend(), [](const RunFeed *f) { return !f->isFinished(); }));
}

void RunList::stopAll()
{
    for (RunFeed *f : std::as_const(m_feeds))
        f->stop();
}

void RunList::setCurrent(RunFeed *feed)
{
    if (feed == m_current && (feed || !m_current.isNull()))
        return;
    m_current = feed;
    emit currentChanged(feed);
}

void RunList::setKeepFinished(int count)
{
    m_keepFinished = qMax(1, count);
    prune();
}

void RunList::prune()
{
    int finished = int(
        std::count_if(m_feeds.cbegin(), m_feeds.cend(), [](const RunFeed *f) { return f->isFinished(); }));
    for (qsizetype i = 0; i < m_feeds.size() && finished > m_keepFinished;) {
        RunFeed *f = m_feeds.at(i);
        if (f->isFinished() && f != m_current) {
            remove(f);
            --finished;
        } else {
            ++i;
        }
    }
}

} // namespace Flow

#pragma once

#include "runfeed.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Flow {

// The runs a window knows now: one RunFeed per run id, live or finished, from any source, in the order
// they were added, and which one the views show (current). Several can go at once; the views follow
// the current one. Finished runs beyond `keepFinished()` are dropped oldest first, so a window that
// runs all day does not keep every log in memory (the history keeps them on disk).
class RunList : public QObject
{
    Q_OBJECT

public:
    explicit RunList(QObject *parent = nullptr);
    ~RunList() override;

    // Takes ownership of `source` and makes a feed for it. feedAdded() is emitted before this
    // returns, so listeners can attach to the feed before the source delivers anything. A source of a
    // run id already listed replaces nothing: the existing feed is returned and `source` deleted.
    RunFeed *add(RunSource *source);
    // Takes the feed off the list (deleted later; a live run is stopped first and deleted when done).
    void remove(RunFeed *feed);
    RunFeed *feed(const QString &runId) const;
    const QList<RunFeed *> &feeds() const { return m_feeds; }
    int size() const { return int(m_feeds.size()); }
    int indexOf(const RunFeed *feed) const { return int(m_feeds.indexOf(const_cast<RunFeed *>(feed))); }
    int liveCount() const;
    void stopAll();

    RunFeed *current() const { return m_current; }
    void setCurrent(RunFeed *feed);

    int keepFinished() const { return m_keepFinished; }
    void setKeepFinished(int count);

signals:
    void feedAdded(Flow::RunFeed *feed);
    void feedAboutToBeRemoved(Flow::RunFeed *feed);
    // A listed feed applied events (its row's status, counts and duration may have moved).
    void feedChanged(Flow::RunFeed *feed);
    void feedFinished(Flow::RunFeed *feed, Flow::RunStatus status, const QString &error);
    void currentChanged(Flow::RunFeed *feed);

private:
    void prune();

    QList<RunFeed *> m_feeds;
    QPointer<RunFeed> m_current;
    int m_keepFinished = 20;
};

} // namespace Flow

#pragma once

#include <QObject>
#include <QPointer>

namespace Flow {

class RunFeed;
class RunList;
class RunStore;

// Records every run of this machine that `list` shows (sources of origin Local) in `store`: the
// app's side of "every run is kept". Replays and remote runs are not recorded again.
class RunRecorder : public QObject
{
    Q_OBJECT

public:
    RunRecorder(RunStore *store, RunList *list, QObject *parent = nullptr);

private:
    void record(RunFeed *feed);

    QPointer<RunStore> m_store;
};

} // namespace Flow

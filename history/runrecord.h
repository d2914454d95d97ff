#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace Flow {

// A run as the history lists it. `status` is one of RunRecord::statuses(): the three endings of
// `run.finished`, plus `running` (still being recorded) and `interrupted` (the recording process
// died before the run finished; found on the next start of flowrun or the app).
struct RunRecord
{
    QString id;           // the run id of its events (a UUID)
    QString name;         // the workflow's name
    QString file;         // absolute path of the workflow file; empty for stdin or an unsaved document
    QString workflowText; // the YAML exactly as it ran (only filled by StoreDb::run(), not by lists)
    // The run's final RunState::snapshot(), stored when it ended (schema 3); empty for a run still
    // running, interrupted, or recorded before. Only filled by StoreDb::run().
    QJsonObject finalState;
    QVariantMap params; // as run.started announced them (secrets masked by the executor)
    QString status;
    QString error;
    qint64 started = 0; // ms since the Unix epoch
    qint64 ended = 0;   // 0 while running
    QString continues;  // the run this one resumes or re-runs from, if any
    QString mode;       // "resume" or "from" when `continues` is set
    int nodes = 0;
    int succeeded = 0;
    int failed = 0;
    int skipped = 0;
    int cancelled = 0;
    int cached = 0; // includes outputs taken from `continues`
    qint64 events = 0;
    qint64 lastSeq = 0;
    qint64 pid = 0;
    QString host;

    qint64 duration(qint64 now) const { return (ended ? ended : now) - started; }
    bool isFinished() const { return status != QLatin1String("running"); }
    // {"id","name","file","status","error"?,"started","ended"?,"duration","continues"?,"mode"?,
    //  "nodes":{"total","succeeded",...},"events","params"}; times in ISO 8601 UTC.
    QJsonObject toJson(qint64 now) const;

    static const QStringList &statuses();
};

// How a list of runs is chosen. Empty fields do not filter.
struct RunFilter
{
    int limit = 0;             // 0: all
    QString status;            // one of RunRecord::statuses()
    QString file;              // absolute path of the workflow file
    QString text;              // substring of the name, file or id (case-insensitive)
    QString name;              // the workflow's name, exactly
    QString endedNode;         // only runs in which this node ended (has a NodeResult)
    bool finishedOnly = false; // no run still `running`
};

// A node's end in a stored run (one per node that ended).
struct NodeResult
{
    QString node;
    QString state; // nodeStateName(): succeeded, failed, skipped, cancelled, cached
    int attempt = 0;
    qint64 ended = 0;
    qint64 duration = 0;
    QString error;
    // The outputs, when they were kept: missing when larger than the store's cap.
    std::optional<QVariantMap> outputs;
    qint64 outputsSize = 0; // bytes of their JSON
    QString fromRun;        // for outputs taken from another run (resume) or the cache
};

} // namespace Flow

#pragma once

#include "runsource.h"

#include <QTimer>

#include <optional>

namespace Flow {

// A run that already happened, replayed from its events (an NDJSON recording of `flowrun run --json`,
// or events read back from the history): delivered in batches on the event loop, so a million
// events never hold up the window in one go. It cannot be stopped; it ends with its last batch.
class ReplaySource : public RunSource
{
    Q_OBJECT

public:
    // `events` in seq order, all of one run.
    explicit ReplaySource(RunEvents events, QString workflowText = {}, QString workflowPath = {},
                          QObject *parent = nullptr);

    // The events of an NDJSON recording (`flowrun run --json > FILE`). Nullopt with `error`
    // ("FILE:LINE: not a run event") when the file cannot be read, holds no event, or mixes runs.
    // Touches nothing shared: call it from any thread (a big file is read off the GUI thread).
    static std::optional<RunEvents> readNdjson(const QString &path, QString *error);
    // readNdjson() and a source for its events, in one go (for a thread that may wait on a file).
    static ReplaySource *fromNdjson(const QString &path, QString *error, QObject *parent = nullptr);

    void setBatchSize(int events) { m_batchSize = qMax(1, events); }
    // Starts delivering, one batch per event-loop turn.
    void start();

    QString runId() const override { return m_runId; }
    Origin origin() const override { return m_origin; }
    void setOrigin(Origin origin) { m_origin = origin; }
    QString workflowText() const override { return m_text; }
    QString workflowPath() const override { return m_path; }
    bool canStop() const override { return false; }
    void stop() override {}

private:
    void deliverNext();

    RunEvents m_events;
    QString m_runId;
    QString m_text;
    QString m_path;
    Origin m_origin = Origin::History;
    qsizetype m_next = 0;
    int m_batchSize = 20000;
    QTimer m_timer;
};

} // namespace Flow

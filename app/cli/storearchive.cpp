#include "storearchive.h"

#include "history/runrecord.h"
#include "history/runstore.h"

#include <QEventLoop>
#include <QObject>

#include <algorithm>

namespace Flow::Cli {
namespace {

Remote::RunSummary summaryOf(const RunRecord &r)
{
    return Remote::RunSummary{r.id, r.name, r.status, r.started, r.ended, 0};
}

} // namespace

StoreArchive::StoreArchive(RunStore *store, qint64 maxEvents)
    : m_store(store)
    , m_maxEvents(maxEvents)
    , m_cache(maxEvents)
{}

int StoreArchive::load(int maxRuns, QString *error)
{
    QObject context;
    QEventLoop loop;
    QList<RunRecord> records;
    QString listError;
    RunFilter filter;
    filter.limit = maxRuns;
    m_store->listRuns(filter, &context, [&](const QList<RunRecord> &runs, const QString &e) {
        records = runs;
        listError = e;
        loop.quit();
    });
    loop.exec();
    if (!listError.isEmpty()) {
        *error = listError;
        return -1;
    }
    // Newest first from the list: keep those that fit, then load them oldest first.
    std::sort(records.begin(), records.end(),
              [](const RunRecord &a, const RunRecord &b) { return a.started > b.started; });
    qint64 budget = m_maxEvents;
    QList<RunRecord> chosen;
    for (const RunRecord &r : std::as_const(records)) {
        if (r.events > budget)
            break;
        budget -= r.events;
        chosen.prepend(r);
    }
    for (const RunRecord &r : std::as_const(chosen)) {
        std::optional<RunRecord> full;
        m_store->loadRun(
            r.id, &context,
            [&](const std::optional<RunRecord> &run, const QList<NodeResult> &, const QString &) {
                full = run;
                loop.quit();
            });
        loop.exec();
        m_cache.beginRun(summaryOf(r), full ? full->workflowText : QString());
        bool last = false;
        m_store->readEvents(r.id, 0, 5000, &context, [&](const RunEvents &batch, bool isLast) {
            m_cache.append(batch);
            last = isLast;
            if (last)
                loop.quit();
        });
        while (!last)
            loop.exec();
    }
    return int(chosen.size());
}

void StoreArchive::beginRun(const Remote::RunSummary &run, const QString &workflowText)
{
    m_cache.beginRun(run, workflowText);
    RunRecord record;
    record.id = run.run;
    record.name = run.workflow;
    record.workflowText = workflowText;
    record.status = run.status;
    record.started = run.startedAt;
    m_store->beginRun(record);
}

void StoreArchive::append(const RunEvents &events)
{
    m_cache.append(events);
    m_store->append(events);
}

RunEvents StoreArchive::events(const QString &run, qint64 afterSeq, int limit) const
{
    return m_cache.events(run, afterSeq, limit);
}

std::optional<Remote::RunSummary> StoreArchive::run(const QString &run) const
{
    return m_cache.run(run);
}

QString StoreArchive::workflowText(const QString &run) const
{
    return m_cache.workflowText(run);
}

QList<Remote::RunSummary> StoreArchive::runs() const
{
    return m_cache.runs();
}

} // namespace Flow::Cli

#include "runhistory.h"

#include "cliutil.h"

#include "history/runstore.h"
#include "history/storedb.h"

namespace Flow::Cli {

QString HistoryOptions::dbPath() const
{
    return db.isEmpty() ? RunStore::defaultPath() : db;
}

QList<QCommandLineOption> HistoryOptions::options()
{
    return {
        QCommandLineOption(QStringLiteral("no-history"),
                           QStringLiteral("Do not record the run in the run history (cache: true results are "
                                          "then kept for this process only).")),
        QCommandLineOption(
            QStringLiteral("db"),
            QStringLiteral("The run history file (default: Flowstudio/history.db in the user's "
                           "data directory, or $FLOWSTUDIO_HISTORY_DB)."),
            QStringLiteral("FILE")),
        QCommandLineOption(
            QStringLiteral("resume"),
            QStringLiteral("Continue RUN: run only the nodes that did not succeed in it, feeding "
                           "the others' stored outputs downstream. FILE is optional (default: "
                           "the workflow as RUN ran it)."),
            QStringLiteral("RUN")),
        QCommandLineOption(
            QStringLiteral("from"),
            QStringLiteral("With --of RUN: run NODE and everything downstream of it again, with "
                           "upstream outputs from RUN."),
            QStringLiteral("NODE")),
        QCommandLineOption(QStringLiteral("of"), QStringLiteral("The stored run that --from starts from."),
                           QStringLiteral("RUN")),
    };
}

bool HistoryOptions::read(const CommandOptions &parser)
{
    record = !parser.isSet(QStringLiteral("no-history"));
    db = parser.value(QStringLiteral("db"));
    resume = parser.value(QStringLiteral("resume"));
    from = parser.value(QStringLiteral("from"));
    of = parser.value(QStringLiteral("of"));
    if (!resume.isEmpty() && (!from.isEmpty() || !of.isEmpty())) {
        printError(QStringLiteral("run: --resume and --from/--of do not go together"));
        return false;
    }
    if (from.isEmpty() != of.isEmpty()) {
        printError(QStringLiteral("run: --from NODE needs --of RUN, and --of RUN needs --from NODE"));
        return false;
    }
    return true;
}

std::optional<ContinuedRun> loadContinued(const HistoryOptions &options)
{
    StoreDb db;
    if (!db.open(options.dbPath(), StoreDb::OpenMode::ExistingOnly)) {
        printError(QStringLiteral("run: %1").arg(db.errorString()));
        return std::nullopt;
    }
    db.markInterrupted();
    std::optional<RunRecord> record = db.run(options.continued());
    if (!record) {
        printError(QStringLiteral("run: %1").arg(db.errorString()));
        return std::nullopt;
    }
    if (record->status == u"running") {
        printError(QStringLiteral("run: run %1 is still running (pid %2); wait for it or stop it first")
                       .arg(record->id)
                       .arg(record->pid));
        return std::nullopt;
    }
    ContinuedRun run{*record, db.succeededOutputs(record->id)};
    return run;
}

void reportSeed(const ContinuedRun &run, const SeedPlan &plan)
{
    QString text
        = QStringLiteral("flowrun: %1 run %2 (%3): %4 nodes taken from it, %5 to run")
              .arg(plan.seed.mode == u"resume" ? QStringLiteral("resuming") : QStringLiteral("re-running"),
                   run.record.id.left(8), run.record.status)
              .arg(plan.seed.outputs.size())
              .arg(plan.rerun.size());
    if (!plan.changed.isEmpty())
        text += QStringLiteral(" (changed since: %1)").arg(plan.changed.join(QStringLiteral(", ")));
    printErr(text + u'\n');
}

Recording::Recording(const QString &path, const RunRecord &run, Report report)
    : m_store(std::make_unique<RunStore>(path))
    , m_runId(run.id)
    , m_report(std::move(report))
{
    // Opening takes milliseconds; waiting for it here keeps the warning before any progress line.
    m_recording = m_store->waitForOpen();
    if (!m_recording) {
        printErr(QStringLiteral("flowrun: warning: this run is not recorded in the history: %1\n")
                     .arg(m_store->errorString()));
        return;
    }
    m_store->beginRun(run);
    QObject::connect(m_store.get(), &RunStore::committed, m_store.get(),
                     [this](const QString &id, qint64 seq) { committed(id, seq); });
    QObject::connect(m_store.get(), &RunStore::problem, m_store.get(), [](const QString &message) {
        printErr(QStringLiteral("flowrun: warning: %1\n").arg(message));
    });
}

Recording::~Recording() = default;

void Recording::add(const RunEvents &events)
{
    if (!m_recording) {
        m_report(events);
        return;
    }
    m_waiting += events;
    m_store->append(events);
}

void Recording::committed(const QString &runId, qint64 seq)
{
    if (runId != m_runId || m_waiting.isEmpty())
        return;
    qsizetype n = 0;
    while (n < m_waiting.size() && m_waiting.at(n).seq <= seq)
        ++n;
    if (n == 0)
        return;
    const RunEvents done = m_waiting.first(n);
    m_waiting.remove(0, n);
    m_report(done);
}

void Recording::finish()
{
    if (!m_recording)
        return;
    if (!m_store->flush(10000)) {
        printErr(QStringLiteral("flowrun: warning: %1 events of this run could not be written to the history "
                                "(%2)\n")
                     .arg(m_store->uncommitted())
                     .arg(m_store->errorString().isEmpty() ? QStringLiteral("timed out")
                                                           : m_store->errorString()));
    }
    m_recording = false;
    if (!m_waiting.isEmpty())
        m_report(std::exchange(m_waiting, {}));
}

} // namespace Flow::Cli

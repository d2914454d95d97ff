// Log view speed and size with a million lines (Google Benchmark; offscreen unless QT_QPA_PLATFORM says
// otherwise). Figures that matter:
//   BM_ModelAppendBatch     time per batch of 3,000 lines while the model grows to 1M (mean, and
//                           max_ms: the slowest batch), no view attached
//   BM_ViewAppendBatch      the same through a shown LogView in follow mode (filter, table, scroll,
//                           paint), up to 1M lines
//   BM_MemoryPerLine        bytes per line: the model's own count and the process's RSS growth
//   BM_Refilter*            one complete refilter of 1M lines (what the time slices add up to)
//   BM_ViewTextFilterLatency  a text filter on a LogView of 1M lines: until shown, and the longest
//                           the event loop waits meanwhile
//   BM_DataVisibleRows      data() for one screenful (50 rows x 5 columns x the roles a delegate asks)
#include "app/runview/logfilter.h"
#include "app/runview/logmodel.h"
#include "app/runview/logview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTableView>

#include <benchmark/benchmark.h>

#include <unistd.h>

using namespace Flow;

namespace {

constexpr qsizetype Million = 1'000'000;
constexpr qsizetype BatchSize = 3000;
constexpr int Templates = 8;

qint64 rssBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

QString lineText(qsizetype i)
{
    // ~40 characters, like a typical build or script line.
    return QStringLiteral("[%1] processed item %2, status ok").arg(i % 97, 2, 10, QLatin1Char('0')).arg(i);
}

RunEvents makeBatch(qsizetype from)
{
    RunEvents batch;
    batch.reserve(BatchSize);
    for (qsizetype i = from; i < from + BatchSize; ++i) {
        RunEvent e;
        e.run = QStringLiteral("bench");
        e.seq = i + 1;
        e.time = 1'800'000'000'000 + i;
        e.node = QStringLiteral("node%1").arg(i % 200);
        e.kind = EventKind::NodeLog;
        e.attempt = 1 + int(i % 10 == 0);
        e.data
            = {{QStringLiteral("stream"), i % 8 == 0 ? QStringLiteral("stderr") : QStringLiteral("stdout")},
               {QStringLiteral("line"), lineText(i)}};
        batch.append(e);
    }
    return batch;
}

// Building a million events would take longer than the model spends on them: a few batches are
// reused, with fresh seq numbers (the model skips seqs it has seen).
class BatchSource
{
public:
    BatchSource()
    {
        for (int t = 0; t < Templates; ++t)
            m_templates.append(makeBatch(t * BatchSize));
    }
    const RunEvents &next()
    {
        RunEvents &batch = m_templates[m_next++ % Templates];
        for (RunEvent &e : batch)
            e.seq = ++m_seq;
        return batch;
    }
    void restart() { m_seq = 0; }

private:
    QList<RunEvents> m_templates;
    int m_next = 0;
    qint64 m_seq = 0;
};

BatchSource &batches()
{
    static BatchSource source;
    return source;
}

void fill(LogModel &model, qsizetype lines)
{
    model.clear();
    batches().restart();
    while (model.lineCount() < lines)
        model.addEvents(batches().next());
}

void BM_ModelAppendBatch(benchmark::State &state)
{
    LogModel model;
    batches().restart();
    double maxMs = 0;
    for (auto _ : state) {
        const RunEvents &batch = batches().next();
        QElapsedTimer t;
        t.start();
        model.addEvents(batch);
        maxMs = std::max(maxMs, double(t.nsecsElapsed()) / 1e6);
        if (model.lineCount() >= Million) {
            state.PauseTiming();
            model.clear();
            batches().restart();
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations() * BatchSize);
    state.counters["max_ms"] = maxMs;
}
BENCHMARK(BM_ModelAppendBatch)->Iterations(Million / BatchSize)->Unit(benchmark::kMillisecond);

void BM_ViewAppendBatch(benchmark::State &state)
{
    LogView view;
    view.resize(1000, 600);
    view.show();
    QApplication::processEvents();
    batches().restart();
    double maxMs = 0;
    double insertMs = 0; // model, filter, table bookkeeping, scroll to the bottom
    double paintMs = 0;  // the event loop turn after it: layout and repaint
    for (auto _ : state) {
        const RunEvents &batch = batches().next();
        QElapsedTimer t;
        t.start();
        view.addEvents(batch);
        const qint64 inserted = t.nsecsElapsed();
        QApplication::processEvents();
        const qint64 total = t.nsecsElapsed();
        insertMs += double(inserted) / 1e6;
        paintMs += double(total - inserted) / 1e6;
        maxMs = std::max(maxMs, double(total) / 1e6);
    }
    state.counters["insert_ms"] = insertMs / double(state.iterations());
    state.counters["paint_ms"] = paintMs / double(state.iterations());
    if (!view.isFollowing()
        || view.view()->verticalScrollBar()->value() != view.view()->verticalScrollBar()->maximum())
        state.SkipWithError("not following the newest line");
    state.SetItemsProcessed(state.iterations() * BatchSize);
    state.counters["max_ms"] = maxMs;
    state.counters["lines"] = double(view.model()->lineCount());
}
BENCHMARK(BM_ViewAppendBatch)->Iterations(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViewAppendBatch)->Iterations(Million / BatchSize)->Unit(benchmark::kMillisecond);

void BM_MemoryPerLine(benchmark::State &state)
{
    for (auto _ : state) {
        const qint64 before = rssBytes();
        LogModel model;
        LogFilterModel filter;
        filter.setSourceModel(&model);
        fill(model, Million);
        const qint64 after = rssBytes();
        state.counters["model_bytes_per_line"] = double(model.memoryUsage()) / double(model.lineCount());
        // Model plus filter (4 bytes per shown line) as the process sees it.
        state.counters["rss_bytes_per_line"] = double(after - before) / double(model.lineCount());
    }
}
BENCHMARK(BM_MemoryPerLine)->Iterations(1)->Unit(benchmark::kMillisecond);

// One model of 1M lines shared by the refilter and data() benchmarks.
LogModel &millionLines()
{
    static LogModel *model = [] {
        auto *m = new LogModel;
        fill(*m, Million);
        return m;
    }();
    return *model;
}

template<typename Set>
void refilter(benchmark::State &state, Set set)
{
    LogFilterModel filter;
    filter.setSourceModel(&millionLines());
    int shown = 0;
    for (auto _ : state) {
        set(filter, true);
        filter.finishRefilter();
        shown = filter.rowCount();
        state.PauseTiming();
        set(filter, false);
        filter.finishRefilter();
        state.ResumeTiming();
    }
    state.counters["shown"] = shown;
}

void BM_RefilterText(benchmark::State &state)
{
    refilter(state, [](LogFilterModel &f, bool on) {
        f.setTextFilter(on ? QStringLiteral("ITEM 4242") : QString());
    });
}
BENCHMARK(BM_RefilterText)->Unit(benchmark::kMillisecond);

void BM_RefilterTextNoMatch(benchmark::State &state)
{
    refilter(state,
             [](LogFilterModel &f, bool on) { f.setTextFilter(on ? QStringLiteral("zebra") : QString()); });
}
BENCHMARK(BM_RefilterTextNoMatch)->Unit(benchmark::kMillisecond);

void BM_RefilterTextWide(benchmark::State &state)
{
    refilter(state,
             [](LogFilterModel &f, bool on) { f.setTextFilter(on ? QStringLiteral("ĸ4242") : QString()); });
}
BENCHMARK(BM_RefilterTextWide)->Unit(benchmark::kMillisecond);

void BM_RefilterNode(benchmark::State &state)
{
    refilter(state,
             [](LogFilterModel &f, bool on) { f.setNodeFilter(on ? QStringLiteral("node42") : QString()); });
}
BENCHMARK(BM_RefilterNode)->Unit(benchmark::kMillisecond);

void BM_RefilterStream(benchmark::State &state)
{
    refilter(state, [](LogFilterModel &f, bool on) {
        f.setStreamMask(on ? 1u << LogModel::Stderr : LogFilterModel::AllStreams);
    });
}
BENCHMARK(BM_RefilterStream)->Unit(benchmark::kMillisecond);

// Typing "4242" one key at a time: each key narrows the previous result.
void BM_RefilterTyping(benchmark::State &state)
{
    LogFilterModel filter;
    filter.setSourceModel(&millionLines());
    for (auto _ : state) {
        for (const char *text : {"4", "42", "424", "4242"}) {
            filter.setTextFilter(QString::fromLatin1(text));
            filter.finishRefilter();
        }
        state.PauseTiming();
        filter.setTextFilter({});
        filter.finishRefilter();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_RefilterTyping)->Unit(benchmark::kMillisecond);

// What the user sees when the text filter fires on a LogView of 1M lines: time until the new rows
// are shown, and the longest the event loop was blocked meanwhile (max_turn_ms, the slices).
void BM_ViewTextFilterLatency(benchmark::State &state)
{
    LogView view;
    view.resize(1000, 600);
    view.show();
    fill(*view.model(), Million);
    QApplication::processEvents();
    LogFilterModel *filter = view.filterModel();
    double maxTurnMs = 0;
    int turns = 0;
    bool on = false;
    for (auto _ : state) {
        on = !on;
        QElapsedTimer turn;
        turn.start();
        filter->setTextFilter(on ? QStringLiteral("item 4242") : QString());
        maxTurnMs = std::max(maxTurnMs, double(turn.nsecsElapsed()) / 1e6);
        while (filter->isRefiltering()) {
            turn.restart();
            QApplication::processEvents();
            maxTurnMs = std::max(maxTurnMs, double(turn.nsecsElapsed()) / 1e6);
            ++turns;
        }
        QApplication::processEvents(); // paint the result
    }
    state.counters["max_turn_ms"] = maxTurnMs;
    state.counters["turns_per_refilter"] = double(turns) / double(state.iterations());
}
BENCHMARK(BM_ViewTextFilterLatency)->Iterations(10)->Unit(benchmark::kMillisecond);

void BM_DataVisibleRows(benchmark::State &state)
{
    LogFilterModel filter;
    filter.setSourceModel(&millionLines());
    int top = 0;
    for (auto _ : state) {
        for (int row = top; row < top + 50; ++row) {
            for (int column = 0; column < LogModel::ColumnCount; ++column) {
                const QModelIndex index = filter.index(row, column);
                for (int role : {Qt::DisplayRole, Qt::ForegroundRole, Qt::FontRole, Qt::TextAlignmentRole,
                                 Qt::DecorationRole, Qt::BackgroundRole, Qt::CheckStateRole})
                    benchmark::DoNotOptimize(index.data(role));
            }
        }
        top = (top + 7919) % (filter.rowCount() - 50);
    }
    state.SetItemsProcessed(state.iterations() * 50);
}
BENCHMARK(BM_DataVisibleRows)->Unit(benchmark::kMicrosecond);

void BM_CopyLines(benchmark::State &state)
{
    const LogModel &model = millionLines();
    for (auto _ : state) {
        QStringList lines;
        lines.reserve(10000);
        for (int row = 500'000; row < 510'000; ++row)
            lines.append(model.lineText(row));
        benchmark::DoNotOptimize(lines.join(QLatin1Char('\n')));
    }
    state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_CopyLines)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

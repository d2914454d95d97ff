// What a client pays to decode the events it is sent: one `events` frame of 1,000 node.log events
// (as `seq 1 N` prints them) read by decodeServerMessage (the fast reader, runs/eventjson.h) and by
// decodeServerMessageFull (QJsonDocument, then RunEvent::fromJson). Google Benchmark; items/s is
// events/s on one core.
//
//   build/bench/remote/bench_eventjson [--benchmark_format=json]
#include "remote/protocol.h"

#include <benchmark/benchmark.h>

using namespace Flow;
using namespace Flow::Remote;

namespace {

QByteArray logFrame(int count)
{
    ServerMessage m{ServerMessage::Type::Events};
    m.run = QStringLiteral("20261204-203000-1f2e");
    for (int i = 1; i <= count; ++i) {
        RunEvent e;
        e.run = m.run;
        e.seq = i;
        e.time = 1'780'000'000'000 + i;
        e.node = QStringLiteral("print");
        e.kind = EventKind::NodeLog;
        e.attempt = 1;
        e.data = {{QStringLiteral("stream"), QStringLiteral("stdout")},
                  {QStringLiteral("line"), QString::number(i)}};
        m.events.append(e);
    }
    return encode(m);
}

void decodeFast(benchmark::State &state)
{
    const QByteArray frame = logFrame(1000);
    for (auto _ : state) {
        const Decoded<ServerMessage> d = decodeServerMessage(frame);
        benchmark::DoNotOptimize(d.value->events.size());
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.SetBytesProcessed(state.iterations() * frame.size());
}

void decodeFull(benchmark::State &state)
{
    const QByteArray frame = logFrame(1000);
    for (auto _ : state) {
        const Decoded<ServerMessage> d = decodeServerMessageFull(frame);
        benchmark::DoNotOptimize(d.value->events.size());
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.SetBytesProcessed(state.iterations() * frame.size());
}

} // namespace

BENCHMARK(decodeFast)->Unit(benchmark::kMicrosecond);
BENCHMARK(decodeFull)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();

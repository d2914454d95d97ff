// libFuzzer entry point: arbitrary bytes through the workflow reader, validator and writer.
// Build and run with fuzz/run.sh; a failed round trip aborts so libFuzzer saves the input.
// FLOW_FUZZ_IGNORE=REGEX skips round-trip problems matching REGEX: lets a long run look past a bug that
// is already known and reported (sanitizer findings are never skipped).
#include "nodes/registry.h"
#include "roundtrip.h"

#include <QRegularExpression>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

bool isIgnored(const QString &problem)
{
    static const QRegularExpression ignore(QString::fromLocal8Bit(qgetenv("FLOW_FUZZ_IGNORE")));
    return !ignore.pattern().isEmpty() && ignore.match(problem).hasMatch();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString problem = Flow::Fuzz::checkRoundTrip(yaml, Flow::builtinCatalog());
    if (!problem.isEmpty() && !isIgnored(problem)) {
        std::fprintf(stderr, "round trip mismatch: %s\n", qPrintable(problem));
        std::abort();
    }
    return 0;
}

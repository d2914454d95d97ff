// libFuzzer entry point: arbitrary bytes through the workflow reader, validator and writer.
// Build and run with fuzz/run.sh; a failed round trip aborts so libFuzzer saves the input.
#include "roundtrip.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString problem = Flow::Fuzz::checkRoundTrip(yaml, Flow::Fuzz::builtinCatalog());
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "round trip mismatch: %s\n", qPrintable(problem));
        std::abort();
    }
    return 0;
}

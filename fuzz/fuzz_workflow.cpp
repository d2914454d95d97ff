// libFuzzer entry point: arbitrary bytes through the workflow reader, validator and writer.
// Build and run with fuzz/run.sh; a failed round trip aborts so libFuzzer saves the input, and so
// does a tree from the libyaml fast path that differs from yaml-cpp's (model/yamlfrontends.h).
// FLOW_FUZZ_IGNORE=REGEX skips round-trip problems matching REGEX: lets a long run look past a bug that
// is already known and reported (sanitizer findings are never skipped).
#include "model/yamlfrontends.h"
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

// Where the fast path reads the text, yaml-cpp must read the same tree, positions and diagnostics.
void checkFrontEnds(const QByteArray &yaml)
{
    using namespace Flow::Yaml;
    const std::optional<Tree> fast = Internal::parseTreeWith(yaml, {}, Internal::FrontEnd::LibYaml);
    if (!fast)
        return;
    const QStringList a
        = Internal::describeTree(*Internal::parseTreeWith(yaml, {}, Internal::FrontEnd::YamlCpp));
    const QStringList b = Internal::describeTree(*fast);
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        if (a.value(i) != b.value(i)) {
            std::fprintf(stderr, "front ends differ at line %d:\n  yaml-cpp: %s\n  libyaml:  %s\n", int(i),
                         qPrintable(a.value(i)), qPrintable(b.value(i)));
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    checkFrontEnds(yaml);
    const QString problem = Flow::Fuzz::checkRoundTrip(yaml, Flow::builtinCatalog());
    if (!problem.isEmpty() && !isIgnored(problem)) {
        std::fprintf(stderr, "round trip mismatch: %s\n", qPrintable(problem));
        std::abort();
    }
    return 0;
}

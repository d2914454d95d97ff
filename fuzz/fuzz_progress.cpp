// libFuzzer target: the log `::progress` line parser (nodes/builtin/outputstream.h). A recognised
// line must give a fraction in [0, 1].
#include "nodes/builtin/outputstream.h"

#include <QString>

#include <cmath>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString line = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    double fraction = -1;
    QString text;
    if (Flow::parseProgressLine(line, &fraction, &text) && !(fraction >= 0.0 && fraction <= 1.0))
        std::abort();
    return 0;
}

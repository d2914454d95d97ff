#include "backend.h"

#include "duration.h"

#include <QRegularExpression>

#include <cmath>

namespace Flow {

QString backendName(Backend backend)
{
    return backend == Backend::Slurm ? QStringLiteral("slurm") : QStringLiteral("local");
}

std::optional<Backend> backendFromName(QStringView name)
{
    if (name == u"local")
        return Backend::Local;
    if (name == u"slurm")
        return Backend::Slurm;
    return std::nullopt;
}

SlurmOptions SlurmOptions::over(const SlurmOptions &defaults) const
{
    SlurmOptions merged = *this;
    if (!merged.partition)
        merged.partition = defaults.partition;
    if (!merged.time)
        merged.time = defaults.time;
    if (!merged.cpus)
        merged.cpus = defaults.cpus;
    if (!merged.mem)
        merged.mem = defaults.mem;
    merged.extraArgs = defaults.extraArgs + extraArgs;
    return merged;
}

std::optional<QString> slurmTimeArgument(const QString &text)
{
    // sbatch(1): minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
    // days-hours:minutes:seconds; also UNLIMITED.
    static const QRegularExpression slurmForm(QStringLiteral(
        R"(^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2}|UNLIMITED|INFINITE)$)"));
    const QString trimmed = text.trimmed();
    if (slurmForm.match(trimmed).hasMatch())
        return trimmed;
    if (const std::optional<Millis> d = parseDuration(trimmed)) {
        const auto minutes = qint64(std::ceil(double(d->count()) / 60000.0));
        return QString::number(std::max<qint64>(1, minutes));
    }
    return std::nullopt;
}

bool isSlurmMemory(const QString &text)
{
    static const QRegularExpression memory(QStringLiteral(R"(^\d+[KMGTkmgt]?$)"));
    return memory.match(text.trimmed()).hasMatch();
}

} // namespace Flow

#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace Flow {

using Millis = std::chrono::milliseconds;

// Parses "250ms", "30s", "10m", "1h" (also "1.5s", and a bare integer meaning milliseconds is NOT
// accepted: a unit is required so that a reader never has to guess). Returns nullopt when invalid.
std::optional<Millis> parseDuration(QStringView text);
// The shortest exact text parseDuration() reads back: 1500ms -> "1500ms", 30000 -> "30s", 600000 -> "10m".
QString formatDuration(Millis d);

} // namespace Flow

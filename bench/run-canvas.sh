#!/bin/sh
# Canvas benchmark: builds canvas_bench and prints its JSON (medians in ms; see bench/canvas/).
#   bench/run-canvas.sh [BUILD_DIR] [NODES [EDGES]] [--long-edges]
# Figures with "_cpu_" are the GUI thread's CPU time: on a machine busy with other work they estimate
# what the wall times would be on an idle one.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build-canvas"}
[ $# -gt 0 ] && shift
if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target canvas_bench -j2 >/dev/null
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false' "$build/bench/canvas/canvas_bench" "$@" 2>/dev/null

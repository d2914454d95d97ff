#!/usr/bin/env bash
# One entry point for people and CI (Debian 12). From the repository root:
#   bash scripts/setup.sh app    install dependencies, build, open the example in Flowstudio
#   bash scripts/setup.sh test   install dependencies, build from scratch with -Werror, run every test
# Other steps: deps | build | ctest. Environment: JOBS (default 2), BUILD_DIR (default build, or
# build-ci for `test`), TEST_TIMEOUT (whole test run, seconds; default 1500).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}

packages=(
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev qt6-declarative-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libsqlite3-dev qt6-qpa-plugins
    libyaml-cpp-dev libqscintilla2-qt6-dev libgraphviz-dev xvfb xauth imagemagick
    ninja-build cmake pkg-config g++ make libbenchmark-dev python3-jsonschema python3-yaml
    dpkg-dev file desktop-file-utils appstream shared-mime-info zsh
    slurm-wlm munge
    qtkeychain-qt6-dev
)

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "setup: all packages present"
        return
    fi
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" </dev/null
}

configure() { # build-dir extra-cmake-args...
    local dir=$1
    shift
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
}

run_app() {
    local dir=${BUILD_DIR:-build}
    configure "$dir"
    cmake --build "$dir" -j "$jobs" --target flowstudio flowrun
    local app
    app=$(find "$dir" -type f -name flowstudio -perm -u+x | head -n 1)
    [[ -n $app ]] || { echo "setup: flowstudio was not built" >&2; exit 1; }
    if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
        echo "setup: no display; try: xvfb-run -a $app resources/examples/shell-pipeline.yaml" >&2
        exit 1
    fi
    exec "$app" resources/examples/shell-pipeline.yaml
}

run_tests() {
    local dir=${BUILD_DIR:-build-ci}
    local start=$SECONDS
    rm -rf "$dir"
    configure "$dir" -DFLOW_WERROR=ON
    cmake --build "$dir" -j "$jobs"
    echo "setup: built in $((SECONDS - start)) s"
    timeout "${TEST_TIMEOUT:-1500}" ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600
    echo "setup: build and tests took $((SECONDS - start)) s"
}

case ${1:-} in
app) install_deps; run_app ;;
test) install_deps; run_tests ;;
deps) install_deps ;;
build) configure "${BUILD_DIR:-build}"; cmake --build "${BUILD_DIR:-build}" -j "$jobs" ;;
ctest) ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$jobs" --timeout 600 ;;
*)
    echo "usage: bash scripts/setup.sh app|test|deps|build|ctest" >&2
    exit 2
    ;;
esac

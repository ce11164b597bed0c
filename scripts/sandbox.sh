#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds TurfDrive and runs it against the sandbox: built-in simulators of
# Pipedrive and Ostendo on loopback with demo data, so no account is needed.
# With a display it opens the window; without one it runs one headless sandbox sync and prints the summary.
set -euo pipefail
cd "$(dirname "$0")/.."

./packaging/install-deps.sh

build_dir=${TURFDRIVE_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build_dir" --parallel "$(nproc)" --target turfdrive turfdrive-cli

state=${XDG_STATE_HOME:-$HOME/.local/state}/turfdrive-sandbox
mkdir -p "$state"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/turfdrive" --sandbox --db "$state/sandbox.sqlite" "$@"
fi
echo "No display: running one headless sync against the sandbox." >&2
exec "$build_dir/app/turfdrive-cli" sync --sandbox --once --db "$state/sandbox.sqlite" "$@"

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

# The simulators start afresh with the demo company each time, and so does the sandbox's own state database
# (kept apart from the real one).
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/turfdrive" --sandbox "$@"
fi
echo "No display: running one headless sync against the sandbox." >&2
# Exit code 3 means: in step, except records that wait for a person's decision (the demo has some on purpose).
"$build_dir/app/turfdrive-cli" sync --sandbox --once "$@" || code=$?
code=${code:-0}
if [ "$code" -eq 3 ]; then
    echo "Done: the demo's conflicts that need a person are waiting for review (exit code 3, as designed)." >&2
    exit 0
fi
exit "$code"

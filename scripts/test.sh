#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds TurfDrive with its tests, and runs every test through ctest.
# This is the README's test command, and exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

./packaging/install-deps.sh

build_dir=${TURFDRIVE_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTURFDRIVE_BUILD_TESTS=ON -DTURFDRIVE_WERROR=ON
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 900 "$@"

# Fuzz stage: the parsers under libFuzzer with ASan and UBSan, in a clang build directory of their own, each target
# for TURFDRIVE_FUZZ_SECONDS (20 by default). Fails on any crash or broken invariant; prints executions per target.
# TURFDRIVE_SKIP_FUZZ=1 leaves it out (e.g. for a quick local run).
if [ "${TURFDRIVE_SKIP_FUZZ:-0}" != "1" ]; then
    TURFDRIVE_FUZZ_BUILD_DIR="${build_dir}-fuzz" TURFDRIVE_FUZZ_JOBS="$(nproc)" ./tests/fuzz/run-fuzz.sh
fi

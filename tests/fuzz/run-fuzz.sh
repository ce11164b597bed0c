#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan in their own build directory and runs each one for a
# bounded time from its seed corpus. Exits non-zero on the first crash, sanitizer report or broken invariant, and
# prints the executions each target made (the figures the fuzz stage reports).
#   TURFDRIVE_FUZZ_SECONDS  time per target (default 20)
#   TURFDRIVE_FUZZ_BUILD_DIR  build directory (default build-fuzz)
#   TURFDRIVE_FUZZ_JOBS  parallel compile jobs (default 2)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${TURFDRIVE_FUZZ_SECONDS:-20}
build_dir=${TURFDRIVE_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${TURFDRIVE_FUZZ_JOBS:-2}
targets=(pipedrive_codec ostendo_answer ostendo_date policy)

CC=${CC_FUZZ:-clang-14} CXX=${CXX_FUZZ:-clang++-14} cmake -S . -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTURFDRIVE_FUZZ=ON -DTURFDRIVE_BUILD_TESTS=ON >/dev/null
cmake --build "$build_dir" --target fuzz --parallel "$jobs"

# New inputs found in a run go to a scratch corpus beside the build, never into the committed seeds.
work="$build_dir/fuzz-work"
mkdir -p "$work"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

summary=()
status=0
passed=0
failed=0
for t in "${targets[@]}"; do
    exe="$build_dir/tests/fuzz/fuzz_$t"
    corpus="$work/corpus_$t"
    mkdir -p "$corpus" "$work/artifacts_$t"
    log="$work/fuzz_$t.log"
    echo "== fuzz_$t for ${seconds}s" >&2
    if "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
        -dict="tests/fuzz/dict/$t.dict" -artifact_prefix="$work/artifacts_$t/" "$corpus" "tests/fuzz/corpus/$t" \
        >"$log" 2>&1; then
        result=ok
        passed=$((passed + 1))
    else
        result=FAILED
        failed=$((failed + 1))
        status=1
        tail -n 60 "$log" >&2
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | tr -d 'cov: ')
    summary+=("$(printf '%-24s %-6s %10s runs %8s/s  coverage %s edges' "fuzz_$t" "$result" "${runs:-?}" \
        "${speed:-?}" "${cov:-?}")")
done

echo "fuzz summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
# The plain closing line CI reads for a runner it does not know.
echo "fuzz: $passed passed, $failed failed"
exit $status

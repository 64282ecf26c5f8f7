#!/usr/bin/env bash
# Fuzzes the policy core with cargo-fuzz (libFuzzer) on the stable toolchain, for a bounded time
# per target; see docs/reliability.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]        (default 60)
#
# Environment:
#   FUZZ_TARGETS     targets to run, space-separated (default: all seven, in the order below)
#   FUZZ_SANITIZER   cargo-fuzz sanitizer (default: none — the core is `#![forbid(unsafe_code)]`;
#                    `address` needs RUSTC_BOOTSTRAP=1 for -Zsanitizer and the stable toolchain's
#                    ASan runtime, which it ships; not tried here)
#   CARGO_BUILD_JOBS parallel compile jobs (default 1: the machine is shared)
#
# Installs cargo-fuzz when `cargo fuzz --version` fails (without --locked: the crates.io snapshot
# here lacks crates some lockfiles name). Builds every target, then runs each with libFuzzer's
# -max_total_time, the seeds of fuzz/corpus/TARGET read and new inputs written to
# fuzz/target/corpus/TARGET (so the committed seeds stay small; it grows over runs), with the
# dictionary fuzz/dict/TARGET.dict when there is one. Prints the executions per target.
# On a crash (or a timeout or out-of-memory) the input libFuzzer saved under fuzz/artifacts/TARGET
# is copied to tests/fuzz-regressions/TARGET/, which crates/policy/tests/fuzz_regressions.rs
# replays, and the script exits 1 after the remaining targets have run.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_PER_TARGET=${1:-60}
case $SECONDS_PER_TARGET in
    '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac
TARGETS=${FUZZ_TARGETS:-contract_json amount uscc rules_toml batch_csv rule_values rule_pack}
SANITIZER=${FUZZ_SANITIZER:-none}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
# With a sanitizer cargo-fuzz passes -Zsanitizer=… to rustc, which the stable compiler accepts
# only with RUSTC_BOOTSTRAP=1 (with `none` its flags are all stable). No nightly toolchain needed.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz
fi
echo "== $(cargo fuzz --version), $(rustc --version), RUSTC_BOOTSTRAP=1, sanitizer $SANITIZER"

echo "== building the fuzz targets"
cargo fuzz build --fuzz-dir fuzz -s "$SANITIZER"

mkdir -p fuzz/target/logs
failed=()
printf '%s\n' "== results (${SECONDS_PER_TARGET} s per target)" > fuzz/target/logs/summary.txt
for t in $TARGETS; do
    mkdir -p "fuzz/target/corpus/$t" "fuzz/artifacts/$t"
    before=$(ls "fuzz/artifacts/$t")
    log="fuzz/target/logs/$t.log"
    echo "== fuzzing $t for ${SECONDS_PER_TARGET} s (log: $log)"
    dict=()
    if [ -f "fuzz/dict/$t.dict" ]; then dict=(-dict="fuzz/dict/$t.dict"); fi
    rc=0
    cargo fuzz run --fuzz-dir fuzz -s "$SANITIZER" "$t" "fuzz/target/corpus/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -timeout=30 "${dict[@]}" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    corpus=$(find "fuzz/target/corpus/$t" -type f | wc -l)
    new=()
    for f in $(ls "fuzz/artifacts/$t"); do
        if ! grep -qxF "$f" <<<"$before"; then
            case $f in crash-* | oom-* | timeout-* | leak-*) new+=("$f") ;; esac
        fi
    done
    status=ok
    if [ "$rc" -ne 0 ] || [ ${#new[@]} -gt 0 ]; then
        status="FAILED (exit $rc)"
        failed+=("$t")
        mkdir -p "tests/fuzz-regressions/$t"
        for f in "${new[@]}"; do
            cp "fuzz/artifacts/$t/$f" "tests/fuzz-regressions/$t/$f"
            status="$status, input saved to tests/fuzz-regressions/$t/$f"
        done
        echo "-- last lines of $log:"
        tail -40 "$log"
    fi
    line=$(printf '%-14s executions %-10s exec/s %-7s %-9s corpus %-5s %s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$corpus" "$status")
    echo "$line"
    echo "$line" >> fuzz/target/logs/summary.txt
done

echo
cat fuzz/target/logs/summary.txt
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}" >&2
    echo "replay them with: cargo test -p shuzhuan-policy --test fuzz_regressions" >&2
    exit 1
fi
echo "no crash in $ROOT/fuzz (targets: $TARGETS)"

#!/usr/bin/env bash
# Fuzz smoke test: builds the fuzz targets and runs each for a few seconds from the committed
# corpus (new inputs go to a temporary folder, so the corpus is left as it is). One minute of
# fuzzing in all by default; the build comes on top (minutes the first time, seconds after).
#
#   fuzz/smoke.sh [SECONDS]
#
# Skips with a message, and exit status 0, where the toolchain does not allow it: no cargo-fuzz,
# no nightly toolchain and a stable one that refuses RUSTC_BOOTSTRAP, or no C++ compiler (which
# libfuzzer-sys needs). A crash, a timeout or running out of memory fails it (exit status 1),
# with the input saved under fuzz/artifacts/ and the stack trace printed.
set -euo pipefail
cd "$(dirname "$0")"

total="${1:-60}"
skip() {
    echo "fuzz smoke test skipped: $1"
    exit 0
}

cargo fuzz --version >/dev/null 2>&1 || skip "cargo-fuzz is not installed (cargo install cargo-fuzz)"
command -v c++ >/dev/null 2>&1 || command -v clang++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 ||
    skip "no C++ compiler to build libFuzzer"

# cargo-fuzz passes -Z flags to rustc: a nightly toolchain, or stable with RUSTC_BOOTSTRAP=1.
if cargo +nightly --version >/dev/null 2>&1; then
    fuzz=(cargo +nightly fuzz)
elif RUSTC_BOOTSTRAP=1 rustc -Z unstable-options --version >/dev/null 2>&1; then
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
else
    skip "no nightly toolchain, and the stable one refuses RUSTC_BOOTSTRAP"
fi

# Sanitizers off (the crate forbids unsafe code), optimised, with debug assertions and
# overflow checks on.
flags=(-O -a -s none)
"${fuzz[@]}" build "${flags[@]}" || skip "the fuzz targets do not build with this toolchain"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/pipeline" "$scratch/tokens" "$scratch/session"

pipeline_secs=$((total / 2))
session_secs=$((total / 4))
tokens_secs=$((total - pipeline_secs - session_secs))
common=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
echo "== fuzz pipeline for ${pipeline_secs}s"
"${fuzz[@]}" run "${flags[@]}" pipeline "$scratch/pipeline" corpus/pipeline -- \
    -dict=dict -max_total_time="$pipeline_secs" "${common[@]}"
echo "== fuzz tokens for ${tokens_secs}s"
"${fuzz[@]}" run "${flags[@]}" tokens "$scratch/tokens" corpus/tokens -- \
    -max_total_time="$tokens_secs" "${common[@]}"
echo "== fuzz session for ${session_secs}s"
"${fuzz[@]}" run "${flags[@]}" session "$scratch/session" corpus/session -- \
    -dict=dict -max_total_time="$session_secs" "${common[@]}"

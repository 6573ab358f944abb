#!/usr/bin/env bash
# Coverage-guided fuzzing of libnlrs (the targets of fuzz/, cargo-fuzz layout).
#
#   scripts/fuzz.sh [run] [TARGET|all] [SECONDS]   fuzz each target SECONDS (default 60) on one
#                                                   core; new inputs go to fuzz/corpus/TARGET
#   scripts/fuzz.sh cmin [TARGET|all]               minimise the corpora (libFuzzer -merge=1)
#   scripts/fuzz.sh cov [TARGET|all]                coverage of the checked-in corpora: libFuzzer's
#                                                   cov/ft figures after replaying them; with
#                                                   llvm-tools installed also `cargo fuzz coverage`
#   scripts/fuzz.sh list                            the targets
#
# Toolchain: cargo-fuzz (`cargo install cargo-fuzz`, once) on the nightly toolchain
# (`rustup toolchain install nightly`, once). Without nightly, FUZZ_TOOLCHAIN=stable uses the
# stable compiler with RUSTC_BOOTSTRAP=1 (the sanitizer flags are unstable options; rust-std
# ships the ASan runtime). Builds are release (-O) with AddressSanitizer and LeakSanitizer;
# after the first build no network is needed. Crashes go to fuzz/artifacts/TARGET/; replay one
# with `fuzz/target/x86_64-unknown-linux-gnu/release/TARGET FILE`, fix the bug, then move the
# file to fuzz/regressions/TARGET/regress-WHAT (tests/fuzz_replay.rs replays corpora and
# regressions under cargo test; cmin never touches fuzz/regressions).
# Logs: fuzz/logs/TARGET.log (the last lines hold libFuzzer's final stats).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/fuzz"

mode=run
case "${1:-}" in
run | cmin | cov | list) mode=$1; shift ;;
esac
what=${1:-all}
secs=${2:-60}

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2
    exit 1
fi
case "${FUZZ_TOOLCHAIN:-nightly}" in
stable) fuzz=(env RUSTC_BOOTSTRAP=1 cargo +stable fuzz) ;;
*) fuzz=(cargo "+${FUZZ_TOOLCHAIN:-nightly}" fuzz) ;;
esac

targets=$("${fuzz[@]}" list)
if [ "$mode" = list ]; then
    echo "$targets"
    exit 0
fi
if [ "$what" = all ]; then
    sel=$targets
else
    grep -qx "$what" <<<"$targets" || { echo "no target $what (have: $(echo $targets))" >&2; exit 2; }
    sel=$what
fi

mkdir -p logs
"${fuzz[@]}" build -O >/dev/null
bin=target/x86_64-unknown-linux-gnu/release

for t in $sel; do
    mkdir -p "corpus/$t" "artifacts/$t"
    case $mode in
    run)
        echo "== $t: fuzzing ${secs}s (one core)"
        # -close_fd_mask=1: the library's verbose printers may write to stdout.
        set +e
        "${fuzz[@]}" run -O "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 \
            -close_fd_mask=1 -timeout=10 -rss_limit_mb=2048 >"logs/$t.log" 2>&1
        rc=$?
        set -e
        grep -E '^#[0-9]+ +DONE|^stat::number_of_executed_units|^Done' "logs/$t.log" || true
        if [ $rc -ne 0 ]; then
            echo "!! $t failed (exit $rc): see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
            grep -E 'panicked|ERROR|SUMMARY|Test unit written' "logs/$t.log" >&2 || true
            exit $rc
        fi
        ;;
    cmin)
        before=$(ls "corpus/$t" | wc -l)
        "${fuzz[@]}" cmin -O "$t" "corpus/$t" >"logs/$t.cmin.log" 2>&1
        echo "== $t: corpus $before -> $(ls "corpus/$t" | wc -l) files, $(du -sh --apparent-size "corpus/$t" | cut -f1)"
        ;;
    cov)
        # Replaying the corpus once gives libFuzzer's coverage figures (edges `cov`, features `ft`).
        "$bin/$t" -runs=0 -close_fd_mask=1 "corpus/$t" 2>&1 | grep -E 'INITED|DONE' | tail -1 |
            sed "s/^/== $t: /"
        if command -v llvm-cov >/dev/null 2>&1 || rustup component list --installed 2>/dev/null | grep -q llvm-tools; then
            "${fuzz[@]}" coverage "$t" "corpus/$t" >"logs/$t.cov.log" 2>&1 &&
                echo "   profile: fuzz/coverage/$t/coverage.profdata"
        fi
        ;;
    esac
done

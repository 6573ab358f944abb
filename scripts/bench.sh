#!/usr/bin/env bash
# Message/attribute benchmark: libnlrs vs Debian's libnl-3 vs libmnl.
#
# Builds libnlrs (release), builds examples-c/bench/msgattr.c three ways,
# then for each implementation reports
#   - wall and process-CPU time per iteration (best of BENCH_REPEAT runs of
#     ~BENCH_SECONDS each)
#   - instructions per iteration from callgrind (deterministic): the difference
#     between a run of 2*CG_N and a run of CG_N iterations, divided by CG_N,
#     so process start-up and library loading cancel out
#   - instructions per iteration from `perf stat -e instructions:u` when the
#     machine exposes the counter (same differencing)
# and the ratios libnlrs/libmnl and libnl/libmnl.
#
# Environment: BENCH_SECONDS (default 1), BENCH_REPEAT (default 5),
# CG_N (default 2000), NLRS_LIB_DIR (default target/release),
# SKIP_CARGO=1 to use an existing build.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"

BENCH_SECONDS=${BENCH_SECONDS:-1}
BENCH_REPEAT=${BENCH_REPEAT:-5}
CG_N=${CG_N:-2000}
export NLRS_LIB_DIR=${NLRS_LIB_DIR:-$TOP/target/release}
BIN=$TOP/examples-c/build/bench

if [ "${SKIP_CARGO:-0}" != 1 ]; then
	echo "== cargo build --release" >&2
	cargo build --release --quiet
fi

echo "== building benchmark binaries" >&2
IMPLS="nlrs libnl mnl"
if ! make -s -C examples-c -B bench NLRS_LIB_DIR="$NLRS_LIB_DIR" >&2; then
	echo "!! libnlrs build of the benchmark failed (core headers such as errno.h not merged yet?);" \
	     "continuing with libnl and libmnl only" >&2
	make -s -C examples-c -B bench-ref >&2
	IMPLS="libnl mnl"
fi

field() { # field NAME LINE -> value of NAME=... in LINE
	sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"
}

# ns/iter: calibrate N for ~BENCH_SECONDS per run, then BENCH_REPEAT rounds
# running the implementations in turn (so load changes hit all of them), and
# keep each one's best run.
declare -A NS CPU IR PERF SUM ITERS
for impl in $IMPLS; do
	out=$("$BIN/msgattr-$impl" 20000)
	ITERS[$impl]=$(awk -v s="$BENCH_SECONDS" -v ns="$(field ns_per_iter "$out")" \
		'BEGIN { n = int(s * 1e9 / ns); print (n < 1000 ? 1000 : n) }')
done
for round in $(seq "$BENCH_REPEAT"); do
	for impl in $IMPLS; do
		out=$("$BIN/msgattr-$impl" "${ITERS[$impl]}")
		ns=$(field ns_per_iter "$out")
		cpu=$(field cpu_ns_per_iter "$out")
		NS[$impl]=$(awk -v a="${NS[$impl]:-}" -v b="$ns" 'BEGIN { print (a == "" || b < a) ? b : a }')
		CPU[$impl]=$(awk -v a="${CPU[$impl]:-}" -v b="$cpu" 'BEGIN { print (a == "" || b < a) ? b : a }')
		echo "   round $round $impl: N=${ITERS[$impl]} ns/iter=$ns cpu=$cpu" >&2
	done
done

# Instructions per iteration: callgrind, differencing two run lengths.
CG_TMP=$(mktemp -d)
trap 'rm -rf "$CG_TMP"' EXIT
callgrind_ir() { # exe n -> total Ir; program output left in $CG_TMP/out
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" "$2" \
		>"$CG_TMP/out" 2>"$CG_TMP/log"
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$CG_TMP/log"
}
if command -v valgrind >/dev/null; then
	for impl in $IMPLS; do
		exe=$BIN/msgattr-$impl
		a=$(callgrind_ir "$exe" "$CG_N")
		b=$(callgrind_ir "$exe" $((2 * CG_N)))
		SUM[$impl]=$(field checksum "$(cat "$CG_TMP/out")")
		IR[$impl]=$(( (b - a) / CG_N ))
	done
fi

# Same with perf, when the hardware counter is available (often not in VMs).
perf_ins() {
	perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null | awk -F, '/instructions/ { print $1 }'
}
if command -v perf >/dev/null && [[ "$(perf_ins true)" =~ ^[0-9]+$ ]]; then
	for impl in $IMPLS; do
		exe=$BIN/msgattr-$impl
		a=$(perf_ins "$exe" 100000)
		b=$(perf_ins "$exe" 200000)
		PERF[$impl]=$(( (b - a) / 100000 ))
	done
else
	echo "   perf: instructions counter not available here, callgrind only" >&2
fi

# Report.
name() { case $1 in nlrs) echo libnlrs ;; mnl) echo libmnl ;; *) echo "$1" ;; esac; }
printf '\n%-8s %10s %10s %15s %16s  %s\n' impl ns/iter cpu-ns/iter "instr/iter(cg)" "instr/iter(perf)" "checksum (N=$((2 * CG_N)))"
for impl in $IMPLS; do
	printf '%-8s %10s %10s %15s %16s  %s\n' "$(name "$impl")" "${NS[$impl]}" "${CPU[$impl]}" \
		"${IR[$impl]:-n/a}" "${PERF[$impl]:-n/a}" "${SUM[$impl]:-n/a}"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
echo
for impl in $IMPLS; do
	[ "$impl" = mnl ] && continue
	printf '%s/libmnl: time %sx, cpu %sx, instructions %sx (callgrind)' "$(name "$impl")" \
		"$(ratio "${NS[$impl]}" "${NS[mnl]}")" "$(ratio "${CPU[$impl]}" "${CPU[mnl]}")" \
		"$(ratio "${IR[$impl]:-}" "${IR[mnl]:-}")"
	if [ -n "${PERF[$impl]:-}" ]; then
		printf ', %sx (perf)' "$(ratio "${PERF[$impl]}" "${PERF[mnl]}")"
	fi
	echo
done

# All implementations must have computed the same checksum.
sums=$(for impl in $IMPLS; do echo "${SUM[$impl]:-}"; done | sort -u | wc -l)
if [ "$sums" -ne 1 ]; then
	echo "!! checksums differ between implementations" >&2
	exit 1
fi

#!/usr/bin/env bash
# Generic netlink resolve benchmark: genl_ctrl_resolve(sk, "nlctrl") in libnlrs vs Debian's
# libnl-genl-3 vs the same request/reply/ack written with libmnl (examples-c/bench/genl-resolve.c).
#
# Builds libnlrs (release) and the three benchmark binaries, then for each implementation
# reports
#   - wall and process-CPU time per call (user + system, getrusage), best of BENCH_REPEAT
#     runs of BENCH_CALLS calls each, the implementations taking turns in every round
#   - user-space instructions per call from callgrind (deterministic): the difference between
#     a run of 2*CG_N and a run of CG_N calls, divided by CG_N, so process start-up, library
#     loading and the warm-up call cancel out
#   - system calls per call (strace -c, same differencing) when strace is installed
# and the ratios to libmnl. Runs in a throw-away network namespace when root (the controller
# is reachable without privileges, so it also runs unprivileged in the caller's namespace).
#
# Environment: BENCH_CALLS (default 20000), BENCH_REPEAT (default 5), CG_N (default 2000),
# NLRS_LIB_DIR (default target/release), SKIP_CARGO=1 to use an existing build.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"

BENCH_CALLS=${BENCH_CALLS:-20000}
BENCH_REPEAT=${BENCH_REPEAT:-5}
CG_N=${CG_N:-2000}
export NLRS_LIB_DIR=${NLRS_LIB_DIR:-$TOP/target/release}
BIN=$TOP/examples-c/build/bench
IMPLS="nlrs libnl mnl"

if [ "${SKIP_CARGO:-0}" != 1 ]; then
	echo "== cargo build --release" >&2
	cargo build --release --quiet
fi
echo "== building benchmark binaries" >&2
make -s -C examples-c -B bench-genl NLRS_LIB_DIR="$NLRS_LIB_DIR" >&2

# Run a command in a fresh network namespace when we can, else in place.
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
	inns() { unshare -n sh -c 'ip link set lo up 2>/dev/null; exec "$@"' sh "$@"; }
else
	inns() { "$@"; }
fi

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
min() { awk -v a="${1:-}" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }

declare -A NS CPU USR SYS IR SC SUM
for round in $(seq "$BENCH_REPEAT"); do
	for impl in $IMPLS; do
		out=$(inns "$BIN/genl-resolve-$impl" "$BENCH_CALLS")
		NS[$impl]=$(min "${NS[$impl]:-}" "$(field ns_per_iter "$out")")
		cpu=$(field cpu_ns_per_iter "$out")
		if [ -z "${CPU[$impl]:-}" ] || [ "$cpu" -lt "${CPU[$impl]}" ]; then
			CPU[$impl]=$cpu
			USR[$impl]=$(field user_ns_per_iter "$out")
			SYS[$impl]=$(field sys_ns_per_iter "$out")
		fi
		echo "   round $round $impl: $out" >&2
	done
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
callgrind_ir() { # exe n -> total Ir
	inns valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" "$2" >"$TMP/out" 2>"$TMP/log"
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/log"
}
syscalls() { # exe n -> total system calls
	inns strace -f -c -o "$TMP/strace" "$1" "$2" >/dev/null
	awk '$NF == "total" { print $4 }' "$TMP/strace"
}
for impl in $IMPLS; do
	exe=$BIN/genl-resolve-$impl
	if command -v valgrind >/dev/null; then
		a=$(callgrind_ir "$exe" "$CG_N")
		b=$(callgrind_ir "$exe" $((2 * CG_N)))
		IR[$impl]=$(((b - a) / CG_N))
		SUM[$impl]=$(field checksum "$(cat "$TMP/out")")
	fi
	if command -v strace >/dev/null; then
		a=$(syscalls "$exe" "$CG_N")
		b=$(syscalls "$exe" $((2 * CG_N)))
		SC[$impl]=$(awk -v a="$a" -v b="$b" -v n="$CG_N" 'BEGIN { printf "%.2f", (b - a) / n }')
	fi
done

name() { case $1 in nlrs) echo libnlrs ;; mnl) echo libmnl ;; *) echo "$1" ;; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
printf '\n%-8s %9s %9s %9s %9s %14s %9s  %s\n' impl ns/call cpu-ns user-ns sys-ns "instr/call(cg)" syscalls "checksum (N=$((2 * CG_N)))"
for impl in $IMPLS; do
	printf '%-8s %9s %9s %9s %9s %14s %9s  %s\n' "$(name "$impl")" "${NS[$impl]}" "${CPU[$impl]}" \
		"${USR[$impl]}" "${SYS[$impl]}" "${IR[$impl]:-n/a}" "${SC[$impl]:-n/a}" "${SUM[$impl]:-n/a}"
done
echo
for impl in nlrs libnl; do
	printf '%s/libmnl: time %sx, cpu %sx, instructions %sx (callgrind)\n' "$(name "$impl")" \
		"$(ratio "${NS[$impl]}" "${NS[mnl]}")" "$(ratio "${CPU[$impl]}" "${CPU[mnl]}")" \
		"$(ratio "${IR[$impl]:-}" "${IR[mnl]:-}")"
done
sums=$(for impl in $IMPLS; do echo "${SUM[$impl]:-}"; done | sort -u | wc -l)
if [ "$sums" -ne 1 ]; then
	echo "!! checksums differ between implementations" >&2
	exit 1
fi

#!/usr/bin/env bash
# Receive-path benchmark: dump ROUTES IPv4 routes with libnlrs, Debian's libnl-3,
# libmnl and a raw recvmsg loop, in one run, and print the figures side by side.
#
# Builds libnlrs (release) and examples-c/bench/dump.c four ways, then re-runs
# itself inside a throw-away network namespace (unshare -n: the host's links and
# routes are never touched, and the namespace, its veth pair and all routes
# vanish when the script exits). In there it creates a veth pair, gives one end
# an address and adds ROUTES /32 routes through it with one `ip -batch`; every
# variant then dumps that same table (RTM_GETROUTE, NLM_F_DUMP, AF_INET) in two
# modes:
#   count  messages counted in a callback (NL_CB_VALID / mnl_cb_run) or by
#          the raw NLMSG_OK/NLMSG_NEXT loop
#   parse  every message also validated against an rtattr policy (nlmsg_parse /
#          mnl_attr_parse with a validating callback / an RTA_OK loop), and
#          RTA_DST and RTA_OIF read into a checksum
# Per variant and mode it reports
#   - wall and CPU (user+sys, getrusage) time of one dump: best single dump out
#     of ROUNDS runs x DUMPS dumps, the variants taking turns in every round
#   - average user and sys time per dump (getrusage's split is tick-sampled, so
#     only roughly right)
#   - user-space instructions per dump from callgrind: Ir(2 dumps) - Ir(1 dump)
#     (start-up, socket set-up and the warm-up dump cancel out); perf's
#     instructions:u is used instead when the machine exposes it
#   - receive syscalls per dump (strace -c, same differencing)
#   - messages per dump and the parse checksum, which must be equal everywhere
# and the ratios against the raw loop and against libmnl.
#
# Environment: ROUTES (100000), ROUNDS (5), DUMPS (10), NLRS_LIB_DIR
# (target/release), SKIP_CARGO=1 to use an existing build, NO_CALLGRIND=1,
# NO_STRACE=1. Needs root (for unshare -n).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"

ROUTES=${ROUTES:-100000}
ROUNDS=${ROUNDS:-5}
DUMPS=${DUMPS:-10}
export ROUTES ROUNDS DUMPS
export NLRS_LIB_DIR=${NLRS_LIB_DIR:-$TOP/target/release}
BIN=$TOP/examples-c/build/bench

if [ "${1:-}" != --in-netns ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench-dump.sh: needs root (it runs in its own network namespace)" >&2
		exit 1
	fi
	if [ "${SKIP_CARGO:-0}" != 1 ]; then
		echo "== cargo build --release" >&2
		cargo build --release --quiet
	fi
	echo "== building benchmark binaries" >&2
	IMPLS="raw mnl libnl nlrs"
	if ! make -s -C examples-c -B bench-dump NLRS_LIB_DIR="$NLRS_LIB_DIR" >&2; then
		echo "!! libnlrs build of the dump benchmark failed (socket/handler API not" \
		     "merged yet?); continuing without libnlrs" >&2
		make -s -C examples-c -B bench-dump-ref >&2
		IMPLS="raw mnl libnl"
	fi
	export IMPLS
	exec unshare -n bash "$0" --in-netns
fi

# ---- inside the throw-away namespace from here on -------------------------
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ip link set lo up
ip link add bdump0 type veth peer name bdump1
ip addr add 10.255.255.1/24 dev bdump0
ip link set bdump0 up
ip link set bdump1 up
echo "== adding $ROUTES routes (ip -batch)" >&2
awk -v n="$ROUTES" 'BEGIN {
	for (i = 0; i < n; i++)
		printf "route add 10.%d.%d.%d/32 dev bdump0\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' >"$TMP/routes"
t0=$(date +%s.%N)
ip -batch "$TMP/routes"
echo "   $(ip -4 route show table all | wc -l) IPv4 routes in all tables," \
     "added in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s" >&2

field() { # field NAME LINE -> value of NAME=... in LINE
	sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }

MODES="count parse"
declare -A WALL CPU USR SYS MSGS SUM IR SYSC
for round in $(seq "$ROUNDS"); do
	for mode in $MODES; do
		for impl in $IMPLS; do
			out=$("$BIN/dump-$impl" "$mode" "$DUMPS")
			k=$impl.$mode
			WALL[$k]=$(min "${WALL[$k]:-}" "$(field best_wall_ns "$out")")
			CPU[$k]=$(min "${CPU[$k]:-}" "$(field best_cpu_ns "$out")")
			USR[$k]=$(( ${USR[$k]:-0} + $(field user_ns "$out") ))
			SYS[$k]=$(( ${SYS[$k]:-0} + $(field sys_ns "$out") ))
			MSGS[$k]=$(field msgs "$out")
			SUM[$k]=$(field sum "$out")
			echo "   round $round $mode $impl: $out" >&2
		done
	done
done

# User-space instructions per dump.
perf_ins() {
	perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null | awk -F, '/instructions/ { print $1 }'
}
callgrind_ir() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
IR_TOOL=
if command -v perf >/dev/null && [[ "$(perf_ins true)" =~ ^[0-9]+$ ]]; then
	IR_TOOL=perf_ins
elif [ "${NO_CALLGRIND:-0}" != 1 ] && command -v valgrind >/dev/null; then
	IR_TOOL=callgrind_ir
fi
if [ -n "$IR_TOOL" ]; then
	echo "== instructions per dump (${IR_TOOL%_*})" >&2
	for mode in $MODES; do
		for impl in $IMPLS; do
			a=$($IR_TOOL "$BIN/dump-$impl" "$mode" 1)
			b=$($IR_TOOL "$BIN/dump-$impl" "$mode" 2)
			IR[$impl.$mode]=$((b - a))
		done
	done
fi

# Receive syscalls per dump.
recv_calls() {
	strace -f -qq -c -e trace=recvmsg,recvfrom -o "$TMP/strace" "$@" >/dev/null
	awk '$NF ~ /^recv/ { n += $4 } END { print n + 0 }' "$TMP/strace"
}
if [ "${NO_STRACE:-0}" != 1 ] && command -v strace >/dev/null; then
	for impl in $IMPLS; do
		a=$(recv_calls "$BIN/dump-$impl" count 1)
		b=$(recv_calls "$BIN/dump-$impl" count 2)
		SYSC[$impl]=$((b - a))
	done
fi

# Report.
name() { case $1 in nlrs) echo libnlrs ;; mnl) echo libmnl ;; *) echo "$1" ;; esac; }
ms() { awk -v a="$1" 'BEGIN { printf "%.2f", a / 1e6 }'; }
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2fx", a / b }'; }
runs=$((ROUNDS * DUMPS))
echo
echo "$ROUTES routes; ${MSGS[raw.count]} messages per dump; best of $runs dumps per variant;" \
     "instructions: ${IR_TOOL%_*}"
for mode in $MODES; do
	echo
	printf '%-6s %-8s %9s %9s %9s %9s %13s %8s %8s %10s %10s %10s\n' "$mode" impl wall-ms cpu-ms \
		"usr-ms~" "sys-ms~" instr/dump instr/msg recv/dump "cpu/raw" "cpu/mnl" "instr/mnl"
	for impl in $IMPLS; do
		k=$impl.$mode
		ir=${IR[$k]:-}
		printf '%-6s %-8s %9s %9s %9s %9s %13s %8s %8s %10s %10s %10s\n' "" "$(name "$impl")" \
			"$(ms "${WALL[$k]}")" "$(ms "${CPU[$k]}")" \
			"$(ms $(( USR[$k] / ROUNDS )))" "$(ms $(( SYS[$k] / ROUNDS )))" \
			"${ir:-n/a}" "$([ -n "$ir" ] && echo $(( ir / MSGS[$k] )) || echo n/a)" \
			"${SYSC[$impl]:-n/a}" \
			"$(ratio "${CPU[$k]}" "${CPU[raw.$mode]}")" "$(ratio "${CPU[$k]}" "${CPU[mnl.$mode]}")" \
			"$(ratio "$ir" "${IR[mnl.$mode]:-}")"
	done
done
echo
echo "(usr-ms~/sys-ms~: getrusage's tick-sampled split, averaged; recv/dump: recvmsg+recvfrom" \
     "calls per dump in count mode)"

status=0
for mode in $MODES; do
	if [ "$(for impl in $IMPLS; do echo "${MSGS[$impl.$mode]}/${SUM[$impl.$mode]}"; done | sort -u | wc -l)" != 1 ]; then
		echo "!! $mode: message counts or checksums differ between variants" >&2
		status=1
	fi
done
exit $status

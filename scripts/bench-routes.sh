#!/usr/bin/env bash
# Route cache fill benchmark (issue 10's scale target): the kernel's IPv4 route dump of a
# namespace with N routes, plus APPENDED destinations that each carry three routes (one added,
# two appended with other gateways: distinct kernel routes that share destination, table, tos
# and priority), received and parsed by a raw recvmsg loop (the floor), by libmnl, by Debian's
# libnl-route-3 (rtnl_route_alloc_cache) and by libnlrs's libnl-route-3 (the same binary,
# with the three libnl sonames pointing to libnlrs built with --features route), side by side
# in one run. Per variant: the routes the kernel sent and the routes the cache holds (they
# must be equal), the best CPU time of a fill (user + sys, out of FILLS; 1 for sizes of
# 500,000 and more), the ratio to the raw loop, and the heap bytes per cached route
# (mallinfo2 with the cache alive, minus before the first fill).
#
# libnl's fill is quadratic (its route hash table never grows): a run that takes longer
# than LIBNL_TIMEOUT seconds is stopped and reported as such.
#
# Everything happens in a throw-away network namespace (unshare -n). Needs root.
# Environment: SIZES ("100000 1000000"), APPENDED (1000), FILLS (3), LIBNL_TIMEOUT (900),
# SKIP_CARGO=1.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
SIZES=${SIZES:-"100000 1000000"}
APPENDED=${APPENDED:-1000}
FILLS=${FILLS:-3}
LIBNL_TIMEOUT=${LIBNL_TIMEOUT:-900}
export SIZES APPENDED FILLS LIBNL_TIMEOUT
OUT=$TOP/target/bench-routes
export OUT

if [ "${1:-}" != --in-netns ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench-routes.sh: needs root (it runs in its own network namespace)" >&2
		exit 1
	fi
	mkdir -p "$OUT/lib"
	if [ "${SKIP_CARGO:-0}" != 1 ]; then
		echo "== cargo build --release --features route" >&2
		cargo build --release --quiet --lib --features route --target-dir target/route
	fi
	for n in libnl-3.so.200 libnl-genl-3.so.200 libnl-route-3.so.200; do
		ln -sf "$TOP/target/route/release/libnlrs.so" "$OUT/lib/$n"
	done
	src=examples-c/bench/routefill.c
	gcc -O2 -g -DUSE_RAW "$src" -o "$OUT/raw"
	gcc -O2 -g -DUSE_MNL "$src" $(pkg-config --cflags --libs libmnl) -o "$OUT/mnl"
	gcc -O2 -g "$src" $(pkg-config --cflags --libs libnl-route-3.0) -o "$OUT/cache"
	exec unshare -n bash "$0" --in-netns
fi

# ---- inside the throw-away namespace from here on --------------------------------------
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ip link set lo up
ip link add broute0 type veth peer name broute1
ip addr add 10.255.0.1/16 dev broute0
ip link set broute0 up
ip link set broute1 up
awk -v n="$APPENDED" 'BEGIN {
	for (i = 0; i < n; i++) {
		d = sprintf("11.%d.%d.0/24", int(i / 256) % 256, i % 256)
		printf "route add %s via 10.255.0.2\n", d
		printf "route append %s via 10.255.0.3\n", d
		printf "route append %s via 10.255.0.4\n", d
	}
}' >"$TMP/appended"
ip -batch "$TMP/appended"
have=0
run() { # variant fills
	local v=$1
	shift
	case $v in
	raw) "$OUT/raw" "$@" ;;
	mnl) "$OUT/mnl" "$@" ;;
	libnl) timeout "$LIBNL_TIMEOUT" env -u LD_LIBRARY_PATH "$OUT/cache" "$@" ||
		echo "routes - held - best-fill-cpu-ms timeout heap-bytes -" ;;
	libnlrs) LD_LIBRARY_PATH="$OUT/lib" "$OUT/cache" "$@" ||
		echo "routes - held - best-fill-cpu-ms failed heap-bytes -" ;;
	esac
}
for n in $SIZES; do
	echo "== $n routes (ip -batch: route add 10.x.y.z/32 dev broute0)" >&2
	awk -v from="$have" -v n="$n" 'BEGIN {
		for (i = from; i < n; i++)
			printf "route add 10.%d.%d.%d/32 dev broute0\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
	}' >"$TMP/routes"
	ip -batch "$TMP/routes"
	have=$n
	fills=$FILLS
	[ "$n" -ge 500000 ] && fills=1
	echo
	echo "### $n routes + $APPENDED destinations with 3 routes each (+ the namespace's own)"
	echo
	echo "| variant | kernel routes | cached routes | best cpu-ms/fill | cpu / raw | heap bytes/route |"
	echo "|---|---:|---:|---:|---:|---:|"
	raw_ms=""
	for v in raw mnl libnl libnlrs; do
		echo "== $v" >&2
		line=$(run "$v" "$fills" | tail -1)
		routes=$(echo "$line" | awk '{print $2}')
		held=$(echo "$line" | awk '{print $4}')
		ms=$(echo "$line" | awk '{print $6}')
		bytes=$(echo "$line" | awk '{print $8}')
		[ "$v" = raw ] && raw_ms=$ms
		ratio=$(awk -v a="$ms" -v b="$raw_ms" 'BEGIN { if (b + 0 > 0 && a + 0 > 0) printf "%.2fx", a / b; else print "-" }')
		per=$(awk -v a="$bytes" -v n="$held" 'BEGIN { if (a + 0 > 0 && n + 0 > 0) printf "%d", a / n; else print "-" }')
		case $v in raw | mnl) per="-" held="-" ;; esac
		echo "| $v | $routes | $held | $ms | $ratio | $per |"
	done
done

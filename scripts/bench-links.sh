#!/usr/bin/env bash
# Link cache fill benchmark: the kernel's link dump of a namespace with N links (ifb devices),
# received and parsed by a raw recvmsg loop (the floor), by libmnl, by Debian's libnl-route-3
# (rtnl_link_alloc_cache) and by libnlrs's libnl-route-3 (the same binary, with the three
# libnl sonames pointing to libnlrs built with --features route), side by side in one run.
# Per variant: user-space instructions of one fill (callgrind: Ir of 2 fills - Ir of 1 fill),
# the best CPU time of a fill out of FILLS, and the ratios to the raw loop; for the two caches
# also rtnl_link_get over every index (instructions per lookup, the same differencing).
#
# Everything happens in a throw-away network namespace (unshare -n). Needs root.
# Environment: SIZES ("1000 10000"), FILLS (5), NO_CALLGRIND=1, SKIP_CARGO=1.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
SIZES=${SIZES:-"1000 10000"}
FILLS=${FILLS:-5}
export SIZES FILLS
OUT=$TOP/target/bench-links
export OUT

if [ "${1:-}" != --in-netns ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench-links.sh: needs root (it runs in its own network namespace)" >&2
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
	src=examples-c/bench/linkfill.c
	gcc -O2 -g -DUSE_RAW "$src" -o "$OUT/raw"
	gcc -O2 -g -DUSE_MNL "$src" $(pkg-config --cflags --libs libmnl) -o "$OUT/mnl"
	gcc -O2 -g "$src" $(pkg-config --cflags --libs libnl-route-3.0) -o "$OUT/cache"
	exec unshare -n bash "$0" --in-netns
fi

# ---- inside the throw-away namespace from here on --------------------------------------
ip link set lo up
have=0
run() { # variant args...
	local v=$1
	shift
	case $v in
	raw) "$OUT/raw" "$@" ;;
	mnl) "$OUT/mnl" "$@" ;;
	libnl) env -u LD_LIBRARY_PATH "$OUT/cache" "$@" ;;
	libnlrs) LD_LIBRARY_PATH="$OUT/lib" "$OUT/cache" "$@" ;;
	esac
}
ir() { # variant args... -> total Ir
	local v=$1
	shift
	local f
	f=$(mktemp)
	case $v in
	libnlrs) LD_LIBRARY_PATH="$OUT/lib" valgrind --tool=callgrind --callgrind-out-file="$f" \
		"$OUT/cache" "$@" >/dev/null 2>&1 ;;
	libnl) valgrind --tool=callgrind --callgrind-out-file="$f" "$OUT/cache" "$@" \
		>/dev/null 2>&1 ;;
	*) valgrind --tool=callgrind --callgrind-out-file="$f" "$OUT/$v" "$@" >/dev/null 2>&1 ;;
	esac
	awk '/^summary:/ {print $2}' "$f"
	rm -f "$f"
}
for n in $SIZES; do
	echo "== $n links (ip -batch: link add ifbN type ifb)" >&2
	awk -v from="$have" -v n="$n" 'BEGIN { for (i = from; i < n; i++) printf "link add ifb%d type ifb\n", i }' \
		>/tmp/bench-links.$$
	ip -batch /tmp/bench-links.$$
	rm -f /tmp/bench-links.$$
	have=$n
	echo
	echo "### $n links (+ lo)"
	echo
	echo "| variant | links | instr/fill | instr/link | best cpu-ms/fill | instr / raw | cpu / raw |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	raw_ir=""
	raw_ms=""
	for v in raw mnl libnl libnlrs; do
		line=$(run "$v" "$FILLS" | tail -1)
		links=$(echo "$line" | awk '{print $2}')
		ms=$(echo "$line" | awk '{print $6}')
		if [ "${NO_CALLGRIND:-0}" = 1 ]; then
			per="-"
		else
			per=$(($(ir "$v" 2) - $(ir "$v" 1)))
		fi
		if [ "$v" = raw ]; then
			raw_ir=$per
			raw_ms=$ms
		fi
		ratio_i=$(awk -v a="$per" -v b="$raw_ir" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.2fx", a / b; else print "-" }')
		ratio_t=$(awk -v a="$ms" -v b="$raw_ms" 'BEGIN { if (b + 0 > 0) printf "%.2fx", a / b; else print "-" }')
		perlink=$(awk -v a="$per" -v n="$links" 'BEGIN { if (a != "-" && n > 0) printf "%d", a / n; else print "-" }')
		echo "| $v | $links | $per | $perlink | $ms | $ratio_i | $ratio_t |"
	done
	if [ "${NO_CALLGRIND:-0}" != 1 ]; then
		echo
		echo "rtnl_link_get over every index (instructions per lookup, 2 rounds - 1 round):"
		echo
		for v in libnl libnlrs; do
			one=$(ir "$v" 1 1)
			two=$(ir "$v" 1 2)
			echo "- $v: $(( (two - one) / (n + 2) )) instructions per lookup"
		done
	fi
done

#!/usr/bin/env bash
# Cost of the atomic reference counts on the hot paths: user-space instructions (callgrind,
# deterministic) of one nl_object_get + nl_object_put pair and of one nl_cache_dump of 64
# genl families (examples-c/bench/refcount.c), libnlrs before and after, plus Debian's libnl.
#
# "Before" is BEFORE_REV (default: the merge base with main), exported with git archive into
# target/before/ and built there (release) with its own target dir; "after" is this tree's
# release build. Per case: (Ir(2N) - Ir(N)) / N, so start-up and set-up cancel out.
#
# Environment: BEFORE_REV, N (getput: 100000; dump: N/100), SKIP_CARGO=1 (use existing builds).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
BEFORE_REV=${BEFORE_REV:-$(git merge-base HEAD main)}
N=${N:-100000}
OUT=target/bench-threads
mkdir -p "$OUT" target/before

if [ -z "${SKIP_CARGO:-}" ]; then
	cargo build --release -q
	find target/before -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
	git archive "$BEFORE_REV" | tar -x -C target/before
	(cd target/before && CARGO_TARGET_DIR="$TOP/target/before/target" cargo build --release -q)
fi
ln -sf libnlrs.so target/release/libnlrs.so.0
ln -sf libnlrs.so target/before/target/release/libnlrs.so.0

src=examples-c/bench/refcount.c
cc -O2 -g -std=gnu11 -Iinclude $src target/release/libnlrs.so \
	-Wl,-rpath,"$TOP/target/release" -o $OUT/refcount.after
cc -O2 -g -std=gnu11 -Itarget/before/include $src target/before/target/release/libnlrs.so \
	-Wl,-rpath,"$TOP/target/before/target/release" -o $OUT/refcount.before
# shellcheck disable=SC2046
cc -O2 -g -std=gnu11 $(pkg-config --cflags libnl-genl-3.0) $src \
	$(pkg-config --libs libnl-genl-3.0) -o $OUT/refcount.libnl

ir() { # binary mode n -> total instructions
	local f=$OUT/cg.out
	valgrind --tool=callgrind --callgrind-out-file=$f "$1" "$2" "$3" >/dev/null 2>&1
	awk '/^summary:/{print $2}' $f
}

printf '%-8s %14s %14s\n' impl "get+put instr" "dump instr"
for impl in libnl before after; do
	b=$OUT/refcount.$impl
	n1=$N
	g=$((($(ir "$b" getput $((2 * n1))) - $(ir "$b" getput $n1)) * 100 / n1))
	n2=$((N / 100))
	d=$((($(ir "$b" dump $((2 * n2))) - $(ir "$b" dump $n2)) / n2))
	printf '%-8s %11d.%02d %14d\n' "$impl" $((g / 100)) $((g % 100)) "$d"
done

#!/usr/bin/env bash
# Thread checks of libnlrs with tests/threads/stress.c (see its header for what each thread
# does): a plain run, a run under valgrind's memcheck, a run under helgrind with the
# suppressions of tests/threads/helgrind.supp (only the free after the last put; the file says
# why), optionally a ThreadSanitizer build (TSAN=1, below), and optionally the same program against Debian's libnl for comparison (LIBNL=1: libnl's
# plain-int counts lose references and free twice; it is expected to crash).
#
# The gate (tests/threads.rs with NLRS_VALGRIND=1) runs the same three with fewer iterations;
# this script runs helgrind on the full default load and prints the figures recorded in
# README.md ("Threads").
#
# ThreadSanitizer (TSAN=1): the library is built with -Zsanitizer=thread on the stable
# toolchain (RUSTC_BOOTSTRAP=1) into target/tsan/. A fully sanitized build would rebuild std
# with -Zbuild-std, which needs the rust-src component (not installed here, no network); so std
# stays uninstrumented and rustc's ABI-mismatch check is waived with
# -Cunsafe-allow-abi-mismatch=sanitizer. What that loses: races inside std's own code, of which
# libnlrs uses no synchronisation but two OnceLocks set by the load-time constructor (before
# any thread exists). The C program is instrumented by gcc and linked with the TSan runtime
# rustc ships (librustc-stable_rt.tsan.a; gcc 12's libtsan lacks __tsan_memset, which the
# Rust code calls).
#
# Environment: HG_THREADS (8), HG_ROUNDS (150), HG_REFS (500), HG_HANDOFF (1000) for the
# helgrind run; TSAN=1 (TSAN_ROUNDS, 150); LIBNL=1; SKIP_CARGO=1 to use existing builds.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
OUT=target/threads-check
mkdir -p "$OUT"

[ -n "${SKIP_CARGO:-}" ] || cargo build -q
ln -sf libnlrs.so target/debug/libnlrs.so.0
cc -std=gnu11 -Wall -Wextra -Werror -g -pthread -Iinclude tests/threads/stress.c \
	target/debug/libnlrs.so -Wl,-rpath,"$TOP/target/debug" -o $OUT/stress

echo "== plain run (defaults: 8 threads, 1000 rounds)"
/usr/bin/time -f "%e s" $OUT/stress

echo "== memcheck (4 threads, 20 rounds)"
NLRS_STRESS_THREADS=4 NLRS_STRESS_ROUNDS=20 NLRS_STRESS_REFS=100 NLRS_STRESS_HANDOFF=500 \
	/usr/bin/time -f "%e s" valgrind -q --error-exitcode=66 --leak-check=full \
	--errors-for-leak-kinds=definite $OUT/stress

export NLRS_STRESS_THREADS=${HG_THREADS:-8} NLRS_STRESS_ROUNDS=${HG_ROUNDS:-150}
export NLRS_STRESS_REFS=${HG_REFS:-500} NLRS_STRESS_HANDOFF=${HG_HANDOFF:-1000}
echo "== helgrind ($NLRS_STRESS_THREADS threads, $NLRS_STRESS_ROUNDS rounds," \
	"$NLRS_STRESS_REFS refs/round, $NLRS_STRESS_HANDOFF handed-off objects)"
rc=0
/usr/bin/time -f "%e s" valgrind --tool=helgrind -s --error-exitcode=66 \
	--suppressions=tests/threads/helgrind.supp $OUT/stress >$OUT/helgrind.out 2>&1 || rc=$?
grep -E '^threads|ERROR SUMMARY|used_suppression| s$' $OUT/helgrind.out | sed 's/^==[0-9]*== //'
echo "(full log: $OUT/helgrind.out)"

if [ -n "${TSAN:-}" ]; then
	echo "== ThreadSanitizer (8 threads, ${TSAN_ROUNDS:-150} rounds)"
	T=target/tsan/x86_64-unknown-linux-gnu/debug
	[ -n "${SKIP_CARGO:-}" ] || RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$TOP/target/tsan" \
		RUSTFLAGS="-Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer" \
		cargo build -q --lib --target x86_64-unknown-linux-gnu
	ln -sf libnlrs.so $T/libnlrs.so.0
	RT=$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/lib/librustc-stable_rt.tsan.a
	cc -std=gnu11 -g -fsanitize=thread -pthread -Iinclude -c tests/threads/stress.c \
		-o $OUT/stress-tsan.o
	cc -g $OUT/stress-tsan.o -Wl,--whole-archive "$RT" -Wl,--no-whole-archive $T/libnlrs.so \
		-Wl,-rpath,"$TOP/$T" -lpthread -ldl -lm -lstdc++ -rdynamic -o $OUT/stress-tsan
	NLRS_STRESS_THREADS=8 NLRS_STRESS_ROUNDS=${TSAN_ROUNDS:-150} NLRS_STRESS_REFS=500 \
		NLRS_STRESS_HANDOFF=1000 $OUT/stress-tsan >$OUT/tsan.out 2>&1 || rc=$?
	grep -E '^threads|SUMMARY' $OUT/tsan.out | sort | uniq -c
	echo "(full log: $OUT/tsan.out; $(grep -c 'WARNING: ThreadSanitizer' $OUT/tsan.out) reports)"
fi

if [ -n "${LIBNL:-}" ]; then
	echo "== the same program against Debian's libnl 3.7"
	# shellcheck disable=SC2046
	cc -std=gnu11 -w -g -pthread tests/threads/stress.c $(pkg-config --cflags --libs \
		libnl-genl-3.0) -o $OUT/stress-libnl
	unset NLRS_STRESS_THREADS NLRS_STRESS_ROUNDS NLRS_STRESS_REFS NLRS_STRESS_HANDOFF
	$OUT/stress-libnl >$OUT/libnl.out 2>&1 && echo "libnl: passed" ||
		echo "libnl: exit status $? ($(grep -c 'check failed' $OUT/libnl.out) failed checks)"
fi
exit $rc

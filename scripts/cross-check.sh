#!/usr/bin/env bash
# Builds and tests libnlrs for other Linux targets on an x86-64 Debian machine (as root: it
# installs Debian's cross compilers and qemu-user, and the Rust targets with rustup):
#   * cargo build + clippy -D warnings of the library for the target;
#   * the Rust unit tests, run under qemu-user (i686: natively, through the i686 loader);
#   * the exported symbols of the target's libnlrs.so against tests/abi/exported.txt;
#   * every C program of tests/c (self-checking) and tests/compat built with the cross compiler
#     against our headers and the target's libnlrs.so, run under qemu-user; a compat program's
#     stdout and exit status must equal those of the same program built against Debian's libnl
#     of the same architecture when that is installed (multiarch:
#       dpkg --add-architecture arm64 && apt-get update &&
#       apt-get install libnl-3-dev:arm64 libnl-genl-3-dev:arm64 libnl-route-3-dev:arm64
#     and likewise i386, armhf), else of Debian's x86-64 libnl (then a program whose printf
#     arguments have side effects may differ only because the compilers evaluate them in
#     another order).
# Known differences, reported but not failures: qemu-user has no NETLINK_GENERIC sockets (the
# C programs that need one are skipped under qemu); where libnl's result is undefined in C
# (out-of-range float-to-integer conversions, a negative prefix length in a prefix comparison)
# libnlrs gives x86's result on every target while libnl on arm gives the processor's (those
# lines of compat/utils-units and compat/addr-api are left out of the comparison when they are
# the only difference).
# Not part of scripts/test.sh (slow; needs the network for rustup). Ends with "N passed, N failed".
#   bash scripts/cross-check.sh [TARGET...]   (default: aarch64, i686, riscv64gc, armv7)
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(aarch64-unknown-linux-gnu i686-unknown-linux-gnu
	riscv64gc-unknown-linux-gnu armv7-unknown-linux-gnueabihf)

# gcc triplet of a Rust target
triplet() {
	case $1 in
	aarch64-unknown-linux-gnu) echo aarch64-linux-gnu ;;
	i686-unknown-linux-gnu) echo i686-linux-gnu ;;
	riscv64gc-unknown-linux-gnu) echo riscv64-linux-gnu ;;
	armv7-unknown-linux-gnueabihf) echo arm-linux-gnueabihf ;;
	*) return 1 ;;
	esac
}

# Debian's multiarch directory of the target
multiarch() {
	case $1 in
	i686-linux-gnu) echo i386-linux-gnu ;;
	*) echo "$1" ;;
	esac
}

qemu_for() {
	case $1 in
	aarch64-linux-gnu) echo qemu-aarch64 ;;
	riscv64-linux-gnu) echo qemu-riscv64 ;;
	arm-linux-gnueabihf) echo qemu-arm ;;
	esac
}

ensure_rust clippy || exit 1
pkgs=(qemu-user pkg-config libnl-3-dev libnl-genl-3-dev libnl-route-3-dev)
for t in "${targets[@]}"; do
	tr=$(triplet "$t") || {
		echo "unknown target $t" >&2
		exit 1
	}
	pkgs+=("gcc-$tr" "libc6-dev-${tr%%-*}-cross")
done
# Debian names the cross libc packages by architecture, not by the gcc triplet.
pkgs=("${pkgs[@]/libc6-dev-aarch64-cross/libc6-dev-arm64-cross}")
pkgs=("${pkgs[@]/libc6-dev-i686-cross/libc6-dev-i386-cross}")
pkgs=("${pkgs[@]/libc6-dev-arm-cross/libc6-dev-armhf-cross}")
ensure_pkgs "${pkgs[@]}" || exit 1

# C programs that need a NETLINK_GENERIC socket
needs_genl=" c-cache-aborts c-genl-resolve-after-failed-send "
# compat programs: lines whose libnl result is undefined behaviour in C and differs between
# processors (libnlrs gives x86's everywhere): float-to-integer conversions out of range
# (probabilities that do not fit a 32-bit long, NaN, tick overflows), and prefix comparisons
# with a negative prefix length
declare -A ub_lines=(
	[compat-utils-units]="^prob2int '[^']*' (0|2147483647|-2147483648|-9223372036854775808)\$|^ticks (274877907|300000000|2147483648|4294967295) "
	[compat-addr-api]="^cmp\\([^)]*/-1[^)]*\\)="
)

passed=0
failed=0
skipped=0
failures=()
result() {
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
		echo "--- PASS: $1"
	else
		failed=$((failed + 1))
		failures+=("$1")
		echo "--- FAIL: $1"
	fi
}

work=target/cross-check
mkdir -p "$work"
host_cc=${CC:-cc}
# shellcheck disable=SC2046
ref_flags=$(pkg-config --cflags --libs libnl-3.0 libnl-genl-3.0 libnl-route-3.0)

for t in "${targets[@]}"; do
	tr=$(triplet "$t")
	up=$(echo "$t" | tr 'a-z-' 'A-Z_')
	sysroot=/usr/$tr
	ma=/usr/lib/$(multiarch "$tr")
	libs=$PWD/target/$t/debug:$ma
	# The C library the programs run with: Debian's multiarch one when installed (then the
	# cross toolchain's must not be mixed in: its older loader hangs with the newer libc), else
	# the cross toolchain's.
	if [ -e "/lib/$(multiarch "$tr")/libc.so.6" ]; then
		root=/
		libs=$libs:/lib/$(multiarch "$tr")
	else
		root=$sysroot
		libs=$libs:$sysroot/lib
	fi
	if [ "$tr" = i686-linux-gnu ]; then
		loader=$root/lib/ld-linux.so.2
		[ "$root" = / ] && loader=/lib/ld-linux.so.2
		runner=("$loader" --library-path "$libs")
	else
		runner=("$(qemu_for "$tr")" -L "$root" -E "LD_LIBRARY_PATH=$libs")
	fi
	same_arch_ref=0
	[ -e "$ma/libnl-3.so" ] && [ -e "$ma/libnl-genl-3.so" ] && [ -e "$ma/libnl-route-3.so" ] &&
		same_arch_ref=1
	echo "compat reference: $([ $same_arch_ref = 1 ] && echo "Debian's libnl for $t" ||
		echo "Debian's x86-64 libnl")"
	export "CARGO_TARGET_${up}_LINKER=$tr-gcc"
	export "CARGO_TARGET_${up}_RUNNER=${runner[*]:0:3}"
	echo
	echo "=== $t"
	rustup target add "$t" >/dev/null 2>&1 || rustup target add "$t"

	cargo build --target "$t" 2>&1 | tail -3
	result "$t: cargo build" "${PIPESTATUS[0]}"
	cargo clippy --target "$t" --all-targets -- -D warnings 2>&1 | tail -3
	result "$t: cargo clippy -D warnings" "${PIPESTATUS[0]}"
	cargo test --lib --target "$t" 2>&1 | grep -E "^test result|FAILED|panicked"
	result "$t: unit tests (cargo test --lib)" "${PIPESTATUS[0]}"

	lib=target/$t/debug/libnlrs.so
	ln -sf libnlrs.so "target/$t/debug/libnlrs.so.0"
	"$tr-nm" -D --defined-only "$lib" | awk '{ print $NF }' | sort >"$work/$t.exported"
	diff -u <(grep -v '^#' tests/abi/exported.txt | sed '/^$/d' | sort) "$work/$t.exported"
	result "$t: exported symbols = tests/abi/exported.txt" $?

	dir=$work/$t
	mkdir -p "$dir"
	for src in tests/c/*.c tests/compat/*.c; do
		name=$(basename "$(dirname "$src")")-$(basename "$src" .c)
		bin=$dir/$name
		if [ "${runner[0]}" != "${runner[0]#qemu}" ] && [[ $needs_genl == *" $name "* ]]; then
			echo "--- SKIP: $t: $name (qemu-user has no NETLINK_GENERIC sockets)"
			skipped=$((skipped + 1))
			continue
		fi
		if ! "$tr-gcc" -std=gnu11 -Wall -Wextra -Werror -Iinclude "$src" "$lib" -o "$bin" \
			>"$bin.build" 2>&1; then
			cat "$bin.build"
			result "$t: $name (build)" 1
			continue
		fi
		"${runner[@]}" "$bin" >"$bin.out" 2>"$bin.err"
		rc=$?
		case $src in
		tests/c/*)
			exp=${src%.c}.expected
			[ "$rc" -eq 0 ] && { [ ! -f "$exp" ] || diff -u "$exp" "$bin.out"; }
			result "$t: $name" $?
			;;
		tests/compat/*)
			if [ $same_arch_ref = 1 ]; then
				"$tr-gcc" -std=gnu11 -w "$src" -I/usr/include/libnl3 -L"$ma" \
					-Wl,-rpath-link,"$ma" -lnl-genl-3 -lnl-route-3 -lnl-3 -o "$bin.ref" &&
					"${runner[@]}" "$bin.ref" >"$bin.ref.out" 2>/dev/null
			else
				# shellcheck disable=SC2086
				"$host_cc" -std=gnu11 -w "$src" $ref_flags -o "$bin.ref" &&
					"$bin.ref" >"$bin.ref.out" 2>/dev/null
			fi
			refrc=$?
			ok=1
			if [ "$rc" -eq "$refrc" ] && cmp -s "$bin.ref.out" "$bin.out"; then
				ok=0
			elif [ "$rc" -eq "$refrc" ] && [ -n "${ub_lines[$name]:-}" ] &&
				diff -u <(grep -Ev "${ub_lines[$name]}" "$bin.ref.out") \
					<(grep -Ev "${ub_lines[$name]}" "$bin.out") >/dev/null; then
				echo "    (differs from libnl only where C leaves the result undefined:)"
				diff "$bin.ref.out" "$bin.out" | sed 's/^/    /'
				ok=0
			else
				echo "exit status: libnl $refrc, ours $rc"
				diff -u "$bin.ref.out" "$bin.out"
			fi
			result "$t: $name (vs libnl)" $ok
			;;
		esac
	done
done

echo
for f in "${failures[@]}"; do
	echo "FAILED: $f"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

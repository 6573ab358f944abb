#!/usr/bin/env bash
# Builds libnlrs (release) and the C demo programs in examples-c/, then runs every demo the
# examples-c Makefile builds. Works on a fresh Debian bookworm machine as root (installs what it needs).
#   bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

# shellcheck disable=SC2086
ensure_pkgs $NLRS_PKGS
ensure_rust

cargo build --release
ls -l target/release/libnlrs.so target/release/libnlrs.a

if [ ! -f examples-c/Makefile ]; then
	echo "note: examples-c/ has no Makefile yet: no demo programs to build"
	exit 0
fi
make -C examples-c

# Every demo the Makefile builds against libnlrs (examples-c/build/nlrs/*).
mapfile -t demos < <(make -s -C examples-c list)
if [ ${#demos[@]} -eq 0 ]; then
	echo "note: examples-c builds no demo programs yet"
	exit 0
fi
failed=0
for d in "${demos[@]}"; do
	echo "=== $(basename "$d")"
	if ! "$d"; then
		echo "--- $d failed (exit status $?)"
		failed=$((failed + 1))
	fi
done
echo "${#demos[@]} demos run, $failed failed"
[ "$failed" -eq 0 ] || exit 1

# The network examples against the kernel, in a throw-away network namespace.
echo
echo "=== network examples (examples-c/net) in a throw-away network namespace"
bash scripts/demo-net.sh

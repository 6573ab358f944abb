#!/usr/bin/env bash
# The full gate: formatting, lints, docs, all test layers (Rust unit tests, the C suite,
# differential tests against libnl, ABI, install, drop-in), the C suite again under valgrind,
# and C formatting. Works on a fresh Debian bookworm machine as root (installs what it needs).
# Runs every step even after a failure and ends with the line "N passed, N failed".
#   bash scripts/test.sh          (CI: CI=true bash .ci/run — then nothing may be skipped)
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

# shellcheck disable=SC2086
ensure_pkgs $NLRS_PKGS g++ clang-format binutils diffutils || exit 1
ensure_rust rustfmt clippy || exit 1

passed=0
failed=0
failed_steps=()

step() {
	local name=$1 start=$SECONDS
	shift
	echo
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
		echo "--- PASS: $name ($((SECONDS - start))s)"
	else
		failed=$((failed + 1))
		failed_steps+=("$name")
		echo "--- FAIL: $name ($((SECONDS - start))s)"
	fi
}

c_format() {
	local files=()
	while IFS= read -r f; do
		files+=("$f")
	done < <(find include src tests examples-c -type f \( -name '*.c' -o -name '*.h' \) \
		2>/dev/null | sort)
	[ ${#files[@]} -eq 0 ] && return 0
	clang-format --dry-run -Werror "${files[@]}"
}

step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy --all-targets -- -D warnings" cargo clippy --all-targets -- -D warnings
step "cargo clippy --all-targets --features route -- -D warnings (libnl-route-3 so far)" \
	cargo clippy --all-targets --features route -- -D warnings
step "cargo doc --no-deps (RUSTDOCFLAGS=-Dwarnings)" env RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps
step "cargo test (all layers)" cargo test --no-fail-fast
step "C suite, compat, drop-in, netns, route, examples and threads (memcheck, helgrind) under valgrind (NLRS_VALGRIND=1)" \
	env NLRS_VALGRIND=1 cargo test --no-fail-fast --test c_suite --test compat --test dropin \
	--test netns --test route --test examples --test threads
step "clang-format --dry-run -Werror (include/ src/ tests/ examples-c/)" c_format

echo
for s in "${failed_steps[@]}"; do
	echo "FAILED: $s"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

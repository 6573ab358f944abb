# Sourced by scripts/demo.sh and scripts/test.sh: installs what a fresh Debian bookworm machine
# lacks. apt-get update runs only when a package is actually missing.

# Build and run dependencies of libnlrs, its C tests and examples.
NLRS_PKGS="libnl-3-dev libnl-genl-3-dev libnl-route-3-dev libnl-utils libmnl-dev pkg-config
valgrind gcc libc6-dev make iproute2 python3 netsniff-ng python3-ethtool"

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "need root for: $*" >&2
		return 1
	fi
}

# ensure_pkgs PKG...: installs the Debian packages that are not installed yet.
ensure_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "missing packages (not a Debian system?): ${missing[*]}" >&2
		return 1
	fi
	echo "installing: ${missing[*]}"
	as_root apt-get update -qq &&
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "${missing[@]}"
}

# ensure_rust [COMPONENT...]: a Rust toolchain new enough for the crate (Debian's rustc is too
# old for edition 2024), installed with rustup when cargo is missing.
ensure_rust() {
	local c
	if [ -x "$HOME/.cargo/bin/cargo" ]; then
		PATH="$HOME/.cargo/bin:$PATH"
	fi
	if ! command -v cargo >/dev/null 2>&1; then
		ensure_pkgs curl ca-certificates || return 1
		curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
			sh -s -- -y --profile minimal || return 1
		PATH="$HOME/.cargo/bin:$PATH"
	fi
	export PATH
	for c in "$@"; do
		case $c in
		rustfmt) cargo fmt --version >/dev/null 2>&1 && continue ;;
		clippy) cargo clippy --version >/dev/null 2>&1 && continue ;;
		esac
		if command -v rustup >/dev/null 2>&1; then
			rustup component add "$c" || return 1
		else
			echo "cargo has no $c and rustup is not available" >&2
			return 1
		fi
	done
}

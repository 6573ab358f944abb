#!/usr/bin/env bash
# Runs the network examples (examples-c/net and genl/taskstats, libnlrs builds from
# `make -s -C examples-c list-net`)
# against the kernel: everything but proc-events inside a throw-away network namespace
# (unshare -n), where the demo creates a veth pair, addresses and routes; proc-events in the
# initial namespace (the only one with the process connector), where it just listens while it
# starts /bin/true. Needs root; the host's interfaces and routes are never touched.
#   cargo build --release && make -C examples-c && bash scripts/demo-net.sh
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t bins < <(make -s -C examples-c list-net)
if [ ${#bins[@]} -eq 0 ]; then
	echo "note: examples-c builds no network examples against libnlrs yet"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "note: demo-net.sh needs root (network namespaces, routes, process connector): skipped"
	exit 0
fi
EX=$(dirname "${bins[0]}")
for b in "${bins[@]}"; do
	[ -x "$b" ] || {
		echo "missing $b: run make -C examples-c first"
		exit 1
	}
done

failed=0
# Inside the namespace: a bash script reading $EX; prints "### name" sections and "--- failed"
# lines; its exit status is the number of failed demos.
unshare -n env EX="$EX" bash <<'NETNS' || failed=$?
set -u
exec 2>&1
failed=0
run() {
	echo "\$ $*"
	"$@" || {
		echo "--- failed (exit status $?)"
		failed=$((failed + 1))
	}
}
wait_for() {
	local i=0
	until grep -q -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 200 ] && return 1
		sleep 0.05
	done
}
# A listener in the background while commands make changes; then SIGTERM and its output.
listen() {
	local name=$1 out
	shift
	out=$(mktemp)
	"$EX/$name" >"$out" 2>&1 &
	local pid=$!
	wait_for "$out" listening || echo "--- $name did not start"
	"$@"
	sleep 0.2
	kill -TERM $pid
	wait $pid || {
		echo "--- failed (exit status $?)"
		failed=$((failed + 1))
	}
	cat "$out"
	rm -f "$out"
}
changes() {
	ip link add va type veth peer name vb
	ip addr add 10.1.1.1/24 dev va
	ip link set va up
	ip link set vb up
	ip route add 10.2.0.0/16 via 10.1.1.2
	ip route del 10.2.0.0/16
	ip link del va
}

ip link set lo up

echo "### monitor (while: veth pair, address, route add/del, veth del)"
listen monitor changes

echo "### uevent-listen (while: ip link add va type veth peer name vb; ip link del va)"
listen uevent-listen sh -c 'ip link add va type veth peer name vb; ip link del va'

ip link add va type veth peer name vb
ip link set va address 02:00:00:00:00:01
ip addr add 10.9.8.7/24 dev va
ip link set va up
echo "### link-addr-list"
run "$EX/link-addr-list"

echo "### route-add-del"
run "$EX/route-add-del" add 10.1.2.3 va
echo "\$ ip route"
ip route
echo "(adding it again fails with the kernel's EEXIST:)"
"$EX/route-add-del" add 10.1.2.3 va || true
run "$EX/route-add-del" del 10.1.2.3 va

echo "### sock-list (python3 holds a listener and a connection on 127.0.0.1:4242)"
if command -v python3 >/dev/null; then
	python3 - "$EX/sock-list" <<'PY' || failed=$((failed + 1))
import socket, subprocess, sys
l = socket.socket()
l.bind(("127.0.0.1", 4242))
l.listen()
c = socket.create_connection(("127.0.0.1", 4242))
a, _ = l.accept()
sys.exit(subprocess.run([sys.argv[1]]).returncode)
PY
else
	run "$EX/sock-list"
fi

echo "### usersock (receiver child, unicast and group 1 messages)"
run "$EX/usersock"

echo "### taskstats (a worker child, then the demo itself: CPU, I/O and memory accounting)"
run "$EX/taskstats"
exit $failed
NETNS

echo "### proc-events (initial namespace; starts /bin/true)"
"$EX/proc-events" || {
	echo "--- failed (exit status $?)"
	failed=$((failed + 1))
}
echo "network demos: $failed failed"
[ "$failed" -eq 0 ]

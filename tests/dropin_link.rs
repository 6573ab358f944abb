//! Drop-in check of libnlrs's own libnl-route-3 (the `route` cargo feature) under Debian's
//! libnl-utils link tools: the same script runs twice, as root, each time in a throw-away
//! network namespace:
//!
//! * with Debian's libnl (all three sonames real);
//! * with `libnl-3.so.200`, `libnl-genl-3.so.200` and `libnl-route-3.so.200` all pointing to
//!   libnlrs built with `--features route` (`target/route`; a run with `LD_DEBUG=libs` proves
//!   the loader took the route soname from there).
//!
//! The script lists the links in every format and filter `nl-link-list` has (plain,
//! `--details`, `--stats`, the bridge and inet6 families, by name and MTU), reads counters
//! with `nl-link-stats`, translates names and indexes, changes links with `nl-link-set`
//! (MTU, queue length, alias, rename, state, an unknown link, an invalid MTU), enslaves and
//! releases ports with `nl-link-enslave` / `nl-link-release` (also the wrong way round), and
//! records
//! `nl-monitor link` while links are added, enslaved, released, changed and deleted. stdout,
//! stderr and the exit code of every step must match, and so must the kernel state afterwards
//! as `ip -d link show` prints it. Values that vary between two namespaces are masked: the
//! bridge's timers and the IPv6 creation stamp and reachable time. Links stay down while
//! counters are printed, so no traffic changes them.
//!
//! A second test runs another Debian program that links libnl-route-3 for links:
//! `netsniff-ng` (package netsniff-ng) dissecting a pcap file of the kernel's link messages
//! (tests/dropin_link/links.pcap, made by make-links-pcap.py there), which names link flags,
//! operational states and modes with `rtnl_link_flags2str`, `rtnl_link_operstate2str` and
//! `rtnl_link_mode2str` (and needs `rtnl_addr_flags2str` to load); its output with libnl and
//! with libnlrs must be the same (the elapsed time it prints masked).
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be
//! created or when the tools are missing; with `CI=true` those are failures.

mod common;

use std::path::Path;
use std::process::Command;

const TOOLS: [&str; 10] = [
    "nl-link-list",
    "nl-link-enslave",
    "nl-link-release",
    "nl-link-set",
    "nl-link-stats",
    "nl-link-name2ifindex",
    "nl-link-ifindex2name",
    "nl-monitor",
    "stdbuf",
    "ip",
];

/// Namespace set-up: a bridge with a port, spare links of the kinds this kernel has, fixed
/// addresses so the outputs compare, everything down (no traffic moves the counters).
const SETUP: &str = "\
ip link set lo up
ip link add br0 address 02:00:00:00:00:10 type bridge
ip link add ifb0 address 02:00:00:00:00:30 type ifb
ip link add ifb1 address 02:00:00:00:00:31 type ifb
ip link set ifb0 master br0
ip link add mv0 link ifb1 address 02:00:00:00:00:20 type macvlan mode bridge
ip tuntap add tap0 mode tap
ip link set dev tap0 address 02:00:00:00:00:40";

/// The tool invocations, in order (each sees the state the previous ones left).
const STEPS: &[&str] = &[
    "nl-link-list",
    "nl-link-list --details",
    "nl-link-list --stats",
    "nl-link-list --family bridge",
    "nl-link-list --family bridge --details",
    "nl-link-list --family bridge --stats",
    "nl-link-list --family inet6 --details",
    "nl-link-list --name br0 --details",
    "nl-link-list --mtu 1500",
    "nl-link-list --index 3 --details",
    "nl-link-stats",
    "nl-link-stats --name ifb0",
    "nl-link-stats --name ifb0 rx_packets tx_bytes multicast Ip6InReceives",
    "nl-link-name2ifindex br0",
    "nl-link-name2ifindex nosuch",
    "nl-link-ifindex2name 2",
    "nl-link-ifindex2name 99",
    "nl-link-set --name ifb1 --mtu 1400",
    "nl-link-set --name ifb1 --txqlen 7",
    "nl-link-set --name ifb1 --ifalias hello",
    "nl-link-set --name tap0 --rename tapx",
    "nl-link-set --index 4 --mtu 1300",
    "nl-link-set --name nosuch --mtu 1400",
    "nl-link-set --name mv0 --mtu 10",
    "nl-link-list --details",
    "nl-link-set --name ifb1 --state up",
    "nl-link-set --name ifb1 --state down",
    "nl-link-enslave br0 ifb1",
    "ip -o link show ifb1",
    "nl-link-release ifb1",
    "ip -o link show ifb1",
    "nl-link-enslave ifb1 br0",
    "nl-link-enslave br0 tapx",
    "nl-link-list",
];

/// The monitor: events of links added, enslaved, released, changed and deleted.
const MONITOR: &str = "\
stdbuf -oL nl-monitor link > mon.out 2>&1 &
pid=$!
sleep 0.5
ip link set tapx mtu 1400
ip link add ifb7 address 02:00:00:00:00:77 type ifb
ip link set ifb7 master br0
ip link set ifb7 nomaster
ip link del ifb7
ip link set ifb1 alias xyz
sleep 0.5
kill $pid
wait $pid
echo \"== monitor exit $?\"
cat mon.out";

/// What the reference run must show (so two equally broken runs cannot pass).
const EXPECT: [&str; 7] = [
    "tapx: <BROADCAST,MULTICAST> mtu 1400 qdisc noop master br0",
    "bridge ifb0 ether 02:00:00:00:00:30 master br0",
    "    bridge: port-state 0 prio 32 cost 100 flood,learning",
    "ipv4 devconf:",
    "ifb1: <BROADCAST,NOARP> mtu 1300",
    "alias hello",
    "ifb7 ether 02:00:00:00:00:77 master br0",
];

use common::ScriptRun as Run;

fn script(dir: &Path) -> String {
    let mut s = format!("set -e\ncd {}\n{SETUP}\nset +e\n", dir.display());
    for (i, step) in STEPS.iter().enumerate() {
        s.push_str(&format!(
            "echo '== {i}: {step}'; echo '== {i}' >&2; {step}; echo \"== exit $?\"\n"
        ));
    }
    // (The shell's own job messages, "Terminated", come and go with timing: not compared.)
    s.push_str(&format!("echo '== monitor'\n(\n{MONITOR}\n) 2>/dev/null\n"));
    s.push_str("echo '== state'; ip -d link show\n");
    s
}

fn run_in_netns(script: &str, env: &[(&str, String)]) -> Run {
    let out = Command::new("unshare")
        .args(["-n", "sh", "-c", script])
        .env_remove("NLDBG")
        .env_remove("NLCB")
        .env_remove("LD_DEBUG")
        .env_remove("LD_LIBRARY_PATH")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("run unshare");
    Run {
        stdout: mask(&String::from_utf8_lossy(&out.stdout)),
        stderr: mask(&String::from_utf8_lossy(&out.stderr)),
        code: out.status.code(),
    }
}

/// Replaces the number (digits, dots) after each `mark` and its spaces with `N`.
fn mask_after(text: &str, mark: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(mark) {
        let (head, tail) = rest.split_at(i + mark.len());
        out.push_str(head);
        let spaces = tail.len() - tail.trim_start_matches(' ').len();
        let after = &tail[spaces..];
        let n = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        out.push_str(&tail[..spaces]);
        if n > 0 {
            out.push('N');
        }
        rest = &after[n..];
    }
    out.push_str(rest);
    out
}

/// Masks what differs between two namespaces: the bridge's timers, the IPv6 creation stamp
/// and the (randomised) reachable time, whose text runs up to ` retrans-time`.
fn mask(text: &str) -> String {
    let t = mask_after(text, "_timer");
    let t = mask_after(&t, "create-stamp ");
    t.lines()
        .map(
            |l| match (l.find("reachable-time "), l.find(" retrans-time")) {
                (Some(a), Some(b)) if a < b => {
                    format!("{}reachable-time N{}", &l[..a], &l[b..])
                }
                _ => l.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

/// The loader trace: every libnl soname from `dir` (libnlrs).
fn check_loader(dir: &Path) {
    let out = Command::new("unshare")
        .args([
            "-n",
            "sh",
            "-c",
            "ip link set lo up && exec nl-link-list --name lo",
        ])
        .env_remove("NLDBG")
        .env_remove("NLCB")
        .env("LD_LIBRARY_PATH", dir)
        .env("LD_DEBUG", "libs")
        .output()
        .expect("run unshare");
    let log = String::from_utf8_lossy(&out.stderr);
    // The three sonames are one file: the loader maps it once (as libnl-3.so.200) and finds
    // the others there.
    let d = dir.display();
    for want in [
        format!("calling init: {d}/libnl-3.so.200"),
        format!("trying file={d}/libnl-route-3.so.200"),
    ] {
        assert!(
            log.contains(&want),
            "nl-link-list: no '{want}' (exit {:?}):\n{log}",
            out.status.code()
        );
    }
    assert!(
        !log.lines().any(|l| l.contains("calling init: /")
            && l.contains("libnl-route-3")
            && !l.contains(&d.to_string())),
        "Debian's libnl-route-3 was loaded:\n{log}"
    );
}

#[test]
fn debian_link_tools_run_on_libnlrs_route() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return common::skip_or_fail("dropin_link: not root");
    }
    if let Some(why) = common::netns_unavailable() {
        return common::skip_or_fail(&format!("dropin_link: {why}"));
    }
    for t in TOOLS {
        if !common::have(t) {
            return common::skip_or_fail(&format!(
                "dropin_link: {t} missing (install libnl-utils, iproute2, coreutils)"
            ));
        }
    }
    let lib = common::build_route_lib(&common::env().root);
    check_loader(&lib);
    let (wdir, gdir) = (
        common::scratch("dropin-link-ref"),
        common::scratch("dropin-link-ours"),
    );
    let want = run_in_netns(&script(&wdir), &[]);
    let got = run_in_netns(
        &script(&gdir),
        &[("LD_LIBRARY_PATH", lib.display().to_string())],
    );
    common::assert_same_runs(&want, &got, &EXPECT, "dropin-link-out");
}

#[test]
fn netsniff_ng_dissects_link_messages_on_libnlrs_route() {
    if !common::have("netsniff-ng") {
        return common::skip_or_fail("dropin_link: netsniff-ng missing (install netsniff-ng)");
    }
    let e = common::env();
    let pcap = e.root.join("tests/dropin_link/links.pcap");
    let lib = common::build_route_lib(&e.root);
    let run = |ours: bool| {
        let mut c = Command::new("netsniff-ng");
        c.arg("--in").arg(&pcap).env_remove("LD_LIBRARY_PATH");
        if ours {
            c.env("LD_LIBRARY_PATH", &lib);
        }
        let out = c.output().expect("run netsniff-ng");
        let text = |b: &[u8]| {
            String::from_utf8_lossy(b)
                .lines()
                .map(|l| {
                    if l.contains("usec in total") {
                        "TIME"
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        (text(&out.stdout), text(&out.stderr), out.status.code())
    };
    let (want, got) = (run(false), run(true));
    assert!(
        want.2 == Some(0) && want.0.contains("broadcast,noarp,up,running,lowerup"),
        "netsniff-ng with libnl did not dissect the file: {want:?}"
    );
    assert_eq!(want, got, "netsniff-ng: libnl and libnlrs differ");
}

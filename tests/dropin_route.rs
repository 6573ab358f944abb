//! Drop-in check of Debian's REAL libnl-route-3 on top of libnlrs: the libnl-utils tools
//! `nl-link-set`, `nl-link-enslave`, `nl-link-release` and `nl-route-add` (libnl-route reads
//! members of `struct nl_msg` such as `nm_nlh` directly, in `rtnl_link_change` and when it
//! builds multipath nexthops) run the same script twice, each time as root in a throw-away
//! network namespace:
//!
//! * with Debian's libnl (all three sonames real);
//! * with `libnl-3.so.200` and `libnl-genl-3.so.200` pointing to our `libnlrs.so` and
//!   `libnl-route-3.so.200` pointing to Debian's real file (a directory of symlinks on
//!   `LD_LIBRARY_PATH`). A run with `LD_DEBUG=libs` proves the loader took the two core sonames
//!   from our directory and that the route library there is Debian's.
//!
//! The script builds veth pairs and a bridge with fixed MAC addresses, then changes MTU, queue
//! length, alias, state and name with `nl-link-set`, enslaves a veth into the bridge and
//! releases it, adds routes with one and two nexthops with `nl-route-add`, and includes
//! failing calls (unknown link, invalid MTU, wrong enslave order, a duplicate route). stdout,
//! stderr and the exit code of every step must match, and so must the kernel state afterwards
//! as `ip -d link show` / `ip route show` print it (bridge timers masked). The reference run
//! must show the changes really happened.
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be
//! created or when the tools are missing; with `CI=true` those are failures.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const TOOLS: [&str; 5] = [
    "nl-link-set",
    "nl-link-enslave",
    "nl-link-release",
    "nl-route-add",
    "ip",
];
/// The sonames pointed at libnlrs.
const OURS: [&str; 2] = ["libnl-3.so.200", "libnl-genl-3.so.200"];
/// Debian's real library kept on top.
const ROUTE: &str = "libnl-route-3.so.200";

/// Namespace set-up: two veth pairs and a bridge, fixed addresses so the outputs compare. The
/// bridge keeps a port of its own that stays up (veth2), so its carrier never changes later:
/// a bridge's operational state follows its carrier with up to a second of delay.
const SETUP: &str = "\
ip link set lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth0p address 02:00:00:00:00:02
ip link add veth1 address 02:00:00:00:00:03 type veth peer name veth1p address 02:00:00:00:00:04
ip link add veth2 address 02:00:00:00:00:06 type veth peer name veth2p address 02:00:00:00:00:07
ip link add br0 address 02:00:00:00:00:05 type bridge
ip link set veth2 master br0
for l in veth0 veth0p veth1 veth1p veth2 veth2p br0; do ip link set $l up; done
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.1.0.1/24 dev veth1";

/// Waits (at most 10 s) until every link's operational state agrees with its carrier: the
/// kernel updates the former asynchronously, and the tools print it (`running`).
const SETTLE: &str = r#"settle() {
    i=0
    while [ $i -lt 100 ]; do
        ip -o link show | awk '{
            f = $3; st = "";
            for (k = 4; k < NF; k++) if ($k == "state") st = $(k + 1);
            up = (f ~ /[<,]UP[,>]/); lower = (f ~ /LOWER_UP/);
            if (up && lower && (st == "DOWN" || st == "LOWERLAYERDOWN")) bad = 1;
            if (up && !lower && st == "UP") bad = 1;
        } END { exit bad }' && return 0
        sleep 0.1
        i=$((i + 1))
    done
    echo "links did not settle" >&2
}"#;

/// The tool invocations, in order (each sees the state the previous ones left).
const STEPS: [&str; 22] = [
    "nl-link-set --name veth0 --mtu 1400",
    "nl-link-set --name veth0 --txqlen 500",
    "nl-link-set --name veth0 --ifalias uplink-0",
    "nl-link-set --index 3 --mtu 1300",
    "nl-link-set --name veth0p --state down",
    "nl-link-set --name veth0p --state up",
    "nl-link-set --name veth1p --rename vport1",
    "nl-link-set --name vport1 --mtu 1280 --txqlen 200 --state down",
    "nl-link-set --name nosuch --mtu 1400",
    "nl-link-set --name veth0 --mtu 10",
    "nl-link-enslave br0 veth1",
    "ip -o link show veth1",
    "nl-link-release veth1",
    "ip -o link show veth1",
    "nl-link-enslave veth1 br0",
    "nl-link-enslave br0 veth0p",
    "nl-route-add --dst 10.9.0.0/24 --nexthop dev=veth0,via=10.0.0.2 \
     --nexthop dev=veth1,via=10.1.0.2",
    "nl-route-add --dst 10.8.0.0/24 --nexthop dev=veth0,via=10.0.0.3,weight=3 \
     --nexthop dev=veth1,via=10.1.0.3,weight=2",
    "nl-route-add --dst 10.7.0.0/24 --nexthop dev=veth0,via=10.0.0.4",
    "nl-route-add --dst 10.6.0.0/24 --nexthop dev=veth0 --nexthop dev=veth1",
    "nl-route-add --dst 10.9.0.0/24 --nexthop dev=veth0,via=10.0.0.2 \
     --nexthop dev=veth1,via=10.1.0.2",
    "nl-route-add --dst 10.5.0.0/24 --table 100 --nexthop dev=veth0,via=10.0.0.5 \
     --nexthop dev=veth1,via=10.1.0.5",
];

/// What the reference run must show afterwards (so two equally broken runs cannot pass).
const EXPECT: [&str; 8] = [
    "veth0@veth0p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1300",
    "alias uplink-0",
    "vport1@veth1: <BROADCAST,MULTICAST> mtu 1280",
    "veth0p@veth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0",
    "10.9.0.0/24 proto static",
    "nexthop via 10.1.0.2 dev veth1 weight 1",
    // libnl-route passes the weight as the kernel's hop count, which is weight - 1.
    "nexthop via 10.0.0.3 dev veth0 weight 4",
    "nexthop via 10.1.0.5 dev veth1 weight 1",
];

use common::ScriptRun as Run;

/// The whole script: set-up, each step between markers on both streams with its exit code,
/// then the kernel state. Every step is followed by [`SETTLE`].
fn script() -> String {
    let mut s = format!("{SETTLE}\nset -e\n{SETUP}\nset +e\nsettle\n");
    for (i, step) in STEPS.iter().enumerate() {
        s.push_str(&format!(
            "echo '== {i}: {step}'; echo '== {i}' >&2; {step}; echo \"== exit $?\"; settle\n"
        ));
    }
    s.push_str(
        "echo '== state'; ip -d link show; ip route show; ip route show table 100; \
         ip link show master br0\n",
    );
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

/// Masks what varies between runs: the values of the bridge's timers (`gc_timer  297.46`).
fn mask(text: &str) -> String {
    const MARK: &str = "_timer";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        let (head, tail) = rest.split_at(i + MARK.len());
        out.push_str(head);
        let spaces = tail.len() - tail.trim_start_matches(' ').len();
        let after = &tail[spaces..];
        let n = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        out.push_str(&tail[..spaces]);
        if spaces > 0 && n > 0 {
            out.push('N');
            rest = &after[n..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Debian's real `libnl-route-3.so.200`, as the loader cache knows it.
fn system_route_lib() -> Option<PathBuf> {
    let out = Command::new("ldconfig").arg("-p").output().ok()?;
    String::from_utf8_lossy(&out.stdout).lines().find_map(|l| {
        let l = l.trim();
        if l.starts_with(&format!("{ROUTE} ")) && l.contains("x86-64") {
            l.split("=> ").nth(1).map(|p| PathBuf::from(p.trim()))
        } else {
            None
        }
    })
}

/// The file the loader took for `soname` according to an `LD_DEBUG=libs` log: the last
/// `trying file=` of its search, or, when it came from the loader cache, the cache's answer.
fn loaded_from(log: &str, soname: &str) -> Option<String> {
    let mut found = None;
    let mut searching = false;
    for l in log.lines() {
        if l.contains("find library=") {
            searching = l.contains(&format!("find library={soname} "));
        } else if searching && l.contains("trying file=") {
            found = l.split("trying file=").nth(1).map(|f| f.trim().to_string());
        }
    }
    found
}

/// The loader trace: our core sonames from `dir`, the route library resolving to Debian's.
fn check_loader(dir: &Path, ours: &Path, route: &Path) {
    let env = [
        ("LD_LIBRARY_PATH", dir.display().to_string()),
        ("LD_DEBUG", "libs".to_string()),
    ];
    let out = Command::new("unshare")
        .args([
            "-n",
            "sh",
            "-c",
            "ip link set lo up && exec nl-link-set --name lo --mtu 65536",
        ])
        .env_remove("NLDBG")
        .env_remove("NLCB")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("run unshare");
    let log = String::from_utf8_lossy(&out.stderr);
    for n in OURS.iter().chain([&ROUTE]) {
        let want = dir.join(n).display().to_string();
        let from = loaded_from(&log, n);
        // The tools do not link libnl-genl-3; if anything loads it, it must be ours.
        if from.is_none() && *n == "libnl-genl-3.so.200" {
            continue;
        }
        assert_eq!(
            from.as_deref(),
            Some(want.as_str()),
            "nl-link-set did not load {n} from {} (exit {:?}):\n{log}",
            dir.display(),
            out.status.code()
        );
        assert!(
            !log.lines()
                .any(|l| l.contains("calling init: /") && l.contains(n) && !l.contains(&want)),
            "{n} initialised from elsewhere:\n{log}"
        );
    }
    assert!(
        log.contains(&format!("calling init: {}/libnl-3.so.200", dir.display())),
        "libnlrs (as libnl-3.so.200) was never initialised:\n{log}"
    );
    assert!(
        log.contains(&format!("calling init: {}/{ROUTE}", dir.display())),
        "Debian's libnl-route-3 was never initialised from {}:\n{log}",
        dir.display()
    );
    let canon = |p: &Path| std::fs::canonicalize(p).expect("resolve symlink");
    for n in OURS {
        assert_eq!(canon(&dir.join(n)), canon(ours), "{n} is not libnlrs");
    }
    assert_eq!(canon(&dir.join(ROUTE)), canon(route));
    assert_ne!(canon(route), canon(ours), "{ROUTE} must be Debian's");
}

#[test]
fn debian_libnl_route_runs_on_libnlrs() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return common::skip_or_fail("dropin_route: not root");
    }
    let probe = Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        return common::skip_or_fail("dropin_route: cannot create network namespaces");
    }
    for t in TOOLS {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {t} >/dev/null")])
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            return common::skip_or_fail(&format!(
                "dropin_route: {t} missing (install libnl-utils, iproute2)"
            ));
        }
    }
    let Some(route) = system_route_lib() else {
        return common::skip_or_fail(&format!(
            "dropin_route: Debian's {ROUTE} not found (install libnl-route-3-200)"
        ));
    };
    let so = common::env().lib.clone();
    let dir = common::scratch("dropin-route-lib");
    for n in OURS {
        std::os::unix::fs::symlink(&so, dir.join(n)).expect("symlink soname");
    }
    std::os::unix::fs::symlink(&route, dir.join(ROUTE)).expect("symlink libnl-route");
    check_loader(&dir, &so, &route);

    let script = script();
    let want = run_in_netns(&script, &[]);
    let got = run_in_netns(&script, &[("LD_LIBRARY_PATH", dir.display().to_string())]);
    common::assert_same_runs(&want, &got, &EXPECT, "dropin-route-out");
    eprintln!("ok {} steps and the kernel state", STEPS.len());
}

#[test]
fn masking() {
    assert_eq!(
        mask("hello_timer    0.00 gc_timer 297.46\n x_timer 1.5 y 2.0 z_timer"),
        "hello_timer    N gc_timer N\n x_timer N y 2.0 z_timer"
    );
}

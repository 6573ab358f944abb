//! Drop-in check of the cache manager's events through Debian's `nl-monitor` (libnl-utils,
//! linked with libnl-cli-3 and libnl-route-3), for the object types beyond links (links are
//! in tests/dropin_link.rs): the same script runs twice, each time as root in a throw-away
//! network namespace, once with Debian's libnl and once with all three libnl sonames
//! pointing to libnlrs built with the `route` feature. `nl-monitor` listens to the groups of
//! each step while `ip` adds, changes and deletes objects; its output (the events as the
//! cache manager reports them, objects dumped in the details format) and exit status must
//! match. What differs between two namespaces is masked: the creation and update stamps of
//! addresses.
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be
//! created or when the tools are missing; with `CI=true` those are failures.

mod common;

use std::path::Path;
use std::process::Command;

use common::ScriptRun as Run;

/// Namespace set-up: a veth pair, one end up.
const SETUP: &str = "\
ip link set lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip link set veth0 up";

/// One monitor run: the groups `nl-monitor` joins and the commands whose events it sees.
struct Watch {
    groups: &'static str,
    commands: &'static str,
}

const WATCHES: &[Watch] = &[Watch {
    groups: "ipv4-ifaddr ipv6-ifaddr",
    commands: "\
ip addr add 10.1.0.1/24 dev veth0
ip addr add 10.1.0.2/24 dev veth0
ip addr add 2001:db8::1/64 dev veth0 nodad
ip addr del 10.1.0.1/24 dev veth0
ip addr change 10.1.0.2/24 dev veth0 valid_lft 100 preferred_lft 50
ip addr add 10.2.0.1 peer 10.2.0.2/30 dev veth1 label veth1:p",
}];

/// What the reference run must show (so two equally broken runs cannot pass).
const EXPECT: [&str; 4] = [
    "10.1.0.2/24 inet dev veth0 scope global <secondary,permanent>",
    "2001:db8::1/64 inet6 dev veth0 scope global <nodad,permanent>",
    "valid-lifetime 1m 40s preferred-lifetime 50s",
    "label veth1:p",
];

fn script(dir: &Path) -> String {
    let mut s = format!("set -e\ncd {}\n{SETUP}\nset +e\n", dir.display());
    for (i, w) in WATCHES.iter().enumerate() {
        // (The shell's own job messages, "Terminated", come and go with timing: not
        // compared.)
        s.push_str(&format!(
            "echo '== {i}: nl-monitor {g}'\n(\nstdbuf -oL nl-monitor {g} > mon.out 2>&1 &\n\
             pid=$!\nsleep 0.5\n{c}\nsleep 0.5\nkill $pid\nwait $pid\necho \"== monitor exit $?\"\n\
             cat mon.out\n) 2>/dev/null\n",
            g = w.groups,
            c = w.commands
        ));
    }
    s
}

/// Masks the clock: an address's "created ... last-updated ..." line.
fn mask(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("created boot-time+") {
                "   created N last-updated N".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_in_netns(script: &str, lib: Option<&Path>) -> Run {
    let mut c = Command::new("unshare");
    c.args(["-n", "sh", "-c", script])
        .env_remove("NLDBG")
        .env_remove("NLCB")
        .env_remove("LD_LIBRARY_PATH");
    if let Some(l) = lib {
        c.env("LD_LIBRARY_PATH", l);
    }
    let out = c.output().expect("run unshare");
    Run {
        stdout: mask(&String::from_utf8_lossy(&out.stdout)),
        stderr: mask(&String::from_utf8_lossy(&out.stderr)),
        code: out.status.code(),
    }
}

#[test]
fn monitor_events_match_libnl() {
    let e = common::env();
    if let Some(why) = common::netns_unavailable() {
        common::skip_or_fail(&format!("dropin_monitor: {why}"));
        return;
    }
    for t in ["nl-monitor", "stdbuf", "ip"] {
        if !common::have(t) {
            common::skip_or_fail(&format!(
                "dropin_monitor: {t} missing (install libnl-utils)"
            ));
            return;
        }
    }
    let lib = common::build_route_lib(&e.root);
    let dir = common::scratch("dropin_monitor");
    let (rd, od) = (dir.join("libnl"), dir.join("libnlrs"));
    for d in [&rd, &od] {
        std::fs::create_dir_all(d).expect("create run directory");
    }
    let want = run_in_netns(&script(&rd), None);
    let got = run_in_netns(&script(&od), Some(&lib));
    common::assert_same_runs(&want, &got, &EXPECT, "dropin_monitor.diff");
}

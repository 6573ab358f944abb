//! Drop-in check of libnlrs's libnl-route-3 addresses (`netlink/route/addr.h`, built with the
//! `route` feature): Debian's libnl-utils address tools `nl-addr-add`, `nl-addr-list` and
//! `nl-addr-delete` (through Debian's libnl-cli-3) run the same script twice, each time as
//! root in a throw-away network namespace: once with Debian's libnl, once with all three
//! sonames (`libnl-3`, `libnl-genl-3`, `libnl-route-3`) pointing to libnlrs. The script adds
//! IPv4 and IPv6 addresses (one a duplicate), lists them in several ways (per link and
//! family, by local address, the loopback's in detail) and deletes one twice; stdout, stderr
//! and the exit status must match.
//!
//! A second test runs another Debian package that reads links and addresses through
//! libnl-route-3, python3-ethtool (`ethtool.get_interfaces_info` and the per-device calls),
//! the same way.
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be
//! created or when the tools are missing; with `CI=true` those are failures.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

const SCRIPT: &str = "\
ip link set lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip link set veth0 up
nl-addr-add --dev veth0 --local 10.7.0.1/24 --broadcast 10.7.0.255 --label veth0:x; echo rc $?
nl-addr-add --dev veth1 --local 10.8.0.1/32 --peer 10.8.0.2/30 --scope link; echo rc $?
nl-addr-add --dev veth0 --local 2001:db8::9/64; echo rc $?
nl-addr-add --dev veth0 --local 10.7.0.1/24; echo rc $?
nl-addr-add --dev nosuch --local 10.9.0.1/24; echo rc $?
nl-addr-list --dev veth0 --family inet; echo rc $?
nl-addr-list --dev veth1; echo rc $?
nl-addr-list --family inet6 --local 2001:db8::9/64; echo rc $?
nl-addr-list --dev lo --details | grep -v 'created\\|lifetime'; echo rc $?
nl-addr-list --label veth0:x --details | grep -v 'created'; echo rc $?
nl-addr-delete --dev veth0 --local 10.7.0.1/24; echo rc $?
nl-addr-delete --dev veth0 --local 10.7.0.1/24; echo rc $?
nl-addr-list --dev veth0 --family inet; echo rc $?";

/// Runs [`SCRIPT`] in a new network namespace, with `lib` first on the library path.
fn run(lib: Option<&Path>) -> Run {
    let mut c = Command::new("unshare");
    c.args(["-n", "sh", "-c", SCRIPT])
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("NLDBG")
        .env_remove("NLCB");
    if let Some(l) = lib {
        c.env("LD_LIBRARY_PATH", l);
    }
    run_command(c, Duration::from_secs(120))
}

#[test]
fn addr_tools_match_libnl() {
    let e = env();
    if let Some(why) = netns_unavailable() {
        skip_or_fail(&format!("dropin_addr: {why}"));
        return;
    }
    for t in ["nl-addr-add", "nl-addr-list", "nl-addr-delete", "ip"] {
        if !have(t) {
            skip_or_fail(&format!("dropin_addr: {t} missing (install libnl-utils)"));
            return;
        }
    }
    let lib = build_route_lib(&e.root);
    let out = scratch("dropin_addr");
    let r = run(None);
    assert_eq!(
        r.code,
        Some(0),
        "reference run failed: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(
        String::from_utf8_lossy(&r.stdout).contains("Deleted 1 addresses"),
        "the reference run did not delete the address"
    );
    let o = run(Some(&lib));
    if let Some(d) = compare_runs(&r, &o, "libnl", "libnlrs", &out) {
        panic!("{d}");
    }
}

/// The python3-ethtool script: addresses of three links read through the module's
/// `get_interfaces_info` (libnl-route-3's link and address caches) and its per-device calls.
const ETHTOOL_SCRIPT: &str = r#"
ip link set lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip link set veth0 up
ip addr add 10.1.0.1/24 brd + dev veth0
ip addr add 10.1.0.2/24 dev veth0
ip addr add 2001:db8::1/64 dev veth0 nodad
ip addr add 10.2.0.1 peer 10.2.0.2/30 dev veth1
/usr/bin/python3 - <<'PY'
import ethtool
devs = sorted(ethtool.get_devices())
print(devs)
for i in sorted(ethtool.get_interfaces_info(devs), key=lambda i: i.device):
    print(i.device, i.mac_address, i.ipv4_address, i.ipv4_netmask, i.ipv4_broadcast, str(i))
    for a in i.get_ipv4_addresses():
        print("  v4", str(a), a.address, a.netmask, a.broadcast, a.scope)
    for a in i.get_ipv6_addresses():
        print("  v6", str(a), a.address, a.netmask, a.scope)
for d in devs:
    for f in ("get_ipaddr", "get_netmask", "get_broadcast", "get_hwaddr", "get_flags"):
        try:
            print(d, f, getattr(ethtool, f)(d))
        except Exception as e:
            print(d, f, "error", e)
try:
    print("nosuch", len(ethtool.get_interfaces_info("nosuch")))
except Exception as e:
    print("nosuch error", e)
PY
"#;

/// Another Debian package that reads addresses through libnl-route-3: python3-ethtool
/// (`ethtool.get_interfaces_info`), the same script with Debian's libnl and with libnlrs.
#[test]
fn python_ethtool_matches_libnl() {
    let e = env();
    if let Some(why) = netns_unavailable() {
        skip_or_fail(&format!("dropin_addr (python3-ethtool): {why}"));
        return;
    }
    let module = Path::new("/usr/lib/python3/dist-packages");
    let have_module = std::fs::read_dir(module)
        .map(|d| {
            d.filter_map(|e| e.ok()).any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("ethtool.cpython")
            })
        })
        .unwrap_or(false);
    if !have_module || !Path::new("/usr/bin/python3").exists() {
        skip_or_fail("dropin_addr: python3-ethtool missing (install python3-ethtool)");
        return;
    }
    let lib = build_route_lib(&e.root);
    let out = scratch("dropin_addr_ethtool");
    let run = |lib: Option<&Path>| {
        let mut c = Command::new("unshare");
        c.args(["-n", "sh", "-c", ETHTOOL_SCRIPT])
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("NLDBG")
            .env_remove("NLCB");
        if let Some(l) = lib {
            c.env("LD_LIBRARY_PATH", l);
        }
        run_command(c, Duration::from_secs(120))
    };
    let r = run(None);
    assert_eq!(
        r.code,
        Some(0),
        "reference run failed: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    let text = String::from_utf8_lossy(&r.stdout);
    for want in [
        "IPv4 address: 10.1.0.1/24\tBroadcast: 10.1.0.255",
        "peer_address='10.2.0.2'",
        "address='2001:db8::1/64', scope=global",
    ] {
        assert!(text.contains(want), "reference run lacks {want:?}:\n{text}");
    }
    let o = run(Some(&lib));
    if let Some(d) = compare_runs(&r, &o, "libnl", "libnlrs", &out) {
        panic!("{d}");
    }
}

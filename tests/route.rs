//! libnl-route-3 as libnlrs builds it with the `route` cargo feature (see src/ffi/route/mod.rs):
//! every program in tests/route/ is built against libnl's headers twice — linked with Debian's
//! libnl-route-3, and linked with libnlrs built with `--features route` (its own target
//! directory, `target/route`, so the default build the other tests use stays as it is) — and
//! run as root in a throw-away network namespace set up by [`SETUP`]. Exit status and stdout
//! must be identical, except for programs with a `.expected` file, whose output departs from
//! libnl's on purpose (their comment says how): ours must equal that file. A program with a
//! `.setup` file runs those shell commands after [`SETUP`] (in both runs).
//! `NLRS_ROUTE_ONLY=<text>` runs only the programs whose file name contains it. With
//! `NLRS_VALGRIND=1` our runs also go through valgrind (leaks and memory errors fail).
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be
//! created or when libnl's development files are missing; with `CI=true` those are failures.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

/// Links every kind this kernel has that the link module handles so far, with fixed
/// addresses so the outputs compare.
const SETUP: &str = "\
ip link set lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip link add br0 address 02:00:00:00:00:10 type bridge
ip link set veth0 master br0
ip link add mv0 link veth1 address 02:00:00:00:00:20 type macvlan mode bridge
ip link add mt0 link veth1 address 02:00:00:00:00:21 type macvtap mode vepa
ip link add ifb0 address 02:00:00:00:00:30 type ifb
ip tuntap add tap0 mode tap
ip link set dev tap0 address 02:00:00:00:00:40
ip link set veth0 up
ip link set veth1 up
ip link set mv0 up
ip link set veth1 alias 'my alias'
ip link set veth1 mtu 1400";

/// Runs `bin` in a new network namespace after [`SETUP`] and the program's own setup
/// (`extra`: the contents of its `.setup` file, shell commands).
fn run_in_netns(bin: &Path, extra: &str, valgrind: bool) -> Run {
    let script = format!(
        "set -e\n{SETUP}\n{extra}\n{}",
        if valgrind {
            "exec valgrind --error-exitcode=66 --leak-check=full \
             --errors-for-leak-kinds=definite -q \"$0\""
        } else {
            "exec \"$0\""
        }
    );
    let mut c = Command::new("unshare");
    c.args(["-n", "sh", "-c", &script])
        .arg(bin)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("NLDBG")
        .env_remove("NLCB");
    run_command(c, Duration::from_secs(120))
}

fn one(
    src: &Path,
    out: &Path,
    flags: &[String],
    cflags: &[String],
    lib: &Path,
) -> Result<(), String> {
    let stem = src
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let (rb, ob) = (
        out.join(format!("{stem}.ref")),
        out.join(format!("{stem}.ours")),
    );
    cc_ref(src, &rb, flags)?;
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"])
        .args(cflags)
        .arg(src)
        .arg(format!("-L{}", lib.display()))
        .arg("-lnlrs")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-o")
        .arg(&ob);
    compile(c)?;
    let setup_file = src.with_extension("setup");
    let extra = if setup_file.exists() {
        std::fs::read_to_string(&setup_file)
            .map_err(|e| format!("read {}: {e}", setup_file.display()))?
    } else {
        String::new()
    };
    let expected = src.with_extension("expected");
    if expected.exists() {
        // A program whose output departs from libnl's on purpose (its comment says how).
        let want =
            std::fs::read(&expected).map_err(|e| format!("read {}: {e}", expected.display()))?;
        let o = run_in_netns(&ob, &extra, valgrind());
        let want = Run {
            stdout: want,
            stderr: Vec::new(),
            status: "exit 0".into(),
            code: Some(0),
        };
        return match compare_runs(&want, &o, "expected", "libnlrs", out) {
            None => Ok(()),
            Some(d) => Err(format!("{d}\nour stderr:\n{}", clip(&o.stderr, 4000))),
        };
    }
    let r = run_in_netns(&rb, &extra, false);
    if r.code != Some(0) {
        return Err(format!(
            "reference run failed ({}):\n{}",
            r.status,
            String::from_utf8_lossy(&r.stderr)
        ));
    }
    let o = run_in_netns(&ob, &extra, valgrind());
    match compare_runs(&r, &o, "libnl", "libnlrs", out) {
        None => Ok(()),
        Some(d) => Err(format!("{d}\nour stderr:\n{}", clip(&o.stderr, 4000))),
    }
}

#[test]
fn route_programs_match_libnl() {
    let e = env();
    // NLRS_ROUTE_ONLY=<substring> runs only the programs whose file name contains it.
    let only = std::env::var("NLRS_ROUTE_ONLY").unwrap_or_default();
    let files: Vec<_> = c_files(&e.root.join("tests/route"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(only.as_str()))
        .collect();
    assert!(!files.is_empty(), "tests/route has no programs");
    if let Some(why) = netns_unavailable() {
        skip_or_fail(&format!("tests/route: {why}"));
        return;
    }
    let (Some(flags), Some(cflags)) = (
        pkg_config(&["libnl-route-3.0"]),
        Command::new("pkg-config")
            .args(["--cflags", "libnl-route-3.0"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .split_whitespace()
                    .map(String::from)
                    .collect::<Vec<_>>()
            }),
    ) else {
        skip_or_fail("tests/route need pkg-config and libnl-route-3-dev");
        return;
    };
    let lib = build_route_lib(&e.root);
    let out = scratch("route");
    let results: Vec<_> = files
        .iter()
        .map(|src| {
            let name = src
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, one(src, &out, &flags, &cflags, &lib))
        })
        .collect();
    report("tests/route", results);
}

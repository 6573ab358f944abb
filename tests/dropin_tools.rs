//! Drop-in check with Debian's libnl-utils tools: `nf-ct-list`, `nf-exp-list` and
//! `idiag-socket-details` must print the same and exit the same whether libnl-3, libnl-genl-3
//! and libnl-route-3 are Debian's or symlinks to our `libnlrs.so` (Debian's libnl-nf-3,
//! libnl-idiag-3 and libnl-cli-3 then load on top of libnlrs). Each run happens as root in a
//! throw-away network namespace with a listening TCP socket (python3) so idiag has something
//! to report. Conntrack tables may be empty there; the outputs are compared anyway.
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be
//! created or when the tools are missing; with `CI=true` those are failures.

mod common;

use std::path::Path;
use std::process::Command;

const TOOLS: [&str; 3] = ["nf-ct-list", "nf-exp-list", "idiag-socket-details"];
const SONAMES: [&str; 3] = [
    "libnl-3.so.200",
    "libnl-genl-3.so.200",
    "libnl-route-3.so.200",
];

fn skip_or_fail(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("dropin_tools cannot run in CI: {why}");
    }
    eprintln!("dropin_tools skipped: {why}");
}

fn run_in_netns(tool: &str, ld_path: Option<&Path>) -> (String, Option<i32>) {
    let env = ld_path.map_or(String::new(), |p| {
        format!("LD_LIBRARY_PATH={} ", p.display())
    });
    let script = format!(
        "ip link set lo up && \
         (python3 -c 'import socket,time; s=socket.socket(); s.bind((\"127.0.0.1\",4444)); \
          s.listen(); time.sleep(5)' >/dev/null 2>&1 &) && \
         for i in $(seq 100); do grep -q ' 0100007F:115C .* 0A ' /proc/net/tcp && break; \
         sleep 0.05; done && {env}exec {tool}"
    );
    let out = Command::new("unshare")
        .args(["-n", "sh", "-c", &script])
        .output()
        .expect("run unshare");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str("--stderr--\n");
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (text, out.status.code())
}

#[test]
fn debian_tools_run_on_libnlrs() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return skip_or_fail("not root");
    }
    let probe = Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        return skip_or_fail("cannot create network namespaces");
    }
    for t in TOOLS {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {t} >/dev/null")])
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            return skip_or_fail(&format!("{t} missing (install libnl-utils)"));
        }
    }
    // The freshest libnlrs.so (cargo test refreshes deps/, not the copy in target/<profile>/).
    let so = common::env().lib.clone();
    let dir = common::scratch("dropin-tools-lib");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create lib dir");
    for n in SONAMES {
        std::os::unix::fs::symlink(&so, dir.join(n)).expect("symlink soname");
    }
    // Best effort: conntrack tables exist only with the module loaded.
    let _ = Command::new("modprobe").arg("nf_conntrack").status();
    let mut failures = Vec::new();
    for t in TOOLS {
        let (want, want_rc) = run_in_netns(t, None);
        let (got, got_rc) = run_in_netns(t, Some(&dir));
        if want != got || want_rc != got_rc {
            failures.push(format!(
                "{t}: libnl exit {want_rc:?}:\n{want}\nlibnlrs exit {got_rc:?}:\n{got}"
            ));
        } else {
            eprintln!("ok {t} (exit {got_rc:?})");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n----\n"));
}

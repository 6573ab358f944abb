//! Drop-in check with Debian's `genl-ctrl-list` (package libnl-utils): `genl-ctrl-list` and
//! `genl-ctrl-list -d` must print byte-identical stdout and exit with the same status whether
//! libnl-3, libnl-genl-3 and libnl-route-3 are Debian's or symlinks to our `libnlrs.so`
//! (`LD_LIBRARY_PATH` to a directory of soname symlinks; Debian's libnl-cli-3 then loads on top
//! of libnlrs). Every run happens as root in a throw-away network namespace. A run with
//! `LD_DEBUG=libs` proves the tool really initialised libnl-genl-3 from our directory and that
//! the symlink there resolves to our library.
//!
//! Outside CI the test is skipped with a notice when not root, when namespaces cannot be created
//! or when the tool is missing; with `CI=true` those are failures.

mod common;

use std::process::Command;

const TOOL: &str = "genl-ctrl-list";
const SONAMES: [&str; 3] = [
    "libnl-3.so.200",
    "libnl-genl-3.so.200",
    "libnl-route-3.so.200",
];

fn skip_or_fail(why: &str) {
    common::skip_or_fail(&format!("dropin_genl: {why}"));
}

struct Run {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: Option<i32>,
}

fn run_in_netns(args: &[&str], env: &[(&str, String)]) -> Run {
    let out = Command::new("unshare")
        .args([
            "-n",
            "sh",
            "-c",
            "ip link set lo up && exec \"$@\"",
            "sh",
            TOOL,
        ])
        .args(args)
        .env_remove("NLDBG")
        .env_remove("NLCB")
        .env_remove("LD_DEBUG")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("run unshare");
    Run {
        stdout: out.stdout,
        stderr: out.stderr,
        code: out.status.code(),
    }
}

#[test]
fn genl_ctrl_list_runs_on_libnlrs() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return skip_or_fail("not root");
    }
    let probe = Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        return skip_or_fail("cannot create network namespaces");
    }
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {TOOL} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        return skip_or_fail(&format!("{TOOL} missing (install libnl-utils)"));
    }
    let so = common::env().lib.clone();
    let dir = common::scratch("dropin-genl-lib");
    for n in SONAMES {
        std::os::unix::fs::symlink(&so, dir.join(n)).expect("symlink soname");
    }
    let ours = [("LD_LIBRARY_PATH", dir.display().to_string())];

    // Our library is what the tool loads.
    let mut debug_env = ours.to_vec();
    debug_env.push(("LD_DEBUG", "libs".to_string()));
    let r = run_in_netns(&[], &debug_env);
    let log = String::from_utf8_lossy(&r.stderr);
    for n in SONAMES {
        // The last place the loader tried for the soname is our directory (where it found it),
        // and nothing of that name was initialised from elsewhere.
        let mut last = None;
        let mut searching = false;
        for l in log.lines() {
            if l.contains("find library=") {
                searching = l.contains(&format!("find library={n} "));
            } else if searching && l.contains("trying file=") {
                last = l.split("trying file=").nth(1).map(|f| f.trim().to_string());
            }
        }
        let want = dir.join(n).display().to_string();
        assert_eq!(
            last.as_deref(),
            Some(want.as_str()),
            "{TOOL} did not load {n} from {} (LD_DEBUG=libs, exit {:?}):\n{log}",
            dir.display(),
            r.code
        );
        assert!(
            !log.lines()
                .any(|l| l.contains("calling init: /") && l.contains(n) && !l.contains(&want)),
            "{n} initialised from elsewhere:\n{log}"
        );
    }
    assert!(
        log.lines()
            .any(|l| l.contains(&format!("calling init: {}/libnl-", dir.display()))),
        "libnlrs (as a libnl soname) was never initialised:\n{log}"
    );
    let target = std::fs::canonicalize(dir.join("libnl-genl-3.so.200")).expect("resolve symlink");
    assert_eq!(
        target,
        std::fs::canonicalize(&so).expect("resolve libnlrs.so")
    );

    let mut failures = Vec::new();
    for args in [&[][..], &["-d"][..]] {
        let want = run_in_netns(args, &[]);
        let got = run_in_netns(args, &ours);
        let label = format!("{TOOL} {}", args.join(" "));
        if want.stdout.is_empty() || want.code != Some(0) {
            failures.push(format!(
                "{label}: the libnl run printed nothing or failed ({:?}): {}",
                want.code,
                String::from_utf8_lossy(&want.stderr)
            ));
        }
        if want.stdout != got.stdout || want.code != got.code {
            failures.push(format!(
                "{label}: libnl exit {:?}:\n{}\nlibnlrs exit {:?}:\n{}\n--- libnlrs stderr ---\n{}",
                want.code,
                String::from_utf8_lossy(&want.stdout),
                got.code,
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&got.stderr)
            ));
        } else {
            eprintln!("ok {label} (exit {:?})", got.code);
        }
    }
    // NLCB=debug prints every message both ways: compare with sequence numbers and ports
    // (which differ per run) masked.
    let mask = |b: &[u8]| -> String { mask_volatile(&String::from_utf8_lossy(b)) };
    let cb = [("NLCB", "debug".to_string())];
    let want = run_in_netns(&[], &cb);
    let mut cb_ours = ours.to_vec();
    cb_ours.extend(cb.iter().cloned());
    let got = run_in_netns(&[], &cb_ours);
    let (w, g) = (
        mask(&[want.stdout, want.stderr].concat()),
        mask(&[got.stdout, got.stderr].concat()),
    );
    if w != g || want.code != got.code {
        failures.push(format!(
            "{TOOL} with NLCB=debug differs:\n--- libnl ---\n{w}\n--- libnlrs ---\n{g}"
        ));
    } else {
        eprintln!("ok {TOOL} NLCB=debug (masked)");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n----\n"));
}

/// Replaces the number after every marker of a sequence number or port with `N`.
fn mask_volatile(text: &str) -> String {
    const MARKERS: [&str; 4] = [".seq = ", ".port = ", "sequence-nr=", "pid="];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((i, m)) = MARKERS
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, *m)))
        .min()
    {
        let (head, tail) = rest.split_at(i + m.len());
        out.push_str(head);
        let n = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '-'))
            .unwrap_or(tail.len());
        out.push('N');
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

#[test]
fn masking() {
    assert_eq!(
        mask_volatile("a .seq = 123\nsequence-nr=-5 pid=77 x"),
        "a .seq = N\nsequence-nr=N pid=N x"
    );
}

//! The thread stress test: `tests/threads/stress.c` built against our headers and the freshly
//! built `libnlrs.so`, run with 8 threads and 500 rounds (about half a second on two idle
//! cores). It exits non-zero when any check fails (a lost or extra reference count, a wrong
//! lookup, a failed resolve…) and 77 when the machine has no `NETLINK_GENERIC` controller
//! (skipped outside CI).
//!
//! With `NLRS_VALGRIND=1` it runs twice more with fewer iterations: under memcheck (a double
//! free or use after free from the atomic counts fails) and under helgrind with
//! `tests/threads/helgrind.supp` (any race on data behind the library's locks fails; the
//! suppressions cover only the free after the last put, see the file).

mod common;

use common::*;
use std::process::Command;

/// Environment of a reduced run (valgrind serialises the threads).
const SMALL: &[(&str, &str)] = &[
    ("NLRS_STRESS_THREADS", "4"),
    ("NLRS_STRESS_ROUNDS", "12"),
    ("NLRS_STRESS_REFS", "50"),
    ("NLRS_STRESS_HANDOFF", "200"),
];

fn build(out: &std::path::Path) -> Result<(), String> {
    let e = env();
    let mut c = Command::new(cc());
    c.args([
        "-std=gnu11",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-g",
        "-pthread",
    ])
    .arg(format!("-I{}", e.root.join("include").display()))
    .args(asan_flags())
    .arg(e.root.join("tests/threads/stress.c"))
    .arg(&e.lib)
    .arg(format!("-Wl,-rpath,{}", e.lib_dir.display()))
    .arg("-o")
    .arg(out);
    compile(c)
}

fn check(what: &str, r: &Run) -> bool {
    match r.code {
        Some(0) => true,
        Some(77) => {
            skip_or_fail("thread stress: no NETLINK_GENERIC controller on this machine");
            false
        }
        _ => panic!(
            "thread stress ({what}): {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            r.status,
            clip(&r.stdout, 20000),
            clip(&r.stderr, 30000)
        ),
    }
}

#[test]
fn thread_stress() {
    require_valgrind_if_asked();
    let dir = scratch("threads");
    let bin = dir.join("stress");
    if let Err(e) = build(&bin) {
        panic!("{e}");
    }
    let r = run(&bin, false, &[("NLRS_STRESS_ROUNDS", "500")], RUN_TIMEOUT);
    if !check("8 threads", &r) {
        return;
    }
    notice(&format!(
        "thread stress: {}",
        String::from_utf8_lossy(&r.stdout).trim()
    ));
    if !valgrind() || asan() {
        return;
    }
    let m = run(&bin, true, SMALL, VALGRIND_TIMEOUT);
    check("under valgrind memcheck", &m);
    let mut h = Command::new("valgrind");
    h.args(["--tool=helgrind", "--error-exitcode=66", "-q"])
        .arg(format!(
            "--suppressions={}",
            env().root.join("tests/threads/helgrind.supp").display()
        ))
        .arg(&bin)
        .env_remove("LD_LIBRARY_PATH")
        .envs(SMALL.iter().copied());
    let h = run_command(h, VALGRIND_TIMEOUT);
    check("under helgrind (66 = races reported)", &h);
}

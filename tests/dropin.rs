//! Drop-in test: each `tests/dropin/*.c` is compiled against Debian's libnl headers and linked
//! with the real libnl (pkg-config libnl-3.0 libnl-genl-3.0 libnl-route-3.0). The same binary
//! runs twice: with the real libnl, then with LD_LIBRARY_PATH pointing to a directory where
//! libnl-3.so.200, libnl-genl-3.so.200 and libnl-route-3.so.200 are symlinks to our
//! `libnlrs.so`. Stdout and exit status must be identical, and `LD_DEBUG=libs` must show that
//! the loader initialised the library from that directory (i.e. ours) and no real libnl.
//!
//! A program is skipped (with a notice, also in CI) only while libnlrs does not export every
//! libnl symbol it imports yet. With `NLRS_VALGRIND=1` the drop-in run is repeated under
//! valgrind.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

const SONAMES: [&str; 3] = [
    "libnl-3.so.200",
    "libnl-genl-3.so.200",
    "libnl-route-3.so.200",
];
const REF_PKGS: [&str; 3] = ["libnl-3.0", "libnl-genl-3.0", "libnl-route-3.0"];

/// Names exported by libnl-3, libnl-genl-3 and libnl-route-3 (from tests/abi/ref).
fn libnl_names() -> BTreeSet<String> {
    let dir = env().root.join("tests/abi/ref");
    let mut s = BTreeSet::new();
    for f in [
        "libnl-3.symbols",
        "libnl-genl-3.symbols",
        "libnl-route-3.symbols",
    ] {
        let t = fs::read_to_string(dir.join(f)).expect("tests/abi/ref symbol list");
        for line in t.lines() {
            let w: Vec<&str> = line.split_whitespace().collect();
            if let ["F" | "D", name, ..] = w.as_slice() {
                s.insert(name.to_string());
            }
        }
    }
    s
}

/// The libnl symbols `bin` imports.
fn imports(bin: &Path, libnl: &BTreeSet<String>) -> Vec<String> {
    let o = Command::new("nm")
        .args(["-D", "--undefined-only"])
        .arg(bin)
        .output()
        .expect("nm");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|n| n.split('@').next().unwrap_or(n).to_string())
        .filter(|n| libnl.contains(n))
        .collect()
}

enum Outcome {
    Pass,
    Skip(String),
}

fn one(
    src: &Path,
    dir: &Path,
    libdir: &Path,
    flags: &[String],
    libnl: &BTreeSet<String>,
    ours: &BTreeSet<String>,
) -> Result<Outcome, String> {
    let stem = src
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let bin = dir.join(&stem);
    // Warnings on: these programs are ours and must be clean against Debian's headers too.
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"])
        .arg(src)
        .args(flags)
        .arg("-o")
        .arg(&bin);
    compile(c)?;
    let missing: Vec<String> = imports(&bin, libnl)
        .into_iter()
        .filter(|n| !ours.contains(n))
        .collect();
    if !missing.is_empty() {
        return Ok(Outcome::Skip(format!(
            "libnlrs does not export yet: {}",
            missing.join(" ")
        )));
    }
    let real = run(&bin, false, &[], RUN_TIMEOUT);
    let ld = libdir.display().to_string();
    let dropin = run(
        &bin,
        false,
        &[("LD_LIBRARY_PATH", &ld), ("LD_DEBUG", "libs")],
        RUN_TIMEOUT,
    );
    let mut msg =
        compare_runs(&real, &dropin, "libnl", "libnlrs (drop-in)", dir).unwrap_or_default();
    // The loader's trace proves which files were initialised.
    let trace = String::from_utf8_lossy(&dropin.stderr);
    let inits: Vec<&str> = trace
        .lines()
        .filter_map(|l| l.split("calling init: ").nth(1))
        .collect();
    let want = format!("{ld}/libnl-3.so.200");
    if !inits.iter().any(|p| p.trim() == want) {
        msg.push_str(&format!(
            "LD_DEBUG=libs shows no init of {want}; inits: {inits:?}\n"
        ));
    }
    for p in &inits {
        if p.contains("libnl") && !p.starts_with(&ld) {
            msg.push_str(&format!("the real libnl was loaded too: {p}\n"));
        }
    }
    if !msg.is_empty() {
        let other: String = trace
            .lines()
            .filter(|l| !l.trim_start().starts_with(char::is_numeric))
            .collect::<Vec<_>>()
            .join("\n");
        msg.push_str(&format!(
            "--- drop-in stderr (without loader trace) ---\n{other}\n"
        ));
        return Err(msg);
    }
    if valgrind() {
        let v = run(&bin, true, &[("LD_LIBRARY_PATH", &ld)], VALGRIND_TIMEOUT);
        if v.code == Some(66) || v.status != dropin.status || v.stdout != dropin.stdout {
            return Err(format!(
                "drop-in under valgrind: {} (66 = valgrind found errors)\n{}",
                v.status,
                clip(&v.stderr, 30000)
            ));
        }
    }
    Ok(Outcome::Pass)
}

#[test]
fn dropin_replaces_libnl() {
    let e = env();
    let files = c_files(&e.root.join("tests/dropin"));
    if files.is_empty() {
        notice("tests/dropin has no *.c programs");
        return;
    }
    let Some(flags) = pkg_config(&REF_PKGS) else {
        skip_or_fail(
            "drop-in tests need pkg-config and libnl-3-dev libnl-genl-3-dev libnl-route-3-dev",
        );
        return;
    };
    if valgrind() && !have("valgrind") {
        panic!("NLRS_VALGRIND=1 but valgrind is not installed");
    }
    let dir = scratch("dropin");
    let libdir = dir.join("lib");
    fs::create_dir_all(&libdir).expect("mkdir");
    for so in SONAMES {
        std::os::unix::fs::symlink(&e.lib, libdir.join(so)).expect("symlink");
    }
    let libnl = libnl_names();
    let ours: BTreeSet<String> = exported_symbols(&e.lib).into_iter().map(|s| s.0).collect();
    let results = parallel(&files, |src| {
        let name = src
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        (name, one(src, &dir, &libdir, &flags, &libnl, &ours))
    });
    let mut rep = Vec::new();
    for (name, r) in results {
        match r {
            Ok(Outcome::Skip(why)) => {
                notice(&format!("SKIPPED drop-in {name}: {why}"));
            }
            Ok(Outcome::Pass) => rep.push((name, Ok(()))),
            Err(e) => rep.push((name, Err(e))),
        }
    }
    report("drop-in", rep);
}

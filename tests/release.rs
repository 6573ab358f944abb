//! The release build under valgrind: optimised code can differ from the debug build in ways
//! valgrind sees (a branch reordered onto bytes that were never written), and the rest of the
//! suite only ever runs the library of the test profile. This harness runs
//! `cargo build --release --lib` (a no-op when the release library is fresh), builds every
//! `tests/release/*.c` self-checking program against `target/release/libnlrs.so` and runs it
//! under `valgrind --error-exitcode=66 --leak-check=full`: exit 0 and no valgrind error pass.
//! The programs are built without sanitizers whatever `NLRS_ASAN` says. Without valgrind the test is skipped with a notice outside CI and fails with `CI=true`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds (or refreshes) the release library and returns its directory.
fn release_lib_dir() -> Result<PathBuf, String> {
    let e = env();
    let target_root = e
        .target_dir
        .parent()
        .ok_or("test binary is not below a target directory")?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = Command::new(&cargo)
        .args(["build", "--release", "--lib", "--manifest-path"])
        .arg(e.root.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_root)
        .output()
        .map_err(|err| format!("cannot run {cargo}: {err}"))?;
    if !o.status.success() {
        return Err(format!(
            "cargo build --release failed:\n{}",
            clip(&o.stderr, 20000)
        ));
    }
    let dir = target_root.join("release");
    let lib = dir.join("libnlrs.so");
    if !lib.is_file() {
        return Err(format!("{} was not built", lib.display()));
    }
    // Binaries record the SONAME.
    let soname = dir.join("libnlrs.so.0");
    if std::fs::read_link(&soname).ok().as_deref() != Some(Path::new("libnlrs.so")) {
        let _ = std::fs::remove_file(&soname);
        std::os::unix::fs::symlink("libnlrs.so", &soname)
            .or_else(|err| match err.kind() {
                std::io::ErrorKind::AlreadyExists => Ok(()),
                _ => Err(err),
            })
            .map_err(|err| format!("symlink {}: {err}", soname.display()))?;
    }
    Ok(dir)
}

fn one(src: &Path, lib_dir: &Path, out_dir: &Path) -> Result<(), String> {
    let stem = src.file_stem().unwrap_or_default().to_string_lossy();
    let bin = out_dir.join(stem.as_ref());
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"])
        .arg(format!("-I{}", env().root.join("include").display()))
        .arg(src)
        .arg(lib_dir.join("libnlrs.so"))
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
        .arg("-o")
        .arg(&bin);
    compile(c)?;
    let v = run(&bin, true, &[], VALGRIND_TIMEOUT);
    if v.code != Some(0) {
        return Err(format!(
            "under valgrind against the release library: {} (66 = valgrind found errors)\n\
             --- stdout ---\n{}\n--- stderr ---\n{}",
            v.status,
            clip(&v.stdout, 20000),
            clip(&v.stderr, 30000)
        ));
    }
    Ok(())
}

#[test]
fn release_under_valgrind() {
    let e = env();
    let files = c_files(&e.root.join("tests/release"));
    if files.is_empty() {
        notice("tests/release has no *.c programs");
        return;
    }
    if !have("valgrind") {
        skip_or_fail("the release build is checked under valgrind: apt-get install valgrind");
        return;
    }
    let lib_dir = release_lib_dir().unwrap_or_else(|err| panic!("{err}"));
    let out_dir = scratch("release");
    run_files("tests/release", &files, |src| one(src, &lib_dir, &out_dir));
}

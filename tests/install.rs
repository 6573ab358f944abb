//! `make install install-compat` into a temporary DESTDIR (installing the library this test run
//! built, `NO_BUILD=1`), then checks the file set and builds and runs `tests/install/version.c`
//! through each installed pkg-config file: `nlrs` (shared and `--static`), and the compat
//! `libnl-3.0`, `libnl-genl-3.0`, `libnl-route-3.0`; plus a plain `-lnl-3` link through the
//! compat dir's dev symlink. `tests/install/static-cache.c` (built-in and program-registered
//! cache types, independent of constructor order) is built shared and `--static` and run with
//! and without its own constructor registering a type. pkg-config runs with PKG_CONFIG_LIBDIR (only our .pc files) and
//! PKG_CONFIG_SYSROOT_DIR=DESTDIR so the installed paths resolve inside the DESTDIR.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PREFIX: &str = "/usr/local";

fn pkg_flags(dest: &Path, pcdir: &Path, args: &[&str]) -> Result<Vec<String>, String> {
    let o = Command::new("pkg-config")
        .args(args)
        .env("PKG_CONFIG_LIBDIR", pcdir)
        .env_remove("PKG_CONFIG_PATH")
        .env("PKG_CONFIG_SYSROOT_DIR", dest)
        .output()
        .map_err(|e| format!("pkg-config: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "pkg-config {args:?} (PKG_CONFIG_LIBDIR={}) failed: {}",
            pcdir.display(),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect())
}

fn needed(bin: &Path) -> Vec<String> {
    let o = Command::new("readelf")
        .arg("-d")
        .arg(bin)
        .output()
        .expect("readelf");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| {
            l.split('[')
                .nth(1)
                .map(|s| s.trim_end_matches(']').to_string())
        })
        .collect()
}

/// Builds version.c with `flags`, runs it with `ld_path` and NLDBG=3, checks output and NEEDED.
fn build_and_run(
    name: &str,
    flags: &[String],
    ld_path: &str,
    want_needed: Option<&str>,
    dir: &Path,
) -> Result<(), String> {
    let e = env();
    let bin = dir.join(name);
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror"])
        .arg(e.root.join("tests/install/version.c"))
        .args(flags)
        .arg("-o")
        .arg(&bin);
    compile(c)?;
    let needs = needed(&bin);
    match want_needed {
        Some(so) if !needs.iter().any(|n| n == so) => {
            return Err(format!("NEEDED {needs:?} lacks {so}"));
        }
        None if needs
            .iter()
            .any(|n| n.contains("nlrs") || n.contains("libnl")) =>
        {
            return Err(format!("static link still needs {needs:?}"));
        }
        _ => {}
    }
    let r = run(
        &bin,
        false,
        &[("LD_LIBRARY_PATH", ld_path), ("NLDBG", "3")],
        RUN_TIMEOUT,
    );
    let out = String::from_utf8_lossy(&r.stdout).into_owned();
    // The variadic functions (C in libnlrs); an unconnected socket gives -NLE_BAD_SOCK (-3).
    if r.code != Some(0)
        || !out.contains("nl_ver 3.7.0 num=0x307 macro=0x307")
        || !out.contains("dump 7 2.50|x\n")
        || !out.contains("memberships -3\n")
    {
        return Err(format!(
            "{}\n{out}{}",
            r.status,
            String::from_utf8_lossy(&r.stderr)
        ));
    }
    // Static links too: the constructor sits in the object file that defines nl_debug.
    if !out.contains("nl_debug 3") {
        return Err(format!("NLDBG=3 not applied at load: {out}"));
    }
    Ok(())
}

/// Builds `tests/install/static-cache.c` with `flags` and runs it twice (with its constructor
/// registering a cache type, and with `NLRS_TEST_NO_CTOR=1`); every check must pass.
fn cache_types_run(name: &str, flags: &[String], ld_path: &str, dir: &Path) -> Result<(), String> {
    let e = env();
    let bin = dir.join(name);
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror"])
        .arg(e.root.join("tests/install/static-cache.c"))
        .args(flags)
        .arg("-o")
        .arg(&bin);
    compile(c)?;
    for envs in [
        &[("LD_LIBRARY_PATH", ld_path)][..],
        &[("LD_LIBRARY_PATH", ld_path), ("NLRS_TEST_NO_CTOR", "1")][..],
    ] {
        let r = run(&bin, false, envs, RUN_TIMEOUT);
        let out = String::from_utf8_lossy(&r.stdout).into_owned();
        if r.code != Some(0) || !out.contains("all ok") {
            return Err(format!(
                "{name} {envs:?}: {}\n{out}{}",
                r.status,
                String::from_utf8_lossy(&r.stderr)
            ));
        }
    }
    Ok(())
}

#[test]
fn make_install_and_pkg_config() {
    let e = env();
    for tool in ["make", "pkg-config"] {
        if !have(tool) {
            skip_or_fail(&format!("install test needs `{tool}`"));
            return;
        }
    }
    let dir = scratch("install");
    let dest = dir.join("dest");
    let o = Command::new("make")
        .arg("-C")
        .arg(&e.root)
        .args(["-s", "install", "install-compat", "NO_BUILD=1"])
        .arg(format!("BUILDDIR={}", e.lib_dir.display()))
        .arg(format!("DESTDIR={}", dest.display()))
        .arg(format!("PREFIX={PREFIX}"))
        .output()
        .expect("run make");
    assert!(
        o.status.success(),
        "make install failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );

    let root: PathBuf = dest.join(PREFIX.trim_start_matches('/'));
    let lib = root.join("lib");
    let compat = lib.join("nlrs-compat");
    let version = env!("CARGO_PKG_VERSION");
    let mut problems = Vec::new();
    let real = lib.join(format!("libnlrs.so.{version}"));
    if !real.is_file() {
        problems.push(format!("missing {}", real.display()));
    }
    for (link, target) in [
        (lib.join("libnlrs.so.0"), format!("libnlrs.so.{version}")),
        (lib.join("libnlrs.so"), "libnlrs.so.0".to_string()),
        (compat.join("libnl-3.so.200"), "../libnlrs.so.0".to_string()),
        (
            compat.join("libnl-genl-3.so.200"),
            "../libnlrs.so.0".to_string(),
        ),
        (
            compat.join("libnl-route-3.so.200"),
            "../libnlrs.so.0".to_string(),
        ),
    ] {
        match fs::read_link(&link) {
            Ok(t) if t == Path::new(&target) => {}
            other => problems.push(format!("{} -> {other:?}, want {target}", link.display())),
        }
        if !link.exists() {
            problems.push(format!("{} dangles", link.display()));
        }
    }
    for f in [
        lib.join("libnlrs.a"),
        lib.join("pkgconfig/nlrs.pc"),
        compat.join("pkgconfig/libnl-3.0.pc"),
        compat.join("pkgconfig/libnl-genl-3.0.pc"),
        compat.join("pkgconfig/libnl-route-3.0.pc"),
    ] {
        if !f.is_file() {
            problems.push(format!("missing {}", f.display()));
        }
    }
    // Every header under include/ is installed under include/nlrs/.
    let inc = e.root.join("include");
    walk(&inc, &mut |p| {
        if let Ok(rel) = p.strip_prefix(&inc) {
            let inst = root.join("include/nlrs").join(rel);
            if fs::read(p).ok() != fs::read(&inst).ok() {
                problems.push(format!("header not installed: {}", inst.display()));
            }
        }
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let libpath = lib.display().to_string();
    let inc_want = format!("-I{}", root.join("include/nlrs").display());
    let mut results = Vec::new();
    let pcdir = lib.join("pkgconfig");
    let cpcdir = compat.join("pkgconfig");
    let cases: [(&str, &Path, &[&str]); 4] = [
        ("nlrs", &pcdir, &["--cflags", "--libs", "nlrs"]),
        ("libnl-3.0", &cpcdir, &["--cflags", "--libs", "libnl-3.0"]),
        (
            "libnl-genl-3.0",
            &cpcdir,
            &["--cflags", "--libs", "libnl-genl-3.0", "libnl-3.0"],
        ),
        (
            "libnl-route-3.0",
            &cpcdir,
            &["--cflags", "--libs", "libnl-route-3.0", "libnl-3.0"],
        ),
    ];
    for (name, pc, args) in cases {
        let r = pkg_flags(&dest, pc, args).and_then(|flags| {
            if !flags.contains(&inc_want) || !flags.iter().any(|f| f == "-lnlrs") {
                return Err(format!("flags {flags:?}: want {inc_want} and -lnlrs"));
            }
            build_and_run(name, &flags, &libpath, Some("libnlrs.so.0"), &dir)
        });
        results.push((format!("pkg-config {name}"), r));
    }
    // Static: the archive itself plus Libs.private.
    let r = pkg_flags(&dest, &pcdir, &["--static", "--cflags", "--libs", "nlrs"]).and_then(|f| {
        let flags: Vec<String> = f
            .into_iter()
            .map(|x| {
                if x == "-lnlrs" {
                    lib.join("libnlrs.a").display().to_string()
                } else {
                    x
                }
            })
            .collect();
        build_and_run("nlrs-static", &flags, "", None, &dir)?;
        cache_types_run("cache-types-static", &flags, "", &dir)
    });
    results.push(("pkg-config --static nlrs".to_string(), r));
    let r = pkg_flags(&dest, &pcdir, &["--cflags", "--libs", "nlrs"])
        .and_then(|flags| cache_types_run("cache-types-shared", &flags, &libpath, &dir));
    results.push(("cache types, shared nlrs".to_string(), r));
    // Software that links -lnl-3 directly finds it through the compat dir's dev symlink.
    let flags = vec![
        inc_want.clone(),
        format!("-L{}", compat.display()),
        "-lnl-3".to_string(),
    ];
    let r = build_and_run("lnl-3", &flags, &libpath, Some("libnlrs.so.0"), &dir);
    results.push(("-lnl-3 via nlrs-compat".to_string(), r));
    report("install", results);
}

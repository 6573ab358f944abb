//! Shared helpers for the integration tests that drive C programs: locating the freshly built
//! `libnlrs.so`, compiling C against our headers or the system libnl, running binaries (with an
//! optional valgrind wrapper and a timeout), a small parallel job runner, skip/CI policy and
//! unified diffs.
//!
//! Environment knobs:
//! * `NLRS_VALGRIND=1`: run every binary linked against libnlrs once more under valgrind.
//! * `NLRS_ASAN=1`: build the C side of our binaries with `-fsanitize=address,undefined`.
//! * `CI=true`: nothing may be skipped (missing tools are failures).
//! * `CC`: the C compiler (default `cc`).

#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Where things are: the source tree, the cargo profile dir and the library in it.
pub struct Env {
    /// `CARGO_MANIFEST_DIR`.
    pub root: PathBuf,
    /// `target/<profile>` (the directory holding `libnlrs.so`).
    pub target_dir: PathBuf,
    /// The directory of the library used (`target/<profile>/deps` or `target/<profile>`); it
    /// also gets a `libnlrs.so.0` symlink, since binaries record the SONAME.
    pub lib_dir: PathBuf,
    /// `<lib_dir>/libnlrs.so`.
    pub lib: PathBuf,
}

/// The test environment; checks once that `libnlrs.so` exists and is not older than the sources,
/// and creates the `libnlrs.so.0` (SONAME) symlink beside it so binaries linked against it load.
pub fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        // The test binary lives in target/<profile>/deps/; the library one level up.
        let exe = std::env::current_exe().expect("current_exe");
        let target_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test binary is in target/<profile>/deps")
            .to_path_buf();
        // `cargo test` refreshes deps/libnlrs.so (the unit the tests depend on) but copies it up
        // to target/<profile>/ only on `cargo build`; take the newer of the two.
        let lib_dir = [target_dir.join("deps"), target_dir.clone()]
            .into_iter()
            .filter(|d| d.join("libnlrs.so").is_file())
            .max_by_key(|d| mtime(&d.join("libnlrs.so")))
            .unwrap_or_else(|| {
                panic!(
                    "libnlrs.so not found in {}[/deps]: cargo builds the cdylib with the tests",
                    target_dir.display()
                )
            });
        let lib = lib_dir.join("libnlrs.so");
        check_fresh(&root, &lib);
        let soname = lib_dir.join("libnlrs.so.0");
        if fs::read_link(&soname).ok().as_deref() != Some(Path::new("libnlrs.so")) {
            let _ = fs::remove_file(&soname);
            #[cfg(unix)]
            if let Err(e) = std::os::unix::fs::symlink("libnlrs.so", &soname) {
                assert!(
                    e.kind() == std::io::ErrorKind::AlreadyExists,
                    "symlink {}: {e}",
                    soname.display()
                );
            }
        }
        Env {
            root,
            target_dir,
            lib_dir,
            lib,
        }
    })
}

/// Panics if any file the library is built from is newer than the library.
fn check_fresh(root: &Path, lib: &Path) {
    let lib_time = mtime(lib);
    let mut inputs = vec![root.join("Cargo.toml"), root.join("build.rs")];
    walk(&root.join("src"), &mut |p| {
        if p.extension() == Some(OsStr::new("rs")) {
            inputs.push(p.to_path_buf());
        }
    });
    for p in inputs {
        if p.exists() && mtime(&p) > lib_time {
            panic!(
                "{} is older than {}: the library is stale, run `cargo build`",
                lib.display(),
                p.display()
            );
        }
    }
}

fn mtime(p: &Path) -> SystemTime {
    fs::metadata(p)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// Calls `f` for every file below `dir` (recursively, sorted per directory).
pub fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, f);
        } else {
            f(&p);
        }
    }
}

/// The `*.c` files directly in `dir`, sorted.
pub fn c_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension() == Some(OsStr::new("c")) && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A scratch directory for one harness: `target/<profile>/nlrs-tests/<name>`, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let d = env().target_dir.join("nlrs-tests").join(name);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("create scratch dir");
    d
}

/// True when running in CI (`CI` set to anything but empty/`0`/`false`).
pub fn ci() -> bool {
    flag("CI")
}

/// True when the environment variable is set to something other than empty, `0` or `false`.
pub fn flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Whether binaries linked against libnlrs also run under valgrind.
pub fn valgrind() -> bool {
    flag("NLRS_VALGRIND")
}

/// Whether our C side is built with ASan/UBSan.
pub fn asan() -> bool {
    flag("NLRS_ASAN")
}

/// Prints a notice that stays visible even when the test passes (bypasses output capture).
pub fn notice(msg: &str) {
    let mut e = std::io::stderr().lock();
    let _ = writeln!(e, "NOTICE: {msg}");
}

/// A skipped feature: a visible notice outside CI, a failure with `CI=true`.
pub fn skip_or_fail(msg: &str) {
    if ci() {
        panic!("{msg} (CI=true: nothing may be skipped)");
    }
    notice(&format!("SKIPPED: {msg}"));
}

/// True if `prog` can be executed (found in PATH).
pub fn have(prog: &str) -> bool {
    Command::new(prog)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The C compiler.
pub fn cc() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".into())
}

/// Sanitizer flags for our C builds (empty unless `NLRS_ASAN=1`).
pub fn asan_flags() -> Vec<String> {
    if asan() {
        [
            "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    } else {
        Vec::new()
    }
}

/// Compiles `src` against our headers and links the built `libnlrs.so` (rpath into the target
/// dir). Returns the compiler's diagnostics on failure.
pub fn cc_ours(src: &Path, out: &Path) -> Result<(), String> {
    let e = env();
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"])
        .arg(format!("-I{}", e.root.join("include").display()))
        .args(asan_flags())
        .arg(src)
        .arg(&e.lib)
        .arg(format!("-Wl,-rpath,{}", e.lib_dir.display()))
        .arg("-o")
        .arg(out);
    compile(c)
}

/// Compiles `src` against the system libnl with the given pkg-config flags (warnings off).
pub fn cc_ref(src: &Path, out: &Path, pkg_flags: &[String]) -> Result<(), String> {
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-w", "-g"])
        .arg(src)
        .args(pkg_flags)
        .arg("-o")
        .arg(out);
    compile(c)
}

/// Runs a compiler command; Err carries the command line and its output.
pub fn compile(mut c: Command) -> Result<(), String> {
    let line = format!("{c:?}");
    match c.output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "compile failed: {line}\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(err) => Err(format!("cannot run {line}: {err}")),
    }
}

/// `pkg-config --cflags --libs <pkgs>` split into words, or None if pkg-config or a package is
/// missing.
pub fn pkg_config(pkgs: &[&str]) -> Option<Vec<String>> {
    let o = Command::new("pkg-config")
        .args(["--cflags", "--libs"])
        .args(pkgs)
        .output()
        .ok()?;
    if !o.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    )
}

/// What a run produced.
pub struct Run {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// `exit N`, `signal N` or `timeout`.
    pub status: String,
    pub code: Option<i32>,
}

fn describe(st: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = st.signal() {
            return format!("signal {sig}");
        }
    }
    format!("exit {}", st.code().unwrap_or(-1))
}

/// Runs `bin` (optionally under valgrind) with extra environment, killing it after `timeout`.
pub fn run(bin: &Path, under_valgrind: bool, envs: &[(&str, &str)], timeout: Duration) -> Run {
    let mut c = if under_valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "--error-exitcode=66",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "-q",
        ])
        .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    // cargo puts target/<profile>[/deps] on LD_LIBRARY_PATH, which would override the RUNPATH
    // of the program (the freshest libnlrs.so) with a possibly stale copy; callers that want
    // a library path pass it in `envs`.
    c.env_remove("LD_LIBRARY_PATH").envs(envs.iter().copied());
    run_command(c, timeout)
}

/// Timeout for a plain run / a valgrind run.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(60);
pub const VALGRIND_TIMEOUT: Duration = Duration::from_secs(600);

/// Runs `f` over `items` on a few threads; results keep the input order.
pub fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let results = std::sync::Mutex::new(&mut slots);
    std::thread::scope(|s| {
        for _ in 0..n {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    slots.into_iter().map(|r| r.expect("job ran")).collect()
}

/// `diff -u` of two byte strings (labels name the sides).
pub fn unified_diff(a: &[u8], b: &[u8], label_a: &str, label_b: &str, dir: &Path) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let fa = dir.join(format!(".diff-{n}-a"));
    let fb = dir.join(format!(".diff-{n}-b"));
    if fs::write(&fa, a).is_err() || fs::write(&fb, b).is_err() {
        return "(could not write diff inputs)".into();
    }
    let out = Command::new("diff")
        .args(["-u", "--label", label_a, "--label", label_b])
        .arg(&fa)
        .arg(&fb)
        .output();
    let _ = fs::remove_file(&fa);
    let _ = fs::remove_file(&fb);
    match out {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(e) => format!("(diff not available: {e})"),
    }
}

/// Output that is shown at most `max` bytes long.
pub fn clip(b: &[u8], max: usize) -> String {
    let s = String::from_utf8_lossy(b);
    if s.len() <= max {
        s.into_owned()
    } else {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}\n... ({} more bytes)", &s[..cut], s.len() - cut)
    }
}

/// Checks the valgrind precondition of a suite: with `NLRS_VALGRIND=1` valgrind must be
/// installed (ASan builds skip their valgrind runs, with a notice).
pub fn require_valgrind_if_asked() {
    if valgrind() {
        if asan() {
            notice("NLRS_ASAN=1 and NLRS_VALGRIND=1: valgrind runs are skipped for ASan builds");
        } else if !have("valgrind") {
            panic!("NLRS_VALGRIND=1 but valgrind is not installed");
        }
    }
}

/// Runs `one` on every C file in parallel and reports the results under `what`.
pub fn run_files(what: &str, files: &[PathBuf], one: impl Fn(&Path) -> Result<(), String> + Sync) {
    let results = parallel(files, |src| {
        let name = src
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        (name, one(src))
    });
    report(what, results);
}

/// Compares the exit status and stdout of a reference run `a` with ours `b`: `None` when
/// equal, else a description with a unified diff of stdout.
pub fn compare_runs(a: &Run, b: &Run, label_a: &str, label_b: &str, dir: &Path) -> Option<String> {
    let mut msg = String::new();
    if a.status != b.status {
        msg.push_str(&format!(
            "status: {label_a} {} vs {label_b} {}\n",
            a.status, b.status
        ));
    }
    if a.stdout != b.stdout {
        msg.push_str(&unified_diff(&a.stdout, &b.stdout, label_a, label_b, dir));
    }
    (!msg.is_empty()).then_some(msg)
}

/// Collects per-item results and panics with all failures at the end.
pub fn report(what: &str, results: Vec<(String, Result<(), String>)>) {
    let total = results.len();
    let mut failed = Vec::new();
    for (name, r) in results {
        match r {
            Ok(()) => println!("ok   {what} {name}"),
            Err(e) => {
                println!("FAIL {what} {name}");
                failed.push(format!("---- {what} {name} ----\n{e}"));
            }
        }
    }
    if !failed.is_empty() {
        panic!(
            "{} of {total} {what} failed:\n{}",
            failed.len(),
            failed.join("\n")
        );
    }
}

/// The names of the dynamic symbols `nm -D --defined-only` lists for `lib` (with sizes).
pub fn exported_symbols(lib: &Path) -> Vec<(String, char, Option<u64>)> {
    let o = Command::new("nm")
        .args(["-D", "--defined-only", "-S"])
        .arg(lib)
        .output()
        .expect("run nm (binutils)");
    assert!(o.status.success(), "nm failed on {}", lib.display());
    let mut v = Vec::new();
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        // "addr size type name" or "addr type name".
        match w.as_slice() {
            [_, size, t, name] => v.push((
                name.to_string(),
                t.chars().next().unwrap_or('?'),
                u64::from_str_radix(size, 16).ok(),
            )),
            [_, t, name] => v.push((name.to_string(), t.chars().next().unwrap_or('?'), None)),
            _ => {}
        }
    }
    v.sort();
    v
}

/// Runs a prepared command (stdin from /dev/null, stdout/stderr captured), killing it after
/// `timeout`. Like [`run`], for callers that need a wrapper such as `unshare`.
pub fn run_command(mut c: Command, timeout: Duration) -> Run {
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        // Own process group, so a timeout kills the wrapped program too.
        use std::os::unix::process::CommandExt;
        c.process_group(0);
    }
    let mut child = match c.spawn() {
        Ok(ch) => ch,
        Err(e) => {
            return Run {
                stdout: Vec::new(),
                stderr: format!("cannot run {c:?}: {e}").into_bytes(),
                status: "spawn failed".into(),
                code: None,
            };
        }
    };
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let (status, code) = loop {
        match child.try_wait() {
            Ok(Some(st)) => break (describe(st), st.code()),
            Ok(None) if start.elapsed() > timeout => {
                // The group id is the child's pid (process_group(0) above).
                let _ = Command::new("kill")
                    .arg("-KILL")
                    .arg(format!("-{}", child.id()))
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                break (format!("timeout after {}s", timeout.as_secs()), None);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => break (format!("wait failed: {e}"), None),
        }
    };
    Run {
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        status,
        code,
    }
}

/// Why kernel tests cannot run here, if they cannot.
pub fn netns_unavailable() -> Option<String> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some("network-namespace tests need root".into());
    }
    let probe = Command::new("unshare")
        .args(["-n", "sh", "-c", "ip link set lo up"])
        .output();
    match probe {
        Ok(o) if o.status.success() => None,
        Ok(o) => Some(format!(
            "cannot create a network namespace (`unshare -n sh -c 'ip link set lo up'`): {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Some(format!("cannot run unshare (util-linux): {e}")),
    }
}

/// Builds libnlrs with the route feature into `target/route` and returns a directory holding
/// `libnlrs.so`, its soname link and libnl's three sonames (all the same library).
pub fn build_route_lib(root: &Path) -> PathBuf {
    let target = root.join("target/route");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let st = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--lib", "--features", "route", "--target-dir"])
        .arg(&target)
        .env_remove("RUSTFLAGS")
        .status()
        .expect("run cargo");
    assert!(st.success(), "cargo build --features route failed");
    let lib = target.join("debug/libnlrs.so");
    let dir = target.join("lib");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create target/route/lib");
    for name in [
        "libnlrs.so",
        "libnlrs.so.0",
        "libnl-3.so.200",
        "libnl-genl-3.so.200",
        "libnl-route-3.so.200",
    ] {
        std::os::unix::fs::symlink(&lib, dir.join(name)).expect("symlink the library");
    }
    dir
}

/// What a shell script printed (masked by the caller where runs differ) and how it exited.
pub struct ScriptRun {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code (`None` for a signal).
    pub code: Option<i32>,
}

/// The drop-in comparison: the libnl run `want` must have done what the script asks (exit 0,
/// every line of `expect` in its output, so two equally broken runs cannot pass), and the
/// libnlrs run `got` must print the same on both streams and exit the same. Diffs are written
/// under the scratch directory `out`.
pub fn assert_same_runs(want: &ScriptRun, got: &ScriptRun, expect: &[&str], out: &str) {
    let missing: Vec<&str> = expect
        .iter()
        .copied()
        .filter(|e| !want.stdout.contains(e))
        .collect();
    assert!(
        missing.is_empty() && want.code == Some(0),
        "the libnl run did not do what the script asks (exit {:?}); missing {missing:?}:\n{}\n\
         --- stderr ---\n{}",
        want.code,
        want.stdout,
        want.stderr
    );
    let sdir = scratch(out);
    let mut failures = Vec::new();
    for (what, w, g) in [
        ("stdout", &want.stdout, &got.stdout),
        ("stderr", &want.stderr, &got.stderr),
    ] {
        if w != g {
            failures.push(format!(
                "{what} differs:\n{}",
                unified_diff(w.as_bytes(), g.as_bytes(), "libnl", "libnlrs", &sdir)
            ));
        }
    }
    if want.code != got.code {
        failures.push(format!(
            "script exit: libnl {:?}, libnlrs {:?}",
            want.code, got.code
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n----\n"));
}

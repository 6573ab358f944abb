//! Differential kernel tests: every `tests/compat-netns/*.c` is built against our headers +
//! `libnlrs.so` and against the system libnl core (`pkg-config libnl-3.0`), and each build runs
//! as root in a fresh network namespace of its own:
//! `unshare -n sh -c 'ip link set lo up && <setup> && exec PROG'`.
//! stdout and exit status must be identical.
//!
//! Header comments in the C file steer the run (one directive per `/* ... */` line):
//! * `/* netns-setup: <shell command> */` runs inside the namespace before the program (in
//!   order, each must succeed).
//! * `/* netns-env: VAR=value [VAR=value ...] */` one run variant with these environment
//!   variables; several lines give several runs (both builds, each compared). Without any, one
//!   run with neither `NLDBG` nor `NLCB` set (the harness removes both from the environment).
//! * `/* netns-stderr: masked */` stderr is compared too, after masking volatile values (see
//!   [`mask`]); implied for files whose name contains `nlcb`. In this mode stdout is compared
//!   after the same masking (libnl's NLCB=verbose handlers print to stdout).
//! * `/* netns-stderr: dbg-levels */` for `NLDBG` runs: the `DBG<N>` lines carry file:line and
//!   function names that necessarily differ between the libraries, so only their structure is
//!   compared: the set of levels N that occur must be the same on both sides, and no line may
//!   have a level above the run's `NLDBG` value. All other stderr lines are compared masked.
//!
//! `tests/nlrs-netns/*.c` are kernel tests of what libnlrs does on purpose differently from
//! libnl (they mark it `libnl-compat:`), so there is nothing to compare with: each is built
//! against libnlrs only, runs in a fresh namespace the same way (same header directives; each
//! `netns-env:` line is a run) and must exit 0 (self-checking, `tests/c/tap.h` style); a
//! `X.expected` file next to it must equal its stdout.
//!
//! With `NLRS_VALGRIND=1` our build runs once more under valgrind inside the namespace. Outside CI
//! the test is skipped with a notice when not running as root, when `unshare`/`ip` are missing
//! or network namespaces cannot be created, or when libnl is not installed; with `CI=true` every
//! one of those is a failure.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const REF_PKGS: [&str; 2] = ["libnl-3.0", "libnl-genl-3.0"];
const NETNS_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, PartialEq, Debug)]
enum StderrMode {
    Ignore,
    Masked,
    DbgLevels,
}

struct Spec {
    setup: Vec<String>,
    envs: Vec<Vec<(String, String)>>,
    stderr: StderrMode,
}

/// The text after `key` on a line up to the closing `*/`.
fn directive<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = &line[line.find(key)? + key.len()..];
    let end = rest.find("*/").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

fn parse_spec(src: &Path) -> Result<Spec, String> {
    let text = std::fs::read_to_string(src).map_err(|e| format!("{}: {e}", src.display()))?;
    let name = src.file_name().unwrap_or_default().to_string_lossy();
    let mut spec = Spec {
        setup: Vec::new(),
        envs: Vec::new(),
        stderr: if name.contains("nlcb") {
            StderrMode::Masked
        } else {
            StderrMode::Ignore
        },
    };
    for line in text.lines() {
        if let Some(cmd) = directive(line, "netns-setup:") {
            spec.setup.push(cmd.to_string());
        } else if let Some(vars) = directive(line, "netns-env:") {
            let mut v = Vec::new();
            for w in vars.split_whitespace() {
                let (k, val) = w
                    .split_once('=')
                    .ok_or_else(|| format!("netns-env: `{w}` is not VAR=value"))?;
                v.push((k.to_string(), val.to_string()));
            }
            spec.envs.push(v);
        } else if let Some(mode) = directive(line, "netns-stderr:") {
            spec.stderr = match mode {
                "masked" => StderrMode::Masked,
                "dbg-levels" => StderrMode::DbgLevels,
                other => return Err(format!("unknown netns-stderr mode `{other}`")),
            };
        }
    }
    if spec.envs.is_empty() {
        spec.envs.push(Vec::new());
    }
    Ok(spec)
}

/// The length of the decimal number (optionally signed) at the start of `s`, or None when `s`
/// does not start with one.
fn eat_number(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    (i > start).then_some(i)
}

/// Masks the values that differ from run to run or between the libraries by design: numbers
/// after sequence/port labels (`.seq = `, `.port = `, `seq=`, `port=`, `pid=`,
/// `sequence-nr: `, `pid: `, `port: `) and hex numbers of 8 or more digits (heap pointers).
pub fn mask(text: &str) -> String {
    const LABELS: [&str; 9] = [
        ".seq = ",
        ".port = ",
        "seq=",
        "port=",
        "pid=",
        "sequence-nr: ",
        "sequence-nr=",
        "pid: ",
        "port: ",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while !rest.is_empty() {
        for l in LABELS {
            if let Some(after) = rest.strip_prefix(l) {
                if let Some(n) = eat_number(after) {
                    out.push_str(l);
                    out.push('N');
                    rest = &after[n..];
                    continue 'outer;
                }
            }
        }
        if let Some(after) = rest.strip_prefix("0x") {
            let n = after.bytes().take_while(u8::is_ascii_hexdigit).count();
            if n >= 8 {
                out.push_str("0xPTR");
                rest = &after[n..];
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The `N` of a `DBG<N>` line.
fn dbg_level(line: &str) -> Option<i64> {
    let rest = line.strip_prefix("DBG<")?;
    rest[..rest.find('>')?].parse().ok()
}

/// For `dbg-levels`: the set of DBG levels printed, and the other lines masked.
fn split_dbg(stderr: &[u8]) -> (BTreeSet<i64>, String) {
    let text = String::from_utf8_lossy(stderr);
    let mut levels = BTreeSet::new();
    let mut other = String::new();
    for line in text.lines() {
        match dbg_level(line) {
            Some(l) => {
                levels.insert(l);
            }
            None => {
                other.push_str(line);
                other.push('\n');
            }
        }
    }
    (levels, mask(&other))
}

/// Runs `bin` in a fresh network namespace after the setup commands.
fn run_netns(
    bin: &Path,
    setup: &[String],
    envs: &[(String, String)],
    under_valgrind: bool,
    timeout: Duration,
) -> Run {
    let mut script = String::from("ip link set lo up");
    for s in setup {
        script.push_str(" && ");
        script.push_str(s);
    }
    script.push_str(if under_valgrind {
        " && exec valgrind --error-exitcode=66 --leak-check=full \
         --errors-for-leak-kinds=definite -q \"$0\""
    } else {
        " && exec \"$0\""
    });
    let mut c = Command::new("unshare");
    // The program's RUNPATH, not cargo's LD_LIBRARY_PATH, picks libnlrs.so.
    c.args(["-n", "sh", "-c", &script])
        .arg(bin)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("NLDBG")
        .env_remove("NLCB");
    for (k, v) in envs {
        c.env(k, v);
    }
    run_command(c, timeout)
}

fn env_label(envs: &[(String, String)]) -> String {
    if envs.is_empty() {
        "(no NLDBG/NLCB)".into()
    } else {
        envs.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn compare(
    spec: &Spec,
    envs: &[(String, String)],
    r: &Run,
    o: &Run,
    out_dir: &Path,
) -> Result<(), String> {
    let mut msg = String::new();
    if r.status != o.status {
        msg.push_str(&format!(
            "status: libnl {} vs ours {}\n",
            r.status, o.status
        ));
    }
    let (ro, oo) = if spec.stderr == StderrMode::Masked {
        (
            mask(&String::from_utf8_lossy(&r.stdout)).into_bytes(),
            mask(&String::from_utf8_lossy(&o.stdout)).into_bytes(),
        )
    } else {
        (r.stdout.clone(), o.stdout.clone())
    };
    if ro != oo {
        msg.push_str("stdout differs:\n");
        msg.push_str(&unified_diff(&ro, &oo, "libnl", "ours", out_dir));
    }
    match spec.stderr {
        StderrMode::Ignore => {}
        StderrMode::Masked => {
            let (a, b) = (
                mask(&String::from_utf8_lossy(&r.stderr)),
                mask(&String::from_utf8_lossy(&o.stderr)),
            );
            if a != b {
                msg.push_str("stderr differs (after masking):\n");
                msg.push_str(&unified_diff(
                    a.as_bytes(),
                    b.as_bytes(),
                    "libnl",
                    "ours",
                    out_dir,
                ));
            }
        }
        StderrMode::DbgLevels => {
            let (la, a) = split_dbg(&r.stderr);
            let (lb, b) = split_dbg(&o.stderr);
            if la != lb {
                msg.push_str(&format!(
                    "DBG levels printed: libnl {la:?} vs ours {lb:?}\n"
                ));
            }
            let max = envs
                .iter()
                .find(|(k, _)| k == "NLDBG")
                .and_then(|(_, v)| v.parse::<i64>().ok());
            if let (Some(max), Some(top)) = (max, lb.last()) {
                if *top > max {
                    msg.push_str(&format!("ours prints DBG<{top}> with NLDBG={max}\n"));
                }
            }
            if a != b {
                msg.push_str("non-DBG stderr lines differ (after masking):\n");
                msg.push_str(&unified_diff(
                    a.as_bytes(),
                    b.as_bytes(),
                    "libnl",
                    "ours",
                    out_dir,
                ));
            }
        }
    }
    if msg.is_empty() {
        return Ok(());
    }
    Err(format!(
        "[{}]\n{msg}--- libnl stderr ---\n{}\n--- our stderr ---\n{}",
        env_label(envs),
        clip(&r.stderr, 4000),
        clip(&o.stderr, 8000)
    ))
}

fn one(src: &Path, out_dir: &Path, ref_flags: &[String]) -> Result<(), String> {
    let spec = parse_spec(src)?;
    let stem = src
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let ours = out_dir.join(format!("{stem}.ours"));
    let refb = out_dir.join(format!("{stem}.ref"));
    cc_ref(src, &refb, ref_flags).map_err(|e| format!("reference build (system libnl): {e}"))?;
    cc_ours(src, &ours).map_err(|e| format!("our build: {e}"))?;
    let mut errors = Vec::new();
    for envs in &spec.envs {
        let r = run_netns(&refb, &spec.setup, envs, false, NETNS_TIMEOUT);
        let o = run_netns(&ours, &spec.setup, envs, false, NETNS_TIMEOUT);
        if let Err(e) = compare(&spec, envs, &r, &o, out_dir) {
            errors.push(e);
            continue;
        }
        if valgrind() && !asan() {
            let v = run_netns(&ours, &spec.setup, envs, true, VALGRIND_TIMEOUT);
            // Masked tests print volatile values (sequence numbers start at a random number,
            // ports change), so compare the valgrind run with the plain one the same way.
            let same_stdout = if spec.stderr == StderrMode::Masked {
                mask(&String::from_utf8_lossy(&v.stdout))
                    == mask(&String::from_utf8_lossy(&o.stdout))
            } else {
                v.stdout == o.stdout
            };
            if v.code == Some(66) || v.status != o.status || !same_stdout {
                errors.push(format!(
                    "[{}] under valgrind: {} (plain run: {}; 66 = valgrind found errors){}\n\
                     --- stderr ---\n{}",
                    env_label(envs),
                    v.status,
                    o.status,
                    if !same_stdout { "; stdout differs" } else { "" },
                    clip(&v.stderr, 30000)
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

#[test]
fn netns() {
    let e = env();
    let files = c_files(&e.root.join("tests/compat-netns"));
    if files.is_empty() {
        notice("tests/compat-netns has no *.c programs yet");
        return;
    }
    if let Some(why) = netns_unavailable() {
        skip_or_fail(&format!("tests/compat-netns: {why}"));
        return;
    }
    let Some(ref_flags) = pkg_config(&REF_PKGS) else {
        skip_or_fail(
            "tests/compat-netns need pkg-config and the system libnl: apt-get install \
             pkg-config libnl-3-dev",
        );
        return;
    };
    if valgrind() && !asan() && !have("valgrind") {
        panic!("NLRS_VALGRIND=1 but valgrind is not installed");
    }
    let out_dir = scratch("netns");
    let results = parallel(&files, |src| {
        let name = src
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        (name, one(src, &out_dir, &ref_flags))
    });
    report("tests/compat-netns", results);
}

/// One `tests/nlrs-netns` program: ours only, exit 0, stdout = `.expected` when there is one.
fn one_nlrs(src: &Path, out_dir: &Path) -> Result<(), String> {
    let spec = parse_spec(src)?;
    let stem = src
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let bin = out_dir.join(&stem);
    cc_ours(src, &bin)?;
    let expected = src.with_extension("expected");
    let want = if expected.is_file() {
        Some(std::fs::read(&expected).map_err(|e| format!("{}: {e}", expected.display()))?)
    } else {
        None
    };
    let mut errors = Vec::new();
    for envs in &spec.envs {
        let mut runs = vec![(
            false,
            run_netns(&bin, &spec.setup, envs, false, NETNS_TIMEOUT),
        )];
        if valgrind() && !asan() {
            runs.push((
                true,
                run_netns(&bin, &spec.setup, envs, true, VALGRIND_TIMEOUT),
            ));
        }
        for (vg, r) in runs {
            let label = format!(
                "[{}]{}",
                env_label(envs),
                if vg { " under valgrind" } else { "" }
            );
            if r.code != Some(0) {
                errors.push(format!(
                    "{label}: {} (66 = valgrind found errors)\n--- stdout ---\n{}\n\
                     --- stderr ---\n{}",
                    r.status,
                    clip(&r.stdout, 20000),
                    clip(&r.stderr, 20000)
                ));
            } else if let Some(w) = &want {
                if *w != r.stdout {
                    errors.push(format!(
                        "{label}: stdout differs from {}:\n{}",
                        expected.display(),
                        unified_diff(w, &r.stdout, "expected", "ours", out_dir)
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// `tests/nlrs-netns`: libnlrs-only kernel tests (see the module docs).
#[test]
fn netns_nlrs() {
    let e = env();
    let files = c_files(&e.root.join("tests/nlrs-netns"));
    if files.is_empty() {
        notice("tests/nlrs-netns has no *.c programs yet");
        return;
    }
    if let Some(why) = netns_unavailable() {
        skip_or_fail(&format!("tests/nlrs-netns: {why}"));
        return;
    }
    if valgrind() && !asan() && !have("valgrind") {
        panic!("NLRS_VALGRIND=1 but valgrind is not installed");
    }
    let out_dir = scratch("nlrs-netns");
    let results = parallel(&files, |src| {
        let name = src
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        (name, one_nlrs(src, &out_dir))
    });
    report("tests/nlrs-netns", results);
}

#[test]
fn masking() {
    assert_eq!(
        mask("    .seq = 1795343438\n    .port = -1174420480\n"),
        "    .seq = N\n    .port = N\n"
    );
    assert_eq!(mask("msg 0x55d0c0a1b2c3: x 0x305"), "msg 0xPTR: x 0x305");
    assert_eq!(
        mask("sequence-nr: 17 pid: 3 seq=-1 port=x"),
        "sequence-nr: N pid: N seq=N port=x"
    );
    let (l, rest) = split_dbg(b"DBG<2>  a.c:1 f: x\nplain 0x1234567890\nDBG<3>b\n");
    assert_eq!(l.into_iter().collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(rest, "plain 0xPTR\n");
}

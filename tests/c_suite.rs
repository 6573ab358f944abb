//! The C suite: every `tests/c/*.c` is a self-checking program built against our headers and
//! the freshly built `libnlrs.so`; exit status 0 means pass. If `tests/c/X.expected` exists,
//! stdout must also equal it. With `NLRS_VALGRIND=1` each binary runs once more under valgrind
//! (any memory error or definite leak fails); `NLRS_ASAN=1` builds with ASan/UBSan.

mod common;

use common::*;
use std::path::Path;

fn one(src: &Path, out_dir: &Path) -> Result<(), String> {
    let stem = src
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let bin = out_dir.join(&stem);
    cc_ours(src, &bin)?;
    let r = run(&bin, false, &[], RUN_TIMEOUT);
    if r.code != Some(0) {
        return Err(format!(
            "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            r.status,
            clip(&r.stdout, 20000),
            clip(&r.stderr, 20000)
        ));
    }
    let expected = src.with_extension("expected");
    if expected.is_file() {
        let want = std::fs::read(&expected).map_err(|e| format!("{}: {e}", expected.display()))?;
        if want != r.stdout {
            return Err(format!(
                "stdout differs from {}:\n{}",
                expected.display(),
                unified_diff(&want, &r.stdout, "expected", "ours", out_dir)
            ));
        }
    }
    if valgrind() && !asan() {
        let v = run(&bin, true, &[], VALGRIND_TIMEOUT);
        if v.code != Some(0) {
            return Err(format!(
                "under valgrind: {} (66 = valgrind found errors)\n--- stderr ---\n{}",
                v.status,
                clip(&v.stderr, 30000)
            ));
        }
    }
    Ok(())
}

#[test]
fn c_suite() {
    let e = env();
    let files = c_files(&e.root.join("tests/c"));
    if files.is_empty() {
        notice("tests/c has no *.c programs yet");
        return;
    }
    require_valgrind_if_asked();
    let out_dir = scratch("c_suite");
    run_files("tests/c", &files, |src| one(src, &out_dir));
}

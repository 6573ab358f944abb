//! Differential tests: every `tests/compat/*.c` is built twice, against our headers +
//! `libnlrs.so` and against the system libnl (pkg-config libnl-3.0 libnl-genl-3.0
//! libnl-route-3.0). Both binaries run; stdout and exit status must be identical (stderr is
//! ignored). With `NLRS_VALGRIND=1` our binary runs once more under valgrind and must produce
//! the same result with no memory errors or definite leaks. Outside CI a missing pkg-config or
//! libnl skips with a notice; with `CI=true` it fails.

mod common;

use common::*;
use std::path::Path;

const REF_PKGS: [&str; 3] = ["libnl-3.0", "libnl-genl-3.0", "libnl-route-3.0"];

fn one(src: &Path, out_dir: &Path, ref_flags: &[String]) -> Result<(), String> {
    let stem = src
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let ours = out_dir.join(format!("{stem}.ours"));
    let refb = out_dir.join(format!("{stem}.ref"));
    cc_ref(src, &refb, ref_flags).map_err(|e| format!("reference build (system libnl): {e}"))?;
    cc_ours(src, &ours).map_err(|e| format!("our build: {e}"))?;
    let r = run(&refb, false, &[], RUN_TIMEOUT);
    let o = run(&ours, false, &[], RUN_TIMEOUT);
    if let Some(mut msg) = compare_runs(&r, &o, "libnl", "ours", out_dir) {
        msg.push_str(&format!("--- our stderr ---\n{}", clip(&o.stderr, 8000)));
        return Err(msg);
    }
    if valgrind() && !asan() {
        let v = run(&ours, true, &[], VALGRIND_TIMEOUT);
        if v.code == Some(66) || v.status != o.status || v.stdout != o.stdout {
            return Err(format!(
                "under valgrind: {} (plain run: {}; 66 = valgrind found errors){}\n--- stderr ---\n{}",
                v.status,
                o.status,
                if v.stdout != o.stdout {
                    "; stdout differs"
                } else {
                    ""
                },
                clip(&v.stderr, 30000)
            ));
        }
    }
    Ok(())
}

#[test]
fn compat() {
    let e = env();
    let files = c_files(&e.root.join("tests/compat"));
    if files.is_empty() {
        notice("tests/compat has no *.c programs yet");
        return;
    }
    let Some(ref_flags) = pkg_config(&REF_PKGS) else {
        skip_or_fail(&format!(
            "compat tests need pkg-config and the system libnl ({}): apt-get install pkg-config \
             libnl-3-dev libnl-genl-3-dev libnl-route-3-dev",
            REF_PKGS.join(" ")
        ));
        return;
    };
    require_valgrind_if_asked();
    let out_dir = scratch("compat");
    run_files("tests/compat", &files, |src| one(src, &out_dir, &ref_flags));
}

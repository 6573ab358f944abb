//! Replays every fuzz corpus file (`fuzz/corpus/<target>/*`), every kept regression
//! (`fuzz/regressions/<target>/*`: inputs that found a bug, named after it, never minimised
//! away) and any fresh finding (`fuzz/artifacts/<target>/*`) through the fuzz targets' bodies, on the stable toolchain, as
//! part of `cargo test`. The bodies are the fuzz crate's own (`fuzz/src/bodies/`, included by
//! path), so the fuzzer and this test run the same code; see the README's "Fuzzing".

#[path = "../fuzz/src/bodies/mod.rs"]
#[allow(dead_code)]
mod bodies;

use std::path::Path;

/// Runs `body` over every file of the target's corpus and artifacts; returns how many.
fn replay(target: &str, body: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions", "artifacts"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let data = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let r = std::panic::catch_unwind(|| body(&data));
            assert!(r.is_ok(), "{target}: {} fails", f.display());
            n += 1;
        }
    }
    // Also the empty input and a few fixed patterns, so a target is never replayed on nothing.
    for data in [&[][..], &[0u8; 64][..], &[0xffu8; 64][..]] {
        body(data);
    }
    n
}

macro_rules! target {
    ($name:ident) => {
        #[test]
        fn $name() {
            let n = replay(stringify!($name), bodies::$name::run);
            assert!(n > 0, "fuzz/corpus/{} is empty", stringify!($name));
        }
    };
}

target!(attr);
target!(msgdump);
target!(genl);
target!(addr);
target!(recv);
target!(cacheparse);
target!(cache);
target!(diff);
target!(link);

/// The differential target compares with Debian's libnl, which the gate installs: under CI it
/// must be there (elsewhere a missing libnl only makes `diff` replay nothing).
#[test]
fn diff_has_libnl() {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        assert!(bodies::diff::available(), "libnl-3.so.200 cannot be loaded");
    } else if !bodies::diff::available() {
        eprintln!("notice: libnl-3.so.200 not found, the diff target compares nothing");
    }
}

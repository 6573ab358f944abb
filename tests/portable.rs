//! The library stays free of assembly and of processor-specific code, so it builds for every
//! Linux target: no `asm!` / `naked_asm!` / `global_asm!`, no naked functions, no
//! `target_arch` conditions and no x86-64 names in the Rust sources under `src/` and in
//! `build.rs`, and no inline assembly in the C shim under `src/`. (The variadic functions are C:
//! `src/ffi/variadic.c`.)

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Whether `word` occurs in `line` as a whole identifier.
fn has_word(line: &str, word: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// The forbidden constructs found in one line of a Rust (`rust` = true) or C file.
fn findings(line: &str, rust: bool) -> Vec<&'static str> {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let mut v = Vec::new();
    if rust {
        for (pat, what) in [
            ("asm!", "asm!"),
            ("naked_asm!", "naked_asm!"),
            ("global_asm!", "global_asm!"),
            ("#[naked", "#[naked]"),
            ("#[unsafe(naked", "#[unsafe(naked)]"),
            ("target_arch", "target_arch"),
            ("x86_64", "x86_64"),
        ] {
            if compact.contains(pat) {
                v.push(what);
            }
        }
        if has_word(line, "naked_functions") {
            v.push("naked_functions");
        }
    } else {
        for w in [
            "asm",
            "__asm",
            "__asm__",
            "__x86_64__",
            "__i386__",
            "__aarch64__",
        ] {
            if has_word(line, w) {
                v.push(w);
            }
        }
        if compact.contains(".symver") || compact.contains("symver(") {
            v.push("symver");
        }
    }
    v
}

#[test]
fn no_assembly_or_architecture_code() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    all.push(root.join("build.rs"));
    let mut problems = Vec::new();
    let mut scanned = 0;
    for p in &all {
        let rust = match p.extension().and_then(|e| e.to_str()) {
            Some("rs") => true,
            Some("c" | "h") => false,
            _ => continue,
        };
        let text = fs::read_to_string(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        scanned += 1;
        for (n, line) in text.lines().enumerate() {
            for what in findings(line, rust) {
                let rel = p.strip_prefix(&root).unwrap_or(p);
                problems.push(format!(
                    "{}:{}: {what}: {}",
                    rel.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(scanned > 10, "only {scanned} source files found under src/");
    assert!(
        problems.is_empty(),
        "assembly or architecture-specific code (the library must build for any Linux target):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scanner_sees_what_it_forbids() {
    for (line, rust) in [
        ("    std::arch::asm!(\"nop\");", true),
        ("core::arch::naked_asm!(", true),
        ("global_asm! (\"\")", true),
        ("#[naked]", true),
        ("#[unsafe( naked )]", true),
        ("#[cfg(target_arch = \"x86_64\")]", true),
        ("#![feature(naked_functions)]", true),
        ("\t__asm__ volatile(\"\");", false),
        ("\tasm(\"nop\");", false),
        ("__attribute__((symver(\"f@@V\")))", false),
        ("#if defined(__x86_64__)", false),
    ] {
        assert!(!findings(line, rust).is_empty(), "not caught: {line}");
    }
    for (line, rust) in [
        ("let plasma = 1; // a spasm", true),
        ("/* va_list handling with vsnprintf */", false),
        ("static int chasm(void);", false),
    ] {
        assert!(findings(line, rust).is_empty(), "false positive: {line}");
    }
}

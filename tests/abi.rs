//! ABI checks of the built `libnlrs.so` and the hand-written headers in `include/`:
//!
//! * every header together with the cbindgen dump of our Rust signatures compiles under
//!   `-Werror` (prototype drift is a "conflicting types" error), and so do the prototypes of
//!   the accessors generated from attribute tables (which cbindgen cannot see);
//! * every header compiles on its own as gnu11 and as C++;
//! * struct layouts, enum values and integer/string macros equal libnl 3.7.0's
//!   (`tests/abi/ref/layouts.txt`) for every header we ship;
//! * libnl 3.7.0's private `struct nl_msg` (72 bytes, read directly by Debian's libnl-route)
//!   is what our `nl_msg` starts with, by definition and in a live message;
//! * the C definitions of the variadic functions (`src/ffi/variadic.c`) agree with our headers
//!   and with the Rust functions they call, and are exported as functions while those Rust
//!   halves and their export patterns are not;
//! * the dynamic symbol table equals `tests/abi/exported.txt`, holds only libnl 3.7 names or
//!   `nlrs_*`, no Rust symbols, and data objects have libnl's sizes;
//! * every function declared in `include/` is exported;
//! * SONAME is `libnlrs.so.0` and the static library exists;
//! * `include/nlrs/nlrs.h` (our `nlrs_*` extensions) is what cbindgen generates from
//!   `src/ffi/nlrs.rs` now, and its `NLRS_VERSION` is Cargo.toml's.
//!
//! `NLRS_BLESS=1` rewrites `tests/abi/exported.txt` from the library and `include/nlrs/nlrs.h`
//! from the build's cbindgen output (review the diff!).

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Header names relative to `include/` (`netlink/attr.h`), sorted.
fn headers() -> Vec<String> {
    let inc = env().root.join("include");
    let mut v = Vec::new();
    walk(&inc, &mut |p| {
        if p.extension().is_some_and(|e| e == "h") {
            if let Ok(rel) = p.strip_prefix(&inc) {
                v.push(rel.to_string_lossy().into_owned());
            }
        }
    });
    v.sort();
    v
}

fn inc_flag() -> String {
    format!("-I{}", env().root.join("include").display())
}

/// Compiles `text` (syntax only) as C (`cxx` = false) or C++ with warnings as errors.
fn syntax_check(dir: &Path, name: &str, text: &str, cxx: bool) -> Result<(), String> {
    let src = dir.join(name);
    fs::write(&src, text).map_err(|e| format!("write {}: {e}", src.display()))?;
    let mut c = if cxx {
        let mut c = Command::new(std::env::var("CXX").unwrap_or_else(|_| "g++".into()));
        c.args(["-x", "c++"]);
        c
    } else {
        let mut c = Command::new(cc());
        c.args(["-x", "c", "-std=gnu11"]);
        c
    };
    c.args(["-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
        .arg(inc_flag())
        .arg(&src);
    compile(c).map_err(|e| format!("{e}\n--- source ---\n{text}"))
}

#[test]
fn prototypes_match_rust_signatures() {
    let dump = env!("NLRS_ABI_HEADER");
    let dump_text = fs::read_to_string(dump).expect("read the cbindgen dump");
    assert!(
        !dump_text.contains("#error"),
        "cbindgen could not dump the Rust signatures:\n{dump_text}"
    );
    let dir = scratch("abi-protos");
    let mut text = String::new();
    for h in headers() {
        text.push_str(&format!("#include <{h}>\n"));
    }
    text.push_str(&format!("#include \"{dump}\"\n"));
    if let Err(e) = syntax_check(&dir, "all.c", &text, false) {
        panic!("headers vs. Rust signatures (cbindgen dump {dump}):\n{e}");
    }
}

/// A Rust type as written in a generated accessor's signature, in C.
fn c_type(rust: &str) -> String {
    let t = rust.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(inner) = t
        .strip_prefix("*mut ")
        .or_else(|| t.strip_prefix("*const "))
    {
        let constq = if t.starts_with("*const") {
            "const "
        } else {
            ""
        };
        return format!("{constq}{} *", c_type(inner));
    }
    match t.as_str() {
        "c_int" => "int".into(),
        "c_uint" => "unsigned int".into(),
        "c_char" => "char".into(),
        "c_long" => "long".into(),
        "c_ulong" => "unsigned long".into(),
        "u8" => "uint8_t".into(),
        "u16" => "uint16_t".into(),
        "u32" => "uint32_t".into(),
        "u64" => "uint64_t".into(),
        "i8" => "int8_t".into(),
        "i16" => "int16_t".into(),
        "i32" => "int32_t".into(),
        "i64" => "int64_t".into(),
        "usize" => "size_t".into(),
        "void" => "void".into(),
        // Opaque libnl types are spelled by their struct name (genl_family -> struct genl_family).
        other => format!("struct {other}"),
    }
}

/// "ret name(arg, arg)" in Rust type names -> a C declaration.
fn c_prototype(p: &str) -> String {
    let (head, args) = p.split_once('(').expect("prototype has arguments");
    let (ret, name) = head.rsplit_once(' ').expect("prototype has a return type");
    let args: Vec<String> = args
        .trim_end_matches(')')
        .split(',')
        .map(|a| {
            let a = a.trim();
            // The object argument is the opaque type itself, passed by pointer.
            if !a.contains('*') && !a.starts_with('c') && !a.starts_with('u') && !a.starts_with('i')
            {
                format!("struct {a} *")
            } else {
                c_type(a)
            }
        })
        .collect();
    format!("extern {} {}({});\n", c_type(ret), name, args.join(", "))
}

#[test]
fn generated_accessor_prototypes_match_headers() {
    let dir = scratch("abi-accessors");
    let mut text = String::new();
    for h in headers() {
        text.push_str(&format!("#include <{h}>\n"));
    }
    let mut n = 0;
    for table in nlrs::ffi::init::ACCESSOR_PROTOTYPES {
        for p in *table {
            text.push_str(&c_prototype(p));
            n += 1;
        }
    }
    assert!(n > 0, "no generated accessors found");
    if let Err(e) = syntax_check(&dir, "accessors.c", &text, false) {
        panic!("headers vs. generated accessors:\n{e}");
    }
    println!("{n} generated accessor prototypes checked");
}

#[test]
fn prototype_spelling() {
    assert_eq!(
        c_prototype("c_uint genl_family_get_id(genl_family)"),
        "extern unsigned int genl_family_get_id(struct genl_family *);\n"
    );
    assert_eq!(
        c_prototype("void genl_family_set_version(genl_family, u8)"),
        "extern void genl_family_set_version(struct genl_family *, uint8_t);\n"
    );
    assert_eq!(c_type("*const c_char"), "const char *");
}

/// The C shim of the variadic functions, compiled after all headers and the cbindgen dump:
/// its definitions must match the public prototypes and its (hidden) declarations of the Rust
/// halves must match their Rust signatures; any difference is a "conflicting types" error.
#[test]
fn variadic_shim_matches_headers_and_rust_signatures() {
    let dump = env!("NLRS_ABI_HEADER");
    let shim = env().root.join("src/ffi/variadic.c");
    let dir = scratch("abi-variadic");
    let mut text = String::new();
    for h in headers() {
        text.push_str(&format!("#include <{h}>\n"));
    }
    text.push_str(&format!("#include \"{dump}\"\n"));
    text.push_str(&format!("#include \"{}\"\n", shim.display()));
    if let Err(e) = syntax_check(&dir, "variadic.c", &text, false) {
        panic!("src/ffi/variadic.c vs. headers and Rust signatures:\n{e}");
    }
    let dump_text = fs::read_to_string(dump).expect("read the cbindgen dump");
    for f in [
        "nlrs_va_dump_begin",
        "nlrs_va_dump_text",
        "nlrs_va_membership",
    ] {
        assert!(
            dump_text.contains(&format!(" {f}(")),
            "{f} missing from the cbindgen dump: the check above would not compare it"
        );
    }
}

/// The four variadic functions are C code: exported as functions of `libnlrs.so`; the Rust
/// functions they call and the bracket-named statics whose version-script patterns export
/// them (`src/ffi/variadic.rs`) are not.
#[test]
fn variadic_functions_are_exported() {
    let syms = exported_symbols(&env().lib);
    for f in [
        "nl_dump",
        "nl_dump_line",
        "nl_socket_add_memberships",
        "nl_socket_drop_memberships",
    ] {
        assert!(
            syms.iter().any(|(n, t, _)| n == f && *t == 'T'),
            "{f} is not an exported function of libnlrs.so"
        );
    }
    let leaked: Vec<&String> = syms
        .iter()
        .map(|s| &s.0)
        .filter(|n| n.starts_with("nlrs_va_") || n.contains('['))
        .collect();
    assert!(leaked.is_empty(), "internal symbols exported: {leaked:?}");
}

#[test]
fn headers_compile_standalone_as_c_and_cxx() {
    let hs = headers();
    assert!(!hs.is_empty(), "no headers under include/");
    let cxx = have(&std::env::var("CXX").unwrap_or_else(|_| "g++".into()));
    if !cxx {
        skip_or_fail("g++ is not installed: headers are not checked as C++");
    }
    let dir = scratch("abi-standalone");
    let results = parallel(&hs, |h| {
        // Included twice: the include guard must work.
        let text = format!("#include <{h}>\n#include <{h}>\nint nlrs_probe_dummy;\n");
        let stem = h.replace(['/', '.'], "_");
        let mut r = syntax_check(&dir, &format!("{stem}.c"), &text, false)
            .map_err(|e| format!("as C (gnu11): {e}"));
        if r.is_ok() && cxx {
            r = syntax_check(&dir, &format!("{stem}.cc"), &text, true)
                .map_err(|e| format!("as C++: {e}"));
        }
        (h.clone(), r)
    });
    report("header", results);
}

/// `layouts.txt` restricted to the headers we ship.
struct RefLayouts {
    /// (header, probe statement, expected output line)
    checks: Vec<(String, String, String)>,
}

fn ref_layouts(which: &str) -> RefLayouts {
    let text = fs::read_to_string(env().root.join("tests/abi/ref/layouts.txt"))
        .expect("tests/abi/ref/layouts.txt");
    let ours: BTreeSet<String> = headers().into_iter().collect();
    let mut checks = Vec::new();
    let mut cur_struct: Option<(String, String)> = None; // (tag, header)
    let mut cur_enum_header: Option<String> = None;
    for line in text.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        let kv = |k: &str| {
            w.iter()
                .find_map(|x| x.strip_prefix(&format!("{k}=")))
                .unwrap_or("")
                .to_string()
        };
        match w.first().copied() {
            Some("AGG") => {
                cur_enum_header = None;
                cur_struct = None;
                let header = kv("header");
                if which == "struct" && ours.contains(&header) && w.len() >= 3 {
                    let ty = format!("{} {}", w[1], w[2]);
                    let st = format!(
                        "printf(\"AGG {ty} size=%zu align=%zu\\n\", sizeof({ty}), _Alignof({ty}));"
                    );
                    checks.push((
                        header.clone(),
                        st,
                        format!("AGG {ty} size={} align={}", kv("size"), kv("align")),
                    ));
                    cur_struct = Some((ty, header));
                }
            }
            Some("MEM") => {
                if let (Some((ty, header)), Some(m)) = (&cur_struct, w.get(1)) {
                    let st = format!(
                        "printf(\"MEM {ty}.{m} off=%zu size=%zu\\n\", offsetof({ty}, {m}), \
                         sizeof((({ty} *)0)->{m}));"
                    );
                    checks.push((
                        header.clone(),
                        st,
                        format!("MEM {ty}.{m} off={} size={}", kv("off"), kv("size")),
                    ));
                }
            }
            Some("ENUM") => {
                cur_struct = None;
                let header = kv("header");
                cur_enum_header = None;
                if which == "enum" && ours.contains(&header) {
                    let tag = w.get(1).copied().unwrap_or("");
                    let size = kv("sizeof");
                    if tag != "(anonymous)" && !size.is_empty() {
                        checks.push((
                            header.clone(),
                            format!("printf(\"sizeof(enum {tag})=%zu\\n\", sizeof(enum {tag}));"),
                            format!("sizeof(enum {tag})={size}"),
                        ));
                    }
                    cur_enum_header = Some(header);
                }
            }
            Some("VAL") => {
                if let (Some(header), Some(name), Some(val)) =
                    (&cur_enum_header, w.get(1), w.get(2))
                {
                    checks.push((
                        header.clone(),
                        format!("printf(\"{name}=%lld\\n\", (long long)({name}));"),
                        format!("{name}={val}"),
                    ));
                }
            }
            Some("MACRO") if which == "enum" => {
                cur_struct = None;
                cur_enum_header = None;
                let (Some(header), Some(name), Some(kind)) = (w.get(1), w.get(2), w.get(3)) else {
                    continue;
                };
                if !ours.contains(*header) {
                    continue;
                }
                match *kind {
                    "int" => {
                        if let Some(val) = w.get(4) {
                            checks.push((
                                header.to_string(),
                                format!("printf(\"{name}=%lld\\n\", (long long)({name}));"),
                                format!("{name}={val}"),
                            ));
                        }
                    }
                    "str" => {
                        // The literal is the rest of the line after "str ".
                        if let Some(pos) = line.find(" str ") {
                            let lit = &line[pos + 5..];
                            let val = lit.trim().trim_matches('"');
                            checks.push((
                                header.to_string(),
                                format!("printf(\"{name}=%s\\n\", {name});"),
                                format!("{name}={val}"),
                            ));
                        }
                    }
                    _ => {}
                }
            }
            Some(s) if s.starts_with('#') => {}
            _ => {
                cur_struct = None;
                cur_enum_header = None;
            }
        }
    }
    RefLayouts { checks }
}

/// Builds one probe over `checks` against our headers, runs it and compares line by line.
fn run_probe(kind: &str, r: RefLayouts) {
    if r.checks.is_empty() {
        notice(&format!(
            "no {kind} facts apply to the headers in include/ yet"
        ));
        return;
    }
    let dir = scratch(&format!("abi-{kind}"));
    let hs: BTreeSet<&str> = r.checks.iter().map(|c| c.0.as_str()).collect();
    let mut src = String::from("#include <stddef.h>\n#include <stdio.h>\n");
    for h in &hs {
        src.push_str(&format!("#include <{h}>\n"));
    }
    src.push_str("int main(void)\n{\n");
    for c in &r.checks {
        src.push_str(&format!("\t{}\n", c.1));
    }
    src.push_str("\treturn 0;\n}\n");
    let c_file = dir.join("probe.c");
    fs::write(&c_file, &src).expect("write probe");
    let bin = dir.join("probe");
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-w"])
        .arg(inc_flag())
        .arg(&c_file)
        .arg("-o")
        .arg(&bin);
    if let Err(e) = compile(c) {
        panic!("{kind} probe against our headers does not build (missing names?):\n{e}");
    }
    let out = run(&bin, false, &[], RUN_TIMEOUT);
    assert_eq!(out.code, Some(0), "probe failed: {}", out.status);
    let got = String::from_utf8_lossy(&out.stdout).into_owned();
    let want: String = r.checks.iter().map(|c| format!("{}\n", c.2)).collect();
    if got != want {
        panic!(
            "{kind} facts differ from libnl 3.7.0 (tests/abi/ref/layouts.txt):\n{}",
            unified_diff(want.as_bytes(), got.as_bytes(), "libnl-3.7.0", "ours", &dir)
        );
    }
    println!("{} {kind} facts checked", r.checks.len());
}

#[test]
fn struct_layouts_match_libnl() {
    run_probe("struct", ref_layouts("struct"));
}

/// libnl 3.7.0's private `struct nl_msg` as the DWARF of Debian's libnl-3-200-dbg describes it
/// (`private-layouts.txt` of the project's shared ABI notes): `int nm_protocol @0; int nm_flags
/// @4; struct sockaddr_nl nm_src @8; nm_dst @20; struct ucred nm_creds @32; struct nlmsghdr
/// *nm_nlh @48; size_t nm_size @56; int nm_refcnt @64`, 72 bytes, 8-aligned.
#[test]
fn private_nl_msg_layout_matches_libnl() {
    use nlrs::engine::msg::Message;
    use nlrs::ffi::handle::Handle;
    use nlrs::ffi::types::{MsgHead, nl_msg};
    use std::mem::{align_of, offset_of, size_of};

    assert_eq!(offset_of!(MsgHead, nm_protocol), 0);
    assert_eq!(offset_of!(MsgHead, nm_flags), 4);
    assert_eq!(offset_of!(MsgHead, nm_src), 8);
    assert_eq!(offset_of!(MsgHead, nm_dst), 20);
    assert_eq!(offset_of!(MsgHead, nm_creds), 32);
    assert_eq!(offset_of!(MsgHead, nm_nlh), 48);
    assert_eq!(offset_of!(MsgHead, nm_size), 56);
    assert_eq!(size_of::<MsgHead>(), 64);
    assert_eq!(Handle::<Message, MsgHead>::REFCNT_OFFSET, 64);
    assert_eq!(Handle::<Message, MsgHead>::VALUE_OFFSET, 72);
    assert!(size_of::<nl_msg>() >= 72);
    assert_eq!(align_of::<nl_msg>(), 8);

    // A live message, read the way C reads it.
    // SAFETY: plain calls of our C entry points on a message we own; every read is inside the
    // first 72 bytes of the block nlmsg_alloc_size returned, at libnl's offsets and types.
    unsafe {
        let m = nlrs::ffi::msg::nlmsg_alloc_size(100);
        assert!(!m.is_null());
        let base = m.cast::<u8>();
        let int_at = |off: usize| base.add(off).cast::<i32>().read();
        assert_eq!(int_at(0), -1, "nm_protocol");
        assert_eq!(int_at(4), 0, "nm_flags");
        let nlh = base.add(48).cast::<*mut libc::nlmsghdr>().read();
        assert_eq!(nlh, nlrs::ffi::msg::nlmsg_hdr(m), "nm_nlh");
        assert_eq!((*nlh).nlmsg_len, 16);
        assert_eq!(base.add(56).cast::<usize>().read(), 100, "nm_size");
        assert_eq!(int_at(64), 1, "nm_refcnt");
        nlrs::ffi::msg::nlmsg_get(m);
        assert_eq!(int_at(64), 2, "nm_refcnt after nlmsg_get");
        nlrs::ffi::msg::nlmsg_set_proto(m, 16);
        assert_eq!(int_at(0), 16, "nm_protocol after nlmsg_set_proto");
        assert_eq!(nlrs::ffi::msg::nlmsg_expand(m, 1 << 20), 0);
        let nlh = base.add(48).cast::<*mut libc::nlmsghdr>().read();
        assert_eq!(
            nlh,
            nlrs::ffi::msg::nlmsg_hdr(m),
            "nm_nlh after nlmsg_expand"
        );
        assert_eq!(
            base.add(56).cast::<usize>().read(),
            1 << 20,
            "nm_size after expand"
        );
        nlrs::ffi::msg::nlmsg_free(m);
        assert_eq!(int_at(64), 1, "nm_refcnt after nlmsg_free");
        nlrs::ffi::msg::nlmsg_free(m);
    }
}

#[test]
fn enum_and_macro_values_match_libnl() {
    run_probe("enum", ref_layouts("enum"));
}

/// `name -> Some(size)` for data objects, `None` for functions, from the libnl symbol lists.
fn libnl_exports() -> BTreeMap<String, Option<u64>> {
    let dir = env().root.join("tests/abi/ref");
    let mut m = BTreeMap::new();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/abi/ref")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".symbols"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no libnl symbol lists in tests/abi/ref");
    for f in files {
        for line in fs::read_to_string(&f).expect("read symbols").lines() {
            let w: Vec<&str> = line.split_whitespace().collect();
            match w.as_slice() {
                ["F", name, ..] => {
                    m.insert(name.to_string(), None);
                }
                ["D", name, size, ..] => {
                    m.insert(name.to_string(), size.parse().ok());
                }
                _ => {}
            }
        }
    }
    m
}

fn read_list(p: &Path) -> Option<Vec<String>> {
    let t = fs::read_to_string(p).ok()?;
    Some(
        t.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn exported_symbols_are_libnl_names() {
    let e = env();
    let syms = exported_symbols(&e.lib);
    let names: Vec<String> = syms.iter().map(|s| s.0.clone()).collect();
    let libnl = libnl_exports();
    let mut problems = Vec::new();
    for (name, ty, size) in &syms {
        if name.starts_with("_ZN") || name.starts_with("_R") || name.contains("rust_") {
            problems.push(format!("Rust symbol leaks: {name}"));
        } else if name.starts_with("nlrs_") {
        } else {
            match libnl.get(name) {
                None => problems.push(format!("{name} is not a libnl 3.7.0 export")),
                Some(Some(want)) => {
                    if !matches!(ty, 'B' | 'D' | 'R' | 'b' | 'd' | 'r' | 'V') {
                        problems.push(format!("{name} is data in libnl but nm type {ty} here"));
                    } else if *size != Some(*want) {
                        problems.push(format!("{name}: size {size:?} here, {want} in libnl"));
                    }
                }
                Some(None) => {
                    if !matches!(ty, 'T' | 't' | 'W' | 'i') {
                        problems.push(format!(
                            "{name} is a function in libnl but nm type {ty} here"
                        ));
                    }
                }
            }
        }
    }
    let list = e.root.join("tests/abi/exported.txt");
    if flag("NLRS_BLESS") {
        fs::write(&list, names.join("\n") + "\n").expect("write exported.txt");
        notice("NLRS_BLESS=1: tests/abi/exported.txt rewritten");
    }
    match read_list(&list) {
        None => problems.push(format!("{} is missing", list.display())),
        Some(mut want) => {
            want.sort();
            if want != names {
                let a = want.join("\n") + "\n";
                let b = names.join("\n") + "\n";
                problems.push(format!(
                    "exported symbols differ from tests/abi/exported.txt:\n{}",
                    unified_diff(
                        a.as_bytes(),
                        b.as_bytes(),
                        "exported.txt",
                        "libnlrs.so",
                        &e.target_dir
                    )
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Name of the function declared by one `-aux-info` line, e.g.
/// `extern struct nl_msg *nlmsg_alloc (void);` or `extern void (*f (int)) (int);`.
fn aux_info_name(decl: &str) -> Option<String> {
    let b = decl.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c != b'(' || b.get(i + 1) == Some(&b'*') {
            continue;
        }
        let mut end = i;
        while end > 0 && b[end - 1] == b' ' {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_') {
            start -= 1;
        }
        if start < end {
            return Some(decl[start..end].to_string());
        }
    }
    None
}

#[test]
fn every_declared_function_is_exported() {
    let e = env();
    let dir = scratch("abi-decls");
    let inc = e.root.join("include");
    let mut text = String::new();
    for h in headers() {
        text.push_str(&format!("#include <{h}>\n"));
    }
    let src = dir.join("all.c");
    fs::write(&src, &text).expect("write");
    let aux = dir.join("aux-info.txt");
    let mut c = Command::new(cc());
    c.args(["-std=gnu11", "-w", "-fsyntax-only"])
        .arg(inc_flag())
        .arg("-aux-info")
        .arg(&aux)
        .arg(&src);
    if let Err(err) = compile(c) {
        panic!("headers do not build together:\n{err}");
    }
    let exported: BTreeSet<String> = exported_symbols(&e.lib).into_iter().map(|s| s.0).collect();
    let prefix = format!("/* {}/", inc.display());
    let mut declared = 0;
    let mut missing = Vec::new();
    for line in fs::read_to_string(&aux).expect("aux-info").lines() {
        // "/* <file>:<line>:NC */ extern int f (int);" — C = declaration, F = definition.
        let Some(rest) = line.strip_prefix(&prefix) else {
            continue;
        };
        let Some((loc, decl)) = rest.split_once(" */ ") else {
            continue;
        };
        if !loc.ends_with('C') || decl.starts_with("static") {
            continue;
        }
        let Some(name) = aux_info_name(decl) else {
            continue;
        };
        declared += 1;
        if !exported.contains(&name) {
            missing.push(format!(
                "{name}  ({})",
                loc.trim_end_matches(":NC").trim_end_matches(":OC")
            ));
        }
    }
    println!("{declared} function declarations checked");
    assert!(
        missing.is_empty(),
        "declared in include/ but not exported by libnlrs.so (no prototypes without an \
         implementation):\n{}",
        missing.join("\n")
    );
}

#[test]
fn aux_info_parser() {
    assert_eq!(
        aux_info_name("extern int nla_put (struct nl_msg *, int);").as_deref(),
        Some("nla_put")
    );
    assert_eq!(
        aux_info_name("extern struct nl_msg *nlmsg_alloc (void);").as_deref(),
        Some("nlmsg_alloc")
    );
    assert_eq!(
        aux_info_name("extern void (*getcb (int)) (int);").as_deref(),
        Some("getcb")
    );
}

#[test]
fn soname_and_static_library() {
    let e = env();
    let o = Command::new("readelf")
        .args(["-d"])
        .arg(&e.lib)
        .output()
        .expect("run readelf (binutils)");
    let d = String::from_utf8_lossy(&o.stdout);
    let soname: Vec<&str> = d.lines().filter(|l| l.contains("(SONAME)")).collect();
    assert_eq!(soname.len(), 1, "exactly one SONAME expected:\n{d}");
    assert!(
        soname[0].contains("[libnlrs.so.0]"),
        "SONAME must be libnlrs.so.0: {}",
        soname[0]
    );
    let a = e.lib_dir.join("libnlrs.a");
    assert!(
        a.is_file(),
        "{} missing (staticlib crate type)",
        a.display()
    );
}

/// The checked-in `include/nlrs/nlrs.h` equals the header build.rs generated from
/// `src/ffi/nlrs.rs` (rustls-ffi's "header is current" check, without build.rs writing into
/// the tree); `NLRS_BLESS=1` copies the generated one over it.
#[test]
fn nlrs_header_is_current() {
    let e = env();
    let generated_path = env!("NLRS_PUBLIC_HEADER");
    let generated = fs::read_to_string(generated_path).expect("read the generated nlrs.h");
    assert!(
        !generated.contains("#error"),
        "cbindgen could not generate nlrs.h:\n{generated}"
    );
    assert!(
        generated.contains(&format!(
            "#define NLRS_VERSION \"{}\"\n",
            env!("CARGO_PKG_VERSION")
        )),
        "NLRS_VERSION in the generated nlrs.h is not Cargo.toml's version"
    );
    let checked_in = e.root.join("include/nlrs/nlrs.h");
    if flag("NLRS_BLESS") {
        fs::write(&checked_in, &generated).expect("write include/nlrs/nlrs.h");
        notice("NLRS_BLESS=1: include/nlrs/nlrs.h rewritten");
    }
    let have = fs::read_to_string(&checked_in).unwrap_or_default();
    if have != generated {
        panic!(
            "include/nlrs/nlrs.h is not what cbindgen generates from src/ffi/nlrs.rs now \
             (NLRS_BLESS=1 cargo test --test abi rewrites it):\n{}",
            unified_diff(
                have.as_bytes(),
                generated.as_bytes(),
                "include/nlrs/nlrs.h",
                generated_path,
                &e.target_dir
            )
        );
    }
    assert!(
        generated.contains(" nlrs_socket_get_dropped("),
        "nlrs_socket_get_dropped missing from nlrs.h"
    );
}

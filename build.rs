//! Build script: compiles the C shim of the four variadic functions (`src/ffi/variadic.c`), sets
//! the SONAME and dumps every exported function with cbindgen into OUT_DIR (`nlrs_abi.h`), which
//! `tests/abi.rs` compiles together with our hand-written headers so any prototype drift is a
//! compile error. It never writes into the source tree.

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libnlrs.so.0");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=build.rs");

    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));

    variadic_shim(&crate_dir);

    let mut config = cbindgen::Config {
        language: cbindgen::Language::C,
        style: cbindgen::Style::Tag,
        usize_is_size_t: true,
        no_includes: true,
        sys_includes: vec![
            "stdint.h".into(),
            "stddef.h".into(),
            "stdbool.h".into(),
            "stdio.h".into(),
            "sys/socket.h".into(),
            "linux/netlink.h".into(),
        ],
        ..Default::default()
    };
    config.export.item_types = vec![cbindgen::ItemType::Functions];
    config.parse.parse_deps = false;
    // Kernel/libc structs appear in signatures through `libc` (or our repr(C) mirrors of them);
    // cbindgen cannot see their definitions, so tell it how C spells them.
    for (rust, c) in [
        ("nlattr", "struct nlattr"),
        ("nlmsghdr", "struct nlmsghdr"),
        ("genlmsghdr", "struct genlmsghdr"),
        ("sockaddr_nl", "struct sockaddr_nl"),
        ("SockaddrNl", "struct sockaddr_nl"),
        ("ucred", "struct ucred"),
        ("Ucred", "struct ucred"),
        ("sockaddr", "struct sockaddr"),
        ("socklen_t", "socklen_t"),
        ("addrinfo", "struct addrinfo"),
        ("nlmsgerr", "struct nlmsgerr"),
        ("msghdr", "struct msghdr"),
        ("iovec", "struct iovec"),
        ("nl_cb_kind", "enum nl_cb_kind"),
        ("nl_cb_type", "enum nl_cb_type"),
    ] {
        config.export.rename.insert(rust.into(), c.into());
    }

    let header = out_dir.join("nlrs_abi.h");
    match cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
    {
        Ok(bindings) => {
            bindings.write_to_file(&header);
        }
        Err(e) => {
            // A parse failure must not break the library build itself; the ABI test reports it.
            println!("cargo:warning=cbindgen failed: {e}");
            std::fs::write(&header, format!("#error \"cbindgen failed: {e}\"\n")).ok();
        }
    }
    println!("cargo:rustc-env=NLRS_ABI_HEADER={}", header.display());
}

/// Compiles `src/ffi/variadic.c` (`nl_dump`, `nl_dump_line`, `nl_socket_add_memberships`,
/// `nl_socket_drop_memberships`: Rust cannot define C-variadic functions) against our own
/// headers, so its definitions must match the public prototypes.
///
/// Linked with `+whole-archive` because no Rust code calls these functions: without it the
/// linker drops the object from `libnlrs.so`. rustc bundles the archive into `libnlrs.a` and the
/// rlib by default. rustc's own version script would still make the C symbols local in
/// `libnlrs.so`; `src/ffi/variadic.rs` explains how they are exported all the same (glob
/// patterns in that script, from four bracket-named Rust statics) and which alternatives fail.
fn variadic_shim(crate_dir: &std::path::Path) {
    cc::Build::new()
        .file(crate_dir.join("src/ffi/variadic.c"))
        .include(crate_dir.join("include"))
        .warnings(true)
        .extra_warnings(true)
        .link_lib_modifier("+whole-archive")
        .compile("nlrs_variadic");
}

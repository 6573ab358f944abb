//! The C-variadic entry points `nl_dump`, `nl_dump_line`, `nl_socket_add_memberships` and
//! `nl_socket_drop_memberships`.
//!
//! Stable Rust cannot define a function taking `...`, so the four are written in C, in
//! `src/ffi/variadic.c`, which `build.rs` compiles with the `cc` crate. The C side does all of
//! the `va_list` handling with the C library (`vfprintf`, `vsnprintf`, `va_arg`) and calls
//! non-variadic Rust functions for the rest:
//! [`nlrs_va_dump_begin`](super::utils::nlrs_va_dump_begin) /
//! [`nlrs_va_dump_text`](super::utils::nlrs_va_dump_text) for the dumps and
//! [`nlrs_va_membership`](super::socket::nlrs_va_membership) once per group. No processor or
//! `va_list` layout is assumed anywhere, so the library builds for every Linux target Rust and
//! a C compiler support.
//!
//! # How the C definitions get into the library
//!
//! * **Linked at all.** `build.rs` links the shim archive with `+whole-archive`: nothing in Rust
//!   calls the four functions, and a plain static library member nobody references is dropped.
//!   In `libnlrs.a` (and the rlib) the shim object is bundled like any `static=` native library,
//!   so static links get it too.
//! * **Exported from `libnlrs.so`.** rustc links a `cdylib` with a version script of its own,
//!   `{ global: <every Rust #[no_mangle] name>; local: *; };`, so any C symbol is made local.
//!   What was tried (`tests/abi.rs` keeps the result honest):
//!   - a second `-Wl,--version-script` with the four names: rust-lld and lld 14 merge it, but
//!     GNU ld 2.40 refuses it ("anonymous version tag cannot be combined with other version
//!     tags"), and GNU ld is the default linker of every Linux target but x86-64 (and of
//!     x86-64 before Rust 1.90, where rustc switched to rust-lld);
//!   - `-Wl,--export-dynamic-symbol=`, `-Wl,--dynamic-list=`, `-Wl,--export-dynamic`: no effect
//!     with either linker, the version script's `local: *` wins;
//!   - referencing the symbols from Rust (or `-Wl,-u`): keeps the object, still local;
//!   - a Rust `#[no_mangle]` stub of the same name redirected with `-Wl,--defsym`: exports the C
//!     code, but `libnlrs.a` would then define each name twice;
//!   - a GCC `symver` attribute `nl_dump@@`: GNU ld only (lld rejects it, clang lacks it).
//!
//!   What works with GNU ld, gold, lld and rust-lld alike: rustc writes the names into its
//!   script as they are, and version-script names are glob patterns. The four statics below
//!   are exported under the names `nl_dum[p]`, `nl_dump_lin[e]`, … so rustc's script contains
//!   those patterns in `global:`; each matches exactly one C function (and not the bracketed
//!   name itself, which stays local and is garbage-collected). The statics are one byte of
//!   read-only data each and never used; in `libnlrs.a` their odd names cannot clash with
//!   anything. This relies on rustc writing the names unquoted (a quoted name is no pattern);
//!   should that change, `tests/abi.rs` fails (the four functions would be missing from
//!   `libnlrs.so`).
//! * **Not exporting the Rust halves.** The C file declares the three `nlrs_va_*` functions
//!   with hidden visibility; the linker applies the strictest visibility of all references, so
//!   they stay out of the dynamic symbol table although rustc lists them.

/// Makes rustc's version script export the C `nl_dump` (pattern `nl_dum[p]`).
#[unsafe(export_name = "nl_dum[p]")]
pub static EXPORT_NL_DUMP: u8 = 0;

/// Makes rustc's version script export the C `nl_dump_line` (pattern `nl_dump_lin[e]`).
#[unsafe(export_name = "nl_dump_lin[e]")]
pub static EXPORT_NL_DUMP_LINE: u8 = 0;

/// Makes rustc's version script export the C `nl_socket_add_memberships`.
#[unsafe(export_name = "nl_socket_add_membership[s]")]
pub static EXPORT_NL_SOCKET_ADD_MEMBERSHIPS: u8 = 0;

/// Makes rustc's version script export the C `nl_socket_drop_memberships`.
#[unsafe(export_name = "nl_socket_drop_membership[s]")]
pub static EXPORT_NL_SOCKET_DROP_MEMBERSHIPS: u8 = 0;

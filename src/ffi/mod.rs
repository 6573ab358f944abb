//! The `extern "C"` surface: libnl's exact function names and signatures.
//!
//! One file per libnl header, functions in the header's order. Each exported function:
//! * starts with [`ffi_entry!`](crate::ffi_entry), which stops a Rust panic at the boundary and
//!   returns the function's failure value instead ([`FfiDefault`]);
//! * checks its pointers with the helpers in [`ptr`] / [`handle`] before touching them
//!   (NULL where libnl tolerates it gives libnl's result, NULL where libnl would crash logs at
//!   `NLDBG >= 1` and returns the failure value: see [`ffi_check!`](crate::ffi_check));
//! * calls the safe engine and maps [`Error`](crate::error::Error) to a negative `NLE_*` code.
//!
//! Raw memory is touched in `ptr.rs`, `handle.rs` (reference-counted handles, `nl_addr`
//! blocks), `objhdr.rs`/`objindex.rs` (libnl's object, cache and hash-table layouts) and
//! `trampoline.rs` (the only calls of user C function pointers, and the C callbacks that run
//! Rust closures); other files use them through small `unsafe` calls with `// SAFETY:` notes.
//!
//! Layers, lowest first: `types.rs` (C layouts, constants, callback typedefs), `ptr`,
//! `handle`, `trampoline`; `objhdr`, `objindex`, `object`, `hashtable`, `cache_mngt` (the
//! type registry), `cache`; `objtype` (engine object types as C object types); `msg`, `attr`,
//! `handlers`, `socket`, `nl` (with the crate's own Rust request API: `nl_sock::send_auto`,
//! `recv_with`, `wait_ack`); `cache_sync`, `cache_mngr`, `genl/`; `nlrs` (libnlrs's own
//! `nlrs_*` functions, from which `include/nlrs/nlrs.h` is generated); and `init`, the top.
//!
//! The four C-variadic functions (`nl_dump`, `nl_dump_line`, `nl_socket_add_memberships`,
//! `nl_socket_drop_memberships`) cannot be written in stable Rust: they are C code in
//! `variadic.c` (built by `build.rs` with the `cc` crate), which does the `va_list` handling
//! and calls non-variadic Rust functions here. [`variadic`] explains how they are linked into
//! and exported from the library. Nothing in this crate is assembly or specific to one
//! processor (`tests/portable.rs`).
#![allow(non_camel_case_types)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod addr;
pub mod attr;
pub mod cache;
pub mod cache_mngr;
pub mod cache_mngt;
pub mod cache_sync;
pub mod data;
pub mod errno;
pub mod genl;
pub mod handle;
pub mod handlers;
pub mod hashtable;
pub mod init;
pub mod internal;
pub mod msg;
pub mod msgdump;
pub mod nl;
pub mod nlrs;
pub mod object;
pub mod objhdr;
pub mod objindex;
pub mod objtype;
pub mod ptr;
#[cfg(feature = "route")]
pub mod route;
pub mod socket;
pub mod trampoline;
pub mod trans;
pub mod types;
pub mod utils;
pub mod variadic;
pub mod version;

use std::ffi::{c_char, c_int, c_long, c_uint, c_void};

/// The value an exported function returns when it cannot do its job because of a Rust panic.
pub trait FfiDefault {
    /// The failure value: `-NLE_FAILURE` for `int`, NULL for pointers, 0 for other numbers.
    fn ffi_default() -> Self;
}

impl FfiDefault for c_int {
    fn ffi_default() -> Self {
        -types::NLE_FAILURE
    }
}

macro_rules! zero_default {
    ($($t:ty),*) => {$(
        impl FfiDefault for $t {
            fn ffi_default() -> Self {
                Default::default()
            }
        }
    )*};
}
zero_default!((), u8, u16, c_uint, u64, i8, i16, i64, usize, isize, f64);

impl<T> FfiDefault for *mut T {
    fn ffi_default() -> Self {
        std::ptr::null_mut()
    }
}

impl<T> FfiDefault for *const T {
    fn ffi_default() -> Self {
        std::ptr::null()
    }
}

/// Runs an exported function's body, turning a panic into the failure value. Used through
/// [`ffi_entry!`](crate::ffi_entry).
pub fn guard<R: FfiDefault>(name: &str, body: impl FnOnce() -> R) -> R {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(v) => v,
        Err(_) => {
            crate::nl_dbg!(1, "{}: internal error caught at the C boundary\n", name);
            R::ffi_default()
        }
    }
}

/// Wraps the body of an exported function: `ffi_entry!("nla_put", { ... })`. The signature stays
/// visible to rustfmt and cbindgen; `return` inside the body returns from the function.
#[macro_export]
macro_rules! ffi_entry {
    ($name:expr, $body:block) => {
        $crate::ffi::guard($name, move || $body)
    };
}

/// Precondition at the C boundary (librsvg style): when `cond` is false, log at `NLDBG >= 1` and
/// return `ret`. For caller misuse that libnl would crash on.
#[macro_export]
macro_rules! ffi_check {
    ($name:literal, $cond:expr, $ret:expr) => {
        if !$cond {
            $crate::nl_dbg!(
                1,
                "{}: invalid argument: `{}` does not hold\n",
                $name,
                stringify!($cond)
            );
            return $ret;
        }
    };
}

/// Converts an engine result into libnl's `int` convention: 0 (or the value) on success, a
/// negative `NLE_*` code on failure.
pub fn nle<T: Into<c_int>>(r: crate::error::Result<T>) -> c_int {
    match r {
        Ok(v) => v.into(),
        Err(e) => e.to_nle(),
    }
}

/// Like [`nle`] for results with no value: 0 on success.
pub fn nle0(r: crate::error::Result<()>) -> c_int {
    match r {
        Ok(()) => 0,
        Err(e) => e.to_nle(),
    }
}

// Keep the imports used by sibling modules' signatures in one place for rustdoc links.
#[doc(hidden)]
pub type CChar = c_char;
#[doc(hidden)]
pub type CLong = c_long;
#[doc(hidden)]
pub type CVoid = c_void;

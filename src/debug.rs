//! `NLDBG` / `NLCB` handling and the debug printer.
//!
//! This module is the only parser of the two environment variables. [`init_from_env`] runs once
//! at load from the `.init_array` constructor in `ffi::init`, exactly like libnl's constructor: `NLDBG` sets the exported
//! `nl_debug` level, `NLCB` selects the callback kind new sockets start with.
//! [`nl_dbg!`](crate::nl_dbg) prints libnl's `DBG<level>file:line func: message` lines on stderr
//! and keeps `errno` intact.

use std::sync::atomic::{AtomicI32, Ordering};

// libnl's exported debug level (`int nl_debug`), defined next to the load-time constructor in
// `ffi::init` and read here by its C name. Applications may assign it at any time, so it is
// re-read on every debug statement. Every debug statement reads it, so in a static link the
// object defining it (and with it the constructor) is always linked.
// SAFETY: `ffi::init` defines `nl_debug` as a `static AtomicI32` (the layout of `int`), which
// lives for the whole program.
unsafe extern "C" {
    safe static nl_debug: AtomicI32;
}

/// The callback kind that new sockets and `nl_cb_alloc(NL_CB_DEFAULT)` users see through `NLCB`:
/// 0 = default, 1 = verbose, 2 = debug (the values of `NL_CB_DEFAULT`/`VERBOSE`/`DEBUG`).
static DEFAULT_CB_KIND: AtomicI32 = AtomicI32::new(0);

/// The current debug level.
#[inline]
pub fn level() -> i32 {
    nl_debug.load(Ordering::Relaxed)
}

/// Sets the debug level (what assigning `nl_debug` from C does).
pub fn set_level(level: i32) {
    nl_debug.store(level, Ordering::Relaxed);
}

/// The callback kind selected by `NLCB` at load time.
pub fn default_cb_kind() -> i32 {
    DEFAULT_CB_KIND.load(Ordering::Relaxed)
}

/// Reads `NLDBG` and `NLCB` from the environment; called once at load.
pub fn init_from_env() {
    if let Some(v) = std::env::var_os("NLDBG") {
        if let Some(level) = parse_level(v.as_encoded_bytes()) {
            set_level(level);
        }
    }
    if let Some(v) = std::env::var_os("NLCB") {
        match parse_cb_kind(v.as_encoded_bytes()) {
            Some(kind) => DEFAULT_CB_KIND.store(kind, Ordering::Relaxed),
            // libnl-compat: the same warning, on stderr, at load.
            None => crate::sys::write_stderr(
                b"Unknown value for NLCB, valid values: {default | verbose | debug}\n",
            ),
        }
    }
}

/// `NLCB` values libnl understands (case-insensitive); anything else leaves the default kind
/// alone.
pub fn parse_cb_kind(v: &[u8]) -> Option<i32> {
    [&b"default"[..], b"verbose", b"debug"]
        .iter()
        .position(|name| name.eq_ignore_ascii_case(v))
        .map(|i| i as i32)
}

/// Parses `NLDBG` the way `strtol(value, &end, 0)` does: leading blanks, an optional sign, then a
/// decimal, `0x` hex or `0` octal number; trailing junk is ignored. `None` when no digit was
/// consumed (libnl then leaves `nl_debug` unchanged). The `long` result is truncated to `int`
/// like the assignment in C.
pub fn parse_level(v: &[u8]) -> Option<i32> {
    crate::engine::cnum::strtol(v, 0).map(|(level, _)| crate::engine::cnum::long_to_int(level))
}

/// Writes one debug line to stderr without disturbing `errno`. Cold and out of line so the
/// `nl_dbg!` check costs one load and a branch on hot paths.
#[doc(hidden)]
#[cold]
#[inline(never)]
pub fn emit(level: i32, file: &str, line: u32, func: &str, msg: std::fmt::Arguments<'_>) {
    let saved = crate::sys::errno();
    let text = format!("DBG<{level}>{file:>20}:{line:<4} {func}: {msg}");
    crate::sys::write_stderr(text.as_bytes());
    crate::sys::set_errno(saved);
}

/// Prints a libnl-style debug line when `nl_debug >= level`.
///
/// `nl_dbg!(2, "msg {:p}: Allocated new message\n", ptr)`: the format carries its own newline,
/// as libnl's do.
#[macro_export]
macro_rules! nl_dbg {
    ($lvl:expr, $($arg:tt)+) => {
        if $crate::debug::level() >= $lvl {
            $crate::debug::emit($lvl, file!(), line!(), module_path!().rsplit("::").next().unwrap_or(""), format_args!($($arg)+));
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_parsing_follows_strtol() {
        assert_eq!(parse_level(b"3"), Some(3));
        assert_eq!(parse_level(b"  4xyz"), Some(4));
        assert_eq!(parse_level(b"0x10"), Some(16));
        assert_eq!(parse_level(b"010"), Some(8));
        assert_eq!(parse_level(b"0"), Some(0));
        assert_eq!(parse_level(b"-2"), Some(-2));
        assert_eq!(parse_level(b"0x"), Some(0));
        assert_eq!(parse_level(b"abc"), None);
        assert_eq!(parse_level(b""), None);
        assert_eq!(parse_level(b"-"), None);
    }

    #[test]
    fn cb_kinds() {
        assert_eq!(parse_cb_kind(b"debug"), Some(2));
        assert_eq!(parse_cb_kind(b"verbose"), Some(1));
        assert_eq!(parse_cb_kind(b"default"), Some(0));
        assert_eq!(parse_cb_kind(b"DEBUG"), Some(2));
        assert_eq!(parse_cb_kind(b" debug"), None);
        assert_eq!(parse_cb_kind(b""), None);
    }
}

//! `netlink/errno.h`: error strings and the errno mapping.

use std::ffi::{CStr, CString, c_char, c_int};
use std::sync::OnceLock;

use crate::error::{geterror, syserr2nlerr};
use crate::ffi::ptr;
use crate::ffi::types::NLE_MAX;
use crate::ffi_entry;

/// The `nl_geterror` strings as C strings, index = NLE code (built once from
/// [`crate::error::geterror`]).
fn c_strings() -> &'static [CString] {
    static TABLE: OnceLock<Vec<CString>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=NLE_MAX)
            .map(|c| CString::new(geterror(c)).unwrap_or_default())
            .collect()
    })
}

fn message(error: c_int) -> &'static CStr {
    let table = c_strings();
    let idx = error.unsigned_abs() as usize;
    table
        .get(idx)
        .or_else(|| table.get(1))
        .map_or(c"Unspecific failure", |s| s.as_c_str())
}

/// The message for an `NLE_*` code (sign ignored).
///
/// # Returns
/// A static string; "Unspecific failure" for unknown codes (libnl-compat: libnl crashes on
/// `INT_MIN`).
/// # Ownership
/// Static; never freed.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_geterror(error: c_int) -> *const c_char {
    ffi_entry!("nl_geterror", { message(error).as_ptr() })
}

/// Prints `s: <message>` (or just the message when `s` is NULL or empty) and a newline to
/// stderr.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Borrowed.
/// # Safety
/// `s` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_perror(error: c_int, s: *const c_char) {
    ffi_entry!("nl_perror", {
        // SAFETY: caller contract.
        let prefix = unsafe { ptr::cstr(s) }
            .map(CStr::to_bytes)
            .unwrap_or_default();
        let mut line = Vec::with_capacity(prefix.len() + 64);
        if !prefix.is_empty() {
            line.extend_from_slice(prefix);
            line.extend_from_slice(b": ");
        }
        line.extend_from_slice(message(error).to_bytes());
        line.push(b'\n');
        crate::sys::write_stderr(&line);
    })
}

/// Maps an errno value (sign ignored) to a positive `NLE_*` code.
///
/// # Returns
/// The code; `NLE_FAILURE` for unmapped values.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_syserr2nlerr(error: c_int) -> c_int {
    ffi_entry!("nl_syserr2nlerr", { syserr2nlerr(error) })
}

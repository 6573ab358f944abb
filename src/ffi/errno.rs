//! `netlink/errno.h`: error strings and the errno mapping.

use std::ffi::{CStr, c_char, c_int};

use crate::error::{geterror, perror_line, syserr2nlerr};
use crate::ffi::ptr;
use crate::ffi_entry;

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
    ffi_entry!("nl_geterror", { geterror(error).as_ptr() })
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
        let prefix = unsafe { ptr::cstr(s) }.map(CStr::to_bytes);
        let line = perror_line(error, prefix.unwrap_or_default());
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

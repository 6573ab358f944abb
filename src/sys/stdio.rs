//! C stdio and libc string helpers: writing to a caller's `FILE *` and errno texts.
//!
//! Only `sys/` and `ffi/` touch `FILE *`; the engine formats into Rust strings and the FFI
//! layer hands the text to [`write_file`].

use std::ffi::{CStr, c_char, c_int};

unsafe extern "C" {
    /// glibc's `strerror_l` (not bound by the `libc` crate).
    fn strerror_l(errnum: c_int, loc: libc::locale_t) -> *mut c_char;
    /// glibc's `stdout` stream.
    static mut stdout: *mut libc::FILE;
    /// glibc's `stderr` stream.
    static mut stderr: *mut libc::FILE;
}

/// The C `stderr` stream (where libnl's error and debug callbacks print by default).
pub fn stderr_file() -> *mut libc::FILE {
    // SAFETY: reading the stderr pointer glibc initialises before any user code runs.
    unsafe { std::ptr::addr_of!(stderr).read() }
}

/// The C `stdout` stream (where libnl's verbose/debug callbacks print by default).
pub fn stdout_file() -> *mut libc::FILE {
    // SAFETY: reading the stdout pointer glibc initialises before any user code runs.
    unsafe { std::ptr::addr_of!(stdout).read() }
}

/// Writes all of `bytes` to the C stream `f` with `fwrite` (buffered like libnl's `fprintf`
/// output, so it interleaves correctly with the caller's own stdio writes). Returns `false`
/// when `f` is NULL or the stream reports a short write.
///
/// # Safety
/// `f` is NULL or a valid, open `FILE *` not being closed concurrently.
pub unsafe fn write_file(f: *mut libc::FILE, bytes: &[u8]) -> bool {
    if f.is_null() {
        return false;
    }
    if bytes.is_empty() {
        return true;
    }
    // SAFETY: f is a valid open stream (caller contract); the pointer/length pair comes from a
    // live slice.
    let n = unsafe { libc::fwrite(bytes.as_ptr().cast(), 1, bytes.len(), f) };
    n == bytes.len()
}

/// The C-locale text of an errno value, as glibc's `strerror_l` gives it ("Operation not
/// permitted", "Unknown error 200" …). Preserves `errno`.
pub fn strerror_c(errnum: i32) -> String {
    let saved = super::errno();
    // SAFETY: newlocale with a static NUL-terminated name and no base locale has no memory
    // preconditions; the result is checked for NULL.
    let loc = unsafe { libc::newlocale(libc::LC_ALL_MASK, c"C".as_ptr(), std::ptr::null_mut()) };
    let text = if loc.is_null() {
        format!("Unknown error {errnum}")
    } else {
        // SAFETY: loc is a valid locale object; strerror_l returns a NUL-terminated string
        // valid until the next strerror_l call on this thread or the locale's release, and it
        // is copied before freelocale.
        unsafe {
            let p = strerror_l(errnum, loc);
            let owned = if p.is_null() {
                format!("Unknown error {errnum}")
            } else {
                CStr::from_ptr(p).to_string_lossy().into_owned()
            };
            libc::freelocale(loc);
            owned
        }
    };
    super::set_errno(saved);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strerror_texts() {
        assert_eq!(strerror_c(0), "Success");
        assert_eq!(strerror_c(1), "Operation not permitted");
        assert_eq!(strerror_c(200), "Unknown error 200");
        assert_eq!(strerror_c(-5), "Unknown error -5");
    }

    #[test]
    fn null_stream_is_refused() {
        // SAFETY: NULL is allowed.
        assert!(!unsafe { write_file(std::ptr::null_mut(), b"x") });
    }
}

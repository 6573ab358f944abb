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

unsafe extern "C" {
    /// The C library's standard error stream.
    #[link_name = "stderr"]
    static mut C_STDERR: *mut libc::FILE;
}

/// The current value of C's `stderr`.
pub fn c_stderr() -> *mut libc::FILE {
    // SAFETY: reading a pointer-sized libc global that is initialised before any constructor.
    unsafe { C_STDERR }
}

/// Formats one `double` with a printf conversion such as `c"%.2f"` or `c"%.2g"` (exactly the
/// digits C prints; the current locale's decimal point, as libnl).
pub fn format_double(spec: &CStr, v: f64) -> String {
    let mut buf = [0u8; 512];
    // SAFETY: buf is writable for its length; spec is a NUL-terminated format with exactly one
    // double conversion (every caller passes a constant of that shape).
    let n = unsafe { libc::snprintf(buf.as_mut_ptr().cast(), buf.len(), spec.as_ptr(), v) };
    let n = usize::try_from(n).unwrap_or(0).min(buf.len() - 1);
    String::from_utf8_lossy(buf.get(..n).unwrap_or_default()).into_owned()
}

/// C `strtod` on `s`: the value and the number of bytes consumed (0 when nothing converted).
pub fn strtod(s: &CStr) -> (f64, usize) {
    let mut end: *mut c_char = std::ptr::null_mut();
    // SAFETY: s is NUL-terminated; end receives a pointer into s.
    let d = unsafe { libc::strtod(s.as_ptr(), &mut end) };
    let used = (end as usize).saturating_sub(s.as_ptr() as usize);
    (d, used.min(s.to_bytes().len()))
}

/// glibc's `strerror_l` text of `errnum` in the environment's locale (`newlocale(LC_ALL, "")`,
/// falling back to the POSIX messages locale when the environment names a missing locale).
/// The pointer is glibc's: a static or catalog string, or this thread's buffer for unknown
/// numbers (valid until the next call). Preserves `errno`.
pub fn strerror_l_env(errnum: i32) -> *const libc::c_char {
    let saved = super::errno();
    // SAFETY: newlocale with static NUL-terminated names and no base locale; checked for NULL.
    let mut loc = unsafe { libc::newlocale(libc::LC_ALL_MASK, c"".as_ptr(), std::ptr::null_mut()) };
    if loc.is_null() && super::errno() == libc::ENOENT {
        // SAFETY: as above.
        loc = unsafe {
            libc::newlocale(
                libc::LC_MESSAGES_MASK,
                c"POSIX".as_ptr(),
                std::ptr::null_mut(),
            )
        };
    }
    let p = if loc.is_null() {
        c"newlocale() failed".as_ptr()
    } else {
        // SAFETY: loc is a valid locale; strerror_l's result does not live in the locale
        // object, so it stays valid after freelocale (as libnl relies on).
        let p = unsafe { strerror_l(errnum, loc) };
        // SAFETY: loc came from newlocale and is released once.
        unsafe { libc::freelocale(loc) };
        p.cast_const()
    };
    super::set_errno(saved);
    p
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

//! Raw pointer → Rust conversions at the C boundary (the zlib-rs / rustls-ffi helpers).
//!
//! Contract used throughout: a pointer C passes is either NULL or valid for what the libnl API
//! says it points to (a NUL-terminated string, `len` bytes, one struct). Every helper checks NULL
//! first, and builds a slice only as long as the length C vouched for.

use std::ffi::{CStr, c_char, c_int, c_void};

/// `&T` from a pointer, `None` for NULL.
///
/// # Safety
/// `p` is NULL or valid for reads of a `T` for `'a`.
pub unsafe fn as_ref<'a, T>(p: *const T) -> Option<&'a T> {
    // SAFETY: caller contract.
    unsafe { p.as_ref() }
}

/// `&mut T` from a pointer, `None` for NULL.
///
/// # Safety
/// `p` is NULL or valid for reads and writes of a `T` for `'a`, with no other live reference.
pub unsafe fn as_mut<'a, T>(p: *mut T) -> Option<&'a mut T> {
    // SAFETY: caller contract.
    unsafe { p.as_mut() }
}

/// A C string, `None` for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string valid for `'a`.
pub unsafe fn cstr<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-NULL and NUL-terminated per contract.
    Some(unsafe { CStr::from_ptr(p) })
}

/// `len` bytes at `p`. NULL or a zero length give an empty slice (null-tolerant like zlib-rs).
///
/// # Safety
/// If `p` is non-NULL and `len > 0`, `p` is valid for reads of `len` bytes for `'a`.
pub unsafe fn bytes<'a>(p: *const c_void, len: usize) -> &'a [u8] {
    if p.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: non-NULL, non-empty, and valid for len bytes per contract.
    unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) }
}

/// Like [`bytes`] for libnl's `int` lengths: a negative length is an empty buffer.
///
/// # Safety
/// As [`bytes`] with `len` as the byte count when positive.
pub unsafe fn bytes_int<'a>(p: *const c_void, len: c_int) -> &'a [u8] {
    // SAFETY: forwarded contract.
    unsafe { bytes(p, usize::try_from(len).unwrap_or(0)) }
}

/// Mutable `len` bytes at `p`; NULL or zero length give an empty slice.
///
/// # Safety
/// If `p` is non-NULL and `len > 0`, `p` is valid for writes of `len` bytes for `'a` and not
/// otherwise referenced.
pub unsafe fn bytes_mut<'a>(p: *mut c_void, len: usize) -> &'a mut [u8] {
    if p.is_null() || len == 0 {
        return &mut [];
    }
    // SAFETY: non-NULL, non-empty, valid and unaliased per contract.
    unsafe { std::slice::from_raw_parts_mut(p.cast::<u8>(), len) }
}

/// Writes `v` through `p` unless it is NULL (out-parameters are written only on success).
///
/// # Safety
/// `p` is NULL or valid for writes of a `T`.
pub unsafe fn write_out<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: non-NULL and writable per contract.
        unsafe { p.write(v) };
    }
}

/// Copies `text` into the caller's buffer `buf` of `size` bytes, truncating and always
/// NUL-terminating when `size > 0` (what libnl's `*2str` helpers do with snprintf). Returns
/// `buf`.
///
/// # Safety
/// `buf` is NULL or valid for writes of `size` bytes.
pub unsafe fn write_cbuf(buf: *mut c_char, size: usize, text: &[u8]) -> *mut c_char {
    if buf.is_null() || size == 0 {
        return buf;
    }
    // SAFETY: non-NULL and writable for size bytes per contract.
    let dst = unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), size) };
    let n = text.len().min(size - 1);
    if let (Some(d), Some(s)) = (dst.get_mut(..n), text.get(..n)) {
        d.copy_from_slice(s);
    }
    if let Some(nul) = dst.get_mut(n) {
        *nul = 0;
    }
    buf
}

/// A `malloc`ed copy of `bytes` plus a terminating NUL, for results the caller releases with
/// `free()` (e.g. `nla_strdup`). NULL when out of memory.
pub fn malloc_cstr(bytes: &[u8]) -> *mut c_char {
    let Some(total) = bytes.len().checked_add(1) else {
        return std::ptr::null_mut();
    };
    // SAFETY: malloc has no preconditions; the result is checked for NULL below.
    let p = unsafe { libc::malloc(total) }.cast::<u8>();
    if p.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: p is a fresh allocation of total = len + 1 bytes; the source is a live slice that
    // cannot overlap it.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        *p.add(bytes.len()) = 0;
    }
    p.cast()
}

/// A `malloc`ed copy of `bytes` (no terminator) for `free()`-released results; NULL when out of
/// memory. A zero length allocates one byte so the result is still a unique pointer.
pub fn malloc_copy(bytes: &[u8]) -> *mut c_void {
    // SAFETY: malloc has no preconditions; the result is checked for NULL below.
    let p = unsafe { libc::malloc(bytes.len().max(1)) }.cast::<u8>();
    if p.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: p has room for bytes.len() bytes; the source cannot overlap a fresh allocation.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    p.cast()
}

/// Byte offset arithmetic on caller memory: `base + off`, for returning interior pointers
/// (`nla_data`, `nlmsg_next`) computed from lengths already checked by the engine.
///
/// # Safety
/// `base + off` must lie within (or one past) the object `base` points into.
pub unsafe fn offset<T, U>(base: *const T, off: usize) -> *mut U {
    // SAFETY: caller contract.
    unsafe { base.cast::<u8>().add(off) as *mut U }
}

/// The length an attribute's header claims (`nla_len`, including the 4-byte header), read
/// from C memory; `None` for NULL.
///
/// # Safety
/// `nla` is NULL or valid for reads of the 4-byte attribute header.
pub unsafe fn nla_claimed_len(nla: *const libc::nlattr) -> Option<u16> {
    // SAFETY: caller contract; nlattr is 2-byte aligned plain data.
    unsafe { nla.as_ref() }.map(|h| h.nla_len)
}

/// The payload of the attribute at `nla` as its header describes it: `nla_len - 4` bytes after
/// the header (empty when `nla_len < 4`). `None` for NULL. Like libnl, this trusts `nla_len`:
/// callers that walk a buffer must have checked it with `nla_ok` first.
///
/// # Safety
/// `nla` is NULL or points to an attribute whose header and `nla_len - 4` payload bytes are
/// readable for `'a`.
pub unsafe fn nla_payload<'a>(nla: *const libc::nlattr) -> Option<&'a [u8]> {
    // SAFETY: forwarded contract.
    let len = unsafe { nla_claimed_len(nla) }?;
    let payload = usize::from(len).saturating_sub(4);
    // SAFETY: the payload starts right after the 4-byte header and is `payload` bytes long per
    // the caller contract.
    Some(unsafe { bytes(nla.cast::<u8>().add(4).cast(), payload) })
}

/// `n` elements at `p` (a C array such as a policy table). NULL or `n == 0` give an empty slice.
///
/// # Safety
/// If `p` is non-NULL and `n > 0`, `p` is valid for reads of `n` elements for `'a`.
pub unsafe fn slice<'a, T>(p: *const T, n: usize) -> &'a [T] {
    if p.is_null() || n == 0 {
        return &[];
    }
    // SAFETY: non-NULL, non-empty, valid for n elements per contract.
    unsafe { std::slice::from_raw_parts(p, n) }
}

/// Mutable `n` elements at `p` (a C output array such as `nla_parse`'s `tb`). NULL or `n == 0`
/// give an empty slice.
///
/// # Safety
/// If `p` is non-NULL and `n > 0`, `p` is valid for writes of `n` elements for `'a` and not
/// otherwise referenced.
pub unsafe fn slice_mut<'a, T>(p: *mut T, n: usize) -> &'a mut [T] {
    if p.is_null() || n == 0 {
        return &mut [];
    }
    // SAFETY: non-NULL, non-empty, valid and unaliased per contract.
    unsafe { std::slice::from_raw_parts_mut(p, n) }
}

/// `base + off` for pointers libnl computes from lengths it does not check (`nla_next`,
/// `nlmsg_next`, `nlmsg_tail`): the address is formed without dereferencing and without
/// assuming it stays inside an object, so a bogus length yields a bogus pointer, never UB here.
pub fn offset_wrapping<T, U>(base: *const T, off: isize) -> *mut U {
    base.cast::<u8>().wrapping_offset(off) as *mut U
}

/// Releases memory obtained from `malloc` (ours or the C caller's); NULL is a no-op.
///
/// # Safety
/// `p` is NULL or a live `malloc`ed block not used afterwards.
pub unsafe fn free_c(p: *mut c_void) {
    // SAFETY: caller contract.
    unsafe { libc::free(p) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbuf_truncates_and_terminates() {
        let mut buf = [0x55_u8; 4];
        // SAFETY: buf is 4 writable bytes.
        unsafe { write_cbuf(buf.as_mut_ptr().cast(), 4, b"hello") };
        assert_eq!(&buf, b"hel\0");
        // SAFETY: a zero size writes nothing.
        unsafe { write_cbuf(buf.as_mut_ptr().cast(), 0, b"x") };
        assert_eq!(&buf, b"hel\0");
    }

    #[test]
    fn null_tolerant_slices() {
        // SAFETY: NULL is allowed.
        unsafe {
            assert!(bytes(std::ptr::null(), 10).is_empty());
            assert!(bytes_int(std::ptr::null(), -1).is_empty());
            assert!(cstr(std::ptr::null()).is_none());
        }
        let p = malloc_cstr(b"abc");
        // SAFETY: p is a NUL-terminated malloc'd string; freed once.
        unsafe {
            assert_eq!(cstr(p).unwrap().to_bytes(), b"abc");
            libc::free(p.cast());
        }
    }
}

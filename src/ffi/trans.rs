//! libnl-3's internal translation helpers (`__type2str`, `__flags2str`, …, `__trans_list_*`,
//! `__nl_read_num_str_file`). No public header declares them, but Debian's libnl-genl, -route,
//! -nf, -idiag and -xfrm import them from libnl-3, passing their own `struct trans_tbl` tables
//! and `struct trans_list` lists, so the C layouts below are part of the ABI. This file
//! reads and links those C structures; the lookup and formatting rules are
//! [`crate::engine::trans`]'s.

use crate::ffi::types::nl_list_head;
use std::ffi::{c_char, c_int, c_long};

use crate::engine::trans::{self, Entry};
use crate::error::Error;
use crate::ffi::ptr;
use crate::{ffi_check, ffi_entry};

/// libnl's `struct trans_tbl`: a value and its name (16 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct trans_tbl {
    /// The value.
    pub i: u64,
    /// Its NUL-terminated name.
    pub a: *const c_char,
}

/// libnl's `struct trans_list` (32 bytes): a list element of a runtime translation table.
#[repr(C)]
#[derive(Debug)]
pub struct trans_list {
    /// The value.
    pub i: c_int,
    /// Its `malloc`ed name.
    pub a: *mut c_char,
    /// The link in the owner's list.
    pub list: nl_list_head,
}

/// Offset of `list` inside `trans_list`.
const LIST_OFF: isize = std::mem::offset_of!(trans_list, list) as isize;

/// The entries of a C table for the engine.
///
/// # Safety
/// `tbl` is NULL or valid for `n` entries whose names are NULL or NUL-terminated.
unsafe fn table_entries<'a>(
    tbl: *const trans_tbl,
    n: usize,
) -> impl Iterator<Item = Entry<'a>> + Clone {
    let rows: &'a [trans_tbl] = if tbl.is_null() {
        &[]
    } else {
        // SAFETY: caller contract (valid for n entries).
        unsafe { ptr::slice(tbl, n) }
    };
    rows.iter().map(|r| {
        // SAFETY: names are NULL or NUL-terminated (caller contract).
        (r.i, unsafe { ptr::cstr(r.a) }.map(|c| c.to_bytes()))
    })
}

/// The `(value, name)` pairs of a `trans_list` ring, in list order.
///
/// # Safety
/// `head` is NULL or a valid ring head whose elements are `trans_list` nodes with NULL or
/// NUL-terminated names, not modified during the call.
unsafe fn list_entries<'a>(head: *const nl_list_head) -> Vec<(c_int, Option<&'a [u8]>)> {
    let mut out = Vec::new();
    // SAFETY: caller contract.
    let Some(h) = (unsafe { ptr::as_ref(head) }) else {
        return out;
    };
    let mut cur = h.next.cast_const();
    while !cur.is_null() && cur != head {
        let node: *const trans_list = ptr::offset_wrapping(cur, -LIST_OFF);
        // SAFETY: every non-head node of the ring is the `list` member of a trans_list.
        let Some(tl) = (unsafe { ptr::as_ref(node) }) else {
            break;
        };
        // SAFETY: the name is NULL or NUL-terminated (caller contract).
        out.push((tl.i, unsafe { ptr::cstr(tl.a) }.map(|c| c.to_bytes())));
        cur = tl.list.next.cast_const();
    }
    out
}

/// Name of `type_` in a table, or `0x%x` of it.
///
/// # Returns
/// `buf`, holding the name truncated to `len - 1` bytes and NUL-terminated (nothing written
/// when `buf` is NULL or `len` is 0).
/// # Ownership
/// Borrows everything; the result is the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes; `tbl` is valid for `tbl_len` entries with NULL or
/// NUL-terminated names.
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __type2str(
    type_: c_int,
    buf: *mut c_char,
    len: usize,
    tbl: *const trans_tbl,
    tbl_len: usize,
) -> *mut c_char {
    ffi_entry!("__type2str", {
        // SAFETY: caller contract.
        let text = trans::type2str(type_, unsafe { table_entries(tbl, tbl_len) });
        // SAFETY: caller contract.
        unsafe { ptr::write_cbuf(buf, len, &text) }
    })
}

/// Name of `type_` in a `trans_list`, or `0x%x` of it.
///
/// # Returns
/// `buf`, as [`__type2str`].
/// # Ownership
/// Borrows everything.
/// # Safety
/// `buf` is NULL or writable for `len` bytes; `head` is NULL or a valid `trans_list` ring.
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __list_type2str(
    type_: c_int,
    buf: *mut c_char,
    len: usize,
    head: *mut nl_list_head,
) -> *mut c_char {
    ffi_entry!("__list_type2str", {
        // SAFETY: caller contract.
        let items = unsafe { list_entries(head) };
        let text = trans::type2str(type_, trans::list_entries(&items));
        // SAFETY: caller contract.
        unsafe { ptr::write_cbuf(buf, len, &text) }
    })
}

/// Comma-separated names of the bits of `flags` found in a table.
///
/// # Returns
/// `buf`, zeroed over `len` bytes then filled (at most `len - 1` bytes of text).
/// # Ownership
/// Borrows everything.
/// # Safety
/// As [`__type2str`].
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __flags2str(
    flags: c_int,
    buf: *mut c_char,
    len: usize,
    tbl: *const trans_tbl,
    tbl_len: usize,
) -> *mut c_char {
    ffi_entry!("__flags2str", {
        // SAFETY: caller contract.
        let text = trans::flags2str(flags, len, unsafe { table_entries(tbl, tbl_len) });
        if !buf.is_null() {
            // SAFETY: buf is writable for len bytes per contract.
            unsafe { ptr::bytes_mut(buf.cast(), len) }.fill(0);
        }
        // libnl-compat: with len 0 libnl's strncat bound underflows and overruns the buffer;
        // we write nothing.
        // SAFETY: caller contract.
        unsafe { ptr::write_cbuf(buf, len, &text) }
    })
}

/// Value of the name `buf` in a table, or the number `buf` spells.
///
/// # Returns
/// The value truncated to `int`; `-NLE_INVAL` for `""` or NULL (libnl crashes on NULL);
/// `-NLE_OBJ_NOTFOUND` when neither matches.
/// # Ownership
/// Borrows everything.
/// # Safety
/// `buf` is NULL or NUL-terminated; `tbl` as [`__type2str`].
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __str2type(
    buf: *const c_char,
    tbl: *const trans_tbl,
    tbl_len: usize,
) -> c_int {
    ffi_entry!("__str2type", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(buf) };
        ffi_check!("__str2type", s.is_some(), Error::Inval.to_nle());
        let s = s.map(|c| c.to_bytes()).unwrap_or_default();
        // SAFETY: caller contract.
        match trans::str2type(s, unsafe { table_entries(tbl, tbl_len) }) {
            Ok(v) => v,
            Err(e) => e.to_nle(),
        }
    })
}

/// Value of the name `buf` in a `trans_list`, or the number `buf` spells.
///
/// # Returns
/// As [`__str2type`].
/// # Ownership
/// Borrows everything.
/// # Safety
/// `buf` is NULL or NUL-terminated; `head` NULL or a valid `trans_list` ring.
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __list_str2type(buf: *const c_char, head: *mut nl_list_head) -> c_int {
    ffi_entry!("__list_str2type", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(buf) };
        ffi_check!("__list_str2type", s.is_some(), Error::Inval.to_nle());
        let s = s.map(|c| c.to_bytes()).unwrap_or_default();
        // SAFETY: caller contract.
        let items = unsafe { list_entries(head) };
        match trans::str2type(s, trans::list_entries(&items)) {
            Ok(v) => v,
            Err(e) => e.to_nle(),
        }
    })
}

/// OR of the table values named in the comma-separated list `buf`.
///
/// # Returns
/// The flags (unknown names are ignored; 0 for NULL, where libnl crashes).
/// # Ownership
/// Borrows everything.
/// # Safety
/// `buf` is NULL or NUL-terminated; `tbl` as [`__type2str`].
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __str2flags(
    buf: *const c_char,
    tbl: *const trans_tbl,
    tbl_len: usize,
) -> c_int {
    ffi_entry!("__str2flags", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(buf) };
        ffi_check!("__str2flags", s.is_some(), 0);
        let s = s.map(|c| c.to_bytes()).unwrap_or_default();
        // SAFETY: caller contract.
        trans::str2flags(s, unsafe { table_entries(tbl, tbl_len) })
    })
}

/// Appends `(i, strdup(a))` as a new `trans_list` element at the tail of `head`.
///
/// # Returns
/// 0; `-NLE_NOMEM` when out of memory; `-NLE_INVAL` for a NULL `a` or `head` (libnl crashes).
/// # Ownership
/// The element and the name copy belong to the list; release with [`__trans_list_clear`].
/// # Safety
/// `a` is NULL or NUL-terminated; `head` is NULL or a valid ring head.
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __trans_list_add(
    i: c_int,
    a: *const c_char,
    head: *mut nl_list_head,
) -> c_int {
    ffi_entry!("__trans_list_add", {
        // SAFETY: caller contract.
        let name = unsafe { ptr::cstr(a) };
        ffi_check!(
            "__trans_list_add",
            name.is_some() && !head.is_null(),
            Error::Inval.to_nle()
        );
        let name = name.map(|c| c.to_bytes()).unwrap_or_default();
        let node: *mut trans_list =
            ptr::malloc_copy(&[0u8; std::mem::size_of::<trans_list>()]).cast();
        if node.is_null() {
            return Error::NoMem.to_nle();
        }
        let copy = ptr::malloc_cstr(name);
        // SAFETY: node is a fresh zeroed allocation of a trans_list (malloc is suitably
        // aligned); head is a valid ring head; its prev is a valid node of the same ring.
        unsafe {
            let (Some(tl), Some(h)) = (ptr::as_mut(node), ptr::as_mut(head)) else {
                return Error::Inval.to_nle();
            };
            tl.i = i;
            tl.a = copy;
            let obj: *mut nl_list_head = &raw mut tl.list;
            let prev = h.prev;
            tl.list.prev = prev;
            tl.list.next = head;
            h.prev = obj;
            if let Some(p) = ptr::as_mut(prev) {
                p.next = obj;
            }
        }
        0
    })
}

/// Frees every element of a `trans_list` ring (and its name) and leaves `head` empty.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Releases the elements [`__trans_list_add`] created.
/// # Safety
/// `head` is NULL or a valid ring of `malloc`ed `trans_list` elements.
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __trans_list_clear(head: *mut nl_list_head) {
    ffi_entry!("__trans_list_clear", {
        if head.is_null() {
            return;
        }
        // SAFETY: head is a valid ring head (caller contract).
        let mut cur = unsafe { ptr::as_ref(head) }.map_or(std::ptr::null_mut(), |h| h.next);
        while !cur.is_null() && cur != head {
            let node: *mut trans_list = ptr::offset_wrapping(cur, -LIST_OFF);
            // SAFETY: node is a malloc'ed trans_list element of the ring; it is read before
            // being freed and never touched again.
            unsafe {
                let next = ptr::as_ref(node).map_or(std::ptr::null_mut(), |tl| tl.list.next);
                if let Some(tl) = ptr::as_ref(node) {
                    ptr::free_c(tl.a.cast());
                }
                ptr::free_c(node.cast());
                cur = next;
            }
        }
        // SAFETY: head is valid (checked non-NULL above, caller contract).
        if let Some(h) = unsafe { ptr::as_mut(head) } {
            h.next = head;
            h.prev = head;
        }
    })
}

/// Reads a `<number> <name>` file (like `/etc/iproute2/rt_tables`) and calls `cb(num, name)`
/// for each line, reading it in `fgets` chunks of up to 127 bytes as libnl does. Lines
/// starting with `#`, `\n` or `\r` are skipped.
///
/// # Returns
/// 0; the negative NLE code of the open error; `-NLE_INVAL` for a line without a number or
/// without a name; `-NLE_RANGE` for a number at `LONG_MIN`/`LONG_MAX`; the first negative value
/// `cb` returns. `-NLE_INVAL` for a NULL `path` or `cb` (libnl crashes).
/// # Ownership
/// The name passed to `cb` is valid only during the call.
/// # Safety
/// `path` is NULL or NUL-terminated; `cb` is NULL or a valid callback.
/// No public header declares it.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __nl_read_num_str_file(
    path: *const c_char,
    cb: Option<unsafe extern "C" fn(c_long, *const c_char) -> c_int>,
) -> c_int {
    ffi_entry!("__nl_read_num_str_file", {
        // SAFETY: caller contract.
        let p = unsafe { ptr::cstr(path) };
        ffi_check!(
            "__nl_read_num_str_file",
            p.is_some() && cb.is_some(),
            Error::Inval.to_nle()
        );
        let (Some(p), Some(cb)) = (p, cb) else {
            return Error::Inval.to_nle();
        };
        let os = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(p.to_bytes());
        let mut file = match std::fs::File::open(os) {
            Ok(f) => f,
            Err(e) => {
                return crate::error::syserr2nlerr(e.raw_os_error().unwrap_or(libc::EIO))
                    .wrapping_neg();
            }
        };
        // libnl-compat: a read error (e.g. EISDIR for a directory) just ends the fgets loop,
        // so whatever was read before it is processed and the result is 0.
        let mut data = Vec::new();
        let _ = std::io::Read::read_to_end(&mut file, &mut data);
        trans::read_num_str(&data, |num, name| {
            let mut c = name.to_vec();
            c.push(0);
            // SAFETY: cb is a valid callback (caller contract); c is NUL-terminated and
            // outlives the call.
            unsafe { cb(num, c.as_ptr().cast()) }
        })
    })
}

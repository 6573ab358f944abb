//! `netlink/hashtable.h` and `netlink/hash.h`: libnl's object hash table and the lookup3
//! hash. The table operations (add refusing an identical object, delete and lookup by
//! identity, each add holding a reference, growth) are [`crate::engine::hashtable`]'s, over
//! the raw storage of [`objindex`](crate::ffi::objindex).

use std::ffi::{c_int, c_void};

use crate::engine::hashtable::{self as eh, hash_any};
use crate::error::Error;
use crate::ffi::objhdr::{Obj, Table};
use crate::ffi::objindex::alloc;
use crate::ffi::types::{nl_hash_table, nl_object};
use crate::ffi_entry;

fn table(p: *mut nl_hash_table) -> Option<Table> {
    // SAFETY: every exported function's contract: p is NULL or a live table.
    unsafe { Table::from_ptr(p) }
}

fn obj(p: *mut nl_object) -> Option<Obj> {
    // SAFETY: every exported function's contract: p is NULL or a live object.
    unsafe { Obj::from_ptr(p) }
}

/// `nl_hash_table_alloc`: a table of `size` empty buckets.
///
/// # Returns
/// The table, or NULL for a negative size or no memory.
///
/// # Ownership
/// The caller owns the table; release it with `nl_hash_table_free`.
///
/// # Safety
/// None (no pointer arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash_table_alloc(size: c_int) -> *mut nl_hash_table {
    ffi_entry!("nl_hash_table_alloc", {
        alloc(size).map_or(std::ptr::null_mut(), Table::as_ptr)
    })
}

/// `nl_hash_table_free`: frees the table and its nodes, dropping the reference held on each
/// object.
///
/// # Returns
/// Nothing. libnl-compat: libnl crashes on NULL; we ignore it.
///
/// # Ownership
/// The table is gone afterwards.
///
/// # Safety
/// `ht` is NULL or a live table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash_table_free(ht: *mut nl_hash_table) {
    ffi_entry!("nl_hash_table_free", {
        if let Some(t) = table(ht) {
            eh::free(t);
        }
    })
}

/// `nl_hash_table_add`: inserts `obj` in the bucket given by its type's key generator.
///
/// # Returns
/// 0; `-NLE_EXIST` if an identical object is stored, `-NLE_NOMEM`, `-NLE_INVAL` for NULL
/// arguments or a table without buckets (libnl-compat: libnl crashes).
///
/// # Ownership
/// The table takes a reference on `obj`.
///
/// # Safety
/// `ht` is NULL or a live table; `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash_table_add(ht: *mut nl_hash_table, obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_hash_table_add", {
        match (table(ht), self::obj(obj)) {
            (Some(t), Some(o)) => crate::ffi::nle0(eh::add(t, o)),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_hash_table_del`: removes the object identical to `obj`.
///
/// # Returns
/// 0; `-NLE_OBJ_NOTFOUND` when none is stored; `-NLE_INVAL` for NULL arguments.
///
/// # Ownership
/// The table's reference on the stored object is dropped.
///
/// # Safety
/// As [`nl_hash_table_add`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash_table_del(ht: *mut nl_hash_table, obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_hash_table_del", {
        match (table(ht), self::obj(obj)) {
            (Some(t), Some(o)) => crate::ffi::nle0(eh::del(t, o)),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_hash_table_lookup`: the stored object identical to `obj`.
///
/// # Returns
/// The object or NULL.
///
/// # Ownership
/// Borrowed: no reference is taken.
///
/// # Safety
/// As [`nl_hash_table_add`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash_table_lookup(
    ht: *mut nl_hash_table,
    obj: *mut nl_object,
) -> *mut nl_object {
    ffi_entry!("nl_hash_table_lookup", {
        match (table(ht), self::obj(obj)) {
            (Some(t), Some(o)) => eh::lookup(t, o).map_or(std::ptr::null_mut(), Obj::as_ptr),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `nl_hash`: lookup3 hash of `length` bytes at `k` with initial value `initval`.
///
/// # Returns
/// The hash.
///
/// # Ownership
/// `k` is borrowed.
///
/// # Safety
/// `k` is valid for `length` bytes (NULL only with length 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash(k: *mut c_void, length: usize, initval: u32) -> u32 {
    ffi_entry!("nl_hash", {
        // SAFETY: forwarded contract.
        unsafe { nl_hash_any(k, length, initval) }
    })
}

/// `nl_hash_any`: lookup3 hash of `length` bytes at `key` with initial value `base`.
///
/// # Returns
/// The hash.
///
/// # Ownership
/// `key` is borrowed.
///
/// # Safety
/// `key` is valid for `length` bytes (NULL only with length 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_hash_any(key: *const c_void, length: usize, base: u32) -> u32 {
    ffi_entry!("nl_hash_any", {
        // SAFETY: key is valid for length bytes (caller contract).
        let bytes = unsafe { crate::ffi::ptr::bytes(key, length) };
        // libnl-compat: the length enters the hash even when the pointer is NULL.
        if bytes.len() != length {
            return hash_any(&[], base.wrapping_add(length as u32));
        }
        hash_any(bytes, base)
    })
}

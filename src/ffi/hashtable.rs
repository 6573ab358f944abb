//! `netlink/hashtable.h` and `netlink/hash.h`: libnl's object hash table with the
//! identity-aware operations (add refusing an identical object, delete and lookup by
//! identity, each add holding a reference) over the raw storage of
//! [`objindex`](crate::ffi::objindex), and the lookup3 hash.

use std::ffi::{c_int, c_void};

use crate::engine::hashtable::{grow_to, hash_any};
use crate::error::Error;
use crate::ffi::object;
use crate::ffi::objhdr::{Node, Obj, Table};
use crate::ffi::objindex::{alloc, bucket_of, count_adjust, counts, grow};
use crate::ffi::types::{nl_hash_table, nl_object};
use crate::ffi_entry;

/// Frees the table, dropping the reference it holds on each object.
pub fn free(t: Table) {
    counts().as_mut().map(|m| m.remove(&(t.as_ptr() as usize)));
    for i in 0..t.size() {
        let mut cur = t.bucket(i);
        t.set_bucket(i, None);
        while let Some(n) = cur {
            cur = n.next();
            let o = n.obj();
            // SAFETY: n is unlinked (its bucket was cleared) and used no more.
            unsafe { n.release() };
            if let Some(o) = o {
                object::put(o);
            }
        }
    }
    // SAFETY: all nodes are released; the table is used no more.
    unsafe { t.release_block() };
}

/// Adds `o` (taking a reference). `Exist` if an identical object is present.
pub fn add(t: Table, o: Obj) -> Result<(), Error> {
    let Some(b) = bucket_of(o, t.size()) else {
        crate::nl_dbg!(1, "nl_hash_table_add: table without buckets\n");
        return Err(Error::Inval);
    };
    let mut cur = t.bucket(b);
    while let Some(n) = cur {
        if n.obj()
            .is_some_and(|x| crate::engine::object::identical(x, o))
        {
            crate::nl_dbg!(2, "Warning: Add to hashtable found duplicate...\n");
            return Err(Error::Exist);
        }
        cur = n.next();
    }
    let node = Node::alloc(b as u32, o, t.bucket(b)).ok_or(Error::NoMem)?;
    object::get(o);
    t.set_bucket(b, Some(node));
    crate::nl_dbg!(
        5,
        "adding cache entry of obj {:p} in table {:p}, with hash 0x{:x}\n",
        o.as_ptr(),
        t.as_ptr(),
        b
    );
    if let Some(count) = count_adjust(t, 1) {
        if o.ops().is_some_and(|ops| ops.oo_keygen.is_some()) {
            if let Some(n) = grow_to(t.size(), count) {
                grow(t, n);
            }
        }
    }
    Ok(())
}

/// Removes the node of the object identical to `o`, dropping the table's reference.
/// `ObjNotFound` when there is none.
pub fn del(t: Table, o: Obj) -> Result<(), Error> {
    let b = bucket_of(o, t.size()).ok_or(Error::ObjNotFound)?;
    let mut prev: Option<Node> = None;
    let mut cur = t.bucket(b);
    while let Some(n) = cur {
        let stored = n.obj();
        if stored.is_some_and(|x| crate::engine::object::identical(x, o)) {
            match prev {
                None => t.set_bucket(b, n.next()),
                Some(p) => p.set_next(n.next()),
            }
            // SAFETY: n is unlinked and used no more.
            unsafe { n.release() };
            count_adjust(t, -1);
            // libnl-compat: libnl drops the reference of the object passed in, which is a
            // different object when only an identical one is stored; we drop the stored
            // object's reference (the one the table took).
            if let Some(s) = stored {
                object::put(s);
            }
            return Ok(());
        }
        prev = Some(n);
        cur = n.next();
    }
    Err(Error::ObjNotFound)
}

/// The stored object identical to `o` (no reference taken).
pub fn lookup(t: Table, o: Obj) -> Option<Obj> {
    let b = bucket_of(o, t.size())?;
    let mut cur = t.bucket(b);
    while let Some(n) = cur {
        if let Some(x) = n.obj().filter(|x| crate::engine::object::identical(*x, o)) {
            return Some(x);
        }
        cur = n.next();
    }
    None
}

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
            free(t);
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
            (Some(t), Some(o)) => crate::ffi::nle0(add(t, o)),
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
            (Some(t), Some(o)) => crate::ffi::nle0(del(t, o)),
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
            (Some(t), Some(o)) => lookup(t, o).map_or(std::ptr::null_mut(), Obj::as_ptr),
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

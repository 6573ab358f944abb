//! `netlink/hashtable.h` and `netlink/hash.h`: libnl's object hash table (public
//! `nl_hash_table_t` / `nl_hash_node_t` layouts, chains of malloc'ed nodes, keys from the
//! object type's `oo_keygen`) and the lookup3 hash.
//!
//! Beyond libnl: a table allocated here grows (doubling, keys regenerated with the new size)
//! once it holds more than two objects per bucket, so caches of a million objects keep O(1)
//! inserts and lookups where libnl's fixed 1024 buckets degrade to long chains. `size` and
//! `nodes` always describe the current bucket array, so direct readers stay consistent. The
//! object count lives in a side table keyed by the table's address (the public struct has no
//! room for it); tables not allocated here (none are expected) simply never grow.

use std::collections::BTreeMap;
use std::ffi::{c_int, c_void};
use std::sync::{Mutex, MutexGuard};

use crate::engine::hashtable::{grow_to, hash_any};
use crate::error::Error;
use crate::ffi::object;
use crate::ffi::objhdr::{Node, Obj, Table};
use crate::ffi::types::{nl_hash_table, nl_object};
use crate::ffi_entry;

// A BTreeMap (not a HashMap) so the process-lifetime allocation stays "still reachable" for
// leak checkers.
static COUNTS: Mutex<Option<BTreeMap<usize, usize>>> = Mutex::new(None);

fn counts() -> MutexGuard<'static, Option<BTreeMap<usize, usize>>> {
    COUNTS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Adjusts the object count of `t`; returns the new count (`None` for a foreign table).
fn count_adjust(t: Table, delta: isize) -> Option<usize> {
    let mut g = counts();
    let c = g.as_mut()?.get_mut(&(t.as_ptr() as usize))?;
    *c = c.saturating_add_signed(delta);
    Some(*c)
}

/// The bucket of `o` in a table of `size` buckets. libnl-compat: libnl indexes with whatever
/// the key generator returns; a key out of range is reduced modulo the size here.
fn bucket_of(o: Obj, size: usize) -> Option<usize> {
    if size == 0 {
        return None;
    }
    let key = o
        .call_keygen(u32::try_from(size).unwrap_or(u32::MAX))
        .unwrap_or(0);
    Some(usize::try_from(key).unwrap_or(0) % size)
}

/// Allocates a table with `size` buckets.
pub fn alloc(size: c_int) -> Option<Table> {
    let size = usize::try_from(size).ok()?;
    let t = Table::alloc(size)?;
    counts()
        .get_or_insert_with(BTreeMap::new)
        .insert(t.as_ptr() as usize, 0);
    Some(t)
}

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
        if n.obj().is_some_and(|x| object::identical(x, o)) {
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

/// Rehashes every node into `size` buckets (keys regenerated). Out of memory keeps the
/// table as it is.
fn grow(t: Table, size: usize) {
    let mut nodes = Vec::new();
    for i in 0..t.size() {
        let mut cur = t.bucket(i);
        while let Some(n) = cur {
            cur = n.next();
            nodes.push(n);
        }
    }
    if !t.replace_buckets(size) {
        return;
    }
    crate::nl_dbg!(3, "hash table {:p} grown to {} buckets\n", t.as_ptr(), size);
    for n in nodes {
        let b = n.obj().and_then(|o| bucket_of(o, size)).unwrap_or(0);
        n.set_key(b as u32);
        n.set_next(t.bucket(b));
        t.set_bucket(b, Some(n));
    }
}

/// Removes the node of the object identical to `o`, dropping the table's reference.
/// `ObjNotFound` when there is none.
pub fn del(t: Table, o: Obj) -> Result<(), Error> {
    let b = bucket_of(o, t.size()).ok_or(Error::ObjNotFound)?;
    let mut prev: Option<Node> = None;
    let mut cur = t.bucket(b);
    while let Some(n) = cur {
        let stored = n.obj();
        if stored.is_some_and(|x| object::identical(x, o)) {
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

/// Removes the node holding exactly `o` without touching its reference count (used when
/// the object itself is being freed). Searches its bucket first, then the whole table.
pub fn unlink_exact(t: Table, o: Obj) {
    let first = bucket_of(o, t.size());
    let order = first.into_iter().chain(0..t.size());
    for b in order {
        let mut prev: Option<Node> = None;
        let mut cur = t.bucket(b);
        while let Some(n) = cur {
            if n.obj() == Some(o) {
                match prev {
                    None => t.set_bucket(b, n.next()),
                    Some(p) => p.set_next(n.next()),
                }
                // SAFETY: n is unlinked and used no more.
                unsafe { n.release() };
                count_adjust(t, -1);
                return;
            }
            prev = Some(n);
            cur = n.next();
        }
    }
}

/// The stored object identical to `o` (no reference taken).
pub fn lookup(t: Table, o: Obj) -> Option<Obj> {
    let b = bucket_of(o, t.size())?;
    let mut cur = t.bucket(b);
    while let Some(n) = cur {
        if let Some(x) = n.obj().filter(|x| object::identical(*x, o)) {
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

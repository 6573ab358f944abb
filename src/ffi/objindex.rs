//! The raw storage of caches: the hash index over a cache's objects (libnl's public
//! `nl_hash_table_t` layout, chains of malloc'ed nodes, keys from the object type's
//! `oo_keygen`) and taking an object out of its cache's list and index without touching
//! reference counts (what freeing a cached object needs). Nothing here compares objects or
//! changes reference counts; `hashtable.rs` adds the identity-aware operations on top.
//!
//! Beyond libnl: a table allocated here grows (doubling, keys regenerated with the new size)
//! once it holds more than two objects per bucket, so caches of a million objects keep O(1)
//! inserts and lookups where libnl's fixed 1024 buckets degrade to long chains. `size` and
//! `nodes` always describe the current bucket array, so direct readers stay consistent. The
//! object count lives in a side table keyed by the table's address (the public struct has no
//! room for it); tables not allocated here (none are expected) simply never grow.

use std::collections::BTreeMap;
use std::ffi::c_int;
use std::sync::{Mutex, MutexGuard};

use crate::ffi::objhdr::{self, Cache, Node, Obj, Table};

// A BTreeMap (not a HashMap) so the process-lifetime allocation stays "still reachable" for
// leak checkers.
static COUNTS: Mutex<Option<BTreeMap<usize, usize>>> = Mutex::new(None);

pub(crate) fn counts() -> MutexGuard<'static, Option<BTreeMap<usize, usize>>> {
    COUNTS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Adjusts the object count of `t`; returns the new count (`None` for a foreign table).
pub(crate) fn count_adjust(t: Table, delta: isize) -> Option<usize> {
    let mut g = counts();
    let c = g.as_mut()?.get_mut(&(t.as_ptr() as usize))?;
    *c = c.saturating_add_signed(delta);
    Some(*c)
}

/// The bucket of `o` in a table of `size` buckets. libnl-compat: libnl indexes with whatever
/// the key generator returns; a key out of range is reduced modulo the size here.
pub(crate) fn bucket_of(o: Obj, size: usize) -> Option<usize> {
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

/// Rehashes every node into `size` buckets (keys regenerated). Out of memory keeps the
/// table as it is.
pub(crate) fn grow(t: Table, size: usize) {
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

/// Takes `o` out of its cache (list and index) without touching any reference count (the
/// object is being freed).
pub fn detach(o: Obj) {
    // SAFETY: ce_cache is NULL or the live cache holding the object.
    let Some(c) = (unsafe { Cache::from_ptr(o.cache_ptr()) }) else {
        return;
    };
    // SAFETY: a cache's hashtable field is NULL or the table it owns.
    if let Some(t) = unsafe { Table::from_ptr(c.table_ptr()) } {
        unlink_exact(t, o);
    }
    objhdr::unlink(o);
    o.list_init();
    o.set_cache_ptr(std::ptr::null_mut());
    c.set_nitems(c.nitems().wrapping_sub(1));
}

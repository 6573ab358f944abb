//! The raw storage of caches: the hash index over a cache's objects (libnl's public
//! `nl_hash_table_t` layout, chains of malloc'ed nodes, keys from the object type's
//! `oo_keygen`) seen by the engine's table algorithms ([`Chains`] over [`Table`]), and taking
//! an object out of its cache's list and index without touching reference counts (what
//! freeing a cached object needs).
//!
//! Beyond libnl: a table allocated here grows (the engine's policy: doubling, keys
//! regenerated with the new size, once it holds more than two objects per bucket), so caches
//! of a million objects keep O(1) inserts and lookups where libnl's fixed 1024 buckets degrade
//! to long chains. `size` and `nodes` always describe the current bucket array, so direct
//! readers stay consistent. The object count lives in a side table keyed by the table's
//! address (the public struct has no room for it); tables not allocated here (none are
//! expected) simply never grow.

use std::collections::BTreeMap;
use std::ffi::c_int;

use crate::engine::hashtable::{self, Chains};
use crate::engine::object::life;
use crate::ffi::objhdr::{self, Cache, Node, Obj, Table};
use crate::sys::lock::{Mutex, MutexGuard};

// A BTreeMap (not a HashMap) so the process-lifetime allocation stays "still reachable" for
// leak checkers.
static COUNTS: Mutex<Option<BTreeMap<usize, usize>>> = Mutex::new(None);

fn counts() -> MutexGuard<'static, Option<BTreeMap<usize, usize>>> {
    COUNTS.lock()
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

impl std::fmt::Pointer for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Pointer::fmt(&self.as_ptr(), f)
    }
}

/// The public table layout as the engine's table algorithms see it.
impl Chains for Table {
    type Node = Node;
    type Obj = Obj;

    fn size(self) -> usize {
        Table::size(self)
    }
    fn head(self, b: usize) -> Option<Node> {
        self.bucket(b)
    }
    fn set_head(self, b: usize, n: Option<Node>) {
        self.set_bucket(b, n)
    }
    fn next(self, n: Node) -> Option<Node> {
        n.next()
    }
    fn set_next(self, n: Node, next: Option<Node>) {
        n.set_next(next)
    }
    fn obj(self, n: Node) -> Option<Obj> {
        n.obj()
    }
    fn set_key(self, n: Node, key: u32) {
        n.set_key(key)
    }
    fn new_node(self, key: u32, o: Obj, next: Option<Node>) -> Option<Node> {
        Node::alloc(key, o, next)
    }
    fn free_node(self, n: Node) {
        // SAFETY: the engine releases a node once, after unlinking it.
        unsafe { n.release() }
    }
    fn keygen(self, o: Obj, size: u32) -> Option<u32> {
        o.call_keygen(size)
    }
    fn replace_buckets(self, size: usize) -> bool {
        Table::replace_buckets(self, size)
    }
    fn count_adjust(self, delta: isize) -> Option<usize> {
        let mut g = counts();
        let c = g.as_mut()?.get_mut(&(self.as_ptr() as usize))?;
        *c = c.saturating_add_signed(delta);
        Some(*c)
    }
    fn get(self, o: Obj) {
        life::get(o)
    }
    fn put(self, o: Obj) {
        life::put(o)
    }
    fn release(self) {
        counts()
            .as_mut()
            .map(|m| m.remove(&(self.as_ptr() as usize)));
        // SAFETY: the engine releases the table once, with all its nodes released.
        unsafe { self.release_block() };
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
        hashtable::unlink_exact(t, o);
    }
    objhdr::unlink(o);
    o.list_init();
    o.set_cache_ptr(std::ptr::null_mut());
    c.set_nitems(c.nitems().wrapping_sub(1));
}

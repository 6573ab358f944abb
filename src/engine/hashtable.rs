//! libnl's object hash tables: Bob Jenkins' lookup3 `hashlittle` (what libnl's
//! `nl_hash`/`nl_hash_any` compute on little-endian hosts), the growth policy that keeps
//! cache lookups O(1) as caches grow far beyond libnl's fixed 1024 buckets, and the table
//! algorithms over chains of nodes ([`Chains`], which the FFI layer implements over the public
//! `nl_hash_table_t` layout): the bucket of an object, adding (refusing an identical object),
//! deleting and looking up by identity, unlinking one exact object, rehashing into more buckets
//! and freeing.
#![forbid(unsafe_code)]

use std::fmt;

use crate::engine::object::{self as eo, ObjRef};
use crate::error::{Error, Result};

fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*c);
    *a ^= c.rotate_left(4);
    *c = c.wrapping_add(*b);
    *b = b.wrapping_sub(*a);
    *b ^= a.rotate_left(6);
    *a = a.wrapping_add(*c);
    *c = c.wrapping_sub(*b);
    *c ^= b.rotate_left(8);
    *b = b.wrapping_add(*a);
    *a = a.wrapping_sub(*c);
    *a ^= c.rotate_left(16);
    *c = c.wrapping_add(*b);
    *b = b.wrapping_sub(*a);
    *b ^= a.rotate_left(19);
    *a = a.wrapping_add(*c);
    *c = c.wrapping_sub(*b);
    *c ^= b.rotate_left(4);
    *b = b.wrapping_add(*a);
}

fn finish(a: &mut u32, b: &mut u32, c: &mut u32) {
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(14));
    *a ^= *c;
    *a = a.wrapping_sub(c.rotate_left(11));
    *b ^= *a;
    *b = b.wrapping_sub(a.rotate_left(25));
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(16));
    *a ^= *c;
    *a = a.wrapping_sub(c.rotate_left(4));
    *b ^= *a;
    *b = b.wrapping_sub(a.rotate_left(14));
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(24));
}

/// Up to 4 bytes as a little-endian word (missing bytes are zero).
fn word(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .enumerate()
        .fold(0u32, |w, (i, &b)| w | (u32::from(b) << (8 * i)))
}

/// lookup3 `hashlittle` of `key` with initial value `base`: libnl's `nl_hash_any(key, len,
/// base)` and `nl_hash(key, len, base)`.
pub fn hash_any(key: &[u8], base: u32) -> u32 {
    // libnl-compat: the length enters the state truncated to 32 bits.
    let init = 0xdead_beef_u32
        .wrapping_add(key.len() as u32)
        .wrapping_add(base);
    let (mut a, mut b, mut c) = (init, init, init);
    let mut rest = key;
    while rest.len() > 12 {
        let (blk, tail) = rest.split_at(12);
        a = a.wrapping_add(word(blk.get(0..4).unwrap_or_default()));
        b = b.wrapping_add(word(blk.get(4..8).unwrap_or_default()));
        c = c.wrapping_add(word(blk.get(8..12).unwrap_or_default()));
        mix(&mut a, &mut b, &mut c);
        rest = tail;
    }
    if rest.is_empty() {
        return c;
    }
    a = a.wrapping_add(word(rest.get(0..).unwrap_or_default()));
    b = b.wrapping_add(word(rest.get(4..).unwrap_or_default()));
    c = c.wrapping_add(word(rest.get(8..).unwrap_or_default()));
    finish(&mut a, &mut b, &mut c);
    c
}

/// Largest number of buckets a table grows to.
pub const MAX_BUCKETS: usize = 1 << 26;

/// The bucket count a table of `size` buckets holding `count` objects should grow to, or
/// `None` to stay. Tables double once they hold more than two objects per bucket, so the
/// average chain stays short and inserts stay amortised O(1).
pub fn grow_to(size: usize, count: usize) -> Option<usize> {
    if size == 0 || size >= MAX_BUCKETS || count <= size.saturating_mul(2) {
        return None;
    }
    let mut n = size;
    while n < MAX_BUCKETS && count > n.saturating_mul(2) {
        n = n.saturating_mul(2);
    }
    Some(n.min(MAX_BUCKETS))
}

/// A hash table of objects, as chains of nodes hanging off an array of buckets, as the table
/// algorithms see it. Handles are cheap copies; the implementation owns the memory.
pub trait Chains: Copy + fmt::Pointer {
    /// A node handle.
    type Node: Copy + Eq;
    /// An object handle.
    type Obj: ObjRef + fmt::Pointer;

    /// The number of buckets.
    fn size(self) -> usize;
    /// The first node of bucket `b`.
    fn head(self, b: usize) -> Option<Self::Node>;
    /// Sets the first node of bucket `b`.
    fn set_head(self, b: usize, n: Option<Self::Node>);
    /// The node after `n` in its chain.
    fn next(self, n: Self::Node) -> Option<Self::Node>;
    /// Sets the node after `n`.
    fn set_next(self, n: Self::Node, next: Option<Self::Node>);
    /// The object of node `n`.
    fn obj(self, n: Self::Node) -> Option<Self::Obj>;
    /// Records bucket `key` in node `n`.
    fn set_key(self, n: Self::Node, key: u32);
    /// A new node for `o` in bucket `key`, chained before `next`; `None` when out of memory.
    fn new_node(self, key: u32, o: Self::Obj, next: Option<Self::Node>) -> Option<Self::Node>;
    /// Releases an unlinked node.
    fn free_node(self, n: Self::Node);
    /// The key of `o` from its type's key generator for a table of `size` buckets; `None` when
    /// the type has none.
    fn keygen(self, o: Self::Obj, size: u32) -> Option<u32>;
    /// Replaces the bucket array by `size` empty buckets; `false` when out of memory (nothing
    /// changed).
    fn replace_buckets(self, size: usize) -> bool;
    /// Adjusts the number of objects kept for the table by `delta` and returns it; `None` for a
    /// table without that count (it never grows).
    fn count_adjust(self, delta: isize) -> Option<usize>;
    /// Takes a reference on `o`.
    fn get(self, o: Self::Obj);
    /// Drops a reference on `o`.
    fn put(self, o: Self::Obj);
    /// Releases the table itself (its buckets are empty).
    fn release(self);
}

/// The bucket of `o` in a table of `size` buckets, and whether its type generated the key.
/// libnl-compat: libnl indexes with whatever the key generator returns; a key out of range is
/// reduced modulo the size here. `None` for a table without buckets.
pub fn bucket_of<T: Chains>(t: T, o: T::Obj, size: usize) -> Option<(usize, bool)> {
    if size == 0 {
        return None;
    }
    let key = t.keygen(o, u32::try_from(size).unwrap_or(u32::MAX));
    let b = usize::try_from(key.unwrap_or(0)).unwrap_or(0) % size;
    Some((b, key.is_some()))
}

/// The objects of bucket `b` with their nodes, in chain order.
fn chain<T: Chains>(t: T, b: usize) -> impl Iterator<Item = T::Node> {
    std::iter::successors(t.head(b), move |n| t.next(*n))
}

/// Unlinks (without releasing) the first node of bucket `b` whose object satisfies `hit`.
fn unlink_where<T: Chains>(t: T, b: usize, hit: impl Fn(T::Obj) -> bool) -> Option<T::Node> {
    let mut prev: Option<T::Node> = None;
    for n in chain(t, b) {
        if t.obj(n).is_some_and(&hit) {
            match prev {
                None => t.set_head(b, t.next(n)),
                Some(p) => t.set_next(p, t.next(n)),
            }
            return Some(n);
        }
        prev = Some(n);
    }
    None
}

/// `nl_hash_table_add`: chains `o` in front of its bucket, taking a reference. `Exist` when an
/// identical object is stored, `Inval` for a table without buckets, `NoMem`. A table that keeps
/// a count grows ([`grow_to`]) once it holds too many objects of a keyed type.
pub fn add<T: Chains>(t: T, o: T::Obj) -> Result<()> {
    let Some((b, keyed)) = bucket_of(t, o, t.size()) else {
        crate::nl_dbg!(1, "nl_hash_table_add: table without buckets\n");
        return Err(Error::Inval);
    };
    if chain(t, b).any(|n| t.obj(n).is_some_and(|x| eo::identical(x, o))) {
        crate::nl_dbg!(2, "Warning: Add to hashtable found duplicate...\n");
        return Err(Error::Exist);
    }
    let node = t.new_node(b as u32, o, t.head(b)).ok_or(Error::NoMem)?;
    t.get(o);
    t.set_head(b, Some(node));
    crate::nl_dbg!(
        5,
        "adding cache entry of obj {:p} in table {:p}, with hash 0x{:x}\n",
        o,
        t,
        b
    );
    if let Some(count) = t.count_adjust(1) {
        if let Some(n) = grow_to(t.size(), count).filter(|_| keyed) {
            grow(t, n);
        }
    }
    Ok(())
}

/// `nl_hash_table_del`: removes the object identical to `o`, dropping the table's reference.
/// `ObjNotFound` when there is none. libnl-compat: libnl drops the reference of the object
/// passed in, a different object when only an identical one is stored; the stored object's
/// (the one the table took) is dropped here.
pub fn del<T: Chains>(t: T, o: T::Obj) -> Result<()> {
    let (b, _) = bucket_of(t, o, t.size()).ok_or(Error::ObjNotFound)?;
    let n = unlink_where(t, b, |x| eo::identical(x, o)).ok_or(Error::ObjNotFound)?;
    let stored = t.obj(n);
    t.free_node(n);
    t.count_adjust(-1);
    if let Some(s) = stored {
        t.put(s);
    }
    Ok(())
}

/// `nl_hash_table_lookup`: the stored object identical to `o` (no reference taken).
pub fn lookup<T: Chains>(t: T, o: T::Obj) -> Option<T::Obj> {
    let (b, _) = bucket_of(t, o, t.size())?;
    chain(t, b)
        .filter_map(|n| t.obj(n))
        .find(|x| eo::identical(*x, o))
}

/// The first stored object of bucket `b` for which `hit` holds (no reference taken): a
/// lookup by a key computed without an object at hand.
pub fn lookup_in<T: Chains>(t: T, b: usize, hit: impl Fn(T::Obj) -> bool) -> Option<T::Obj> {
    if b >= t.size() {
        return None;
    }
    chain(t, b).filter_map(|n| t.obj(n)).find(|x| hit(*x))
}

/// Rehashes every node into `size` buckets, keys regenerated. Out of memory keeps the table as
/// it is.
pub fn grow<T: Chains>(t: T, size: usize) {
    let nodes: Vec<T::Node> = (0..t.size()).flat_map(|b| chain(t, b)).collect();
    if !t.replace_buckets(size) {
        return;
    }
    crate::nl_dbg!(3, "hash table {:p} grown to {} buckets\n", t, size);
    for n in nodes {
        let b = t
            .obj(n)
            .and_then(|o| bucket_of(t, o, size))
            .map_or(0, |(b, _)| b);
        t.set_key(n, b as u32);
        t.set_next(n, t.head(b));
        t.set_head(b, Some(n));
    }
}

/// Removes the node holding exactly `o` without touching its reference count (the object is
/// being freed). Its own bucket is searched first, then the whole table.
pub fn unlink_exact<T: Chains>(t: T, o: T::Obj) {
    let first = bucket_of(t, o, t.size()).map(|(b, _)| b);
    for b in first.into_iter().chain(0..t.size()) {
        if let Some(n) = unlink_where(t, b, |x| x == o) {
            t.free_node(n);
            t.count_adjust(-1);
            return;
        }
    }
}

/// `nl_hash_table_free`: releases every node, dropping the reference held on each object, then
/// the table.
pub fn free<T: Chains>(t: T) {
    for b in 0..t.size() {
        let nodes: Vec<T::Node> = chain(t, b).collect();
        t.set_head(b, None);
        for n in nodes {
            let o = t.obj(n);
            t.free_node(n);
            if let Some(o) = o {
                t.put(o);
            }
        }
    }
    t.release();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup3_reference_values() {
        // Published hashlittle test vectors (lookup3.c driver5).
        assert_eq!(hash_any(b"", 0), 0xdeadbeef);
        assert_eq!(hash_any(b"", 0xdeadbeef), 0xbd5b7dde);
        assert_eq!(hash_any(b"Four score and seven years ago", 0), 0x17770551);
        assert_eq!(hash_any(b"Four score and seven years ago", 1), 0xcd628161);
    }

    #[test]
    fn short_and_block_boundaries() {
        for n in 0..40 {
            let v: Vec<u8> = (0..n).map(|i| i as u8).collect();
            // deterministic and sensitive to the length
            assert_eq!(hash_any(&v, 7), hash_any(&v, 7));
            if n > 0 {
                assert_ne!(hash_any(&v, 7), hash_any(&v[..n as usize - 1], 7));
            }
        }
    }

    use std::cell::RefCell;

    use crate::engine::object::{IdAttrs, attr_diff};

    /// Mock objects: (identity, references, keyed type).
    #[derive(Default)]
    struct World {
        objs: Vec<(u32, i32, bool)>,
        heads: Vec<Option<usize>>,
        /// (key, object, next, live)
        nodes: Vec<(u32, usize, Option<usize>, bool)>,
        count: Option<usize>,
        oom: bool,
        released: bool,
    }

    thread_local! {
        static W: RefCell<World> = RefCell::new(World::default());
    }

    fn w<R>(f: impl FnOnce(&mut World) -> R) -> R {
        W.with(|x| f(&mut x.borrow_mut()))
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct O(usize);

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct T;

    impl fmt::Pointer for O {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "o{}", self.0)
        }
    }

    impl fmt::Pointer for T {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("table")
        }
    }

    impl ObjRef for O {
        fn same_type(self, _: O) -> bool {
            true
        }
        fn mask(self) -> u64 {
            1
        }
        fn id_attrs(self) -> IdAttrs {
            IdAttrs::Type(1)
        }
        fn compare(self, o: O, attrs: u64, _: i32) -> Option<u64> {
            let (a, b) = w(|w| (w.objs[self.0].0, w.objs[o.0].0));
            Some(attr_diff(attrs, 1, 1, 1, || a != b))
        }
    }

    impl Chains for T {
        type Node = usize;
        type Obj = O;
        fn size(self) -> usize {
            w(|w| w.heads.len())
        }
        fn head(self, b: usize) -> Option<usize> {
            w(|w| w.heads[b])
        }
        fn set_head(self, b: usize, n: Option<usize>) {
            w(|w| w.heads[b] = n);
        }
        fn next(self, n: usize) -> Option<usize> {
            w(|w| w.nodes[n].2)
        }
        fn set_next(self, n: usize, next: Option<usize>) {
            w(|w| w.nodes[n].2 = next);
        }
        fn obj(self, n: usize) -> Option<O> {
            Some(O(w(|w| w.nodes[n].1)))
        }
        fn set_key(self, n: usize, key: u32) {
            w(|w| w.nodes[n].0 = key);
        }
        fn new_node(self, key: u32, o: O, next: Option<usize>) -> Option<usize> {
            w(|w| {
                (!w.oom).then(|| {
                    w.nodes.push((key, o.0, next, true));
                    w.nodes.len() - 1
                })
            })
        }
        fn free_node(self, n: usize) {
            w(|w| w.nodes[n].3 = false);
        }
        fn keygen(self, o: O, size: u32) -> Option<u32> {
            let (id, _, keyed) = w(|w| w.objs[o.0]);
            keyed.then_some(id % size)
        }
        fn replace_buckets(self, size: usize) -> bool {
            w(|w| (!w.oom).then(|| w.heads = vec![None; size]).is_some())
        }
        fn count_adjust(self, delta: isize) -> Option<usize> {
            w(|w| {
                let c = w.count.as_mut()?;
                *c = c.saturating_add_signed(delta);
                Some(*c)
            })
        }
        fn get(self, o: O) {
            w(|w| w.objs[o.0].1 += 1);
        }
        fn put(self, o: O) {
            w(|w| w.objs[o.0].1 -= 1);
        }
        fn release(self) {
            w(|w| w.released = true);
        }
    }

    fn setup(buckets: usize, counted: bool, objs: &[(u32, bool)]) -> Vec<O> {
        w(|w| {
            *w = World {
                heads: vec![None; buckets],
                count: counted.then_some(0),
                objs: objs.iter().map(|&(id, keyed)| (id, 1, keyed)).collect(),
                ..World::default()
            }
        });
        (0..objs.len()).map(O).collect()
    }

    fn bucket_ids(b: usize) -> Vec<u32> {
        chain(T, b).map(|n| w(|w| w.objs[w.nodes[n].1].0)).collect()
    }

    fn refs(o: O) -> i32 {
        w(|w| w.objs[o.0].1)
    }

    #[test]
    fn add_lookup_del_by_identity() {
        let o = setup(4, false, &[(1, true), (5, true), (1, true), (2, false)]);
        assert_eq!(bucket_of(T, o[1], 4), Some((1, true)));
        assert_eq!(bucket_of(T, o[3], 4), Some((0, false)));
        assert_eq!(bucket_of(T, o[3], 0), None);
        add(T, o[0]).unwrap();
        add(T, o[1]).unwrap();
        assert_eq!(add(T, o[2]), Err(Error::Exist));
        add(T, o[3]).unwrap();
        assert_eq!(bucket_ids(1), vec![5, 1]);
        assert_eq!(bucket_ids(0), vec![2]);
        assert_eq!((refs(o[0]), refs(o[2])), (2, 1));
        assert_eq!(lookup(T, o[2]), Some(o[0]));
        // Deleting through an identical object drops the stored object's reference.
        del(T, o[2]).unwrap();
        assert_eq!((refs(o[0]), refs(o[2])), (1, 1));
        assert_eq!(bucket_ids(1), vec![5]);
        assert_eq!(del(T, o[0]), Err(Error::ObjNotFound));
        assert_eq!(lookup(T, o[0]), None);
        w(|w| w.oom = true);
        assert_eq!(add(T, o[0]), Err(Error::NoMem));
        assert_eq!(refs(o[0]), 1);
        let empty = setup(0, false, &[(1, true)]);
        assert_eq!(add(T, empty[0]), Err(Error::Inval));
        assert_eq!(del(T, empty[0]), Err(Error::ObjNotFound));
    }

    #[test]
    fn counted_tables_grow_and_rehash() {
        let specs: Vec<(u32, bool)> = (0..10).map(|i| (i, true)).collect();
        let o = setup(2, true, &specs);
        for x in &o[..4] {
            add(T, *x).unwrap();
        }
        assert_eq!(T.size(), 2);
        add(T, o[4]).unwrap();
        assert_eq!(T.size(), 4);
        for b in 0..4 {
            assert!(bucket_ids(b).iter().all(|id| *id as usize % 4 == b));
        }
        assert_eq!(w(|w| w.count), Some(5));
        // Out of memory while growing keeps the table usable.
        for x in &o[5..8] {
            add(T, *x).unwrap();
        }
        w(|w| w.oom = true);
        grow(T, 64);
        assert_eq!(T.size(), 4);
        // Unkeyed objects never make a table grow.
        let u: Vec<(u32, bool)> = (0..10).map(|i| (i, false)).collect();
        let o = setup(1, true, &u);
        for x in &o {
            add(T, *x).unwrap();
        }
        assert_eq!(T.size(), 1);
    }

    #[test]
    fn exact_unlink_and_free() {
        let o = setup(4, true, &[(1, true), (1, true), (2, true)]);
        add(T, o[0]).unwrap();
        add(T, o[2]).unwrap();
        // Not stored: nothing happens, not even for an identical object.
        unlink_exact(T, o[1]);
        assert_eq!(bucket_ids(1), vec![1]);
        // A node that went to another bucket (the key changed) is still found.
        w(|w| w.objs[0].0 = 3);
        unlink_exact(T, o[0]);
        assert_eq!(bucket_ids(1), Vec::<u32>::new());
        assert_eq!((refs(o[0]), w(|w| w.count)), (2, Some(1)));
        free(T);
        assert_eq!(refs(o[2]), 1);
        assert!(w(|w| w.released && w.heads.iter().all(Option::is_none)));
        assert!(w(|w| w.nodes.iter().all(|n| !n.3)));
    }

    #[test]
    fn growth_policy() {
        assert_eq!(grow_to(1024, 2048), None);
        assert_eq!(grow_to(1024, 2049), Some(2048));
        assert_eq!(grow_to(1, 100), Some(64));
        assert_eq!(grow_to(0, 100), None);
        assert_eq!(grow_to(MAX_BUCKETS, usize::MAX), None);
    }
}

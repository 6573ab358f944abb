//! The lifecycle of an object block, whatever language defines its type: allocation (the
//! size check, the constructor), references, freeing (leaving the cache, the type's
//! `free_data`), cloning (libnl's rules for types with and without a clone callback) and the
//! step `nl_object_dump` takes before the type's dump callback.
//!
//! The FFI layer implements [`Kind`] over libnl's object type table (`nl_object_ops`) and
//! [`Block`] over the C object header; the unit tests implement both over vectors.
#![forbid(unsafe_code)]

use std::fmt;

use super::DumpType;

/// Size of the common header that starts every object block (libnl's `NLHDR_COMMON`: reference
/// count, type, cache, list link, message type, flags, presence mask).
pub const OBJECT_HDR_SIZE: usize = 56;

/// An object type as the lifecycle sees it.
pub trait Kind: Copy {
    /// The objects of this type.
    type Obj: Block<Kind = Self>;
    /// The block size of an object (`oo_size`), header included.
    fn size(self) -> usize;
    /// Whether the type releases resources of its own when an object goes (`oo_free_data`).
    fn has_free_data(self) -> bool;
    /// A zeroed block of this type holding one reference, in no cache, its constructor not run
    /// yet; `None` when out of memory.
    fn calloc(self) -> Option<Self::Obj>;
}

/// An object block as the lifecycle sees it: a cheap handle.
pub trait Block: Copy + fmt::Pointer {
    /// The type of the objects.
    type Kind: Kind<Obj = Self>;
    /// The object's type; `None` for a block without one.
    fn kind(self) -> Option<Self::Kind>;
    /// The reference count (a snapshot).
    fn refcnt(self) -> i32;
    /// Adds a reference atomically; returns the previous count.
    fn ref_add(self) -> i32;
    /// Drops a reference atomically; returns the previous count. A drop from 1 makes every
    /// other thread's use of the block visible to the caller (see [`crate::engine::refcount`]).
    fn ref_drop(self) -> i32;
    /// Whether a cache holds the object.
    fn in_cache(self) -> bool;
    /// Takes the object out of its cache (list and index) without touching any reference
    /// count.
    fn leave_cache(self);
    /// Runs the type's constructor, if any.
    fn construct(self);
    /// Runs the type's `free_data`, if any.
    fn free_data(self);
    /// Copies the message type, the presence mask and the type's own bytes of `src` (an object
    /// of the same type) into this one.
    fn copy_from(self, src: Self);
    /// The type's clone callback fixing up this fresh copy of `src`: its result (negative on
    /// failure), `None` when the type has no clone callback.
    fn clone_from(self, src: Self) -> Option<i32>;
    /// Releases the block itself; no callback runs and the handle is used no more.
    fn release(self);
}

/// `nl_object_alloc`: a new object of type `k` (one reference, constructor run). `None` for a
/// block size below the header (libnl-compat: libnl aborts) or out of memory.
pub fn alloc<K: Kind>(k: K) -> Option<K::Obj> {
    let o = if k.size() < OBJECT_HDR_SIZE {
        None
    } else {
        k.calloc()
    };
    let Some(o) = o else {
        crate::nl_dbg!(
            1,
            "nl_object_alloc: object size below the 56-byte header or no memory\n"
        );
        return None;
    };
    o.construct();
    crate::nl_dbg!(4, "Allocated new object {:p}\n", o);
    Some(o)
}

/// `nl_object_get`: takes a reference.
pub fn get<B: Block>(o: B) {
    o.ref_add();
}

/// `nl_object_put`: drops a reference; the object is freed when none is left. The count is
/// atomic: of many threads putting the same object, only the one taking the last reference
/// frees it.
pub fn put<B: Block>(o: B) {
    let n = o.ref_drop().wrapping_sub(1);
    if n < 0 {
        // libnl-compat: libnl aborts on a negative count; we report and leave the block alone.
        crate::nl_dbg!(
            1,
            "nl_object_put: object {:p} has a negative reference count\n",
            o
        );
        return;
    }
    if n == 0 {
        free(o);
    }
}

/// `nl_object_free`: frees the object now, whoever holds references: it leaves its cache
/// (libnl-compat: libnl removes it through `nl_cache_remove`, whose reference drop frees the
/// object a second time when the cache held the last reference; it is only unlinked here), the
/// type releases its data, the block goes.
pub fn free<B: Block>(o: B) {
    if o.refcnt() > 0 {
        crate::nl_dbg!(1, "Warning: Freeing object in use...\n");
    }
    if o.in_cache() {
        o.leave_cache();
    }
    o.free_data();
    crate::nl_dbg!(4, "Freed object {:p}\n", o);
    o.release();
}

/// `nl_object_clone`: a new object of the same type with the same message type, presence mask
/// and type bytes, fixed up by the type's clone callback. `None` for an object without type,
/// out of memory, or when the callback fails (the copy is freed). A type that owns resources
/// (`free_data`) but has no clone callback cannot be copied byte for byte (both copies would
/// release the same resources): libnl-compat, libnl aborts there; the clone is refused and the
/// copy released without its `free_data`.
pub fn clone<B: Block>(o: B) -> Option<B> {
    let k = o.kind()?;
    let new = alloc(k)?;
    new.copy_from(o);
    match new.clone_from(o) {
        Some(r) if r < 0 => {
            free(new);
            None
        }
        Some(_) => Some(new),
        None if k.size() > OBJECT_HDR_SIZE && k.has_free_data() => {
            crate::nl_dbg!(
                1,
                "nl_object_clone: type has oo_free_data but no oo_clone\n"
            );
            new.release();
            None
        }
        None => Some(new),
    }
}

/// What `nl_object_dump` does before the type's dump callback for `dp_type`: the dump type, and
/// whether to set the parameters' pre-dump flag (when the caller asked for message types,
/// `dump_msgtype`); the line counter restarts either way. `None` for a type outside libnl's
/// range (libnl-compat: libnl aborts; nothing is dumped).
pub fn dump_step(dp_type: i32, dump_msgtype: bool) -> Option<(DumpType, bool)> {
    let Some(ty) = DumpType::from_c(dp_type) else {
        crate::nl_dbg!(1, "nl_object_dump: invalid dump type {}\n", dp_type);
        return None;
    };
    Some((ty, dump_msgtype))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A mock type: block size, `free_data`, clone callback result.
    #[derive(Clone, Copy, Debug, PartialEq)]
    struct K {
        size: usize,
        free_data: bool,
        clone: Option<i32>,
    }

    #[derive(Clone, Debug, Default)]
    struct B {
        kind: Option<K>,
        refs: i32,
        cached: bool,
        payload: u32,
        msgtype: i32,
        events: Vec<&'static str>,
        released: bool,
    }

    thread_local! {
        static OBJS: RefCell<Vec<B>> = const { RefCell::new(Vec::new()) };
        static NO_MEM: RefCell<bool> = const { RefCell::new(false) };
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct H(usize);

    impl fmt::Pointer for H {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "obj#{}", self.0)
        }
    }

    fn with<R>(h: H, f: impl FnOnce(&mut B) -> R) -> R {
        OBJS.with(|o| f(&mut o.borrow_mut()[h.0]))
    }

    fn ev(h: H, e: &'static str) {
        with(h, |b| b.events.push(e));
    }

    fn events(h: H) -> Vec<&'static str> {
        with(h, |b| b.events.clone())
    }

    impl Kind for K {
        type Obj = H;
        fn size(self) -> usize {
            self.size
        }
        fn has_free_data(self) -> bool {
            self.free_data
        }
        fn calloc(self) -> Option<H> {
            if NO_MEM.with(|n| *n.borrow()) {
                return None;
            }
            OBJS.with(|o| {
                let mut o = o.borrow_mut();
                o.push(B {
                    kind: Some(self),
                    refs: 1,
                    ..B::default()
                });
                Some(H(o.len() - 1))
            })
        }
    }

    impl Block for H {
        type Kind = K;
        fn kind(self) -> Option<K> {
            with(self, |b| b.kind)
        }
        fn refcnt(self) -> i32 {
            with(self, |b| b.refs)
        }
        fn ref_add(self) -> i32 {
            with(self, |b| {
                b.refs += 1;
                b.refs - 1
            })
        }
        fn ref_drop(self) -> i32 {
            with(self, |b| {
                b.refs -= 1;
                b.refs + 1
            })
        }
        fn in_cache(self) -> bool {
            with(self, |b| b.cached)
        }
        fn leave_cache(self) {
            with(self, |b| b.cached = false);
            ev(self, "leave");
        }
        fn construct(self) {
            ev(self, "construct");
        }
        fn free_data(self) {
            ev(self, "free_data");
        }
        fn copy_from(self, src: H) {
            let (p, m) = with(src, |b| (b.payload, b.msgtype));
            with(self, |b| {
                b.payload = p;
                b.msgtype = m;
            });
        }
        fn clone_from(self, _src: H) -> Option<i32> {
            ev(self, "clone");
            self.kind().and_then(|k| k.clone)
        }
        fn release(self) {
            with(self, |b| b.released = true);
        }
    }

    const PLAIN: K = K {
        size: 64,
        free_data: false,
        clone: None,
    };

    fn reset() {
        OBJS.with(|o| o.borrow_mut().clear());
        NO_MEM.with(|n| *n.borrow_mut() = false);
    }

    #[test]
    fn alloc_checks_size_and_runs_the_constructor() {
        reset();
        let small = K { size: 55, ..PLAIN };
        assert_eq!(alloc(small), None);
        let o = alloc(PLAIN).unwrap();
        assert_eq!((o.refcnt(), events(o)), (1, vec!["construct"]));
        assert_eq!(alloc(K { size: 56, ..PLAIN }).map(H::refcnt), Some(1));
        NO_MEM.with(|n| *n.borrow_mut() = true);
        assert_eq!(alloc(PLAIN), None);
    }

    #[test]
    fn references_free_at_zero_and_refuse_negative_counts() {
        reset();
        let o = alloc(PLAIN).unwrap();
        get(o);
        put(o);
        assert!(!with(o, |b| b.released));
        put(o);
        assert!(with(o, |b| b.released));
        assert_eq!(events(o), vec!["construct", "free_data"]);
        let n = alloc(PLAIN).unwrap();
        with(n, |b| b.refs = 0);
        put(n);
        assert_eq!(n.refcnt(), -1);
        assert!(!with(n, |b| b.released));
    }

    #[test]
    fn free_leaves_the_cache_first() {
        reset();
        let o = alloc(PLAIN).unwrap();
        with(o, |b| b.cached = true);
        free(o);
        assert_eq!(events(o), vec!["construct", "leave", "free_data"]);
        assert!(with(o, |b| b.released));
    }

    #[test]
    fn clone_rules() {
        reset();
        let o = alloc(PLAIN).unwrap();
        with(o, |b| {
            b.payload = 7;
            b.msgtype = 16;
        });
        // No clone callback, nothing owned: a byte copy.
        let c = clone(o).unwrap();
        assert_eq!(with(c, |b| (b.payload, b.msgtype, b.refs)), (7, 16, 1));
        // The callback decides.
        let ok = alloc(K {
            clone: Some(0),
            free_data: true,
            ..PLAIN
        })
        .unwrap();
        assert!(clone(ok).is_some());
        let fails = alloc(K {
            clone: Some(-12),
            ..PLAIN
        })
        .unwrap();
        assert_eq!(clone(fails), None);
        let copy = H(OBJS.with(|o| o.borrow().len()) - 1);
        assert_eq!(events(copy), vec!["construct", "clone", "free_data"]);
        assert!(with(copy, |b| b.released));
        // Owned resources without a clone callback: refused, released without free_data.
        let owns = alloc(K {
            free_data: true,
            ..PLAIN
        })
        .unwrap();
        assert_eq!(clone(owns), None);
        let copy = H(OBJS.with(|o| o.borrow().len()) - 1);
        assert_eq!(events(copy), vec!["construct", "clone"]);
        assert!(with(copy, |b| b.released));
        // A header-only type owns nothing of its own: copied.
        let bare = alloc(K {
            size: 56,
            free_data: true,
            clone: None,
        })
        .unwrap();
        assert!(clone(bare).is_some());
        // No type: nothing to clone.
        with(o, |b| b.kind = None);
        assert_eq!(clone(o), None);
    }

    #[test]
    fn dump_steps() {
        assert_eq!(dump_step(0, false), Some((DumpType::Line, false)));
        assert_eq!(dump_step(2, true), Some((DumpType::Stats, true)));
        assert_eq!(dump_step(3, true), None);
        assert_eq!(dump_step(-1, false), None);
    }
}

//! libnl's cache algorithms, in safe Rust.
//!
//! A cache is an ordered list of objects with an optional identity index (a hash table when
//! the object type has a key generator). The memory of caches and objects is libnl's C layout
//! (plug-ins read it), so the algorithms here work on handles through [`Model`], which the FFI
//! layer implements over those blocks; the mock model of the unit tests implements it over
//! vectors. What lives here: cache references, adding, moving and removing objects with
//! libnl's reference-count rules, identity search and filter lookups, walks (foreach, dump,
//! subset and clone), parsing a message with the type's parser, including a notified object
//! with change callbacks (`nl_cache_include[_v2]`, reported to a [`Listener`]), and the
//! mark-and-sweep of a resync. The socket-driven parts build on them: [`sync`] (refill, resync, pickup over a
//! kernel socket the FFI layer provides as a [`sync::Kernel`]) and [`mngr`] (the cache manager:
//! associations, notification dispatch, overrun recovery). The unit tests run all of it
//! against a mock model and a fake kernel.

pub mod mngr;
pub mod sync;

use std::fmt;

use crate::engine::object::{self as eo, DumpType, ObjRef};
use crate::error::{Error, Result};

/// Cache action of a message type: none.
pub const NL_ACT_UNSPEC: i32 = 0;
/// New object.
pub const NL_ACT_NEW: i32 = 1;
/// Deleted object.
pub const NL_ACT_DEL: i32 = 2;
/// Changed object.
pub const NL_ACT_CHANGE: i32 = 5;

/// The number of buckets of a cache's index when its type does not say (libnl's
/// `NL_MAX_HASH_ENTRIES`).
pub const DEFAULT_INDEX_SIZE: i32 = 1024;

/// The number of buckets of the index of a cache whose type asks for `hash_size`
/// (`co_hash_size`, 0 for the default).
pub fn index_size(hash_size: i32) -> i32 {
    match hash_size {
        0 => DEFAULT_INDEX_SIZE,
        n => n,
    }
}

/// Objects and caches as the algorithms see them. Handles are cheap copies; the model owns
/// the memory and the reference counts.
pub trait Model {
    /// An object handle.
    type Obj: ObjRef + fmt::Pointer;
    /// A cache handle.
    type Cache: Copy + Eq + fmt::Pointer;

    /// Takes a reference on `o`.
    fn get(&self, o: Self::Obj);
    /// Drops a reference on `o` (freeing it at zero).
    fn put(&self, o: Self::Obj);
    /// A new object equal to `o` (one reference), `None` on failure.
    fn clone_obj(&self, o: Self::Obj) -> Option<Self::Obj>;
    /// Whether the type of `o` merges objects.
    fn has_update(&self, o: Self::Obj) -> bool;
    /// Merges `src` into `dst`: the type's result (0 = merged), `None` without a merge.
    fn update(&self, dst: Self::Obj, src: Self::Obj) -> Option<i32>;
    /// Whether `o` is (or was: libnl leaves the link as it was on removal) linked into a cache
    /// list.
    fn is_linked(&self, o: Self::Obj) -> bool;
    /// The cache holding `o`.
    fn owner(&self, o: Self::Obj) -> Option<Self::Cache>;
    /// Sets or clears the mark of `o`.
    fn set_mark(&self, o: Self::Obj, on: bool);
    /// Whether `o` is marked.
    fn is_marked(&self, o: Self::Obj) -> bool;

    /// Whether objects like `o` belong in `c` (the cache type's object type is theirs).
    fn accepts(&self, c: Self::Cache, o: Self::Obj) -> bool;
    /// The objects of `c`, in list order (a snapshot).
    fn items(&self, c: Self::Cache) -> Vec<Self::Obj>;
    /// The first object of `c`.
    fn first(&self, c: Self::Cache) -> Option<Self::Obj>;
    /// The object after `o` in the list of `c`, read now (walks see changes made meanwhile,
    /// as libnl's list walks do).
    fn next(&self, c: Self::Cache, o: Self::Obj) -> Option<Self::Obj>;
    /// The reference count of `c` (a snapshot).
    fn cache_refcnt(&self, c: Self::Cache) -> i32;
    /// Adds a reference to `c` atomically; returns the previous count.
    fn cache_ref_add(&self, c: Self::Cache) -> i32;
    /// Drops a reference from `c` atomically; returns the previous count (a drop from 1 sees
    /// every other thread's use of the cache, see [`crate::engine::refcount`]).
    fn cache_ref_drop(&self, c: Self::Cache) -> i32;
    /// Releases an empty cache: its index, then the cache itself.
    fn release_cache(&self, c: Self::Cache);
    /// A new empty cache of the type of `c` with one reference; with `keep_af_iter` it also
    /// iterates address families when `c` does. `None` when out of memory.
    fn alloc_like(&self, c: Self::Cache, keep_af_iter: bool) -> Option<Self::Cache>;
    /// Whether the object type of `c` prints dumps of type `ty`.
    fn can_dump(&self, c: Self::Cache, ty: DumpType) -> bool;
    /// The object of `c` identical to `needle` through the index: `None` when `c` has no
    /// index, `Some(None)` when the index has no such object. No reference is taken.
    fn index_lookup(&self, c: Self::Cache, needle: Self::Obj) -> Option<Option<Self::Obj>>;
    /// Links `o` into `c` (index first: an identical object there refuses it with `Exist`;
    /// then the list tail), taking over one reference the caller provides.
    fn link(&self, c: Self::Cache, o: Self::Obj) -> Result<()>;
    /// Takes `o` out of `c` (index and list), without touching reference counts.
    fn unlink(&self, c: Self::Cache, o: Self::Obj);
    /// The action (`NL_ACT_*`) of message type `msgtype` in the type of `c`; `None` when the
    /// type does not handle that message type.
    fn msg_action(&self, c: Self::Cache, msgtype: i32) -> Option<i32>;
    /// The message type `o` was parsed from.
    fn msgtype(&self, o: Self::Obj) -> i32;
    /// The name of the type of `c`, for debug lines.
    fn cache_name(&self, c: Self::Cache) -> String;
}

/// `nl_cache_get`: takes a reference on `c`.
pub fn cache_get<M: Model>(m: &M, c: M::Cache) {
    m.cache_ref_add(c);
}

/// `nl_cache_put` / `nl_cache_free`: drops a reference on `c`; with the last one the cache is
/// emptied (its references on the objects dropped) and released.
pub fn cache_put<M: Model>(m: &M, c: M::Cache) {
    let n = m.cache_ref_drop(c).wrapping_sub(1);
    crate::nl_dbg!(
        3,
        "Decremented cache {:p} <{}> reference count, {}\n",
        c,
        m.cache_name(c),
        n
    );
    if n < 0 {
        // A put without a reference (the count was 0 already): only the put that takes the
        // count from 1 to 0 frees, so two threads can never both free the cache.
        crate::nl_dbg!(
            1,
            "nl_cache_put: cache {:p} has a negative reference count\n",
            c
        );
        return;
    }
    if n == 0 {
        clear(m, c);
        crate::nl_dbg!(2, "Freeing cache {:p} <{}>...\n", c, m.cache_name(c));
        m.release_cache(c);
    }
}

/// `nl_cache_add`: adds `o` to `c` with a new reference, or a clone of `o` when `o` is (or
/// was) in a cache list.
pub fn add<M: Model>(m: &M, c: M::Cache, o: M::Obj) -> Result<()> {
    if !m.accepts(c, o) {
        return Err(Error::ObjMismatch);
    }
    let new = if m.is_linked(o) {
        crate::nl_dbg!(3, "Object {:p} already in cache, cloning new object\n", o);
        m.clone_obj(o).ok_or(Error::NoMem)?
    } else {
        m.get(o);
        o
    };
    link(m, c, new).inspect_err(|_| m.put(new))
}

fn link<M: Model>(m: &M, c: M::Cache, o: M::Obj) -> Result<()> {
    m.link(c, o)?;
    crate::nl_dbg!(
        3,
        "Added object {:p} to cache {:p} <{}>\n",
        o,
        c,
        m.cache_name(c)
    );
    Ok(())
}

/// `nl_cache_move`: moves `o` into `c`, out of the cache holding it, if any.
pub fn move_to<M: Model>(m: &M, c: M::Cache, o: M::Obj) -> Result<()> {
    if !m.accepts(c, o) {
        return Err(Error::ObjMismatch);
    }
    crate::nl_dbg!(3, "Moving object {:p} to cache {:p}\n", o, c);
    // The reference the new cache keeps; leaving the old cache drops the old one.
    m.get(o);
    if m.is_linked(o) {
        remove(m, o);
    }
    // libnl-compat: libnl leaks the new reference when linking fails; it is dropped here.
    link(m, c, o).inspect_err(|_| m.put(o))
}

/// `nl_cache_remove`: takes `o` out of its cache and drops the cache's reference.
pub fn remove<M: Model>(m: &M, o: M::Obj) {
    let Some(c) = m.owner(o) else {
        return;
    };
    m.unlink(c, o);
    crate::nl_dbg!(
        2,
        "Deleted object {:p} from cache {:p} <{}>.\n",
        o,
        c,
        m.cache_name(c)
    );
    m.put(o);
}

/// `nl_cache_clear`: removes every object.
pub fn clear<M: Model>(m: &M, c: M::Cache) {
    crate::nl_dbg!(2, "Clearing cache {:p} <{}>...\n", c, m.cache_name(c));
    while let Some(o) = m.first(c) {
        remove(m, o);
    }
}

/// `nl_cache_search`: the object of `c` identical to `needle`, with a new reference.
pub fn search<M: Model>(m: &M, c: M::Cache, needle: M::Obj) -> Option<M::Obj> {
    let found = match m.index_lookup(c, needle) {
        Some(hit) => hit,
        None => m.items(c).into_iter().find(|o| eo::identical(*o, needle)),
    };
    found.inspect(|o| m.get(*o))
}

/// `nl_cache_find`: the first object of `c` matching `filter`, with a new reference. A filter
/// holding exactly its identity attributes goes through the index when there is one.
pub fn find<M: Model>(m: &M, c: M::Cache, filter: M::Obj) -> Option<M::Obj> {
    let id_only = match filter.id_attrs() {
        eo::IdAttrs::PerObject(a) | eo::IdAttrs::Type(a) => a == filter.mask(),
        eo::IdAttrs::None => filter.mask() == 0,
    };
    let found = match id_only.then(|| m.index_lookup(c, filter)).flatten() {
        Some(hit) => hit,
        None => m
            .items(c)
            .into_iter()
            .find(|o| eo::match_filter(*o, filter)),
    };
    found.inspect(|o| m.get(*o))
}

/// The objects of `c` matching `filter` (all of them without one), in list order.
pub fn matching<M: Model>(m: &M, c: M::Cache, filter: Option<M::Obj>) -> Vec<M::Obj> {
    let mut v = m.items(c);
    if let Some(f) = filter {
        v.retain(|o| eo::match_filter(*o, f));
    }
    v
}

/// `nl_cache_subset`: a new cache of the type of `c` holding the objects that match `filter`
/// (each gains a reference).
pub fn subset<M: Model>(m: &M, c: M::Cache, filter: M::Obj) -> Option<M::Cache> {
    let n = m.alloc_like(c, false)?;
    for o in matching(m, c, Some(filter)) {
        let _ = add(m, n, o);
    }
    Some(n)
}

/// `nl_cache_clone`: a new cache of the type of `c` (iterating address families when `c` does)
/// holding clones of all its objects.
pub fn clone_cache<M: Model>(m: &M, c: M::Cache) -> Option<M::Cache> {
    let n = m.alloc_like(c, true)?;
    for o in m.items(c) {
        let _ = add(m, n, o);
    }
    Some(n)
}

/// `nl_cache_foreach_filter`: calls `f` for every object of `c` matching `filter` (all
/// without one), holding a reference on it meanwhile. The next object is looked up before the
/// call, so `f` may remove the current one.
pub fn foreach<M: Model>(m: &M, c: M::Cache, filter: Option<M::Obj>, mut f: impl FnMut(M::Obj)) {
    let mut cur = m.first(c);
    while let Some(o) = cur {
        cur = m.next(c, o);
        if filter.is_some_and(|flt| !eo::match_filter(o, flt)) {
            continue;
        }
        m.get(o);
        f(o);
        m.put(o);
    }
}

/// `nl_cache_dump_filter`: nothing for a dump type outside libnl's range (libnl-compat:
/// libnl aborts) or one the object type does not print; else `begin` (the caller clears its
/// buffer), then `each` for every object matching `filter` (all without one), in list order.
pub fn dump<M: Model>(
    m: &M,
    c: M::Cache,
    dp_type: i32,
    filter: Option<M::Obj>,
    begin: impl FnOnce(),
    mut each: impl FnMut(M::Obj),
) {
    let Some(ty) = DumpType::from_c(dp_type) else {
        crate::nl_dbg!(1, "nl_cache_dump_filter: invalid dump type {}\n", dp_type);
        return;
    };
    if !m.can_dump(c, ty) {
        return;
    }
    begin();
    let mut cur = m.first(c);
    while let Some(o) = cur {
        if filter.is_none_or(|flt| eo::match_filter(o, flt)) {
            crate::nl_dbg!(4, "Dumping object {:p}...\n", o);
            each(o);
        }
        cur = m.next(c, o);
    }
}

/// One change reported by [`include()`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change<O> {
    /// The object before the change (v2 callbacks; `None` for a new object).
    pub old: Option<O>,
    /// The object after the change (`None` for a deletion).
    pub new: Option<O>,
    /// The attributes that differ (v2 callbacks).
    pub diff: u64,
    /// `NL_ACT_*`.
    pub act: i32,
}

/// Which change callback the caller has, which decides what [`include()`] computes and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notify {
    /// No callback.
    None,
    /// `change_func_t`: gets the affected object and the action.
    V1,
    /// `change_func_v2_t`: gets old and new object and the difference.
    V2,
}

impl Notify {
    /// The kind a caller with these callbacks gets: the v2 callback wins over the v1 one.
    pub fn of(v1: bool, v2: bool) -> Notify {
        match (v1, v2) {
            (_, true) => Notify::V2,
            (true, false) => Notify::V1,
            (false, false) => Notify::None,
        }
    }
}

/// Who hears about the changes of a cache: the caller's change callback of either kind, or
/// nobody. The FFI layer implements it over `change_func_t`/`change_func_v2_t` and their
/// argument.
pub trait Listener<C, O> {
    /// Which callback kind there is (decides what [`include()`] and the resync compute).
    fn notify(&self) -> Notify;
    /// Reports one change of cache `c`.
    fn report(&self, c: C, ch: Change<O>);
}

/// `nl_cache_include[_v2]`: applies `o`, an object the kernel announced with message action
/// `act`, to `c`, reporting through `report` what changed (old/new as the callback kind gets
/// them: with [`Notify::V1`], `new` holds the object the v1 callback receives).
///
/// New or deleted: an identical cached object is merged with `o` when the type can (a change),
/// else replaced by it (new) or removed (deleted). Other actions are ignored.
pub fn include<M: Model>(
    m: &M,
    c: M::Cache,
    o: M::Obj,
    act: i32,
    notify: Notify,
    report: &mut dyn FnMut(Change<M::Obj>),
) -> Result<()> {
    if act != NL_ACT_NEW && act != NL_ACT_DEL {
        crate::nl_dbg!(2, "Unknown action associated to object {:p}\n", o);
        return Ok(());
    }
    let v1 = |obj: M::Obj, act: i32| Change {
        old: None,
        new: Some(obj),
        diff: 0,
        act,
    };
    let old = search(m, c, o);
    if let Some(old) = old {
        let mut before = None;
        let mut diff = 0;
        if notify == Notify::V2 && m.has_update(old) {
            before = m.clone_obj(old);
            diff = eo::diff64(old, o);
        }
        if m.update(old, o) == Some(0) {
            match notify {
                // libnl-compat: "new" is the incoming object, not the merged one.
                Notify::V2 => report(Change {
                    old: before,
                    new: Some(o),
                    diff,
                    act: NL_ACT_CHANGE,
                }),
                Notify::V1 => report(v1(old, NL_ACT_CHANGE)),
                Notify::None => {}
            }
            if let Some(b) = before {
                m.put(b);
            }
            m.put(old);
            return Ok(());
        }
        if let Some(b) = before {
            m.put(b);
        }
        remove(m, old);
        if act == NL_ACT_DEL {
            match notify {
                Notify::V2 => report(Change {
                    old: Some(old),
                    new: None,
                    diff: 0,
                    act: NL_ACT_DEL,
                }),
                Notify::V1 => report(v1(old, NL_ACT_DEL)),
                Notify::None => {}
            }
            m.put(old);
        }
    }
    if act == NL_ACT_NEW {
        move_to(m, c, o)?;
        match old {
            None => match notify {
                Notify::V2 => report(Change {
                    old: None,
                    new: Some(o),
                    diff: 0,
                    act: NL_ACT_NEW,
                }),
                Notify::V1 => report(v1(o, NL_ACT_NEW)),
                Notify::None => {}
            },
            Some(old) => {
                let diff = if notify == Notify::None {
                    0
                } else {
                    eo::diff64(old, o)
                };
                if diff != 0 {
                    match notify {
                        Notify::V2 => report(Change {
                            old: Some(old),
                            new: Some(o),
                            diff,
                            act: NL_ACT_CHANGE,
                        }),
                        Notify::V1 => report(v1(o, NL_ACT_CHANGE)),
                        Notify::None => {}
                    }
                }
                m.put(old);
            }
        }
    }
    Ok(())
}

/// [`include()`] with the action of `o`'s message type in `c`'s type (`MsgTypeNoSupport` when
/// the type does not handle it).
pub fn include_by_msgtype<M: Model>(
    m: &M,
    c: M::Cache,
    o: M::Obj,
    notify: Notify,
    report: &mut dyn FnMut(Change<M::Obj>),
) -> Result<()> {
    if !m.accepts(c, o) {
        return Err(Error::ObjMismatch);
    }
    match m.msg_action(c, m.msgtype(o)) {
        Some(act) => include(m, c, o, act, notify, report),
        None => {
            crate::nl_dbg!(
                3,
                "Object {:p} does not seem to belong to cache {:p} <{}>\n",
                o,
                c,
                m.cache_name(c)
            );
            Err(Error::MsgTypeNoSupport)
        }
    }
}

/// `nl_cache_parse`'s use of a type's message parser: it runs once per entry of the type's
/// message-type table that matches the message (`matches` of them) until it returns anything
/// but `-NLE_OPNOTSUPP`, libnl 3.7's "not mine" (other values, a raw `-ENOENT` included, are
/// returned as they are); `-NLE_MSGTYPE_NOSUPPORT` when no entry matches or every call
/// declined.
pub fn parse_by_msgtype(matches: usize, mut parse: impl FnMut() -> i32) -> i32 {
    let declined = Error::OpNotSupp.to_nle();
    for _ in 0..matches {
        let r = parse();
        if r != declined {
            return r;
        }
    }
    Error::MsgTypeNoSupport.to_nle()
}

/// `nl_cache_parse`: `MsgTooShort` (as a negative code) for a message of `nlmsg_len` bytes
/// shorter than the netlink header plus the type's family header of `hdrsize` bytes, else
/// [`parse_by_msgtype`].
pub fn parse_message(
    hdrsize: i32,
    nlmsg_len: u32,
    matches: usize,
    parse: impl FnMut() -> i32,
) -> i32 {
    let need = usize::try_from(hdrsize)
        .ok()
        .and_then(|n| n.checked_add(crate::engine::wire::NLMSG_HDRLEN))
        .unwrap_or(usize::MAX);
    if (nlmsg_len as usize) < need {
        return Error::MsgTooShort.to_nle();
    }
    parse_by_msgtype(matches, parse)
}

/// The object-delivery step of `nl_cache_pickup_checkdup`: an identical cached object is merged
/// with `o` when the type can, else replaced by it.
pub fn add_checkdup<M: Model>(m: &M, c: M::Cache, o: M::Obj) -> Result<()> {
    if let Some(old) = search(m, c, o) {
        let merged = m.update(old, o) == Some(0);
        if !merged {
            remove(m, old);
        }
        m.put(old);
        if merged {
            return Ok(());
        }
    }
    add(m, c, o)
}

/// Start of a resync: marks every object of `c`; each one the kernel still reports is unmarked
/// by [`resync_seen`], and [`resync_sweep`] removes the rest.
pub fn resync_mark<M: Model>(m: &M, c: M::Cache) {
    for o in m.items(c) {
        m.set_mark(o, true);
    }
}

/// The object-delivery step of a resync: includes `o` as a new object (reporting changes), and
/// unmarks the cached object it matched when that one was merged in place and stays cached.
/// libnl leaves a merged object marked, and the sweep then deletes it as vanished.
pub fn resync_seen<M: Model>(
    m: &M,
    c: M::Cache,
    o: M::Obj,
    notify: Notify,
    report: &mut dyn FnMut(Change<M::Obj>),
) -> Result<()> {
    let old = search(m, c, o);
    let r = include_by_msgtype(m, c, o, notify, report);
    if let Some(old) = old {
        if m.owner(old) == Some(c) {
            m.set_mark(old, false);
        }
        m.put(old);
    }
    r
}

/// End of a resync: removes every object still marked (the kernel no longer has it), then
/// reports it as deleted.
pub fn resync_sweep<M: Model>(
    m: &M,
    c: M::Cache,
    notify: Notify,
    report: &mut dyn FnMut(Change<M::Obj>),
) {
    for o in m.items(c) {
        if m.is_marked(o) {
            m.get(o);
            remove(m, o);
            match notify {
                Notify::V2 => report(Change {
                    old: Some(o),
                    new: None,
                    diff: 0,
                    act: NL_ACT_DEL,
                }),
                Notify::V1 => report(Change {
                    old: None,
                    new: Some(o),
                    diff: 0,
                    act: NL_ACT_DEL,
                }),
                Notify::None => {}
            }
            m.put(o);
        }
    }
}

/// The mock model of the unit tests (objects and caches in vectors, a fake kernel), reachable
/// outside the crate only with the `fuzzing` feature, for the cache fuzz target and its replay.
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
#[allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]
pub mod mock;

#[cfg(test)]
mod tests;
